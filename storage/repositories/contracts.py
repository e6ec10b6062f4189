"""Contracts, execution milestones and sale results: queries and writes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import Contract


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
