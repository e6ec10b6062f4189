"""Sending texts: always HTML, always from the catalogs, keyboards from plain rows."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode

Rows = Sequence[Sequence[tuple[str, str]]]


def keyboard(rows: Rows | None) -> InlineKeyboardMarkup | None:
    """Plain (label, callback_data) rows → an inline keyboard."""
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in rows])


async def reply(update: Update, text: str, rows: Rows | None = None) -> Message | None:
    """Send `text` (HTML) to the chat the update came from."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await chat.send_message(text, parse_mode=ParseMode.HTML, reply_markup=keyboard(rows),
                                   link_preview_options=None)


async def edit(update: Update, text: str, rows: Rows | None = None) -> None:
    """Replace the message a button was pressed on."""
    query = update.callback_query
    if query is None or query.message is None:
        await reply(update, text, rows)
        return
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard(rows))
