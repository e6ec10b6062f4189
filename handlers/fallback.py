"""What nothing else handled: unknown commands, stray text, stale buttons."""

from __future__ import annotations

from telegram import Update

from bot.i18n import t
from handlers.deps import Context, user_language
from handlers.replies import reply


async def unknown_command(update: Update, context: Context) -> None:
    """Answer an unknown command with a hint."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split(maxsplit=1)[0].split("@")[0][:64]
    await reply(update, t(user_language(update, context), "unknown.command", command=command))


async def stale_button(update: Update, context: Context) -> None:
    """A button from an old message that no longer applies: say so, change nothing."""
    query = update.callback_query
    if query is not None:
        await query.answer(t(user_language(update, context), "error.expired"), show_alert=True)
