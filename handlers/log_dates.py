"""Reading a typed date in the log flow: the parsed moment, or the catalog key of what is wrong."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.dates import parse_when
from bot.domain.dates_rules import VAGUE, normalise
from bot.domain.logs import MAX_BACKDATE

GRACE = timedelta(minutes=1)


def read_due(text: str, *, local_now: datetime) -> tuple[datetime | None, str | None]:
    """(moment, None) for a future moment; (None or the parsed moment, error key) otherwise."""
    when = parse_when(text, now=local_now)
    if when is None:
        return None, "log.date_vague" if VAGUE.search(normalise(text[:200])) else "log.date_unreadable"
    if when < local_now - GRACE:
        return when, "log.date_past"
    return when, None


def read_contact_time(text: str, *, local_now: datetime) -> tuple[datetime | None, str | None]:
    """A past moment for when the contact happened, or (None, error key)."""
    when = parse_when(text, now=local_now, prefer="past")
    if when is None:
        return None, "log.date_vague" if VAGUE.search(normalise(text[:200])) else "log.date_unreadable"
    if when > local_now + GRACE:
        return None, "log.contact_future"
    if when < local_now - MAX_BACKDATE:
        return None, "log.contact_too_old"
    return when, None


def cadence_due(local_now: datetime, days: int) -> datetime:
    """`days` from today at 09:00."""
    return (local_now + timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)


def tomorrow_morning(local_now: datetime) -> datetime:
    """Tomorrow at 09:00."""
    return cadence_due(local_now, 1)


def next_monday_morning(local_now: datetime) -> datetime:
    """Monday of next week at 09:00."""
    return cadence_due(local_now, 7 - local_now.weekday())
