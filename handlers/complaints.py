"""Complaints and satisfaction feedback in chat.

Form kinds: complaint (content → severity → handler), complaint_resolve (resolution), feedback
(score → comment). Buttons: cp:new|view|go|res:<id>, fb:new:<customer>, and the open form's
cp:<token>:sev:<s>|h:<user>|x and fb:<token>:s:<n>|skip|x.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.domain.feedback import MAX_TEXT
from bot.i18n import t
from handlers import complaint_actions as actions
from handlers import complaint_feedback as scores
from handlers import complaint_form as recording
from handlers.customer_common import alert, answer, me, number
from handlers.deps import Context
from handlers.forms import Form, add_form_handlers, close_form, current_form
from handlers.replies import reply

KINDS = ("complaint", "complaint_resolve", "feedback")
PREFIX_KINDS = {"cp": ("complaint", "complaint_resolve"), "fb": ("feedback",)}


async def complaint_command(update: Update, context: Context) -> None:
    """/complaint <customer>: record one; /complaint alone: the open complaints in scope."""
    query = " ".join(context.args or []).strip()
    if query:
        await recording.pick_customer(update, context, query, "cp", recording.start_complaint)
    else:
        await actions.list_open(update, context)


async def form_text(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed answer while one of this feature's forms is open."""
    lang, kind, step = me().language, form["kind"], form["step"]
    if kind == "complaint" and step == "content":
        await recording.content_text(update, context, form, text)
    elif kind == "complaint_resolve":
        await actions.resolution_text(update, context, form, text)
    elif kind == "feedback" and step == "comment":
        await scores.comment(update, context, form, text)
    else:
        await reply(update, t(lang, "complaint.use_buttons"))


async def form_button(update: Update, context: Context) -> None:
    """Buttons of the open form; another form's or a stale token is 'expired'."""
    query = update.callback_query
    parts = ((query.data if query else "") or "").split(":")
    form = current_form(context, token=parts[1] if len(parts) > 2 else "")
    if form is None or form["kind"] not in PREFIX_KINDS.get(parts[0], ()):
        await alert(update, "error.expired")
        return
    action, arg, step = parts[2], parts[3] if len(parts) > 3 else "", form["step"]
    if action == "x":
        await answer(update)
        close_form(context)
        await reply(update, t(me().language, "complaint.cancelled"))
    elif action == "sev" and step == "severity":
        await recording.severity_chosen(update, context, form, arg)
    elif action == "h" and step == "handler":
        await recording.handler_chosen(update, context, form, number(arg, 0))
    elif action == "s" and step == "score":
        await scores.score_chosen(update, context, form, arg)
    elif action == "skip" and step == "comment":
        await scores.comment(update, context, form, None)
    else:
        await answer(update)
        await reply(update, t(me().language, "complaint.use_buttons"))


def register_complaints(app: Application) -> None:  # type: ignore[type-arg]
    """Commands, buttons and form answers of this feature."""
    add_form_handlers(app, KINDS, form_text, cancelled="complaint.cancelled", text_only="complaint.type_text",
                      too_long="complaint.bad_text", limit=MAX_TEXT)
    app.add_handler(CommandHandler("complaint", complaint_command))
    app.add_handler(CommandHandler("feedback", scores.feedback_command))
    buttons = {
        r"^cp:new:\d+$": recording.new_button, r"^cp:view:\d+$": actions.view_button,
        r"^cp:go:\d+$": actions.start_button, r"^cp:res:\d+$": actions.resolve_button,
        r"^fb:new:\d+$": scores.new_button, r"^(cp|fb):[0-9a-f]{6}:": form_button,
    }
    for pattern, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=pattern))
