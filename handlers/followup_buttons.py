"""Buttons of the reminders: Snooze a customer (reason, then until when), a manager's "nudge rep", and
/team (who is active, who blocked the bot)."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.domain.dates import parse_when
from bot.i18n import Raw, format_date, t, t_plain
from bot.services import snooze as snoozing
from bot.services.customer_file import ReasonRequired, clean_reason
from bot.services.errors import ServiceError
from handlers.customer_common import alert, answer, clock, customer_or_refuse, me, pressed_id, refuse, zone
from handlers.deps import Context
from handlers.forms import Form, add_form_handlers, close_form, current_form, open_form, touch_form
from handlers.replies import reply
from handlers.scope import current_scope

log = logging.getLogger(__name__)
KINDS = ("snooze",)
MAX_REASON = 500
QUICK = {"1w": 7, "2w": 14, "1m": 30}


def _cancel(form: Form, lang: str) -> list[tuple[str, str]]:
    return [(t_plain(lang, "cust.btn_cancel"), f"fu:{form['token']}:x")]


async def snooze_button(update: Update, context: Context) -> None:
    """fu:snz:<customer_id>: ask why."""
    customer = await customer_or_refuse(update, pressed_id(update))
    if customer is None:
        return
    lang = me().language
    form = open_form(context, "snooze", "reason", customer_id=customer.id, name=customer.name)
    await reply(update, t(lang, "followup.snooze_ask_reason", customer=customer.name),
                [_cancel(form, lang)])


async def snooze_text(update: Update, context: Context, form: Form, text: str) -> None:
    """The reason, then the resume date typed."""
    lang = me().language
    if form["step"] == "reason":
        try:
            form["data"]["reason"] = clean_reason(text)
        except ReasonRequired as exc:
            await reply(update, t(lang, exc.key), [_cancel(form, lang)])
            return
        touch_form(context, form, "until")
        quick = [(t_plain(lang, f"followup.btn_snooze_{k}"), f"fu:{form['token']}:{k}") for k in QUICK]
        await reply(update, t(lang, "followup.snooze_ask_until"), [quick, _cancel(form, lang)])
        return
    local_now = clock(context).astimezone(zone(me()))
    found = parse_when(text, now=local_now, prefer="future")
    await _save(update, context, form, found.date() if found else None)


async def snooze_quick(update: Update, context: Context) -> None:
    """fu:<token>:1w|2w|1m, or x (cancel)."""
    data = (update.callback_query.data if update.callback_query else "") or ""
    _, token, choice = data.split(":", 2)
    form = current_form(context, "snooze", token)
    if form is None or (choice != "x" and (form["step"] != "until" or choice not in QUICK)):
        await alert(update, "error.expired")
        return
    await answer(update)
    if choice == "x":
        close_form(context)
        await reply(update, t(me().language, "cust.form_cancelled"))
        return
    local_today = clock(context).astimezone(zone(me())).date()
    await _save(update, context, form, local_today + timedelta(days=QUICK[choice]))


async def _save(update: Update, context: Context, form: Form, day: date | None) -> None:
    user, data = me(), form["data"]
    lang, now = user.language, clock(context)
    if day is None:
        await reply(update, t(lang, "followup.snooze_bad_until"), [_cancel(form, lang)])
        return
    until = datetime.combine(day, time(0, 0), tzinfo=zone(user))
    try:
        name = await snoozing.snooze(current_scope().uow, user, data["customer_id"], reason=data["reason"],
                                     until=until, now=now)
    except snoozing.BadResume as exc:
        await reply(update, t(lang, exc.key), [_cancel(form, lang)])
        return
    except ServiceError as exc:
        close_form(context)
        await refuse(update, exc)
        return
    close_form(context)
    await reply(update, t(lang, "followup.snoozed", customer=name, until=format_date(until, lang, with_year=True)))


async def nudge_button(update: Update, context: Context) -> None:
    """fu:ndg:<customer_id>: the manager asks the rep to follow up today."""
    manager = me()
    try:
        nudge = await snoozing.nudge(current_scope().uow, manager, pressed_id(update))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    text = t(nudge.owner_language, "followup.nudge_message", manager=manager.name, customer=nudge.customer_name)
    button = InlineKeyboardButton(t_plain(nudge.owner_language, "followup.btn_log", name=nudge.customer_name[:20]),
                                  callback_data=f"log:c:{nudge.customer_id}")
    try:
        await context.bot.send_message(nudge.owner_telegram_id, text, parse_mode=ParseMode.HTML,
                                       reply_markup=InlineKeyboardMarkup([[button]]))
    except TelegramError:
        log.warning("could not nudge user %s", nudge.owner_telegram_id, exc_info=True)
        await reply(update, t(manager.language, "followup.nudge_failed", rep=nudge.owner_name))
        return
    await reply(update, t(manager.language, "followup.nudged", rep=nudge.owner_name, customer=nudge.customer_name))


async def team_command(update: Update, context: Context) -> None:
    """/team: the manager's team with reachability and customers owned."""
    user = me()
    try:
        members = await snoozing.team(current_scope().uow, user)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    lang = user.language
    lines = [t(lang, "followup.team_title", count=len(members))]
    for m in members:
        key = ("followup.team_unreachable" if m.unreachable_since else
               "followup.team_line" if m.active else "followup.team_left")
        lines.append(t(lang, key, name=m.name, role=t_plain(lang, f"role.{m.role}"), customers=m.customers,
                       since=format_date(m.unreachable_since.astimezone(zone(user)), lang)
                       if m.unreachable_since else ""))
    await reply(update, Raw("\n".join(lines)))


def register_followup_buttons(app: Application) -> None:  # type: ignore[type-arg]
    """Snooze form, its buttons, the nudge button and /team."""
    add_form_handlers(app, KINDS, snooze_text, limit=MAX_REASON)
    app.add_handler(CommandHandler("team", team_command))
    app.add_handler(CallbackQueryHandler(snooze_button, pattern=r"^fu:snz:\d+$"))
    app.add_handler(CallbackQueryHandler(nudge_button, pattern=r"^fu:ndg:\d+$"))
    app.add_handler(CallbackQueryHandler(snooze_quick, pattern=r"^fu:[0-9a-f]{6}:\w+$"))
