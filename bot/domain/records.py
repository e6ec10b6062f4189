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
    review_status: str = "approved"
    deleted: bool = False


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


@dataclass(frozen=True)
class CustomerFields:
    """The editable profile of a customer (客户档案), as a rep enters it."""

    name: str
    industry: str = "OT"
    size: str | None = None  # staff band
    revenue: str | None = None  # revenue band
    region: str | None = None
    address: str | None = None
    source: str | None = None
    background: str | None = None


@dataclass(frozen=True)
class ContactFields:
    name: str
    title: str | None = None
    phone: str | None = None  # E.164
    email: str | None = None  # lower case


@dataclass(frozen=True)
class ContactRecord:
    id: int
    customer_id: int
    name: str
    title: str | None
    phone: str | None
    email: str | None
    is_primary: bool
    left_at: datetime | None


@dataclass(frozen=True)
class CustomerProfile:
    """Everything the card shows about the customer itself (deals and history come separately)."""

    id: int
    code: str
    owner_id: int
    owner_name: str
    fields: CustomerFields
    tier: str
    status: str
    lifecycle: str
    review_status: str
    last_contact_at: datetime | None
    created_at: datetime
    deleted_at: datetime | None
    contacts: tuple[ContactRecord, ...] = ()


@dataclass(frozen=True)
class ChangeRecord:
    field: str
    old: str | None
    new: str | None
    reason: str | None
    changed_by: str
    changed_at: datetime
