"""What the complaints services need from storage."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from bot.domain.feedback import ComplaintRecord


class ComplaintRepository(Protocol):
    async def add_complaint(self, *, customer_id: int, content: str, severity: str, handler_id: int,
                            created_by: int, now: datetime) -> int: ...
    async def add_feedback(self, *, customer_id: int, score: int, comment: str, created_by: int,
                           now: datetime) -> int: ...
    async def get(self, complaint_id: int) -> ComplaintRecord | None: ...
    async def open_for(self, owner_ids: Collection[int] | None, *, handler_id: int,
                       limit: int) -> list[ComplaintRecord]: ...
    async def move(self, complaint_id: int, *, sources: Collection[str], status: str, now: datetime,
                   resolution: str | None = None) -> bool: ...
    async def scores(self, customer_id: int) -> list[int]: ...
