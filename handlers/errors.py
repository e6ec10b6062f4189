"""The one error handler: roll back, log the traceback with an id, apologise in the user's language."""

from __future__ import annotations

import contextlib
import logging
import secrets

from telegram import Update
from telegram.error import TelegramError

from bot.i18n import t
from handlers.deps import Context, user_language
from handlers.replies import reply
from handlers.scope import NoScope, current_uow

log = logging.getLogger("crm.errors")


async def on_error(update: object, context: Context) -> None:
    """Undo the update's uncommitted work and tell the user, with an id to quote."""
    error_id = secrets.token_hex(4)
    log.error("error %s while handling %r", error_id, update, exc_info=context.error)
    with contextlib.suppress(NoScope):
        await current_uow().rollback()
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    lang = user_language(update, context)
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer()
        await reply(update, t(lang, "error.internal", error_id=error_id))
