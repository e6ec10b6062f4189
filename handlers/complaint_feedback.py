"""Satisfaction feedback (满意度评分): /feedback <customer> or the card's fb:new button → score → comment."""

from __future__ import annotations

from telegram import Update

from bot.domain.feedback import is_score
from bot.i18n import t, t_plain
from bot.services import feedback
from bot.services.errors import ServiceError
from handlers import complaint_render as render
from handlers.complaint_form import pick_customer
from handlers.customer_common import answer, clock, customer_or_refuse, me, number, pressed_id, refuse
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form, touch_form
from handlers.replies import reply
from handlers.scope import current_scope


async def feedback_command(update: Update, context: Context) -> None:
    """/feedback <customer>: record a satisfaction score."""
    query = " ".join(context.args or []).strip()
    if not query:
        await reply(update, t(me().language, "complaint.usage_feedback"))
        return
    await pick_customer(update, context, query, "fb", start_feedback)


async def new_button(update: Update, context: Context) -> None:
    """fb:new:<customer>: score this customer (from the card or a choice)."""
    await start_feedback(update, context, pressed_id(update))


async def start_feedback(update: Update, context: Context, customer_id: int) -> None:
    """Open the feedback form on a visible customer: ask the score."""
    user, customer = me(), await customer_or_refuse(update, customer_id)
    if customer is None:
        return
    form = open_form(context, "feedback", "score", customer_id=customer.id, name=customer.name)
    await reply(update, t(user.language, "complaint.ask_score", name=customer.name),
                render.score_rows(form["token"], user.language))


async def score_chosen(update: Update, context: Context, form: Form, raw: str) -> None:
    """A score button (1–5; anything else was forged): ask for an optional comment."""
    user, score = me(), number(raw, 0)
    if not is_score(score):
        await refuse(update, feedback.BadScore())
        return
    await answer(update)
    form["data"]["score"] = score
    touch_form(context, form, "comment")
    token = form["token"]
    await reply(update, t(user.language, "complaint.ask_comment", score=score),
                [[(t_plain(user.language, "complaint.btn_skip"), f"fb:{token}:skip"),
                  (t_plain(user.language, "complaint.btn_cancel"), f"fb:{token}:x")]])


async def comment(update: Update, context: Context, form: Form, text: str | None) -> None:
    """The comment (None: skipped): save, then show the score and its trend."""
    user, data = me(), form["data"]
    try:
        summary = await feedback.record_feedback(current_scope().uow, user, data["customer_id"], data["score"], text,
                                                 now=clock(context))
    except feedback.CommentTooLong as exc:
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    except ServiceError as exc:
        close_form(context)
        await refuse(update, exc)
        return
    await answer(update)
    close_form(context)
    await reply(update, t(user.language, "complaint.feedback_saved", name=data["name"],
                          line=render.feedback_line(summary, user.language), average=f"{summary.average:.1f}"))
