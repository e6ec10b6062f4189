"""Review of new customers (待审核) by admins: the notice with Approve / Reject, /review, and the owner's answer."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.domain.industries import Industry
from bot.domain.records import CustomerProfile, UserRecord
from bot.i18n import Raw, t, t_plain
from bot.services import review
from bot.services.errors import NotAllowed, ServiceError
from handlers import new_customer_render as render
from handlers.customer_common import alert, answer, clock, me, number
from handlers.deps import Context, get_deps
from handlers.replies import Rows, edit, keyboard, reply
from handlers.scope import current_scope


def _data(profile: CustomerProfile) -> dict[str, Any]:
    fields = profile.fields
    data: dict[str, Any] = {f: getattr(fields, f) for f in ("name", *render.PROFILE)}
    primary = next((c for c in profile.contacts if c.is_primary and c.left_at is None), None)
    if primary is not None:
        data.update(contact_name=primary.name, contact_title=primary.title, contact_phone=primary.phone,
                    contact_email=primary.email)
    return data


def review_text(profile: CustomerProfile, lang: str, industries: Sequence[Industry]) -> str:
    """What an admin needs to decide: the profile, its code and who added it."""
    return Raw("\n".join([t(lang, "newcust.review_title", code=profile.code),
                          render.summary(_data(profile), lang, industries),
                          t(lang, "newcust.review_owner", owner=profile.owner_name)]))


def review_rows(customer_id: int, lang: str) -> Rows:
    """Approve / Reject."""
    return [[(t_plain(lang, "newcust.btn_approve"), f"rv:ok:{customer_id}"),
             (t_plain(lang, "newcust.btn_reject"), f"rv:no:{customer_id}")]]


async def notify_reviewers(context: Context, reviewers: Sequence[UserRecord], customer_id: int) -> None:
    """Tell each admin, in their language, that a new customer waits for review."""
    profile = await review.profile(current_scope().uow, customer_id)
    industries = get_deps(context).industries
    for admin in reviewers:
        with contextlib.suppress(TelegramError):  # one blocked admin must not stop the others
            await context.bot.send_message(admin.telegram_id, review_text(profile, admin.language, industries),
                                           parse_mode=ParseMode.HTML,
                                           reply_markup=keyboard(review_rows(customer_id, admin.language)))


async def review_command(update: Update, context: Context) -> None:
    """/review (admins): the customers waiting for review, each with Approve / Reject."""
    user = me()
    try:
        profiles, total = await review.pending(current_scope().uow, user)
    except NotAllowed:
        await reply(update, t(user.language, "newcust.review_admins_only"))
        return
    if not profiles:
        await reply(update, t(user.language, "newcust.review_none"))
        return
    key = "newcust.review_header_more" if total > len(profiles) else "newcust.review_header"
    await reply(update, t(user.language, key, count=total, shown=len(profiles)))
    industries = get_deps(context).industries
    for profile in profiles:
        await reply(update, review_text(profile, user.language, industries), review_rows(profile.id, user.language))


async def review_button(update: Update, context: Context) -> None:
    """rv:ok|no:<id>: decide, show the decision on the message and tell the owner."""
    user, query = me(), update.callback_query
    data = (query.data if query else "") or ""
    try:
        decision = await review.decide(current_scope().uow, user, number(data, 2), approve=data.startswith("rv:ok:"),
                                       now=clock(context))
    except review.AlreadyDecided as exc:
        await alert(update, f"newcust.review_already_{exc.params['status']}")
        return
    except ServiceError as exc:
        await alert(update, exc.key, **exc.params)
        return
    await answer(update)
    profile, lang = decision.profile, user.language
    industries = get_deps(context).industries
    await edit(update, Raw(review_text(profile, lang, industries) + "\n"
                           + t(lang, f"newcust.review_done_{decision.status}", admin=user.name)))
    owner = decision.owner
    if owner is None or owner.id == user.id or not owner.active:
        return
    text = t(owner.language, f"newcust.owner_{decision.status}", name=profile.fields.name, code=profile.code,
             admin=user.name)
    rows = [[(t_plain(owner.language, "newcust.btn_open_saved"), f"cu:open:{profile.id}")]]
    with contextlib.suppress(TelegramError):  # the decision stands even if the owner blocked the bot
        await context.bot.send_message(owner.telegram_id, text, parse_mode=ParseMode.HTML,
                                       reply_markup=keyboard(rows if decision.status == review.APPROVED else None))


def register_review(app: Application) -> None:  # type: ignore[type-arg]
    """/review and the Approve / Reject buttons."""
    app.add_handler(CommandHandler("review", review_command))
    app.add_handler(CallbackQueryHandler(review_button, pattern=r"^rv:(ok|no):\d+$"))
