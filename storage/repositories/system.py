"""Bookkeeping: processed updates and persisted conversation state."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import ConversationState, ProcessedUpdate

PRUNE_EVERY = 1000
KEEP = timedelta(days=7)


class SqlUpdateLedger:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, update_id: int, *, now: datetime) -> bool:
        """Remember an update id; False when it was seen before (a redelivery).

        Every PRUNE_EVERY-th update also forgets ids older than KEEP: Telegram never redelivers
        that late, and the table would otherwise grow by one row per update forever.
        """
        if update_id % PRUNE_EVERY == 0:
            await self.session.execute(delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < now - KEEP))
        insert = pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        stmt = insert(ProcessedUpdate).values(update_id=update_id, processed_at=now).on_conflict_do_nothing()
        result = await self.session.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]


class SqlStateStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def load_all(self, name: str) -> dict[str, Any]:
        """Every stored state of one kind, by key."""
        rows = await self.session.scalars(select(ConversationState).where(ConversationState.name == name))
        return {row.key: row.state for row in rows}

    async def save(self, name: str, key: str, state: Any, *, now: datetime) -> None:
        """Insert or replace one state."""
        row = await self.session.scalar(
            select(ConversationState).where(ConversationState.name == name, ConversationState.key == key)
        )
        if row is None:
            self.session.add(ConversationState(name=name, key=key, state=state, updated_at=now))
        else:
            row.state, row.updated_at = state, now
        await self.session.flush()

    async def delete(self, name: str, key: str) -> None:
        """Forget one state."""
        await self.session.execute(
            delete(ConversationState).where(ConversationState.name == name, ConversationState.key == key)
        )
