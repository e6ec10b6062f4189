"""What the follow-up engine reads: recipients with their window, overdue customers, due steps, milestones,
open complaints, and the contents of a morning reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.schedule import WorkWindow


@dataclass(frozen=True)
class Recipient:
    user_id: int
    telegram_id: int
    name: str
    language: str
    role: str
    team_id: int | None
    window: WorkWindow
    lead_minutes: int


@dataclass(frozen=True)
class OverdueCustomer:
    id: int
    name: str
    owner_id: int
    tier: str
    last_touch: datetime  # the last contact, or the creation when never contacted


@dataclass(frozen=True)
class DueAction:
    id: int
    customer_id: int
    customer_name: str
    owner_id: int
    title: str
    due_at: datetime


@dataclass(frozen=True)
class MilestoneDue:
    id: int
    kind: str
    due_on: date
    deal_id: int
    deal_title: str
    customer_name: str
    owner_id: int


@dataclass(frozen=True)
class OpenComplaint:
    id: int
    customer_id: int
    customer_name: str
    recipient_id: int  # the handler, else the owner
    content: str
    received_at: datetime


@dataclass(frozen=True)
class ReviewDeal:
    id: int
    title: str
    customer_name: str
    stage: str
    probability: int
    version: int


@dataclass(frozen=True)
class MorningFacts:
    """Everything a rep's morning reminder lists, most urgent first within each part."""

    today: tuple[DueAction, ...] = ()
    overdue_actions: tuple[DueAction, ...] = ()
    overdue_customers: tuple[OverdueCustomer, ...] = ()
    complaints: tuple[OpenComplaint, ...] = ()
    milestones: tuple[MilestoneDue, ...] = ()
    logs_yesterday: int = 0
    compliance: tuple[int, int] = (0, 0)  # customers touched within cadence this week / customers owned
