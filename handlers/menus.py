"""Command menus per language and per role, set with setMyCommands."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.domain.records import UserRecord
from bot.domain.roles import commands_for
from bot.i18n import LANGUAGES, t

PUBLIC_COMMANDS = ("start", "help", "lang")


def command_list(commands: tuple[str, ...], lang: str) -> list[BotCommand]:
    """BotCommand objects with descriptions in `lang`."""
    return [BotCommand(name, t(lang, f"cmd.{name}")) for name in commands]


async def set_default_menus(bot: Bot) -> None:
    """What someone not yet registered sees, in each language."""
    for lang in LANGUAGES:
        await bot.set_my_commands(command_list(PUBLIC_COMMANDS, lang), scope=BotCommandScopeDefault(),
                                  language_code=lang)
    await bot.set_my_commands(command_list(PUBLIC_COMMANDS, "en"), scope=BotCommandScopeDefault())


async def set_user_menu(bot: Bot, user: UserRecord) -> None:
    """The user's own menu: the commands of their role, in their language."""
    await bot.set_my_commands(command_list(commands_for(user.role), user.language),
                              scope=BotCommandScopeChat(user.telegram_id))
