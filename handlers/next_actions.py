"""/next, /today and the buttons on a next step: done, reschedule (a short conversation), reassign."""

from __future__ import annotations

import contextlib
import warnings
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bot.domain.dates import parse_when
from bot.domain.records import NextActionRecord, UserRecord
from bot.i18n import format_datetime, t
from bot.services import next_actions
from bot.services.errors import NotAllowed, ServiceError
from handlers import next_actions_render as render
from handlers.deps import DEPS_KEY, Context, get_deps, user_language
from handlers.replies import edit, keyboard, reply
from handlers.scope import current_scope

if TYPE_CHECKING:
    from telegram.ext import Application

FETCH_LIMIT = 200
WHEN = 0  # the reschedule conversation's only state: waiting for the new date
ACTION_KEY, CARD_KEY = "rs_action", "rs_card"  # user_data: the action being moved and its /next message


def _number(data: str | None, index: int) -> int:
    """The index-th ':'-separated part of callback data; 0 (no such row, so refused as stale) if malformed."""
    parts = (data or "").split(":")
    return int(parts[index]) if len(parts) > index and parts[index].isdigit() else 0


def _zone(user: UserRecord) -> ZoneInfo:
    return ZoneInfo(user.timezone)


async def next_command(update: Update, context: Context) -> None:
    """List the open next steps by due time (overdue first), one message with buttons each."""
    scope, deps = current_scope(), get_deps(context)
    user = scope.user
    if user is None:
        return
    now, lang = deps.clock(), user.language
    actions = await next_actions.open_actions(scope.uow, user, limit=FETCH_LIMIT)
    await reply(update, render.header_text(actions, lang, now=now))
    for action in actions[:render.LIST_LIMIT]:
        await reply(update, render.action_text(action, lang, now=now, zone=_zone(user)),
                    render.action_rows(action.id, lang, manager=user.is_manager))


async def today_command(update: Update, context: Context) -> None:
    """Today's open steps (overdue included) and today's logged visits, in one message."""
    scope, deps = current_scope(), get_deps(context)
    user = scope.user
    if user is None:
        return
    now, zone = deps.clock(), _zone(user)
    start, end = render.day_bounds(now, zone)
    actions = await next_actions.due_by(scope.uow, user, end=end)
    visits = await next_actions.visits_between(scope.uow, user, start=start, end=end)
    await reply(update, render.today_text(actions, visits, user.language, now=now, zone=zone))


async def complete_action(update: Update, context: Context) -> int | None:
    """Close the pressed step and return its customer id; None (and an alert) for a stale or forged one."""
    query, scope = update.callback_query, current_scope()
    user = scope.user
    if query is None or user is None:
        return None
    now = get_deps(context).clock()
    try:
        action = await next_actions.complete(scope.uow, user, _number(query.data, 2), now=now)
    except ServiceError as exc:
        await query.answer(t(user.language, exc.key, **exc.params), show_alert=True)
        return None
    await query.answer()
    await edit(update, render.done_text(action, user.language))
    return action.customer_id


def _data(context: Context) -> dict[Any, Any]:
    return context.user_data if context.user_data is not None else {}


async def reschedule_start(update: Update, context: Context) -> int:
    """Ask when the pressed step should happen instead, with suggestions."""
    query, user = update.callback_query, current_scope().user
    if query is None or user is None:
        return ConversationHandler.END
    await query.answer()
    _data(context).update({ACTION_KEY: _number(query.data, 2),
                           CARD_KEY: query.message.message_id if query.message else None})
    local_now = get_deps(context).clock().astimezone(_zone(user))
    await reply(update, t(user.language, "next.rs_ask"), render.suggestion_rows(user.language, local_now))
    return WHEN


async def reschedule_typed(update: Update, context: Context) -> int:
    """Read a typed date; ask again with examples when it is unreadable or vague."""
    user, message = current_scope().user, update.effective_message
    if user is None or message is None or not message.text:
        return WHEN
    local_now = get_deps(context).clock().astimezone(_zone(user))
    due = parse_when(message.text, now=local_now)
    if due is None:
        await reply(update, t(user.language, "next.rs_unreadable", text=message.text[:80]),
                    render.suggestion_rows(user.language, local_now))
        return WHEN
    return await _move(update, context, user, due)


async def reschedule_suggested(update: Update, context: Context) -> int:
    """Take a suggested date from a button."""
    query, user = update.callback_query, current_scope().user
    if query is None or user is None:
        return WHEN
    await query.answer()
    local_now = get_deps(context).clock().astimezone(_zone(user))
    due = render.suggested_due((query.data or "").rpartition(":")[2], local_now)
    if due is None:
        return WHEN
    return await _move(update, context, user, due, from_button=True)


