"""The notification log on SQLite and PostgreSQL: idempotent inserts, leases, outcomes, SKIP LOCKED."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from bot.domain.notifications import NewNotification
from storage.migrate import upgrade_to_head
from storage.tables import NotificationLog, User
from tests.conftest import Database
from tests.e2e.seeding import unit_of_work

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


async def _setup(database: Database, users: int = 2) -> None:
    await upgrade_to_head(database.url, schema=database.schema)
    async with unit_of_work(database) as uow, uow:
        await uow.session.execute(insert(User), [
            {"id": n, "telegram_id": 7000 + n, "name": f"rep{n}", "role": "rep", "timezone": "Asia/Shanghai",
             "language": "zh", "created_at": NOW} for n in range(1, users + 1)])
        await uow.commit()


def _new(key: str, user_id: int = 1, *, not_before: datetime = NOW, **payload: str) -> NewNotification:
    return NewNotification(key=key, user_id=user_id, kind="nudge", not_before=not_before, object_id=9,
                           day=date(2026, 11, 25), payload=payload)


async def _rows(database: Database) -> dict[str, NotificationLog]:
    async with unit_of_work(database) as uow, uow:
        rows = {r.idempotency_key: r for r in (await uow.session.scalars(select(NotificationLog))).all()}
        uow.session.expunge_all()  # keep the loaded values past the rollback
        return rows


async def test_add_missing_inserts_each_key_once(database: Database) -> None:
    await _setup(database)
    async with unit_of_work(database) as uow, uow:
        assert await uow.notifications.add_missing([_new("a", text="first"), _new("b"), _new("a")], now=NOW) == 2
        await uow.commit()
        assert await uow.notifications.add_missing([_new("a", text="again"), _new("c")], now=NOW) == 1
        assert await uow.notifications.add_missing([], now=NOW) == 0
        await uow.commit()
        many = [_new(f"bulk:{n}", 1 + n % 2) for n in range(2500)]
        assert await uow.notifications.add_missing(many, now=NOW) == 2500
        assert await uow.notifications.add_missing(many, now=NOW) == 0
        await uow.commit()
    rows = await _rows(database)
    assert len(rows) == 2503
    a = rows["a"]
    assert (a.status, a.payload, a.attempts, a.created_at, a.day) == ("pending", {"text": "first"}, 0, NOW,
                                                                      date(2026, 11, 25))


async def test_claim_leases_due_rows_oldest_first_until_the_lease_runs_out(database: Database) -> None:
    await _setup(database)
    async with unit_of_work(database) as uow, uow:
        await uow.notifications.add_missing([_new("old"), _new("other", 2), _new("later", not_before=NOW + timedelta(hours=1)),
                                             _new("new")], now=NOW)
        await uow.commit()
        items = await uow.notifications.claim(now=NOW, lease=LEASE, limit=2)
        await uow.commit()
        assert [(i.key, i.chat_id, i.language, i.timezone) for i in items] == [
            ("old", 7001, "zh", "Asia/Shanghai"), ("other", 7002, "zh", "Asia/Shanghai")]
        assert [i.key for i in await uow.notifications.claim(now=NOW, lease=LEASE, limit=10)] == ["new"]
        await uow.commit()
        assert await uow.notifications.claim(now=NOW + timedelta(minutes=4), lease=LEASE, limit=10) == []
        # the lease ran out (a process died mid-batch): the rows are claimable again, "later" is due now too
        again = await uow.notifications.claim(now=NOW + timedelta(hours=1), lease=LEASE, limit=10)
        assert [i.key for i in again] == ["old", "other", "later", "new"]
        await uow.commit()
    assert (await _rows(database))["old"].claimed_until == NOW + timedelta(hours=1) + LEASE


async def test_outcomes_release_the_lease(database: Database) -> None:
    await _setup(database)
    async with unit_of_work(database) as uow, uow:
        await uow.notifications.add_missing([_new(k) for k in ("sent", "retry", "skip", "back")], now=NOW)
        ids = {i.key: i.id for i in await uow.notifications.claim(now=NOW, lease=LEASE, limit=10)}
        await uow.notifications.mark_sent([ids["sent"]], now=NOW, message_id=42)
        await uow.notifications.retry_later([ids["retry"]], not_before=NOW + timedelta(seconds=8), error="Bad Gateway")
        await uow.notifications.set_status([ids["skip"]], "skipped")
        await uow.notifications.set_status([ids["back"]], "pending")
        await uow.commit()
        assert [i.key for i in await uow.notifications.claim(now=NOW, lease=LEASE, limit=10)] == ["back"]
        later = await uow.notifications.claim(now=NOW + timedelta(seconds=8), lease=LEASE, limit=10)
        assert [(i.key, i.attempts) for i in later] == [("retry", 1)]
    rows = await _rows(database)
    assert (rows["sent"].status, rows["sent"].message_id, rows["sent"].sent_at, rows["sent"].claimed_until) == (
        "sent", 42, NOW, None)
    assert (rows["retry"].status, rows["retry"].attempts, rows["retry"].last_error) == ("pending", 1, "Bad Gateway")
    assert rows["skip"].status == "skipped"


async def test_unreachable_user_gets_nothing_more(database: Database) -> None:
    await _setup(database)
    async with unit_of_work(database) as uow, uow:
        await uow.notifications.add_missing([_new("u1a"), _new("u1b"), _new("u2", 2)], now=NOW)
        claimed = await uow.notifications.claim(now=NOW, lease=LEASE, limit=1)
        await uow.notifications.mark_unreachable(1, now=NOW)
        await uow.commit()
        assert [i.key for i in claimed] == ["u1a"]
        await uow.notifications.add_missing([_new("u1c")], now=NOW)  # decided later: never claimed either
        await uow.commit()
        assert [i.key for i in await uow.notifications.claim(now=NOW, lease=LEASE, limit=10)] == ["u2"]
        await uow.commit()
        user = await uow.session.get(User, 1)
        assert user is not None and user.unreachable_at == NOW
    rows = await _rows(database)
    assert [rows[k].status for k in ("u1a", "u1b", "u1c", "u2")] == ["blocked", "blocked", "pending", "pending"]


async def test_two_claimers_get_disjoint_rows(database: Database) -> None:
    await _setup(database)
    async with unit_of_work(database) as uow, uow:
        await uow.notifications.add_missing([_new(f"k{n}", 1 + n % 2) for n in range(10)], now=NOW)
        await uow.commit()
    # Two engines, as two scheduler processes would have; on PostgreSQL the first transaction stays open
    # while the second claims (SKIP LOCKED); SQLite serialises writers, so the first commits first.
    async with unit_of_work(database) as first, first, unit_of_work(database) as second, second:
        mine = await first.notifications.claim(now=NOW, lease=LEASE, limit=6)
        if database.kind == "sqlite":
            await first.commit()
        theirs = await second.notifications.claim(now=NOW, lease=LEASE, limit=10)
        await second.commit()
        await first.commit()
    assert len(mine) == 6 and len(theirs) == 4
    assert not {i.id for i in mine} & {i.id for i in theirs}
