"""The log service against real databases: supersede and undo, edit in place, where coordinates come from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.domain.enums import Channel, Role
from bot.domain.logs import LogDraft
from bot.domain.records import UserRecord
from bot.services import customers, logbook, next_actions
from storage.migrate import upgrade_to_head
from storage.tables import ChangeLog, Customer, Interaction, NextAction
from tests.conftest import Database
from tests.e2e.seeding import unit_of_work

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


async def _rep(database: Database) -> UserRecord:
    await upgrade_to_head(database.url, schema=database.schema)
    async with unit_of_work(database) as uow, uow:
        user = await uow.users.add(telegram_id=1, name="Rep", username=None, role=Role.REP, team_id=None,
                                   timezone="Asia/Shanghai", language="en", now=NOW)
        await uow.commit()
    return user


def _draft(customer_id: int, title: str | None = "send quote", **changes: object) -> LogDraft:
    values: dict[str, object] = {"customer_id": customer_id, "channel": Channel.PHONE, "summary": "talked",
                                 "occurred_at": NOW - timedelta(hours=1), "next_title": title,
                                 "next_due": NOW + timedelta(days=2)}
    values.update(changes)
    return LogDraft(**values)  # type: ignore[arg-type]


async def test_a_new_log_supersedes_the_open_step_and_undo_reopens_it(database: Database) -> None:
    rep = await _rep(database)
    async with unit_of_work(database) as uow:
        acme = await customers.create(uow, rep, "Acme", now=NOW)
        first = await logbook.save_log(uow, rep, _draft(acme.id, "send quote"), now=NOW)
        second = await logbook.save_log(uow, rep, _draft(acme.id, "call back"), now=NOW)
        assert [a.title for a in await next_actions.open_actions(uow, rep)] == ["call back"]
        await logbook.undo_log(uow, rep, second.interaction_id, now=NOW)
        assert [a.id for a in await next_actions.open_actions(uow, rep)] == [first.next_action_id]


async def test_editing_keeps_when_it_was_logged_and_a_step_already_done(database: Database) -> None:
    rep = await _rep(database)
    async with unit_of_work(database) as uow:
        acme = await customers.create(uow, rep, "Acme", now=NOW)
        saved = await logbook.save_log(uow, rep, _draft(acme.id), now=NOW)
        assert saved.next_action_id is not None
        await next_actions.complete(uow, rep, saved.next_action_id, now=NOW)
        later = NOW + timedelta(days=2)
        edited = await logbook.save_log(uow, rep, _draft(acme.id, summary="talked about the budget"), now=later,
                                        replacing=saved.interaction_id)
        assert edited.interaction_id == saved.interaction_id and not edited.logged_late
        async with uow:
            row = await uow.session.get(Interaction, saved.interaction_id)
            assert row is not None and row.logged_at == NOW and row.summary == "talked about the budget"
            action = await uow.session.get(NextAction, saved.next_action_id)
            assert action is not None and action.done, "a step already done stays done"
            changes = (await uow.session.scalars(select(ChangeLog.field).where(ChangeLog.entity == "interaction")))
            assert list(changes) == ["summary"]


async def test_only_a_visit_sets_the_customers_coordinates(database: Database) -> None:
    rep = await _rep(database)
    async with unit_of_work(database) as uow:
        acme = await customers.create(uow, rep, "Acme", now=NOW)
        call = await logbook.save_log(uow, rep, _draft(acme.id, latitude=1.0, longitude=1.0), now=NOW)
        assert call.distance_m is None
        visit = await logbook.save_log(uow, rep, _draft(acme.id, channel=Channel.VISIT, latitude=31.23,
                                                        longitude=121.47), now=NOW)
        assert visit.distance_m is None and not visit.location_verified
        async with uow:
            customer = await uow.session.get(Customer, acme.id)
            assert customer is not None and (customer.latitude, customer.longitude) == (31.23, 121.47)


async def test_a_new_customer_is_only_stored_with_its_log(database: Database) -> None:
    rep = await _rep(database)
    async with unit_of_work(database) as uow:
        saved = await logbook.save_log(uow, rep, _draft(0), now=NOW, new_customer="Initech")
        assert saved.customer_name == "Initech"
        try:
            await logbook.save_log(uow, rep, _draft(0, next_title=None), now=NOW, new_customer="Hooli")
        except Exception as exc:  # the log is incomplete (no next step, no reason)
            assert type(exc).__name__ == "LogIncomplete"
        async with uow:
            names = list(await uow.session.scalars(select(Customer.name).order_by(Customer.name)))
        assert names == ["Initech"]


async def test_a_nested_service_call_does_not_roll_back_the_outer_work(database: Database) -> None:
    rep = await _rep(database)
    async with unit_of_work(database) as uow:
        async with uow:
            created = await customers.add_customer(uow, rep, "Globex", now=NOW)
            assert (await customers.get_visible(uow, rep, created.id)).name == "Globex"  # enters and leaves
            await uow.commit()
        async with uow:
            assert await uow.session.get(Customer, created.id) is not None


async def test_customers_created_at_the_same_time_get_distinct_codes(database: Database) -> None:
    import asyncio

    rep = await _rep(database)

    async def create(name: str) -> str:
        async with unit_of_work(database) as uow:
            return (await customers.create(uow, rep, name, now=NOW)).code

    codes = await asyncio.gather(*(create(f"Parallel {i}") for i in range(6)))
    assert sorted(codes) == [f"OT2026{i:03d}" for i in range(1, 7)]
