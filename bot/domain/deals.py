"""Deals (销售机会) as plain records, and the rules read off them: status, review mark, tiers.

A won deal counts as won only once its payment is recorded (款项到账); until then its status is
"won, awaiting payment". An open deal whose stage nobody has reviewed for 14 days is marked for review
(每周/每两周更新). A customer's computed tier is the best tier among its open deals, D without one; a
manager's or the owner's override replaces it until cleared or until its end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.enums import Stage, Tier
from bot.domain.stages import OPEN_STAGES

REVIEW_AFTER = timedelta(days=14)
MAX_TITLE = 200
MAX_COMPETITOR = 200


class LostReason(StrEnum):
    """Why a deal was paused or lost (暂停/丢单)."""

    COMPETITOR = "competitor"  # 选择竞品
    BUDGET = "budget"  # 预算取消
    TIMING = "timing"  # 时间不合适
    NO_NEED = "no_need"  # 无需求
    OTHER = "other"  # 其他


class DealStatus(StrEnum):
    OPEN = "open"
    WON_UNPAID = "won_unpaid"  # 已成交，待回款
    WON = "won"
    LOST = "lost"


@dataclass(frozen=True)
class DealRecord:
    id: int
    customer_id: int
    customer_name: str
    owner_id: int
    owner_name: str
    title: str
    amount_cents: int
    currency: str
    expected_close: date | None
    stage: str
    probability: int
    tier: str
    version: int
    stage_reviewed_at: datetime | None
    lost_reason_code: str | None
    lost_reason: str | None
    competitor: str | None
    paid_on: date | None
    created_at: datetime

    @property
    def is_open(self) -> bool:
        """Still in the funnel (lead to negotiation)."""
        return Stage(self.stage) in OPEN_STAGES

    @property
    def status(self) -> DealStatus:
        """Open, won awaiting payment, won (paid) or lost."""
        if self.stage == Stage.WON:
            return DealStatus.WON if self.paid_on is not None else DealStatus.WON_UNPAID
        if self.stage == Stage.LOST:
            return DealStatus.LOST
        return DealStatus.OPEN

    def needs_review(self, now: datetime) -> bool:
        """An open deal whose stage was last reviewed (or changed) 14 days ago or more."""
        since = self.stage_reviewed_at or self.created_at
        return self.is_open and now - since >= REVIEW_AFTER


@dataclass(frozen=True)
class TierOverride:
    tier: str
    reason: str
    until: datetime | None
    by_name: str

    def active(self, now: datetime) -> bool:
        """In force: no end, or the end is still ahead."""
        return self.until is None or now < self.until


@dataclass(frozen=True)
class TierInfo:
    """A customer's computed tier and the override, if any; `effective` is what cadences use."""

    computed: str
    override: TierOverride | None

    def effective(self, now: datetime) -> str:
        """The override while it is in force, else the computed tier."""
        if self.override is not None and self.override.active(now):
            return self.override.tier
        return self.computed


def customer_tier(open_deal_tiers: Iterable[str]) -> Tier:
    """The best (A before D) tier among the customer's open deals; D when there is none."""
    tiers = sorted(Tier(t) for t in open_deal_tiers)
    return tiers[0] if tiers else Tier.D
