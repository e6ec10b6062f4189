"""Read-only queries behind the customer card and its history."""

from __future__ import annotations

from typing import Protocol

from bot.domain.card import CardExtras
from bot.domain.records import ChangeRecord


class CardRepository(Protocol):
    async def extras(self, customer_id: int, *, recent: int) -> CardExtras: ...
    async def history(self, customer_id: int, *, limit: int, offset: int) -> list[ChangeRecord]: ...
