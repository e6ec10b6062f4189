"""Contracts, execution milestones and sale results: queries and writes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.contracts import ContractRecord, DealPurchase, MilestoneRecord, OpenMilestone, SaleLine
from bot.domain.enums import Stage
from storage.tables import Contract, ContractMilestone, Customer, Deal, SaleResult, User

_MILESTONE = (select(ContractMilestone, Contract.deal_id, User.name)
              .join(Contract, Contract.id == ContractMilestone.contract_id)
              .outerjoin(User, User.id == ContractMilestone.done_by))


def _contract(c: Contract) -> ContractRecord:
    return ContractRecord(c.id, c.deal_id, c.customer_id, c.number, c.amount_cents, c.currency, c.signed_on,
                          c.signer, c.summary, c.created_at)


def _milestone(m: ContractMilestone, deal_id: int | None, done_by_name: str | None) -> MilestoneRecord:
    return MilestoneRecord(m.id, m.contract_id, deal_id, m.kind, m.due_on, m.done_on, done_by_name)


def _sale(s: SaleResult) -> SaleLine:
    return SaleLine(s.id, s.deal_id, s.product, s.quantity, s.unit_price_cents, s.amount_cents, s.currency,
                    s.payment_method, s.delivery, s.created_at)


class SqlContractRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, deal_id: int, customer_id: int, number: str, amount_cents: int, currency: str,
                  signed_on: date | None, signer: str | None, summary: str | None, user_id: int,
                  now: datetime) -> int:
        """A signed contract of a won deal."""
        contract = Contract(deal_id=deal_id, customer_id=customer_id, number=number, amount_cents=amount_cents,
                            currency=currency, signed_on=signed_on, signer=signer, summary=summary,
                            created_by=user_id, created_at=now)
        self.session.add(contract)
        await self.session.flush()
        return contract.id

    async def number_taken(self, number: str) -> bool:
        """True when a contract already has this number (compared without case)."""
        found = await self.session.scalar(
            select(Contract.id).where(func.lower(Contract.number) == number.lower()).limit(1))
        return found is not None

    async def of_deal(self, deal_id: int) -> ContractRecord | None:
        """The deal's contract (the latest, should there be several)."""
        found = await self.session.scalar(
            select(Contract).where(Contract.deal_id == deal_id).order_by(Contract.id.desc()).limit(1))
        return _contract(found) if found else None

    async def milestones(self, contract_id: int) -> list[MilestoneRecord]:
        """The contract's milestones, soonest due first (undated last)."""
        rows = await self.session.execute(
            _MILESTONE.where(ContractMilestone.contract_id == contract_id)
            .order_by(ContractMilestone.due_on.asc().nulls_last(), ContractMilestone.id))
        return [_milestone(*r) for r in rows]

    async def milestone(self, milestone_id: int) -> MilestoneRecord | None:
        """One milestone, with its contract's deal."""
        row = (await self.session.execute(_MILESTONE.where(ContractMilestone.id == milestone_id))).first()
        return _milestone(*row) if row else None

    async def add_milestone(self, *, contract_id: int, kind: str, due_on: date | None,
                            done_on: date | None = None, done_by: int | None = None) -> int:
        """A milestone of the contract (done already when `done_on` is given)."""
        row = ContractMilestone(contract_id=contract_id, kind=kind, due_on=due_on, done_on=done_on, done_by=done_by)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def mark_done(self, milestone_id: int, *, done_on: date, user_id: int) -> bool:
        """Mark an open milestone done; False when it was done already (so nobody does it twice)."""
        result = await self.session.execute(
            update(ContractMilestone).where(ContractMilestone.id == milestone_id, ContractMilestone.done_on.is_(None))
            .values(done_on=done_on, done_by=user_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def open_milestones(self, owner_ids: Collection[int] | None, *, limit: int) -> list[OpenMilestone]:
        """Open milestones on live customers of these owners (None: all), soonest due first, undated last."""
        query = (select(ContractMilestone, Contract.deal_id, Contract.number, Customer.name)
                 .join(Contract, Contract.id == ContractMilestone.contract_id)
                 .join(Deal, Deal.id == Contract.deal_id)
                 .join(Customer, Customer.id == Deal.customer_id)
                 .where(ContractMilestone.done_on.is_(None), Customer.deleted_at.is_(None)))
        if owner_ids is not None:
            query = query.where(Customer.owner_id.in_(owner_ids))
        rows = await self.session.execute(
            query.order_by(ContractMilestone.due_on.asc().nulls_last(), ContractMilestone.id).limit(limit))
        return [OpenMilestone(_milestone(m, deal_id, None), deal_id or 0, number, name)  # inner join: never None
                for m, deal_id, number, name in rows]

    async def add_sale(self, *, deal_id: int, product: str, quantity: int, unit_price_cents: int,
                       amount_cents: int, currency: str, payment_method: str, delivery: str, user_id: int,
                       now: datetime) -> int:
        """One sale result line (销售结果) of a deal."""
        row = SaleResult(deal_id=deal_id, product=product, quantity=quantity, unit_price_cents=unit_price_cents,
                         amount_cents=amount_cents, currency=currency, payment_method=payment_method,
                         delivery=delivery, created_by=user_id, created_at=now)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def sales_of_deal(self, deal_id: int) -> list[SaleLine]:
        """The deal's sale result lines, oldest first."""
        rows = await self.session.scalars(select(SaleResult).where(SaleResult.deal_id == deal_id)
                                          .order_by(SaleResult.id))
        return [_sale(s) for s in rows]

    async def purchases(self, customer_id: int) -> list[DealPurchase]:
        """The customer's paid won deals, with their latest contract and their sale totals per currency."""
        deals = list(await self.session.scalars(
            select(Deal).where(Deal.customer_id == customer_id, Deal.stage == Stage.WON.value,
                               Deal.paid_on.is_not(None)).order_by(Deal.id)))
        ids = [d.id for d in deals]
        if not ids:
            return []
        contracts: dict[int, Contract] = {}
        for contract in await self.session.scalars(select(Contract).where(Contract.deal_id.in_(ids))
                                                   .order_by(Contract.id)):
            contracts[contract.deal_id or 0] = contract  # the latest wins
        sales: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for deal_id, currency, cents in await self.session.execute(
                select(SaleResult.deal_id, SaleResult.currency, func.sum(SaleResult.amount_cents))
                .where(SaleResult.deal_id.in_(ids)).group_by(SaleResult.deal_id, SaleResult.currency)
                .order_by(SaleResult.deal_id, SaleResult.currency)):
            sales[deal_id].append((currency, int(cents)))
        made = []
        for deal in deals:
            found = contracts.get(deal.id)
            made.append(DealPurchase(
                deal.id, deal.amount_cents, deal.currency, deal.paid_on,
                found.amount_cents if found else None, found.currency if found else None,
                found.signed_on if found else None, tuple(sales.get(deal.id, ()))))
        return made
