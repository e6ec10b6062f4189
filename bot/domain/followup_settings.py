"""Follow-up settings as plain records, and the checks of every value a user may set.

A user's schedule (morning reminder, working window, working days, lead time of due reminders) and a
team's rules (cadence per tier, escalation, after-meeting delay). Stored values that are unreadable fall
back to the defaults, so a bad row never stops the scheduler.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time

from bot.domain.schedule import (
    DEFAULT_DAYS,
    DEFAULT_END,
    DEFAULT_REMINDER,
    DEFAULT_START,
    WorkWindow,
    parse_days,
    parse_hhmm,
)

TIERS = ("A", "B", "C", "D")
REMINDER_CHOICES = ("07:30", "08:00", "08:30", "09:00", "09:30")
LEAD_CHOICES = (5, 10, 15, 30, 60)
AFTER_MEETING_CHOICES = (30, 60, 120, 240)
DEFAULT_LEAD, DEFAULT_AFTER_MEETING = 15, 60
CADENCE_MIN, CADENCE_MAX = 1, 365
_WINDOW_SPLIT = re.compile(r"\s*(?:-|–|—|~|～|〜|至|到|to)\s*", re.IGNORECASE)
_DAYS_NUMBER = re.compile(r"\s*(\d{1,4})\s*(?:天|日|d|days?)?\s*", re.IGNORECASE)


class SettingValueError(ValueError):
    """A value that cannot be used; `reason` names what is wrong (a catalog key suffix)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class UserSchedule:
    """When a user is reminded and may be messaged (local time of `timezone`)."""

    user_id: int
    timezone: str
    language: str
    reminder: time = DEFAULT_REMINDER
    start: time = DEFAULT_START
    end: time = DEFAULT_END
    days: frozenset[int] = DEFAULT_DAYS
    due_lead_minutes: int = DEFAULT_LEAD

    @property
    def window(self) -> WorkWindow:
        """The schedule as the scheduler's working window."""
        return WorkWindow(self.timezone, self.start, self.end, self.days, self.reminder)


@dataclass(frozen=True)
class TeamRules:
    """A team's follow-up rules with the configured defaults filled in; `custom` = tiers the team set."""

    team_id: int | None
    cadence: Mapping[str, int]
    custom: frozenset[str] = frozenset()
    escalation: bool = True
    after_meeting_minutes: int = DEFAULT_AFTER_MEETING
    updated_by: int | None = None
    updated_at: datetime | None = None

    def is_default(self, tier: str) -> bool:
        """True when the tier's cadence is the configured default."""
        return tier not in self.custom


@dataclass(frozen=True)
class TeamOverrides:
    """What a team stored: None = the configured default."""

    cadence: Mapping[str, int | None]
    escalation: bool = True
    after_meeting_minutes: int = DEFAULT_AFTER_MEETING
    updated_by: int | None = None
    updated_at: datetime | None = None

    def rules(self, team_id: int | None, defaults: Mapping[str, int]) -> TeamRules:
        """Fill in the defaults."""
        custom = frozenset(tier for tier in TIERS if self.cadence.get(tier) is not None)
        cadence = {tier: self.cadence.get(tier) or defaults[tier] for tier in TIERS}
        return TeamRules(team_id, cadence, custom, self.escalation, self.after_meeting_minutes,
                         self.updated_by, self.updated_at)


NO_OVERRIDES = TeamOverrides(cadence={})


def stored_time(text: str | None, default: time) -> time:
    """A stored 'HH:MM', or the default when it cannot be read."""
    try:
        return parse_hhmm(text or "")
    except ValueError:
        return default


def stored_days(text: str | None) -> frozenset[int]:
    """Stored ISO weekdays, or Monday–Friday when they cannot be read."""
    try:
        return parse_days(text or "")
    except ValueError:
        return DEFAULT_DAYS


def hhmm(value: time) -> str:
    """time → 'HH:MM' (how it is stored and shown)."""
    return f"{value.hour:02d}:{value.minute:02d}"


def days_text(days: frozenset[int]) -> str:
    """{1, 2, 3} → '123' (how working days are stored)."""
    return "".join(str(day) for day in sorted(days))


def parse_time(text: str) -> time:
    """'8:45' / '08:45' / '8：45' → time; SettingValueError('time') otherwise."""
    try:
        return parse_hhmm(text)
    except ValueError:
        raise SettingValueError("time") from None


def parse_window(text: str) -> tuple[time, time]:
    """'08:00-20:00' / '8:00～19:30' / '22:00 to 6:00' → (start, end); over midnight is allowed."""
    parts = _WINDOW_SPLIT.split(text.strip())
    if len(parts) != 2:
        raise SettingValueError("window")
    try:
        start, end = parse_hhmm(parts[0]), parse_hhmm(parts[1])
    except ValueError:
        raise SettingValueError("window") from None
    if start == end:
        raise SettingValueError("window_same")
    return start, end


def in_window(moment: time, start: time, end: time) -> bool:
    """True when `moment` lies in [start, end), the window possibly running over midnight."""
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def toggled_days(days: frozenset[int], day: int) -> frozenset[int]:
    """Switch one ISO weekday on or off; at least one day stays on."""
    if day not in range(1, 8):
        raise SettingValueError("choice")
    result = days - {day} if day in days else days | {day}
    if not result:
        raise SettingValueError("days_empty")
    return result


def check_choice(value: int, choices: tuple[int, ...]) -> int:
    """One of the offered values (lead time, after-meeting delay); SettingValueError('choice') otherwise."""
    if value not in choices:
        raise SettingValueError("choice")
    return value


def check_tier(tier: str) -> str:
    """'a' → 'A'; SettingValueError('choice') for anything but A–D."""
    if tier.upper() not in TIERS or len(tier) != 1:
        raise SettingValueError("choice")
    return tier.upper()


def parse_cadence(text: str) -> int:
    """'5' / '5天' / '5 days' → 5, within 1–365; SettingValueError('cadence') otherwise."""
    match = _DAYS_NUMBER.fullmatch(text)
    if match is None or not CADENCE_MIN <= int(match[1]) <= CADENCE_MAX:
        raise SettingValueError("cadence")
    return int(match[1])
