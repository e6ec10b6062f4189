"""A customer's lifecycle phase (获取 / 培养 / 保留 / 挽回) and status (活跃 / 休眠) from plain facts.

Status: dormant (休眠) when the time since the last contact is at least 2 × the cadence (exactly
2 × cadence is dormant, in line with ``tiers.is_overdue`` counting the due moment as overdue); a
customer never contacted is measured from ``created_at``. Otherwise active.

Phase, the first rule that applies:

1. win-back (挽回): the last closed deal was lost and no deal is open;
2. retention (保留): the customer has a won deal and the last closed deal was not lost;
3. cultivation (培养): an open deal is past the lead stage (qualified, proposal or negotiation);
4. acquisition (获取): everything else: no deals, only leads, or a lost-last customer with a new
   open lead (being re-acquired) rather than in win-back.

A customer whose last deal was lost but who has a new deal at qualified or later is in cultivation.
Phase and status are independent: a retention customer can be dormant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.domain.enums import CustomerStatus, Lifecycle, Stage
from bot.domain.stages import OPEN_STAGES

__all__ = ["DORMANT_AFTER_CADENCES", "CustomerFacts", "derive", "derive_phase", "derive_status"]

DORMANT_AFTER_CADENCES = 2

Outcome = Literal["won", "lost"]


@dataclass(frozen=True)
class CustomerFacts:
    """What lifecycle and status are derived from; `deal_stages` are Stage values, oldest deal first."""

    last_contact_at: datetime | None
    created_at: datetime
    deal_stages: tuple[str, ...]
    last_deal_outcome: Outcome | None
    cadence_days: int


def derive(facts: CustomerFacts, *, now: datetime) -> tuple[Lifecycle, CustomerStatus]:
    """The customer's lifecycle phase and active/dormant status at `now`."""
    return derive_phase(facts), derive_status(facts, now=now)


def derive_status(facts: CustomerFacts, *, now: datetime) -> CustomerStatus:
    """Dormant after 2 × cadence without contact (from creation when never contacted), else active."""
    if facts.cadence_days <= 0:
        raise ValueError(f"cadence_days must be positive, got {facts.cadence_days}")
    since = facts.last_contact_at if facts.last_contact_at is not None else facts.created_at
    if now - since >= timedelta(days=DORMANT_AFTER_CADENCES * facts.cadence_days):
        return CustomerStatus.DORMANT
    return CustomerStatus.ACTIVE


def derive_phase(facts: CustomerFacts) -> Lifecycle:
    """The lifecycle phase from the customer's deals; see the module docstring for the rules."""
    stages = [Stage(s) for s in facts.deal_stages]
    open_stages = [s for s in stages if s in OPEN_STAGES]
    lost_last = facts.last_deal_outcome == "lost"
    if lost_last and not open_stages:
        return Lifecycle.WINBACK
    if not lost_last and (Stage.WON in stages or facts.last_deal_outcome == "won"):
        return Lifecycle.RETENTION
    if any(s is not Stage.LEAD for s in open_stages):
        return Lifecycle.CULTIVATION
    return Lifecycle.ACQUISITION
