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


@dataclass(frozen=True)
class CustomerRecord:
    id: int
    code: str
    name: str
    owner_id: int
    tier: str
    industry: str
    latitude: float | None
    longitude: float | None
    last_contact_at: datetime | None


@dataclass(frozen=True)
class SavedLog:
    interaction_id: int
    customer_id: int
    customer_name: str
    channel: str
    summary: str
    attitude: str | None
    occurred_at: datetime
    logged_late: bool
    next_action_id: int | None
    next_title: str | None
    next_due: datetime | None
    no_next_reason: str | None
    distance_m: int | None
    location_verified: bool
    attachments: int


@dataclass(frozen=True)
class NextActionRecord:
    id: int
    customer_id: int
    customer_name: str
    owner_id: int
    title: str
    due_at: datetime
    done: bool