async def _move(update: Update, context: Context, user: UserRecord, due: datetime, *,
                from_button: bool = False) -> int:
    scope, now, lang = current_scope(), get_deps(context).clock(), user.language
    try:
        action = await next_actions.reschedule(scope.uow, user, _data(context).get(ACTION_KEY, 0), due_at=due,
                                               now=now)
    except NotAllowed:
        await reply(update, t(lang, "next.rs_past", when=format_datetime(due, lang)),
                    render.suggestion_rows(lang, now.astimezone(_zone(user))))
        return WHEN
    except ServiceError as exc:
        await reply(update, t(lang, exc.key, **exc.params))
        return _forget(context)
    confirmation = render.rescheduled_text(action, lang, now=now, zone=_zone(user))
    if from_button:
        await edit(update, confirmation)
    else:
        await reply(update, confirmation)
    await _refresh_card(update, context, user, action)
    return _forget(context)


async def _refresh_card(update: Update, context: Context, user: UserRecord, action: NextActionRecord) -> None:
    """Show the new date on the /next message the rep pressed Reschedule on."""
    card, chat = _data(context).get(CARD_KEY), update.effective_chat
    if card is None or chat is None:
        return
    now, lang = get_deps(context).clock(), user.language
    with contextlib.suppress(TelegramError):  # the old message may be gone; the confirmation is enough
        await context.bot.edit_message_text(
            render.action_text(action, lang, now=now, zone=_zone(user)), chat_id=chat.id, message_id=card,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard(render.action_rows(action.id, lang, manager=user.is_manager)))


async def reschedule_media(update: Update, context: Context) -> int:
    """Stickers, GIFs, contacts and the like while a date is expected: hint and keep waiting."""
    await reply(update, t(user_language(update, context), "next.rs_media"))
    return WHEN


async def reschedule_cancel(update: Update, context: Context) -> int:
    """Stop without changing anything."""
    await reply(update, t(user_language(update, context), "next.rs_cancelled"))
    return _forget(context)


def _forget(context: Context) -> int:
    for key in (ACTION_KEY, CARD_KEY):
        _data(context).pop(key, None)
    return ConversationHandler.END


def reschedule_conversation(timeout_minutes: float = 30) -> ConversationHandler:  # type: ignore[type-arg]
    """Reschedule: a button opens it, a suggestion or a typed date closes it, /cancel leaves it."""
    with warnings.catch_warnings():
        # Per-chat tracking is intended: the suggestion buttons belong to whichever prompt is current.
        warnings.filterwarnings("ignore", message=".*per_message=False.*", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[CallbackQueryHandler(reschedule_start, pattern=r"^na:rs:\d+$")],
            states={WHEN: [
                CallbackQueryHandler(reschedule_suggested, pattern=r"^na:rw:(tmr|mon|7d)$"),
                MessageHandler(filters.TEXT & ~filters.COMMAND, reschedule_typed),
                MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT, reschedule_media),
            ]},
            fallbacks=[CommandHandler("cancel", reschedule_cancel)],
            name="reschedule", persistent=False, per_message=False, allow_reentry=True,
            conversation_timeout=timedelta(minutes=timeout_minutes),
        )


async def reassign_choose(update: Update, context: Context) -> None:
    """na:ra: show the team as buttons; na:rb: put the step's own buttons back."""
    query, scope = update.callback_query, current_scope()
    user = scope.user
    if query is None or user is None:
        return
    action_id, lang = _number(query.data, 2), user.language
    try:
        members = await next_actions.reassign_targets(scope.uow, user)
    except ServiceError as exc:
        await query.answer(t(lang, exc.key, **exc.params), show_alert=True)
        return
    if not members:
        await query.answer(t(lang, "next.ra_nobody"), show_alert=True)
        return
    await query.answer()
    back = (query.data or "").startswith("na:rb:")
    rows = (render.action_rows(action_id, lang, manager=True) if back
            else render.member_rows(action_id, members, lang))
    with contextlib.suppress(TelegramError):  # pressing twice: "message is not modified"
        await query.edit_message_reply_markup(keyboard(rows))


async def reassign_to(update: Update, context: Context) -> None:
    """na:rt:<action>:<user>: hand the step over and show its new owner."""
    query, scope = update.callback_query, current_scope()
    user = scope.user
    if query is None or user is None:
        return
    action_id, target, lang = _number(query.data, 2), _number(query.data, 3), user.language
    now = get_deps(context).clock()
    try:
        action = await next_actions.reassign(scope.uow, user, action_id, to_user_id=target, now=now)
        members = await next_actions.reassign_targets(scope.uow, user)
    except ServiceError as exc:
        await query.answer(t(lang, exc.key, **exc.params), show_alert=True)
        return
    await query.answer()
    owner = next((member.name for member in members if member.id == action.owner_id), str(action.owner_id))
    await edit(update, render.reassigned_text(action, owner, lang, now=now, zone=_zone(user)))


def register_next_actions(app: Application) -> None:  # type: ignore[type-arg]
    """Install /next, /today, the reschedule conversation and the reassign buttons (not na:done:)."""
    deps = app.bot_data.get(DEPS_KEY)
    app.add_handler(CommandHandler("next", next_command))
    app.add_handler(CommandHandler("today", today_command))
    app.add_handler(reschedule_conversation(deps.conversation_timeout_minutes if deps else 30))
    app.add_handler(CallbackQueryHandler(reassign_choose, pattern=r"^na:r[ab]:\d+$"))
    app.add_handler(CallbackQueryHandler(reassign_to, pattern=r"^na:rt:\d+:\d+$"))
