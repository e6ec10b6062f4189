"""Which deals a user may see and change: those of customers they may see."""

from __future__ import annotations

from bot.domain.deals import DealRecord
from bot.domain.records import UserRecord
from bot.services.customers import get_visible
from bot.services.errors import CustomerNotFound, NotAllowed, ServiceError
from bot.services.ports import UnitOfWork


class DealNotFound(ServiceError):
    key = "deal.not_found"


async def visible_deal(uow: UnitOfWork, user: UserRecord, deal_id: int) -> DealRecord:
    """A deal on a customer the user may see; DealNotFound otherwise (forged ids included)."""
    async with uow:
        deal = await uow.deals.get(deal_id)
    if deal is None:
        raise DealNotFound()
    try:
        await get_visible(uow, user, deal.customer_id)
    except CustomerNotFound:
        raise DealNotFound() from None
    return deal


async def changeable_deal(uow: UnitOfWork, user: UserRecord, deal_id: int) -> DealRecord:
    """A deal the user may change: their own, or any in scope for a manager."""
    deal = await visible_deal(uow, user, deal_id)
    if deal.owner_id != user.id and not user.is_manager:
        raise NotAllowed()
    return deal
