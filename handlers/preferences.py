"""/lang and /tz: the user's language and time zone."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.error import TelegramError

from bot.i18n import format_datetime, t
from bot.services import access
from bot.services.errors import ServiceError
from handlers.deps import Context, get_deps
from handlers.menus import set_user_menu
from handlers.replies import edit, reply
from handlers.scope import current_scope

LANG_BUTTONS = [[("中文", "lang:zh"), ("English", "lang:en")]]


async def lang_command(update: Update, context: Context) -> None:
    """Offer the two languages as buttons (or switch directly with /lang en)."""
    user = current_scope().user
    if user is None:
        return
    if context.args:
        await _switch(update, context, context.args[0].lower())
        return
    await reply(update, t(user.language, "lang.choose"), LANG_BUTTONS)


async def lang_button(update: Update, context: Context) -> None:
    """Switch language from a button press."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    await _switch(update, context, query.data.partition(":")[2], from_button=True)


async def _switch(update: Update, context: Context, choice: str, *, from_button: bool = False) -> None:
    scope = current_scope()
    user = scope.user
    if user is None:
        return
    choice = {"中文": "zh", "cn": "zh", "chinese": "zh", "english": "en"}.get(choice, choice)
    try:
        language = await access.set_language(scope.uow, telegram_id=user.telegram_id, language=choice)
    except ServiceError as exc:
        await reply(update, t(user.language, exc.key), LANG_BUTTONS)
        return
    scope.user = replace(user, language=language)
    send = edit if from_button else reply
    await send(update, t(language, "lang.set"))
    with contextlib.suppress(TelegramError):
        await set_user_menu(context.bot, scope.user)


async def tz_command(update: Update, context: Context) -> None:
    """Show the time zone, or set it: /tz Asia/Shanghai."""
    scope, deps = current_scope(), get_deps(context)
    user = scope.user
    if user is None:
        return
    lang = user.language
    if not context.args:
        now = deps.clock().astimezone(ZoneInfo(user.timezone))
        await reply(update, t(lang, "tz.current", tz=user.timezone, now=format_datetime(now, lang)))
        return
    try:
        zone = await access.set_timezone(scope.uow, telegram_id=user.telegram_id, timezone=" ".join(context.args))
    except ServiceError as exc:
        await reply(update, t(lang, exc.key, **exc.params))
        return
    scope.user = replace(user, timezone=zone)
    now = deps.clock().astimezone(ZoneInfo(zone))
    await reply(update, t(lang, "tz.set", tz=zone, now=format_datetime(now, lang)))
