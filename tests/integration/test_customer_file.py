"""Customer-file services against real SQLite and PostgreSQL: find scope and typos, restore window, hand-over."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.domain.enums import Role
from bot.domain.records import UserRecord
from bot.services import customer_file, customers, reassign
from bot.services.customer_search import find_customers
from bot.services.errors import CustomerNotFound, NotAllowed
from storage.migrate import upgrade_to_head
from tests.conftest import Database
from tests.e2e.seeding import unit_of_work


async def _people(database: Database, now: datetime) -> dict[str, UserRecord]:
    await upgrade_to_head(database.url, schema=database.schema)
    async with unit_of_work(database) as uow, uow:
        east = await uow.teams.get_or_create("East", now=now)
        west = await uow.teams.get_or_create("West", now=now)
        made = {}
        for number, (key, role, team) in enumerate((
                ("admin", Role.ADMIN, east), ("boss", Role.MANAGER, east), ("li", Role.REP, east),
                ("zhao", Role.REP, east), ("tom", Role.REP, west))):
            made[key] = await uow.users.add(telegram_id=9000 + number, name=key, username=None, role=role,
                                            team_id=team, timezone="Asia/Shanghai", language="en", now=now)
        await uow.commit()
    return made


async def test_find_respects_scope_and_tolerates_typos(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    async with unit_of_work(database) as uow:
        for owner, name in (("li", "Acme Robotics"), ("zhao", "Acme Foods"), ("tom", "Acme West")):
            await customers.create(uow, people[owner], name, now=frozen_now)

        async def names(who: str, query: str) -> list[str]:
            return [f.name for f in (await find_customers(uow, people[who], query)).items]

        assert await names("li", "acme") == ["Acme Robotics"]
        assert sorted(await names("boss", "acme")) == ["Acme Foods", "Acme Robotics"]
        assert sorted(await names("admin", "acme")) == ["Acme Foods", "Acme Robotics", "Acme West"]
        assert await names("li", "acme robtics") == ["Acme Robotics"]  # no substring: the fuzzy fallback
        assert await names("li", "%") == [] and await names("li", "_c") == []  # LIKE wildcards are literal


async def test_restore_only_by_an_admin_and_only_within_90_days(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    async with unit_of_work(database) as uow:
        record = await customers.create(uow, people["li"], "Acme Robotics", now=frozen_now)
        await customer_file.delete(uow, people["li"], record.id, "duplicate entry", now=frozen_now)
        with pytest.raises(CustomerNotFound):
            await customer_file.card(uow, people["li"], record.id)
        with pytest.raises(NotAllowed):
            await customer_file.restore(uow, people["boss"], record.id, now=frozen_now)
        with pytest.raises(customer_file.RestoreTooLate):
            await customer_file.restore(uow, people["admin"], record.id, now=frozen_now + timedelta(days=91))
        await customer_file.restore(uow, people["admin"], record.id, now=frozen_now + timedelta(days=89))
        assert (await customer_file.card(uow, people["li"], record.id)).profile.deleted_at is None


async def test_hand_over_stays_inside_the_managers_team(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    async with unit_of_work(database) as uow:
        east = await customers.create(uow, people["li"], "Acme Robotics", now=frozen_now)
        west = await customers.create(uow, people["tom"], "Acme West", now=frozen_now)
        with pytest.raises(NotAllowed):
            await reassign.hand_over(uow, people["boss"], [east.id], people["tom"].id, reason="r", now=frozen_now)
        with pytest.raises(CustomerNotFound):
            await reassign.hand_over(uow, people["boss"], [east.id, west.id], people["zhao"].id, reason="r",
                                     now=frozen_now)
        with pytest.raises(NotAllowed):
            await reassign.hand_over(uow, people["li"], [east.id], people["zhao"].id, reason="r", now=frozen_now)
        done = await reassign.hand_over(uow, people["boss"], [east.id], people["zhao"].id, reason="r", now=frozen_now)
        assert [c.name for c in done.moved] == ["Acme Robotics"]
        with pytest.raises(reassign.NothingToMove):
            await reassign.hand_over(uow, people["boss"], [east.id], people["zhao"].id, reason="r", now=frozen_now)
