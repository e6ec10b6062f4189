"""Small helpers shared by the customer-file handlers: the user, the clock, ids from callback data, refusals."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update

from bot.domain.records import UserRecord
from bot.i18n import t
from bot.services.errors import ServiceError
from handlers.deps import Context, get_deps
from handlers.replies import reply
from handlers.scope import current_scope


def me() -> UserRecord:
    """The registered user of this update (the gate let only them through)."""
    user = current_scope().user
    assert user is not None
    return user


def clock(context: Context) -> datetime:
    """Now, from the application's clock."""
    return get_deps(context).clock()


def zone(user: UserRecord) -> ZoneInfo:
    """The user's time zone."""
    return ZoneInfo(user.timezone)


def number(data: str | None, index: int) -> int:
    """The index-th part of callback data as an int; 0 (never a real id) when forged."""
    parts = (data or "").split(":")
    raw = parts[index] if len(parts) > index else ""
    return int(raw) if raw.isdigit() and len(raw) < 12 else 0


async def refuse(update: Update, exc: ServiceError) -> None:
    """Say why, as an alert on a button or as a message after a text."""
    lang = me().language
    text = t(lang, exc.key, **exc.params)
    if update.callback_query is not None:
        await update.callback_query.answer(_plain(text), show_alert=True)
    else:
        await reply(update, text)


async def answer(update: Update) -> None:
    """Acknowledge a button press (stops the spinner)."""
    if update.callback_query is not None:
        await update.callback_query.answer()


def _plain(html_text: str) -> str:
    """Alerts show plain text: drop the few tags the catalogs use and unescape."""
    import html
    import re

    return html.unescape(re.sub(r"</?(b|i|code|u|s)>", "", html_text))[:200]
