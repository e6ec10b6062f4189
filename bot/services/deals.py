"""Create deals on a customer and list them: the funnel's entry and the rep's /deals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.amounts import MAX_UNITS
from bot.domain.deals import MAX_TITLE, DealRecord
from bot.domain.enums import Stage
from bot.domain.records import UserRecord
from bot.domain.stages import OPEN_STAGES, default_probability
from bot.services.customers import get_visible
from bot.services.deal_access import DealNotFound
from bot.services.deal_tiers import local_today, retier_customer, tier_for
from bot.services.errors import ServiceError
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners

MAX_CENTS = int(MAX_UNITS) * 100
CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP")


class BadTitle(ServiceError):
    key = "deal.bad_title"


class BadAmount(ServiceError):
    key = "deal.bad_amount"


class StageNotOpen(ServiceError):
    key = "deal.stage_not_open"


@dataclass(frozen=True)
class NewDeal:
    customer_id: int
    title: str
    amount_cents: int
    currency: str
    expected_close: date | None
    stage: Stage


def clean_title(raw: str) -> str:
    """The deal's title as stored; BadTitle when too short or too long."""
    text = " ".join(raw.split())
    if not 2 <= len(text) <= MAX_TITLE:
        raise BadTitle(limit=MAX_TITLE)
    return text


async def create_deal(uow: UnitOfWork, user: UserRecord, new: NewDeal, *, now: datetime) -> DealRecord:
    """A deal on a visible customer, owned by the customer's owner, at the stage's default probability."""
    title = clean_title(new.title)
    if not 0 <= new.amount_cents <= MAX_CENTS or new.currency not in CURRENCIES:
        raise BadAmount()
    if new.stage not in OPEN_STAGES:
        raise StageNotOpen()
    customer = await get_visible(uow, user, new.customer_id)
    probability = default_probability(new.stage)
    async with uow:
        tier = tier_for(stage=new.stage.value, probability=probability, close=new.expected_close,
                        today=local_today(user, now), current="D")
        deal_id = await uow.deals.add(customer_id=customer.id, owner_id=customer.owner_id, title=title,
                                      amount_cents=new.amount_cents, currency=new.currency,
                                      expected_close=new.expected_close, stage=new.stage.value,
                                      probability=probability, tier=tier, now=now)
        await uow.deals.add_stage_change(deal_id=deal_id, from_stage=None, to_stage=new.stage.value,
                                         from_probability=None, to_probability=probability, user_id=user.id,
                                         now=now, note=None)
        await uow.deals.add_tier_change(customer_id=customer.id, deal_id=deal_id, from_tier=None, to_tier=tier,
                                        cause="new", reason=None, user_id=user.id, now=now)
        await retier_customer(uow, customer.id, cause="new", user_id=user.id, now=now)
        await uow.commit()
        deal = await uow.deals.get(deal_id)
    if deal is None:
        raise DealNotFound()
    return deal


async def my_deals(uow: UnitOfWork, user: UserRecord, *, open_only: bool = True, limit: int = 10,
                   offset: int = 0) -> list[DealRecord]:
    """Deals in the user's scope (a rep's own, a manager's team), soonest close first."""
    owners = await visible_owners(uow, user)
    async with uow:
        return await uow.deals.listing(owners, open_only=open_only, limit=limit, offset=max(offset, 0))


async def customer_deals(uow: UnitOfWork, user: UserRecord, customer_id: int) -> list[DealRecord]:
    """Every deal of a visible customer, oldest first."""
    await get_visible(uow, user, customer_id)
    async with uow:
        return await uow.deals.of_customer(customer_id)
