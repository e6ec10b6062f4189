"""Put customers (and contacts) behind a registered user through the real services and storage."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime

from bot.domain.records import CustomerRecord, UserRecord
from bot.services import customers
from storage.engine import make_engine, make_session_factory
from storage.tables import Contact, Customer
from storage.uow import SqlUnitOfWork
from tests.conftest import Database


@asynccontextmanager
async def unit_of_work(database: Database) -> AsyncIterator[SqlUnitOfWork]:
    """A unit of work on the test database, disposed afterwards."""
    engine = make_engine(database.url, schema=database.schema)
    uow = SqlUnitOfWork(make_session_factory(engine))
    try:
        yield uow
    finally:
        await uow.close()
        await engine.dispose()


async def add_customers(database: Database, telegram_id: int, names: Sequence[str], *, now: datetime,
                        tier: str = "B", contacts: dict[str, str] | None = None,
                        coordinates: dict[str, tuple[float, float]] | None = None) -> list[CustomerRecord]:
    """Customers owned by the user with this Telegram id."""
    async with unit_of_work(database) as uow:
        user = await uow.users.get_by_telegram_id(telegram_id)
        assert isinstance(user, UserRecord)
        made = [await customers.create(uow, user, name, now=now, industry="IT", tier=tier) for name in names]
        async with uow:
            for record in made:
                if contacts and record.name in contacts:
                    uow.session.add(Contact(customer_id=record.id, name=contacts[record.name], is_primary=True))
                if coordinates and record.name in coordinates:
                    row = await uow.session.get(Customer, record.id)
                    assert row is not None
                    row.latitude, row.longitude = coordinates[record.name]
            await uow.commit()
        return made
