"""The lines a customer card shows besides the profile: deals, recent contacts, next step, complaints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DealLine:
    id: int
    title: str
    stage: str
    probability: int
    tier: str
    amount_cents: int
    currency: str


@dataclass(frozen=True)
class ContactLine:
    occurred_at: datetime
    channel: str
    summary: str
    user_name: str


@dataclass(frozen=True)
class NextStepLine:
    id: int
    title: str
    due_at: datetime
    owner_name: str


@dataclass(frozen=True)
class ComplaintLine:
    id: int
    received_at: datetime
    content: str
    severity: str | None


@dataclass(frozen=True)
class CardExtras:
    deals: tuple[DealLine, ...]
    recent: tuple[ContactLine, ...]
    next_step: NextStepLine | None
    complaints: tuple[ComplaintLine, ...]
