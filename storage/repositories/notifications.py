"""Notification rows: idempotent inserts, claiming for delivery, and the outcome of each send.

Claiming leases rows (claimed_until) instead of changing their status, so a process that dies mid-batch
loses nothing: its rows become claimable again when the lease runs out. Every outcome releases the lease.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.notifications import NewNotification, OutboxItem
from storage.tables import NotificationLog, User

N = NotificationLog
ANALYZE_AFTER = 1000


class SqlNotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _dialect(self) -> str:
        bind = self.session.bind
        return bind.dialect.name if bind is not None else "sqlite"

    async def add_missing(self, rows: Sequence[NewNotification], *, now: datetime) -> int:
        """Insert the rows whose key is new (status pending); return how many were inserted."""
        keys: set[str] = set()
        values = []
        for r in rows:
            if r.key not in keys:  # a key repeated within the call is inserted once
                keys.add(r.key)
                values.append({"idempotency_key": r.key, "user_id": r.user_id, "kind": r.kind,
                               "object_id": r.object_id, "day": r.day, "status": "pending",
                               "not_before": r.not_before, "attempts": 0, "created_at": now, "payload": r.payload})
        if not values:
            return 0
        postgres = self._dialect() == "postgresql"
        if postgres:  # asyncpg's executemany does not count the rows it inserted: leave out the known keys first
            existing: set[str] = set()
            wanted = [v["idempotency_key"] for v in values]
            for start in range(0, len(wanted), 1000):
                existing.update(await self.session.scalars(
                    select(N.idempotency_key).where(N.idempotency_key.in_(wanted[start:start + 1000]))))
            values = [v for v in values if v["idempotency_key"] not in existing]
            if not values:
                return 0
        dialect_insert: Any = postgresql.insert if postgres else sqlite.insert
        # No RETURNING: with ON CONFLICT it makes SQLAlchemy send the rows one statement each.
        statement = dialect_insert(N.__table__).on_conflict_do_nothing(index_elements=[N.idempotency_key])
        # Core on the session's connection: the DBAPI's executemany, not the ORM's bulk path (which sent
        # hundreds of statements here).
        connection = await self.session.connection()
        result = await connection.execute(statement, values)
        if postgres and len(values) >= ANALYZE_AFTER:
            # A burst (every morning reminder of the company in one minute) leaves the planner's statistics far
            # behind until autovacuum comes by; key lookups then scan the table. Catch them up at once.
            await connection.exec_driver_sql("ANALYZE notification_log")
        # SQLite sums the rows executemany changed; on PostgreSQL the known keys were left out above (a key another
        # process inserts meanwhile is skipped by ON CONFLICT and still counted).
        return len(values) if postgres else int(result.rowcount)

    async def claim(self, *, now: datetime, lease: timedelta, limit: int) -> list[OutboxItem]:
        """Pending rows whose not_before has come and whose lease (if any) ran out, oldest first; lease them
        until now + lease. Two processes never get the same row (FOR UPDATE SKIP LOCKED on PostgreSQL)."""
        statement = (
            select(N.id, N.idempotency_key, N.user_id, User.telegram_id, User.language, User.timezone, N.kind,
                   N.object_id, N.day, N.payload, N.attempts, N.created_at)
            .join(User, User.id == N.user_id)
            .where(N.status == "pending", or_(N.not_before.is_(None), N.not_before <= now),
                   or_(N.claimed_until.is_(None), N.claimed_until < now), User.unreachable_at.is_(None))
            .order_by(N.id)
            .limit(limit)
        )
        if self._dialect() == "postgresql":
            # SQLite needs nothing: its transactions begin IMMEDIATE (storage/engine.py), one writer at a time.
            statement = statement.with_for_update(of=N, skip_locked=True)
        rows = (await self.session.execute(statement)).all()
        if not rows:
            return []
        await self.session.execute(update(N).where(N.id.in_([r.id for r in rows]))
                                   .values(claimed_until=now + lease))
        return [OutboxItem(id=r.id, key=r.idempotency_key, user_id=r.user_id, chat_id=r.telegram_id,
                           language=r.language, timezone=r.timezone, kind=r.kind, object_id=r.object_id,
                           day=r.day, payload=r.payload or {}, attempts=r.attempts,
                           created_at=r.created_at or now) for r in rows]

    async def mark_sent(self, ids: Sequence[int], *, now: datetime, message_id: int | None) -> None:
        """Telegram accepted the message that delivers these rows."""
        await self.session.execute(update(N).where(N.id.in_(list(ids))).values(
            status="sent", sent_at=now, message_id=message_id, claimed_until=None))

    async def set_status(self, ids: Sequence[int], status: str, *, error: str | None = None) -> None:
        """A final outcome (skipped, merged, blocked, failed), or 'pending' to hand rows back untouched."""
        values: dict[str, Any] = {"status": status, "claimed_until": None}
        if error is not None:
            values["last_error"] = error[:2000]
        await self.session.execute(update(N).where(N.id.in_(list(ids))).values(**values))

    async def retry_later(self, ids: Sequence[int], *, not_before: datetime, error: str) -> None:
        """Back to pending (lease released), attempts + 1, not before `not_before`."""
        await self.session.execute(update(N).where(N.id.in_(list(ids))).values(
            status="pending", claimed_until=None, not_before=not_before, attempts=N.attempts + 1,
            last_error=error[:2000]))

    async def mark_unreachable(self, user_id: int, *, now: datetime) -> None:
        """The user blocked the bot: users.unreachable_at = now; their pending rows become 'blocked'."""
        await self.session.execute(update(User).where(User.id == user_id, User.unreachable_at.is_(None))
                                   .values(unreachable_at=now))
        await self.session.execute(update(N).where(N.user_id == user_id, N.status == "pending")
                                   .values(status="blocked", claimed_until=None,
                                           last_error="Forbidden: bot was blocked by the user"))
