"""/invite rep|manager [team]: a one-time deep link."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update

from bot.domain.enums import Role
from bot.i18n import format_datetime, t
from bot.services import access
from bot.services.errors import ServiceError
from handlers.deps import Context, get_deps
from handlers.replies import reply
from handlers.scope import current_scope

INVITABLE = {"rep": Role.REP, "manager": Role.MANAGER, "销售": Role.REP, "经理": Role.MANAGER}


async def invite(update: Update, context: Context) -> None:
    """Create an invite link for a rep or a manager."""
    scope, deps = current_scope(), get_deps(context)
    user = scope.user
    if user is None:
        return
    lang = user.language
    args = context.args or []
    role = INVITABLE.get(args[0].lower()) if args else None
    if role is None:
        await reply(update, t(lang, "invite.usage"))
        return
    team = " ".join(args[1:]).strip()[:100] or None
    try:
        created = await access.create_invite(scope.uow, inviter_telegram_id=user.telegram_id, role=role,
                                             team_name=team, now=deps.clock())
    except ServiceError as exc:
        await reply(update, t(lang, exc.key))
        return
    link = f"https://t.me/{context.bot.username}?start={created.code}"
    team_text = t(lang, "access.team_suffix", team=created.team_name) if created.team_name else ""
    expires = format_datetime(created.expires_at.astimezone(ZoneInfo(user.timezone)), lang)
    await reply(update, t(lang, "invite.created", role=t(lang, f"role.{role.value}"), team=team_text,
                          expires=expires, link=link))
