"""When a user may be messaged: their working window (quiet hours outside it) on their working days,
in their own time zone; and when their morning reminder is due.

Defaults are 08:00–20:00, Monday to Friday, morning reminder 08:30. A window whose end is before its
start runs over midnight (e.g. 22:00–06:00 for a night shift).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_START, DEFAULT_END, DEFAULT_REMINDER = time(8, 0), time(20, 0), time(8, 30)
DEFAULT_DAYS = frozenset({1, 2, 3, 4, 5})
_HHMM = re.compile(r"\s*([01]?\d|2[0-3])\s*[:：.]\s*([0-5]\d)\s*")


def parse_hhmm(text: str) -> time:
    """'8:30' / '08:30' / '20.00' → time; ValueError otherwise."""
    match = _HHMM.fullmatch(text)
    if match is None:
        raise ValueError(f"not a time of day: {text!r}")
    return time(int(match[1]), int(match[2]))


def parse_days(text: str) -> frozenset[int]:
    """'12345' (ISO weekdays, Monday = 1) → {1, 2, 3, 4, 5}; ValueError for anything else or none."""
    days = frozenset(int(c) for c in text if c.isdigit())
    if not days or any(d < 1 or d > 7 for d in days) or len(text) != len(set(text)) or not text.isdigit():
        raise ValueError(f"not a set of weekdays: {text!r}")
    return days


@dataclass(frozen=True)
class WorkWindow:
    """A user's messaging window in their time zone."""

    timezone: str
    start: time = DEFAULT_START
    end: time = DEFAULT_END
    days: frozenset[int] = DEFAULT_DAYS
    reminder: time = DEFAULT_REMINDER

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local(self, now: datetime) -> datetime:
        """`now` on the user's wall clock."""
        return now.astimezone(self.zone)

    def today(self, now: datetime) -> date:
        """The user's calendar day at `now`."""
        return self.local(now).date()

    def is_working_day(self, day: date) -> bool:
        return day.isoweekday() in self.days

    def is_open(self, now: datetime) -> bool:
        """True when a message may be sent now: a working day and inside the window."""
        local = self.local(now)
        clock = local.time().replace(tzinfo=None)
        if self.start <= self.end:
            return self.is_working_day(local.date()) and self.start <= clock < self.end
        if clock >= self.start:  # the evening part of a window over midnight belongs to this day
            return self.is_working_day(local.date())
        return clock < self.end and self.is_working_day(local.date() - timedelta(days=1))

    def next_open(self, now: datetime) -> datetime:
        """`now` when the window is open, else the moment it next opens (within the next 8 days)."""
        if self.is_open(now):
            return now
        local_day = self.today(now)
        for offset in range(0, 9):
            day = local_day + timedelta(days=offset)
            if not self.is_working_day(day):
                continue
            opens = datetime.combine(day, self.start, tzinfo=self.zone)
            if opens > now:
                return opens.astimezone(now.tzinfo)
        return now + timedelta(days=8)  # no working day at all: never reached with parse_days' checks

    def morning_due(self, now: datetime) -> bool:
        """The morning reminder of today is due: a working day, past the reminder time, window open."""
        local = self.local(now)
        return (self.is_working_day(local.date()) and local.time().replace(tzinfo=None) >= self.reminder
                and self.is_open(now))
