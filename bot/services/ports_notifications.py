"""What the follow-up engine's outbox needs from storage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from bot.domain.notifications import NewNotification, OutboxItem


class NotificationRepository(Protocol):
    async def add_missing(self, rows: Sequence[NewNotification], *, now: datetime) -> int:
        """Insert the rows whose key is new (status pending); return how many were inserted."""
        ...

    async def claim(self, *, now: datetime, lease: timedelta, limit: int) -> list[OutboxItem]:
        """Pending rows whose not_before has come and whose lease (if any) ran out, oldest first; lease them
        until now + lease. Two processes never get the same row (FOR UPDATE SKIP LOCKED on PostgreSQL)."""
        ...

    async def mark_sent(self, ids: Sequence[int], *, now: datetime, message_id: int | None) -> None: ...
    async def set_status(self, ids: Sequence[int], status: str, *, error: str | None = None) -> None: ...
    async def retry_later(self, ids: Sequence[int], *, not_before: datetime, error: str) -> None:
        """Back to pending (lease released), attempts + 1, not before `not_before`."""
        ...

    async def mark_unreachable(self, user_id: int, *, now: datetime) -> None:
        """The user blocked the bot: users.unreachable_at = now; their pending rows become 'blocked'."""
        ...
