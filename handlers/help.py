"""/help: the commands the user's role can use."""

from __future__ import annotations

from telegram import Update

from bot.domain.roles import commands_for
from bot.i18n import t
from handlers.deps import Context
from handlers.replies import reply
from handlers.scope import current_scope


def render_help(role_commands: tuple[str, ...], role_label: str, lang: str) -> str:
    """The help text: header, one line per command, and the quick-log tip."""
    lines = [t(lang, "help.header", role=role_label)]
    lines += [f"/{name} — {t(lang, f'cmd.{name}')}" for name in role_commands]
    lines.append("")
    lines.append(t(lang, "help.footer"))
    return "\n".join(lines)


async def help_command(update: Update, context: Context) -> None:
    """List the user's commands."""
    user = current_scope().user
    if user is None:
        return
    lang = user.language
    await reply(update, render_help(commands_for(user.role), t(lang, f"role.{user.role.value}"), lang))
