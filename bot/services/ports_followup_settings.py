"""What the follow-up settings (per user and per team) need from storage."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.followup_settings import TeamOverrides, UserSchedule


class FollowupSettingsRepository(Protocol):
    async def schedule(self, user_id: int) -> UserSchedule | None: ...
    async def save_schedule(self, schedule: UserSchedule) -> None: ...
    async def team_overrides(self, team_id: int) -> TeamOverrides | None: ...
    async def save_team(self, team_id: int, overrides: TeamOverrides, *, user_id: int, now: datetime) -> None: ...
