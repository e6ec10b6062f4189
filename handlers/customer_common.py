"""Small helpers shared by the customer-file handlers: the user, the clock, ids from callback data, refusals."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update

from bot.domain.records import CustomerRecord, UserRecord
from bot.i18n import t
from bot.services import customer_file, customers
from bot.services.customer_file import Card
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


ANSWERED = "callback_answered"


def _first_answer(update: Update) -> bool:
    """True the first time this update's button press is answered (Telegram takes one answer only)."""
    extras = current_scope().extras
    if update.callback_query is None or extras.get(ANSWERED):
        return False
    extras[ANSWERED] = True
    return True


async def refuse(update: Update, exc: ServiceError) -> None:
    """Say why, as an alert on a button or as a message after a text (or after an answered button)."""
    lang = me().language
    text = t(lang, exc.key, **exc.params)
    if _first_answer(update):
        await update.callback_query.answer(_plain(text), show_alert=True)  # type: ignore[union-attr]
    else:
        await reply(update, text)


async def alert(update: Update, key: str, **params: object) -> None:
    """A catalog text as an alert on the pressed button (or as a message once the press was answered)."""
    text = t(me().language, key, **params)
    if _first_answer(update):
        await update.callback_query.answer(_plain(text), show_alert=True)  # type: ignore[union-attr]
    else:
        await reply(update, text)


async def answer(update: Update) -> None:
    """Acknowledge a button press (stops the spinner); a second call in the same update does nothing."""
    if _first_answer(update):
        await update.callback_query.answer()  # type: ignore[union-attr]


def pressed_id(update: Update, index: int = 2) -> int:
    """The id at `index` in the pressed button's callback data (0 when forged)."""
    return number(update.callback_query.data if update.callback_query else "", index)


async def customer_or_refuse(update: Update, customer_id: int) -> CustomerRecord | None:
    """A customer the user may see (the press answered), or None after saying why not; lighter than the card."""
    try:
        customer = await customers.get_visible(current_scope().uow, me(), customer_id)
    except ServiceError as exc:
        await refuse(update, exc)
        return None
    await answer(update)
    return customer


async def card_or_refuse(update: Update, customer_id: int) -> Card | None:
    """The card of a customer the user may see (the press answered), or None after saying why not."""
    try:
        card = await customer_file.card(current_scope().uow, me(), customer_id)
    except ServiceError as exc:
        await refuse(update, exc)
        return None
    await answer(update)
    return card


def _plain(html_text: str) -> str:
    """Alerts show plain text: drop the few tags the catalogs use and unescape."""
    import html
    import re

    return html.unescape(re.sub(r"</?(b|i|code|u|s)>", "", html_text))[:200]
