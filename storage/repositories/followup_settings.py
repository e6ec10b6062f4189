"""Per-user reminder settings (columns of users) and per-team follow-up rules (team_settings)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.followup_settings import (
    DEFAULT_LEAD,
    TIERS,
    TeamOverrides,
    UserSchedule,
    days_text,
    hhmm,
    stored_days,
    stored_time,
)
from bot.domain.schedule import DEFAULT_END, DEFAULT_REMINDER, DEFAULT_START
from storage.tables import TeamSetting, User

_SCHEDULE_COLUMNS = (User.id, User.timezone, User.language, User.reminder_time, User.quiet_start, User.quiet_end,
                     User.work_days, User.due_lead_minutes)


class SqlFollowupSettingsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def schedule(self, user_id: int) -> UserSchedule | None:
        """The user's schedule (unreadable stored values read as the defaults), or None for no such user."""
        row = (await self.session.execute(select(*_SCHEDULE_COLUMNS).where(User.id == user_id))).first()
        if row is None:
            return None
        uid, zone, language, reminder, start, end, days, lead = row
        return UserSchedule(user_id=uid, timezone=zone, language=language,
                            reminder=stored_time(reminder, DEFAULT_REMINDER), start=stored_time(start, DEFAULT_START),
                            end=stored_time(end, DEFAULT_END), days=stored_days(days),
                            due_lead_minutes=lead if lead and lead > 0 else DEFAULT_LEAD)

    async def save_schedule(self, schedule: UserSchedule) -> None:
        """Store the reminder time, window, days and lead time (time zone and language have their own flows)."""
        await self.session.execute(update(User).where(User.id == schedule.user_id).values(
            reminder_time=hhmm(schedule.reminder), quiet_start=hhmm(schedule.start), quiet_end=hhmm(schedule.end),
            work_days=days_text(schedule.days), due_lead_minutes=schedule.due_lead_minutes))

    async def team_overrides(self, team_id: int) -> TeamOverrides | None:
        """What the team stored, or None when it never changed anything."""
        row = await self.session.get(TeamSetting, team_id)
        if row is None:
            return None
        cadence = {"A": row.cadence_a, "B": row.cadence_b, "C": row.cadence_c, "D": row.cadence_d}
        return TeamOverrides(cadence=cadence, escalation=row.escalation,
                             after_meeting_minutes=row.after_meeting_minutes, updated_by=row.updated_by,
                             updated_at=row.updated_at)

    async def save_team(self, team_id: int, overrides: TeamOverrides, *, user_id: int, now: datetime) -> None:
        """Insert or replace the team's rules, recording who changed them and when."""
        row = await self.session.get(TeamSetting, team_id)
        if row is None:
            row = TeamSetting(team_id=team_id)
            self.session.add(row)
        for tier in TIERS:
            setattr(row, f"cadence_{tier.lower()}", overrides.cadence.get(tier))
        row.escalation, row.after_meeting_minutes = overrides.escalation, overrides.after_meeting_minutes
        row.updated_by, row.updated_at = user_id, now
        await self.session.flush()
