"""The processed-updates ledger: a redelivery is refused, and old ids are pruned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from storage.migrate import upgrade_to_head
from storage.tables import ProcessedUpdate
from tests.conftest import Database
from tests.e2e.seeding import unit_of_work

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


async def test_redelivery_is_refused_and_ids_older_than_a_week_are_pruned(database: Database) -> None:
    await upgrade_to_head(database.url, schema=database.schema)
    async with unit_of_work(database) as uow, uow:
        assert await uow.updates.record(1, now=NOW - timedelta(days=8))
        assert await uow.updates.record(2, now=NOW - timedelta(days=1))
        assert not await uow.updates.record(2, now=NOW)
        await uow.commit()
        assert await uow.updates.record(3000, now=NOW)  # a multiple of 1000 prunes
        await uow.commit()
        kept = (await uow.session.scalars(select(ProcessedUpdate.update_id).order_by(ProcessedUpdate.update_id))).all()
    assert kept == [2, 3000]
