"""/start: register admins and invitees, greet known users."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import TelegramError

from bot.i18n import t
from bot.services import access
from bot.services.errors import ServiceError
from handlers.deps import Context, get_deps, user_language
from handlers.menus import set_user_menu
from handlers.replies import reply
from handlers.scope import current_scope


async def start(update: Update, context: Context) -> None:
    """Register or greet the sender."""
    sender = update.effective_user
    if sender is None:
        return
    deps = get_deps(context)
    scope = current_scope()
    payload = context.args[0] if context.args else None
    person = access.Newcomer(telegram_id=sender.id, name=sender.full_name, username=sender.username,
                             language_code=sender.language_code)
    try:
        result = await access.start(scope.uow, person, payload=payload, admin_ids=deps.admin_ids,
                                    default_timezone=deps.default_timezone,
                                    default_language=deps.default_language, now=deps.clock())
    except ServiceError as exc:
        await reply(update, t(user_language(update, context), exc.key))
        return
    user = scope.user = result.user
    lang = user.language
    if result.outcome is access.StartOutcome.REGISTERED_ADMIN:
        text = t(lang, "access.welcome_admin", name=user.name)
    elif result.outcome is access.StartOutcome.REGISTERED_BY_INVITE:
        team = t(lang, "access.team_suffix", team=user.team_name) if user.team_name else ""
        text = t(lang, "access.welcome_invited", name=user.name, role=t(lang, f"role.{user.role.value}"),
                 team=team)
    else:
        text = t(lang, "access.welcome_back", name=user.name)
    await reply(update, text)
    with contextlib.suppress(TelegramError):  # the menu is a nicety; never fail a registration on it
        await set_user_menu(context.bot, user)
