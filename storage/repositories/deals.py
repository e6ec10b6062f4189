"""Deals: the funnel's rows, their stage and tier changes, and the customer's tier and override."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain.deals import DealRecord, TierInfo, TierOverride
from bot.domain.enums import Stage
from bot.domain.stages import OPEN_STAGES
from storage.tables import Customer, Deal, StageChange, TierChange, User

_Owner = aliased(User)


def _record(d: Deal, customer_name: str, owner_name: str) -> DealRecord:
    return DealRecord(d.id, d.customer_id, customer_name, d.owner_id, owner_name, d.title, d.amount_cents,
                      d.currency, d.expected_close, d.stage, d.probability, d.tier, d.version, d.stage_reviewed_at,
                      d.lost_reason_code, d.lost_reason, d.competitor, d.paid_on, d.created_at)


_SELECT = (select(Deal, Customer.name, _Owner.name).join(Customer, Customer.id == Deal.customer_id)
           .join(_Owner, _Owner.id == Deal.owner_id))


class SqlDealRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, customer_id: int, owner_id: int, title: str, amount_cents: int, currency: str,
                  expected_close: date | None, stage: str, probability: int, tier: str, now: datetime) -> int:
        """A new deal; its stage counts as reviewed now."""
        deal = Deal(customer_id=customer_id, owner_id=owner_id, title=title, amount_cents=amount_cents,
                    currency=currency, expected_close=expected_close, stage=stage, probability=probability,
                    tier=tier, version=1, stage_reviewed_at=now, created_at=now, updated_at=now)
        self.session.add(deal)
        await self.session.flush()
        return deal.id

    async def get(self, deal_id: int) -> DealRecord | None:
        """The deal with its customer's and owner's names (deleted customers' deals included)."""
        row = (await self.session.execute(_SELECT.where(Deal.id == deal_id))).first()
        return _record(*row) if row else None

    async def of_customer(self, customer_id: int) -> list[DealRecord]:
        """Every deal of the customer, oldest first."""
        rows = await self.session.execute(_SELECT.where(Deal.customer_id == customer_id).order_by(Deal.id))
        return [_record(*r) for r in rows]

    async def listing(self, owner_ids: Collection[int] | None, *, open_only: bool, limit: int,
                      offset: int) -> list[DealRecord]:
        """Deals of live customers of these owners (None: all), soonest close first."""
        query = _SELECT.where(Customer.deleted_at.is_(None))
        if owner_ids is not None:
            query = query.where(Deal.owner_id.in_(owner_ids))
        if open_only:
            query = query.where(Deal.stage.in_([s.value for s in OPEN_STAGES]))
        rows = await self.session.execute(
            query.order_by(Deal.expected_close.asc().nulls_last(), Deal.id).limit(limit).offset(offset))
        return [_record(*r) for r in rows]

    async def update_if_version(self, deal_id: int, version: int, values: dict[str, Any], *,
                                now: datetime) -> bool:
        """Apply `values` and bump the version, only if nobody changed the deal since `version`."""
        result = await self.session.execute(
            update(Deal).where(Deal.id == deal_id, Deal.version == version)
            .values(**values, version=version + 1, updated_at=now))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def mark_reviewed(self, deal_id: int, *, now: datetime) -> None:
        """The stage was looked at and still holds: the review mark goes, the version stays."""
        await self.session.execute(update(Deal).where(Deal.id == deal_id).values(stage_reviewed_at=now))

    async def add_stage_change(self, *, deal_id: int, from_stage: str | None, to_stage: str,
                               from_probability: int | None, to_probability: int, user_id: int, now: datetime,
                               note: str | None) -> None:
        """Record a move through the funnel (阶段变更)."""
        self.session.add(StageChange(deal_id=deal_id, from_stage=from_stage, to_stage=to_stage,
                                     from_probability=from_probability, to_probability=to_probability,
                                     changed_by=user_id, changed_at=now, note=note))
        await self.session.flush()

    async def stage_before_lost(self, deal_id: int) -> str | None:
        """The stage the deal had when it was last moved to lost."""
        return await self.session.scalar(
            select(StageChange.from_stage).where(StageChange.deal_id == deal_id,
                                                 StageChange.to_stage == Stage.LOST.value)
            .order_by(StageChange.changed_at.desc(), StageChange.id.desc()).limit(1))

    async def add_tier_change(self, *, customer_id: int, deal_id: int | None, from_tier: str | None, to_tier: str,
                              cause: str, reason: str | None, user_id: int | None, now: datetime) -> None:
        """Record a tier moving (deal_id None: the customer's tier)."""
        self.session.add(TierChange(customer_id=customer_id, deal_id=deal_id, from_tier=from_tier,
                                    to_tier=to_tier, cause=cause, reason=reason, changed_by=user_id,
                                    changed_at=now))
        await self.session.flush()

    async def tier_info(self, customer_id: int) -> TierInfo:
        """The customer's computed tier and its override."""
        row = (await self.session.execute(
            select(Customer.tier, Customer.tier_override, Customer.tier_override_reason,
                   Customer.tier_override_until, User.name)
            .outerjoin(User, User.id == Customer.tier_override_by).where(Customer.id == customer_id))).one()
        override = TierOverride(row[1], row[2] or "", row[3], row[4] or "") if row[1] else None
        return TierInfo(row[0], override)

    async def set_customer_tier(self, customer_id: int, tier: str, *, lifecycle: str, now: datetime) -> None:
        """Store the computed tier and lifecycle phase."""
        await self.session.execute(update(Customer).where(Customer.id == customer_id)
                                   .values(tier=tier, lifecycle=lifecycle, updated_at=now))

    async def set_override(self, customer_id: int, *, tier: str | None, reason: str | None,
                           until: datetime | None, user_id: int | None) -> None:
        """Set (tier given) or clear (None) the customer's tier override."""
        await self.session.execute(update(Customer).where(Customer.id == customer_id).values(
            tier_override=tier, tier_override_reason=reason, tier_override_until=until,
            tier_override_by=user_id))

    async def set_paid(self, deal_id: int, paid_on: date | None) -> None:
        """Record (or clear) the day the payment arrived (款项到账)."""
        await self.session.execute(update(Deal).where(Deal.id == deal_id).values(paid_on=paid_on))

    async def last_outcome(self, customer_id: int) -> str | None:
        """'won' or 'lost': the stage of the customer's most recently closed deal."""
        return await self.session.scalar(
            select(Deal.stage).where(Deal.customer_id == customer_id,
                                     Deal.stage.in_([Stage.WON.value, Stage.LOST.value]))
            .order_by(Deal.updated_at.desc(), Deal.id.desc()).limit(1))
