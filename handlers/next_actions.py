"""/next, /today and the buttons on a next step: done and reassign (reschedule lives in reschedule.py)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.records import UserRecord
from bot.i18n import t
from bot.services import next_actions
from bot.services.errors import ServiceError
from handlers import next_actions_render as render
from handlers.deps import DEPS_KEY, Context, get_deps
from handlers.replies import edit, keyboard, reply
from handlers.reschedule import register_reschedule
from handlers.scope import current_scope

if TYPE_CHECKING:
    from telegram.ext import Application

FETCH_LIMIT = 200


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
    """Install /next, /today, rescheduling and the reassign buttons (not na:done:, the log flow owns it)."""
    deps = app.bot_data.get(DEPS_KEY)
    app.add_handler(CommandHandler("next", next_command))
    app.add_handler(CommandHandler("today", today_command))
    register_reschedule(app, timeout_minutes=deps.conversation_timeout_minutes if deps else 30)
    app.add_handler(CallbackQueryHandler(reassign_choose, pattern=r"^na:r[ab]:\d+$"))
    app.add_handler(CallbackQueryHandler(reassign_to, pattern=r"^na:rt:\d+:\d+$"))
