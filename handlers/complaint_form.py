"""Recording a complaint: /complaint <customer> or the card's cp:new button, then content → severity → handler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.domain.feedback import MAX_TEXT, ComplaintRecord
from bot.i18n import Raw, t, t_plain
from bot.services import complaints
from bot.services.customer_search import find_customers
from bot.services.errors import ServiceError
from handlers import complaint_render as render
from handlers.customer_common import answer, clock, customer_or_refuse, me, pressed_id, refuse, zone
from handlers.customer_render import short
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form, touch_form
from handlers.replies import keyboard, reply
from handlers.scope import current_scope

log = logging.getLogger(__name__)
CHOICES = 8
Start = Callable[[Update, Context, int], Awaitable[None]]


async def pick_customer(update: Update, context: Context, query: str, prefix: str, start: Start) -> None:
    """One match starts at once; several become buttons `<prefix>:new:<id>`; none is said."""
    user = me()
    result = await find_customers(current_scope().uow, user, query, limit=CHOICES)
    if not result.items:
        await reply(update, t(user.language, "complaint.no_customer", query=query))
    elif len(result.items) == 1:
        await start(update, context, result.items[0].id)
    else:
        rows = [[(t_plain(user.language, "complaint.customer_item", name=short(f.name, 40), code=f.code),
                  f"{prefix}:new:{f.id}")] for f in result.items]
        await reply(update, t(user.language, "complaint.choose_customer", query=query), rows)


async def new_button(update: Update, context: Context) -> None:
    """cp:new:<customer>: record a complaint on this customer (from the card or a choice)."""
    await start_complaint(update, context, pressed_id(update))


async def start_complaint(update: Update, context: Context, customer_id: int) -> None:
    """Open the complaint form on a visible customer: ask the content."""
    user, customer = me(), await customer_or_refuse(update, customer_id)
    if customer is None:
        return
    form = open_form(context, "complaint", "content", customer_id=customer.id)
    await reply(update, t(user.language, "complaint.ask_content", name=customer.name, limit=MAX_TEXT),
                [[(t_plain(user.language, "complaint.btn_cancel"), f"cp:{form['token']}:x")]])


async def content_text(update: Update, context: Context, form: Form, raw: str) -> None:
    """The typed content: check its length, then ask the severity."""
    lang = me().language
    try:
        form["data"]["content"] = complaints.clean_text(raw)
    except ServiceError as exc:
        await reply(update, t(lang, exc.key, **exc.params))
        return
    touch_form(context, form, "severity")
    await reply(update, t(lang, "complaint.ask_severity"), render.severity_rows(form["token"], lang))


async def severity_chosen(update: Update, context: Context, form: Form, severity: str) -> None:
    """A severity button: ask who handles it (the owner first)."""
    user = me()
    if severity not in render.SEVERITIES:
        await refuse(update, complaints.BadChoice())
        return
    try:
        choices = await complaints.handler_choices(current_scope().uow, user, form["data"]["customer_id"])
    except ServiceError as exc:
        close_form(context)
        await refuse(update, exc)
        return
    await answer(update)
    form["data"]["severity"] = severity
    touch_form(context, form, "handler")
    await reply(update, t(user.language, "complaint.ask_handler"),
                render.handler_rows(form["token"], choices, user.language))


async def handler_chosen(update: Update, context: Context, form: Form, handler_id: int) -> None:
    """A handler button: save, show the complaint, and notify the managers of a high one."""
    user, data = me(), form["data"]
    try:
        saved = await complaints.record_complaint(current_scope().uow, user, data["customer_id"],
                                                  content=data["content"], severity=data["severity"],
                                                  handler_id=handler_id, now=clock(context))
    except complaints.BadChoice as exc:
        await refuse(update, exc)  # a forged handler: the form stays open for a real choice
        return
    except ServiceError as exc:
        close_form(context)
        await refuse(update, exc)
        return
    await answer(update)
    close_form(context)
    lang, record = user.language, saved.complaint
    view = render.complaint_text(record, lang, zone=zone(user), now=clock(context))
    await reply(update, Raw(t(lang, "complaint.saved") + "\n\n" + view), render.complaint_rows(record, lang))
    told = [m.name for m in saved.notify if await _notify(context, m.telegram_id, m.language, record, user.name)]
    if told:
        await reply(update, t(lang, "complaint.notified", names="、".join(told) if lang == "zh" else ", ".join(told)))


async def _notify(context: Context, chat_id: int, lang: str, record: ComplaintRecord,
                  author: str) -> bool:
    """Tell one manager at once; a failure (blocked bot, network) is logged and the complaint stays saved."""
    try:
        await context.bot.send_message(chat_id=chat_id, text=render.alert_text(record, author, lang),
                                       parse_mode=ParseMode.HTML,
                                       reply_markup=keyboard([[(t_plain(lang, "complaint.btn_open"),
                                                                f"cp:view:{record.id}")]]))
    except TelegramError:
        log.warning("could not notify chat %s of complaint %s", chat_id, record.id, exc_info=True)
        return False
    return True
