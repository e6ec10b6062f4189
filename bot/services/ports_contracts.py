"""What the contract services need from storage."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol


class ContractRepository(Protocol):
    async def add(self, *, deal_id: int, customer_id: int, number: str, amount_cents: int, currency: str,
                  signed_on: date | None, signer: str | None, summary: str | None, user_id: int,
                  now: datetime) -> int: ...
    async def number_taken(self, number: str) -> bool: ...
