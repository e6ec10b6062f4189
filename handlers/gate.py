"""The gate: unknown people see a polite refusal and nothing else; known users are loaded once."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.i18n import t
from bot.services import access
from handlers.deps import Context, user_language
from handlers.replies import reply
from handlers.scope import current_scope


def _is_start(update: Update) -> bool:
    text = update.message.text if update.message is not None else None
    return text is not None and text.split(maxsplit=1)[0].split("@")[0] == "/start"


def _outside_private_chat(update: Update) -> bool:
    """Edits of old messages, and anything from groups or channels: a CRM talks to one rep at a time."""
    if update.edited_message is not None or update.edited_channel_post is not None:
        return True
    chat = update.effective_chat
    return chat is not None and chat.type != "private"


async def gate(update: Update, context: Context) -> None:
    """Load the sender as the scope's user; stop unknown people except for /start."""
    sender = update.effective_user
    if sender is None or sender.is_bot or _outside_private_chat(update):
        raise ApplicationHandlerStop
    scope = current_scope()
    scope.user = await access.current_user(scope.uow, sender.id)
    if scope.user is not None or _is_start(update):
        return
    lang = user_language(update, context)
    if update.callback_query is not None:
        await update.callback_query.answer(t(lang, "access.refused"), show_alert=True)
    elif update.effective_chat is not None and update.effective_chat.type == "private":
        await reply(update, t(lang, "access.refused"))
    raise ApplicationHandlerStop
