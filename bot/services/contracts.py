"""Contracts of won deals: the view, execution milestones, payment received, open milestones, customer value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.contracts import (
    LIST_LIMIT,
    ContractRecord,
    MilestoneKind,
    MilestoneRecord,
    OpenMilestone,
    PurchaseSummary,
    SaleLine,
    by_due,
    summarize_purchases,
)
from bot.domain.deals import DealRecord
from bot.domain.enums import Stage
from bot.domain.records import UserRecord
from bot.services.deal_access import DealNotFound, changeable_deal, visible_deal
from bot.services.errors import ServiceError
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners


class NoContract(ServiceError):
    key = "contract.none"


class MilestoneNotFound(ServiceError):
    key = "contract.milestone_not_found"


class AlreadyDone(ServiceError):
    key = "contract.already_done"


class NotWon(ServiceError):
    key = "contract.not_won"


class AlreadyPaid(ServiceError):
    key = "contract.already_paid"


class DueInPast(ServiceError):
    key = "contract.due_past"


class BadKind(ServiceError):
    key = "error.expired"


@dataclass(frozen=True)
class ContractView:
    """A won deal's contract (None when none was recorded), its milestones and sale result lines."""

    deal: DealRecord
    contract: ContractRecord | None
    milestones: tuple[MilestoneRecord, ...]
    sales: tuple[SaleLine, ...]
    can_change: bool


@dataclass(frozen=True)
class MilestoneDone:
    deal_id: int
    kind: str
    paid_on: date | None  # set when this completed the payment and so marked the deal paid


async def contract_view(uow: UnitOfWork, user: UserRecord, deal_id: int) -> ContractView:
    """The contract of a deal the user may see; DealNotFound otherwise."""
    deal = await visible_deal(uow, user, deal_id)
    async with uow:
        contract = await uow.contracts.of_deal(deal.id)
        milestones = await uow.contracts.milestones(contract.id) if contract else []
        sales = await uow.contracts.sales_of_deal(deal.id)
    return ContractView(deal, contract, tuple(milestones), tuple(sales),
                        deal.owner_id == user.id or user.is_manager)


async def add_milestone(uow: UnitOfWork, user: UserRecord, deal_id: int, kind: str, due_on: date | None, *,
                        today: date) -> MilestoneRecord:
    """Add a milestone (delivery, acceptance, invoice, payment) to the deal's contract; not due in the past."""
    if kind not in set(MilestoneKind):
        raise BadKind()
    if due_on is not None and due_on < today:
        raise DueInPast()
    deal = await changeable_deal(uow, user, deal_id)
    async with uow:
        contract = await uow.contracts.of_deal(deal.id)
        if contract is None:
            raise NoContract()
        milestone_id = await uow.contracts.add_milestone(contract_id=contract.id, kind=kind, due_on=due_on)
        await uow.commit()
        made = await uow.contracts.milestone(milestone_id)
    assert made is not None
    return made


async def complete_milestone(uow: UnitOfWork, user: UserRecord, milestone_id: int, *,
                             today: date) -> MilestoneDone:
    """Mark a milestone done by the user today; a payment milestone also marks the won deal paid."""
    async with uow:
        milestone = await uow.contracts.milestone(milestone_id)
    if milestone is None or milestone.deal_id is None:
        raise MilestoneNotFound()
    try:
        deal = await changeable_deal(uow, user, milestone.deal_id)
    except DealNotFound:
        raise MilestoneNotFound() from None
    if milestone.done:
        raise AlreadyDone()
    async with uow:
        if not await uow.contracts.mark_done(milestone.id, done_on=today, user_id=user.id):
            raise AlreadyDone()
        paid = milestone.kind == MilestoneKind.PAYMENT and deal.stage == Stage.WON and deal.paid_on is None
        if paid:
            await uow.deals.set_paid(deal.id, today)
        await uow.commit()
    return MilestoneDone(deal.id, milestone.kind, today if paid else None)


async def record_payment(uow: UnitOfWork, user: UserRecord, deal_id: int, *, today: date) -> DealRecord:
    """款项到账: the open payment milestone done (or a done one added), and the won deal paid today."""
    deal = await changeable_deal(uow, user, deal_id)
    if deal.stage != Stage.WON:
        raise NotWon()
    if deal.paid_on is not None:
        raise AlreadyPaid(on=deal.paid_on.isoformat())
    async with uow:
        contract = await uow.contracts.of_deal(deal.id)
        if contract is not None:
            open_payments = [m for m in await uow.contracts.milestones(contract.id)
                             if m.kind == MilestoneKind.PAYMENT and not m.done]
            if open_payments:
                await uow.contracts.mark_done(open_payments[0].id, done_on=today, user_id=user.id)
            else:
                await uow.contracts.add_milestone(contract_id=contract.id, kind=MilestoneKind.PAYMENT,
                                                  due_on=None, done_on=today, done_by=user.id)
        await uow.deals.set_paid(deal.id, today)
        await uow.commit()
        paid = await uow.deals.get(deal.id)
    assert paid is not None
    return paid


async def open_milestones(uow: UnitOfWork, user: UserRecord, *, limit: int = LIST_LIMIT) -> list[OpenMilestone]:
    """Open milestones on the customers the user may see, soonest due first, undated last."""
    owners = await visible_owners(uow, user)
    async with uow:
        return by_due(await uow.contracts.open_milestones(owners, limit=limit))


async def purchase_summary(uow: UnitOfWork, customer_id: int, *, today: date) -> PurchaseSummary | None:
    """购买频率、购买金额 of a customer (the caller checked the user may see it); None if it never bought."""
    async with uow:
        purchases = await uow.contracts.purchases(customer_id)
    return summarize_purchases(purchases, today=today)
