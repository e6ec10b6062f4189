"""Helpers the log-flow handlers share: the draft, the user, the clock, and moving to the next step."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.domain.records import CustomerRecord, UserRecord
from bot.i18n import t
from bot.services import customers
from handlers.deps import Context, get_deps
from handlers.log_draft import (
    ATTITUDE,
    CHANNEL,
    CUSTOMER,
    DRAFT_KEY,
    NEXT_WHAT,
    NEXT_WHEN,
    NO_NEXT_NOTE,
    REVIEW,
    SUMMARY,
    Draft,
    button,
    next_step,
)
from handlers.log_render import (
    attitude_rows,
    channel_rows,
    no_next_rows,
    review_card,
    summary_rows,
    when_rows,
)
from handlers.replies import Rows, reply
from handlers.scope import current_scope


def me() -> UserRecord:
    """The registered user of this update (the gate guarantees one)."""
    user = current_scope().user
    assert user is not None
    return user


def now(context: Context) -> datetime:
    """The aware UTC now of the bot's clock."""
    return get_deps(context).clock()


def local_now(context: Context) -> datetime:
    """Now in the user's own zone (what dates are parsed against)."""
    return now(context).astimezone(ZoneInfo(me().timezone))


def get_draft(context: Context) -> Draft | None:
    """The open draft of this user, if any."""
    data: dict[str, Any] | None = context.user_data
    return data.get(DRAFT_KEY) if data is not None else None


def require_draft(context: Context) -> Draft:
    """The open draft; the conversation only routes here while one exists."""
    draft = get_draft(context)
    assert draft is not None
    return draft


def choose_customer(draft: Draft, customer: CustomerRecord) -> None:
    """Put the customer on the draft with what later steps need (tier, coordinates)."""
    draft.update({"customer_id": customer.id, "customer_name": customer.name, "tier": customer.tier,
                  "customer_lat": customer.latitude, "customer_lon": customer.longitude})
    draft.pop("pending_name", None)
    draft.pop("new_customer", None)


def new_customer(draft: Draft, name: str) -> str:
    """Name a customer to be created together with the log (nothing is stored before Save)."""
    clean = " ".join(name.split())[:200]
    for key in ("customer_id", "customer_lat", "customer_lon", "pending_name"):
        draft.pop(key, None)
    draft.update({"new_customer": clean, "customer_name": clean, "tier": "C"})
    return clean


async def mark_chosen(update: Update, label: str) -> None:
    """Answer a pressed button and leave the choice (HTML, already escaped) on its message, without buttons."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    message = query.message
    if not isinstance(message, Message) or not message.text:
        return
    try:
        await query.edit_message_text(f"{message.text_html}\n✓ {label}", parse_mode=ParseMode.HTML)
    except BadRequest:  # the message may already show the choice (a double tap)
        return


async def go_next(update: Update, context: Context) -> int:
    """Ask for the first missing part of the draft and return that state."""
    draft = require_draft(context)
    state = next_step(draft)
    lang = me().language
    text, rows = await _prompt(state, draft, lang, context)
    await reply(update, text, rows)
    return state


async def _prompt(state: int, draft: Draft, lang: str, context: Context) -> tuple[str, Rows | None]:
    if state == CUSTOMER:
        recent = await customers.recent(current_scope().uow, me(), limit=6)
        rows = [[(c.name[:40], button(draft, "cus", str(c.id)))] for c in recent]
        return t(lang, "log.ask_customer" if rows else "log.ask_customer_empty"), rows
    if state == CHANNEL:
        return t(lang, "log.ask_channel", customer=draft.get("customer_name") or ""), channel_rows(draft, lang)
    if state == SUMMARY:
        return t(lang, "log.ask_summary"), summary_rows(draft, lang)
    if state == ATTITUDE:
        return t(lang, "log.ask_attitude"), attitude_rows(draft, lang)
    if state == NEXT_WHAT:
        return t(lang, "log.ask_next_what"), no_next_rows(draft, lang)
    if state == NO_NEXT_NOTE:
        return t(lang, "log.ask_no_next_note"), None
    if state == NEXT_WHEN:
        days = get_deps(context).cadence_days.get(draft.get("tier") or "C", 30)
        return t(lang, "log.ask_next_when"), when_rows(draft, lang, days)
    assert state == REVIEW
    return review_card(draft, lang, now=now(context), zone=me().timezone)
