"""Creating customers from /new and reviewing them, against real SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.enums import Role
from bot.domain.records import ContactFields, CustomerFields, UserRecord
from bot.services import onboarding, org_settings, review
from bot.services.errors import NotAllowed
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade_to_head
from storage.tables import ChangeLog, Contact, Customer
from storage.uow import SqlUnitOfWork
from tests.conftest import Database

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@asynccontextmanager
async def engine_of(database: Database) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """One engine for the test (the app shares one too); each unit of work gets its own session."""
    await upgrade_to_head(database.url, schema=database.schema)
    engine = make_engine(database.url, schema=database.schema)
    try:
        yield make_session_factory(engine)
    finally:
        await engine.dispose()


async def _users(factory: async_sessionmaker[AsyncSession]) -> tuple[UserRecord, UserRecord, UserRecord]:
    uow = SqlUnitOfWork(factory)
    async with uow:
        made = [await uow.users.add(telegram_id=i, name=name, username=None, role=role, team_id=None,
                                    timezone="Asia/Shanghai", language="en", now=NOW)
                for i, (name, role) in enumerate((("Rep", Role.REP), ("Other", Role.REP), ("Boss", Role.ADMIN)), 1)]
        await uow.commit()
    await uow.close()
    return made[0], made[1], made[2]


async def test_parallel_creations_get_distinct_sequential_codes(database: Database) -> None:
    names = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"]
    async with engine_of(database) as factory:
        rep, _, _ = await _users(factory)

        async def create(name: str) -> str:
            uow = SqlUnitOfWork(factory)
            try:
                made = await onboarding.create(uow, rep, CustomerFields(name=name, industry="IT"), None, now=NOW)
            finally:
                await uow.close()
            return made.customer.code

        codes = await asyncio.gather(*(create(name) for name in names))
    assert sorted(codes) == [f"IT2026{n:03d}" for n in range(1, len(names) + 1)]


async def test_duplicates_hide_other_reps_details_and_an_override_is_logged(database: Database) -> None:
    async with engine_of(database) as factory:
        rep, other, _ = await _users(factory)
        uow = SqlUnitOfWork(factory)
        theirs = await onboarding.create(uow, other, CustomerFields(name="华星科技有限公司", industry="IT"),
                                         ContactFields(name="王经理", phone="+8613912345678"), now=NOW)
        fields = CustomerFields(name="Huaxing Tech", industry="IT")
        contact = ContactFields(name="Wang", phone="+8613912345678")
        with pytest.raises(onboarding.PossibleDuplicate) as caught:
            await onboarding.create(uow, rep, fields, contact, now=NOW)
        (match,) = caught.value.matches
        assert (match.name, match.owner_name, match.visible, match.reason, match.code) == (
            "华星科技有限公司", "Other", False, "phone", None)
        made = await onboarding.create(uow, rep, fields, contact, now=NOW, acknowledged=[theirs.customer.id])
        assert made.overridden == (theirs.customer.id,) and not made.pending
        async with uow:
            reason = await uow.session.scalar(select(ChangeLog.reason).where(ChangeLog.entity_id == made.customer.id))
        assert reason == f"created despite possible duplicate of #{theirs.customer.id}"
        await uow.close()


async def test_a_failed_save_leaves_nothing_half_written(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    async with engine_of(database) as factory:
        rep, _, _ = await _users(factory)
        uow = SqlUnitOfWork(factory)

        async def broken(**_: object) -> None:
            raise RuntimeError("disk full")

        monkeypatch.setattr(uow.changes, "add", broken)
        with pytest.raises(RuntimeError):
            await onboarding.create(uow, rep, CustomerFields(name="Acme", industry="IT"),
                                    ContactFields(name="Tom", email="tom@acme.com"), now=NOW)
        async with uow:
            assert await uow.session.scalar(select(func.count()).select_from(Customer)) == 0
            assert await uow.session.scalar(select(func.count()).select_from(Contact)) == 0
        await uow.close()


async def test_review_on_makes_reps_customers_pending_and_a_decision_is_final(database: Database) -> None:
    async with engine_of(database) as factory:
        rep, _, boss = await _users(factory)
        uow = SqlUnitOfWork(factory)
        assert not (await org_settings.load(uow)).review_new_customers
        with pytest.raises(NotAllowed):
            await org_settings.set_review(uow, rep, True, now=NOW)
        assert (await org_settings.set_review(uow, boss, True, now=NOW)).review_new_customers
        made = await onboarding.create(uow, rep, CustomerFields(name="Acme", industry="IT"), None, now=NOW)
        assert made.pending and [r.name for r in made.reviewers] == ["Boss"]
        own = await onboarding.create(uow, boss, CustomerFields(name="Globex", industry="IT"), None, now=NOW)
        assert not own.pending  # an admin's own customer needs nobody's approval
        profiles, total = await review.pending(uow, boss)
        assert [p.fields.name for p in profiles] == ["Acme"] and total == 1
        with pytest.raises(NotAllowed):
            await review.decide(uow, rep, made.customer.id, approve=True, now=NOW)
        decision = await review.decide(uow, boss, made.customer.id, approve=False, now=NOW)
        assert decision.status == "rejected" and decision.owner is not None and decision.owner.id == rep.id
        with pytest.raises(review.AlreadyDecided):
            await review.decide(uow, boss, made.customer.id, approve=True, now=NOW)
        with pytest.raises(review.ReviewNotFound):
            await review.decide(uow, boss, 999_999, approve=True, now=NOW)
        await uow.close()
