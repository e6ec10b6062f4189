"""Follow-up settings: each user's schedule and each team's rules; read by the scheduler, set in /settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain import followup_settings as rules
from bot.domain.enums import Role
from bot.domain.followup_settings import (
    NO_OVERRIDES,
    SettingValueError,
    TeamOverrides,
    TeamRules,
    UserSchedule,
)
from bot.domain.records import UserRecord
from bot.services.errors import NotAllowed, ServiceError, UnknownUser
from bot.services.ports import UnitOfWork


class BadSetting(ServiceError):
    """A value that cannot be used; the key names the reason (settings.bad_<reason>)."""

    key = "settings.bad_choice"

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(**params)
        self.key = f"settings.bad_{reason}"


class ReminderOutsideWindow(ServiceError):
    key = "settings.reminder_outside"


@dataclass(frozen=True)
class WindowChange:
    """The saved schedule; `reminder_moved` when the morning reminder had to move into the new window."""

    schedule: UserSchedule
    reminder_moved: bool


def may_change_team(user: UserRecord) -> bool:
    """Managers change their own team's rules; admins the team they belong to."""
    return user.role in (Role.MANAGER, Role.ADMIN) and user.team_id is not None


async def user_schedule(uow: UnitOfWork, user_id: int) -> UserSchedule:
    """The user's reminder time, working window, working days and due-reminder lead."""
    async with uow:
        found = await uow.followup_settings.schedule(user_id)
    if found is None:
        raise UnknownUser()
    return found


async def team_rules(uow: UnitOfWork, team_id: int | None, *, defaults: Mapping[str, int]) -> TeamRules:
    """The team's cadence per tier (defaults filled in), escalation and after-meeting delay; no team = defaults."""
    if team_id is None:
        return NO_OVERRIDES.rules(None, defaults)
    async with uow:
        stored = await uow.followup_settings.team_overrides(team_id)
    return (stored or NO_OVERRIDES).rules(team_id, defaults)


async def _save(uow: UnitOfWork, schedule: UserSchedule) -> UserSchedule:
    async with uow:
        await uow.followup_settings.save_schedule(schedule)
        await uow.commit()
    return schedule


async def set_reminder_time(uow: UnitOfWork, user: UserRecord, text: str) -> UserSchedule:
    """Set the morning reminder ('8:45'); it must lie inside the working window."""
    try:
        reminder = rules.parse_time(text)
    except SettingValueError as exc:
        raise BadSetting(exc.reason) from None
    current = await user_schedule(uow, user.id)
    if not rules.in_window(reminder, current.start, current.end):
        raise ReminderOutsideWindow(time=rules.hhmm(reminder), start=rules.hhmm(current.start),
                                    end=rules.hhmm(current.end))
    return await _save(uow, replace(current, reminder=reminder))


async def set_work_window(uow: UnitOfWork, user: UserRecord, text: str) -> WindowChange:
    """Set the working window ('08:00-20:00'); a reminder left outside it moves to the window's start."""
    try:
        start, end = rules.parse_window(text)
    except SettingValueError as exc:
        raise BadSetting(exc.reason) from None
    current = await user_schedule(uow, user.id)
    # Moving the reminder rather than refusing: otherwise a night window could never be reached in steps.
    moved = not rules.in_window(current.reminder, start, end)
    reminder = start if moved else current.reminder
    saved = await _save(uow, replace(current, start=start, end=end, reminder=reminder))
    return WindowChange(saved, moved)


async def toggle_work_day(uow: UnitOfWork, user: UserRecord, day: int) -> UserSchedule:
    """Switch one ISO weekday (Monday = 1) on or off; the last working day stays on."""
    current = await user_schedule(uow, user.id)
    try:
        days = rules.toggled_days(current.days, day)
    except SettingValueError as exc:
        raise BadSetting(exc.reason) from None
    return await _save(uow, replace(current, days=days))


async def set_due_lead(uow: UnitOfWork, user: UserRecord, minutes: int) -> UserSchedule:
    """How many minutes before a next action its reminder comes (one of LEAD_CHOICES)."""
    try:
        rules.check_choice(minutes, rules.LEAD_CHOICES)
    except SettingValueError as exc:
        raise BadSetting(exc.reason) from None
    current = await user_schedule(uow, user.id)
    return await _save(uow, replace(current, due_lead_minutes=minutes))


async def _change_team(uow: UnitOfWork, user: UserRecord, defaults: Mapping[str, int], now: datetime,
                       edit: Callable[[TeamOverrides], TeamOverrides]) -> TeamRules:
    if not may_change_team(user) or user.team_id is None:
        raise NotAllowed()
    async with uow:
        stored = await uow.followup_settings.team_overrides(user.team_id) or NO_OVERRIDES
        await uow.followup_settings.save_team(user.team_id, edit(stored), user_id=user.id, now=now)
        await uow.commit()
    return await team_rules(uow, user.team_id, defaults=defaults)


async def set_cadence(uow: UnitOfWork, user: UserRecord, tier: str, text: str | None, *,
                      defaults: Mapping[str, int], now: datetime) -> TeamRules:
    """Set a tier's cadence in days ('5', 1–365); None goes back to the configured default."""
    try:
        tier = rules.check_tier(tier)
        days = None if text is None else rules.parse_cadence(text)
    except SettingValueError as exc:
        raise BadSetting(exc.reason, low=rules.CADENCE_MIN, high=rules.CADENCE_MAX) from None
    return await _change_team(uow, user, defaults, now, lambda s: replace(s, cadence={**s.cadence, tier: days}))


async def set_escalation(uow: UnitOfWork, user: UserRecord, on: bool, *,
                         defaults: Mapping[str, int], now: datetime) -> TeamRules:
    """Turn the escalation of overdue A/B customers to the manager on or off."""
    return await _change_team(uow, user, defaults, now, lambda s: replace(s, escalation=on))


async def set_after_meeting(uow: UnitOfWork, user: UserRecord, minutes: int, *,
                            defaults: Mapping[str, int], now: datetime) -> TeamRules:
    """How long after a planned meeting the 'how did it go?' prompt comes (one of AFTER_MEETING_CHOICES)."""
    try:
        rules.check_choice(minutes, rules.AFTER_MEETING_CHOICES)
    except SettingValueError as exc:
        raise BadSetting(exc.reason) from None
    return await _change_team(uow, user, defaults, now, lambda s: replace(s, after_meeting_minutes=minutes))
