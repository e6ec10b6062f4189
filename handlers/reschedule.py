"""Reschedule a next step: a button asks for the date, the next typed date or a suggestion moves it.

The pending reschedule lives in user_data (persisted like a log draft), not in a ConversationHandler:
only while one is pending does a typed message count as its date, and starting a log, /cancel or
the timeout ends it, so it can never hold a rep's later messages hostage.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.domain.dates import parse_when
from bot.domain.records import NextActionRecord, UserRecord
from bot.i18n import format_datetime, t
from bot.services import next_actions
from bot.services.errors import NotAllowed, ServiceError
from handlers import next_actions_render as render
from handlers.deps import DEPS_KEY, Context, get_deps
from handlers.replies import edit, keyboard, reply
from handlers.scope import current_scope

PENDING_KEY = "reschedule"  # user_data: {"action": id, "card": message id, "since": iso time}


class WhilePending(MessageHandler):  # type: ignore[type-arg]
    """A message handler that only applies while the sender has a reschedule pending (and not expired)."""

    def __init__(self, app: Application, timeout: timedelta, message_filter: filters.BaseFilter,
                 callback: Any) -> None:  # type: ignore[type-arg]
        super().__init__(message_filter, callback)
        self._app, self._timeout = app, timeout

    def check_update(self, update: object) -> Any:
        """Match only when a reschedule of this user is pending."""
        if not isinstance(update, Update) or update.effective_user is None:
            return None
        pending = self._app.user_data.get(update.effective_user.id, {}).get(PENDING_KEY)
        if not pending:
            return None
        clock = self._app.bot_data[DEPS_KEY].clock
        if clock() - datetime.fromisoformat(pending["since"]) > self._timeout:
            return None
        return super().check_update(update)


def forget_reschedule(context: Context) -> bool:
    """Drop a pending reschedule; True when there was one."""
    data = context.user_data
    return data is not None and data.pop(PENDING_KEY, None) is not None


def _user() -> UserRecord:
    user = current_scope().user
    assert user is not None
    return user


def _local_now(context: Context, user: UserRecord) -> datetime:
    return get_deps(context).clock().astimezone(ZoneInfo(user.timezone))


async def reschedule_start(update: Update, context: Context) -> None:
    """Ask when the pressed step should happen instead, with suggestions."""
    query, user = update.callback_query, _user()
    if query is None or context.user_data is None:
        return
    await query.answer()
    raw = (query.data or "").rsplit(":", 1)[-1]
    context.user_data[PENDING_KEY] = {"action": int(raw) if raw.isdigit() else 0,
                                      "card": query.message.message_id if query.message else None,
                                      "since": get_deps(context).clock().isoformat()}
    await reply(update, t(user.language, "next.rs_ask"),
                render.suggestion_rows(user.language, _local_now(context, user)))


async def reschedule_typed(update: Update, context: Context) -> None:
    """Read a typed date; ask again with examples when it is unreadable or vague."""
    user, message = _user(), update.effective_message
    if message is None or not message.text:
        return
    local_now = _local_now(context, user)
    due = parse_when(message.text, now=local_now)
    if due is None:
        await reply(update, t(user.language, "next.rs_unreadable", text=message.text[:80]),
                    render.suggestion_rows(user.language, local_now))
        return
    await _move(update, context, user, due)


async def reschedule_suggested(update: Update, context: Context) -> None:
    """Take a suggested date from a button (only while that reschedule is pending)."""
    query, user = update.callback_query, _user()
    if query is None:
        return
    due = render.suggested_due((query.data or "").rpartition(":")[2], _local_now(context, user))
    if due is None or not (context.user_data or {}).get(PENDING_KEY):
        await query.answer(t(user.language, "error.expired"), show_alert=True)
        return
    await query.answer()
    await _move(update, context, user, due, from_button=True)


async def reschedule_media(update: Update, context: Context) -> None:
    """Stickers, GIFs, contacts and the like while a date is expected: hint and keep waiting."""
    await reply(update, t(_user().language, "next.rs_media"))


async def _move(update: Update, context: Context, user: UserRecord, due: datetime, *,
                from_button: bool = False) -> None:
    scope, now, lang = current_scope(), get_deps(context).clock(), user.language
    pending = (context.user_data or {}).get(PENDING_KEY) or {}
    try:
        action = await next_actions.reschedule(scope.uow, user, int(pending.get("action", 0)), due_at=due, now=now)
    except NotAllowed:
        await reply(update, t(lang, "next.rs_past", when=format_datetime(due, lang)),
                    render.suggestion_rows(lang, _local_now(context, user)))
        return
    except ServiceError as exc:
        forget_reschedule(context)
        await reply(update, t(lang, exc.key, **exc.params))
        return
    forget_reschedule(context)
    confirmation = render.rescheduled_text(action, lang, now=now, zone=ZoneInfo(user.timezone))
    await (edit(update, confirmation) if from_button else reply(update, confirmation))
    await _refresh_card(update, context, user, action, pending.get("card"))


async def _refresh_card(update: Update, context: Context, user: UserRecord, action: NextActionRecord,
                        card: int | None) -> None:
    """Show the new date on the /next message the rep pressed Reschedule on."""
    chat = update.effective_chat
    if card is None or chat is None:
        return
    now, lang = get_deps(context).clock(), user.language
    with contextlib.suppress(TelegramError):  # the old message may be gone; the confirmation is enough
        await context.bot.edit_message_text(
            render.action_text(action, lang, now=now, zone=ZoneInfo(user.timezone)), chat_id=chat.id,
            message_id=card, parse_mode=ParseMode.HTML,
            reply_markup=keyboard(render.action_rows(action.id, lang, manager=user.is_manager)))


def register_reschedule(app: Application, *, timeout_minutes: float) -> None:  # type: ignore[type-arg]
    """The Reschedule button, the suggestion buttons, and the typed date while one is pending."""
    timeout = timedelta(minutes=timeout_minutes)
    app.add_handler(CallbackQueryHandler(reschedule_start, pattern=r"^na:rs:\d+$"))
    app.add_handler(CallbackQueryHandler(reschedule_suggested, pattern=r"^na:rw:(tmr|mon|7d)$"))
    app.add_handler(WhilePending(app, timeout, filters.TEXT & ~filters.COMMAND, reschedule_typed))
    app.add_handler(WhilePending(app, timeout, filters.Sticker.ALL | filters.ANIMATION | filters.CONTACT,
                                 reschedule_media))
