"""Plain, frozen records that services return; nothing lazy-loads after the session is gone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.enums import Role


@dataclass(frozen=True)
class UserRecord:
    id: int
    telegram_id: int
    name: str
    role: Role
    team_id: int | None
    team_name: str | None
    timezone: str
    language: str
    active: bool

    @property
    def is_manager(self) -> bool:
        """Managers and admins see the whole team."""
        return self.role in (Role.MANAGER, Role.ADMIN)


@dataclass(frozen=True)
class InviteRecord:
    code: str
    role: Role
    team_name: str | None
    expires_at: datetime
