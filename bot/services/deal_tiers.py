"""Tiers follow the deals: a deal's tier from its close date and probability, the customer's from its open
deals (D without one), each change recorded; and the manual override with a reason and an end."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.deals import TierInfo, customer_tier
from bot.domain.enums import Stage, Tier
from bot.domain.lifecycle import CustomerFacts, derive_phase
from bot.domain.records import UserRecord
from bot.domain.urgency import deal_tier
from bot.services.customer_file import clean_reason
from bot.services.customers import get_visible
from bot.services.errors import NotAllowed, ServiceError
from bot.services.ports import UnitOfWork

OVERRIDE_PERIODS = (30, 90, 0)  # days; 0 = until cleared


class NoOverride(ServiceError):
    key = "tier.no_override"


def local_today(user: UserRecord, now: datetime) -> date:
    """The user's calendar day at `now`."""
    return now.astimezone(ZoneInfo(user.timezone)).date()


def tier_for(*, stage: str, probability: int, close: date | None, today: date, current: str) -> str:
    """The tier a deal should have with these values; a closed deal keeps its `current` tier."""
    if Stage(stage) in (Stage.WON, Stage.LOST):
        return current
    return deal_tier(expected_close=close, probability=probability, today=today).value


async def retier_customer(uow: UnitOfWork, customer_id: int, *, cause: str, user_id: int | None,
                          now: datetime) -> str:
    """Recompute and store the customer's tier and lifecycle phase; record a tier change. Inside a block."""
    deals = await uow.deals.of_customer(customer_id)
    computed = customer_tier(d.tier for d in deals if d.is_open).value
    info = await uow.deals.tier_info(customer_id)
    outcome = await uow.deals.last_outcome(customer_id)
    facts = CustomerFacts(last_contact_at=None, created_at=now, deal_stages=tuple(d.stage for d in deals),
                          last_deal_outcome=outcome if outcome in ("won", "lost") else None,  # type: ignore[arg-type]
                          cadence_days=1)
    await uow.deals.set_customer_tier(customer_id, computed, lifecycle=derive_phase(facts).value, now=now)
    if computed != info.computed:
        await uow.deals.add_tier_change(customer_id=customer_id, deal_id=None, from_tier=info.computed,
                                        to_tier=computed, cause=cause, reason=None, user_id=user_id, now=now)
    return computed


async def tier_of(uow: UnitOfWork, user: UserRecord, customer_id: int) -> TierInfo:
    """The customer's computed tier and override."""
    await get_visible(uow, user, customer_id)
    async with uow:
        return await uow.deals.tier_info(customer_id)


async def override_tier(uow: UnitOfWork, user: UserRecord, customer_id: int, *, tier: Tier, reason: str,
                        days: int, now: datetime) -> TierInfo:
    """Set the tier by hand (the owner or a manager), with a reason, for `days` (0: until cleared)."""
    why = clean_reason(reason)
    customer = await get_visible(uow, user, customer_id)
    if customer.owner_id != user.id and not user.is_manager:
        raise NotAllowed()
    if days not in OVERRIDE_PERIODS:
        raise NotAllowed()
    async with uow:
        before = await uow.deals.tier_info(customer_id)
        until = now + timedelta(days=days) if days else None
        await uow.deals.set_override(customer_id, tier=tier.value, reason=why, until=until, user_id=user.id)
        await uow.deals.add_tier_change(customer_id=customer_id, deal_id=None, from_tier=before.effective(now),
                                        to_tier=tier.value, cause="override", reason=why, user_id=user.id, now=now)
        await uow.commit()
        return await uow.deals.tier_info(customer_id)


async def clear_override(uow: UnitOfWork, user: UserRecord, customer_id: int, *, now: datetime) -> TierInfo:
    """Back to the computed tier."""
    customer = await get_visible(uow, user, customer_id)
    if customer.owner_id != user.id and not user.is_manager:
        raise NotAllowed()
    async with uow:
        before = await uow.deals.tier_info(customer_id)
        if before.override is None:
            raise NoOverride()
        await uow.deals.set_override(customer_id, tier=None, reason=None, until=None, user_id=None)
        await uow.deals.add_tier_change(customer_id=customer_id, deal_id=None, from_tier=before.effective(now),
                                        to_tier=before.computed, cause="cleared", reason=None, user_id=user.id,
                                        now=now)
        await uow.commit()
        return await uow.deals.tier_info(customer_id)
