"""The outbox against the fake Bot API over HTTP: limits, 429, 5xx, 403, merged and skipped rows."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select
from telegram import Bot

from bot.domain.notifications import NewNotification, OutboxItem, Outgoing
from bot.fake_telegram import FakeTelegramServer
from bot.scheduler.outbox import Outbox
from bot.services.ports import UnitOfWork
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade_to_head
from storage.tables import NotificationLog, User
from storage.uow import SqlUnitOfWork
from tests.conftest import Database

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # PostgreSQL: the repo tests


def utc_now() -> datetime:
    return datetime.now(UTC)


async def payload_text(uow: UnitOfWork, items: list[OutboxItem], now: datetime) -> list[Outgoing]:
    """One message per row, its text from the payload."""
    return [Outgoing(i.chat_id, i.payload["text"], [[("Log", f"log:{i.id}")]], (i.id,)) for i in items]


@pytest.fixture
async def tg(server: FakeTelegramServer) -> AsyncIterator[Bot]:
    bot = Bot(server.token, base_url=server.base_url, base_file_url=server.base_file_url)
    async with bot:
        yield bot


@pytest.fixture
async def factory(database: Database) -> AsyncIterator[Callable[[], UnitOfWork]]:
    await upgrade_to_head(database.url, schema=database.schema)
    engine = make_engine(database.url, schema=database.schema)
    sessions = make_session_factory(engine)
    yield lambda: SqlUnitOfWork(sessions)
    await engine.dispose()


async def seed(factory: Callable[[], UnitOfWork], server: FakeTelegramServer,
               rows: list[tuple[int, str]]) -> dict[str, int]:
    """A user per chat id, and a pending row (key = its text) per (chat id, text); returns key -> row id."""
    chats = sorted({chat for chat, _ in rows})
    uow = factory()
    async with uow:
        await uow.session.execute(insert(User), [  # type: ignore[attr-defined]
            {"id": chat, "telegram_id": chat, "name": f"rep{chat}", "role": "rep", "timezone": "Asia/Shanghai",
             "language": "en", "created_at": utc_now()} for chat in chats])
        await uow.notifications.add_missing([
            NewNotification(key=text, user_id=chat, kind="nudge", not_before=utc_now() - timedelta(seconds=1),
                            payload={"text": text}) for chat, text in rows], now=utc_now())
        await uow.commit()
    for chat in chats:
        server.user(chat)
    return {text: n for n, (_, text) in enumerate(rows, start=1)}


async def table(factory: Callable[[], UnitOfWork]) -> dict[str, NotificationLog]:
    uow = factory()
    async with uow:
        session = uow.session  # type: ignore[attr-defined]
        rows = {r.idempotency_key: r for r in (await session.scalars(select(NotificationLog))).all()}
        session.expunge_all()
    return rows


async def run_until(outbox: Outbox, factory: Callable[[], UnitOfWork], done: Callable[[dict[str, NotificationLog]], bool],
                    timeout: float = 10.0) -> dict[str, NotificationLog]:
    """Run the outbox in the background until the table satisfies `done`."""
    stop = asyncio.Event()
    task = asyncio.create_task(outbox.run(stop))
    deadline = time.monotonic() + timeout
    try:
        while not done(rows := await table(factory)):
            assert time.monotonic() < deadline, {k: (r.status, r.last_error) for k, r in rows.items()}
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)
    return rows


def delivered(server: FakeTelegramServer, chat: int) -> list[str]:
    return [m.raw.get("text", "") for m in server.state.chats[chat].messages.values() if m.from_bot]


async def test_429_is_honoured_and_the_row_is_sent_once(server: FakeTelegramServer, tg: Bot,
                                                        factory: Callable[[], UnitOfWork]) -> None:
    await seed(factory, server, [(901, "hello")])
    server.inject_fault("sendMessage", 429, retry_after=1)
    outbox = Outbox(tg, factory, utc_now, payload_text)
    assert await outbox.drain_once() == 0
    row = (await table(factory))["hello"]
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "RetryAfter: 1 s")
    assert await outbox.drain_once() == 0  # not before retry_after
    rows = await run_until(outbox, factory, lambda r: r["hello"].status == "sent")
    assert rows["hello"].sent_at is not None and rows["hello"].not_before is not None
    assert rows["hello"].sent_at >= rows["hello"].not_before  # waited retry_after after the 429
    assert delivered(server, 901) == ["hello"] and len(server.calls_to("sendMessage")) == 2


async def test_5xx_is_retried_with_backoff_while_the_row_stays_pending(server: FakeTelegramServer, tg: Bot,
                                                                      factory: Callable[[], UnitOfWork]) -> None:
    await seed(factory, server, [(902, "report")])
    server.inject_fault("sendMessage", 502, times=1)
    outbox = Outbox(tg, factory, utc_now, payload_text)
    before = utc_now()
    assert await outbox.drain_once() == 0
    row = (await table(factory))["report"]
    assert (row.status, row.attempts, row.claimed_until) == ("pending", 1, None)
    assert row.last_error == "NetworkError: Bad Gateway" and row.not_before is not None
    assert row.not_before >= before + timedelta(seconds=2)  # first backoff step
    rows = await run_until(outbox, factory, lambda r: r["report"].status == "sent")
    assert rows["report"].message_id is not None and delivered(server, 902) == ["report"]


async def test_500_is_retried_too(server: FakeTelegramServer, tg: Bot, factory: Callable[[], UnitOfWork]) -> None:
    await seed(factory, server, [(903, "later")])
    server.inject_fault("sendMessage", 500, times=1)
    outbox = Outbox(tg, factory, utc_now, payload_text)
    assert await outbox.drain_once() == 0
    row = (await table(factory))["later"]
    assert (row.status, row.attempts) == ("pending", 1) and "Internal Server Error" in (row.last_error or "")


async def test_403_marks_the_user_unreachable_and_blocks_their_rows(server: FakeTelegramServer, tg: Bot,
                                                                   factory: Callable[[], UnitOfWork]) -> None:
    await seed(factory, server, [(904, "one"), (904, "two"), (905, "other")])
    server.user(904).blocked = True
    outbox = Outbox(tg, factory, utc_now, payload_text)
    assert await outbox.drain_once() == 1
    rows = await table(factory)
    assert [rows[k].status for k in ("one", "two", "other")] == ["blocked", "blocked", "sent"]
    assert len([c for c in server.calls_to("sendMessage") if c["chat_id"] == 904]) == 1  # nothing after the 403
    uow = factory()
    async with uow:
        user = await uow.session.get(User, 904)  # type: ignore[attr-defined]
        assert user is not None and user.unreachable_at is not None
        await uow.notifications.add_missing([NewNotification("three", 904, "nudge", utc_now())], now=utc_now())
        await uow.commit()
    assert await outbox.drain_once() == 0  # an unreachable user's new rows are never claimed


async def test_limits_are_kept_and_a_busy_chat_does_not_hold_up_the_others(
        server: FakeTelegramServer, tg: Bot, factory: Callable[[], UnitOfWork]) -> None:
    flood = server.enforce_limits()
    await seed(factory, server, [(906, f"busy{n}") for n in range(4)] + [(910 + n, f"x{n}") for n in range(40)])
    outbox = Outbox(tg, factory, utc_now, payload_text)
    started = time.monotonic()
    assert await outbox.drain_once() == 44
    assert flood.rejected == 0
    spacing = flood.min_spacing(906)
    assert spacing is not None and spacing >= 1.0
    assert delivered(server, 906) == ["busy0", "busy1", "busy2", "busy3"]  # in order
    first_30 = sorted(t for chat, times in flood.sent_at.items() if chat != 906 for t in times)[:29]
    assert first_30[-1] - started < 0.9  # the other chats went at once, up to the overall limit


async def test_merged_message_marks_all_its_rows_and_left_out_rows_are_skipped(
        server: FakeTelegramServer, tg: Bot, factory: Callable[[], UnitOfWork]) -> None:
    ids = await seed(factory, server, [(907, "stale1"), (907, "stale2"), (907, "gone")])

    async def merge(uow: UnitOfWork, items: list[OutboxItem], now: datetime) -> list[Outgoing]:
        stale = tuple(i.id for i in items if i.key.startswith("stale"))
        return [Outgoing(907, "<b>While I was away</b>: 2 customers", [[("Open", "fu:open")]], stale)]

    outbox = Outbox(tg, factory, utc_now, merge)
    assert await outbox.drain_once() == 1
    rows = await table(factory)
    assert rows["stale1"].status == rows["stale2"].status == "sent" and rows["gone"].status == "skipped"
    assert rows["stale1"].message_id == rows["stale2"].message_id is not None
    assert rows["stale1"].id == ids["stale1"]
    [message] = [m for m in server.state.chats[907].messages.values() if m.from_bot]
    assert message.raw["text"] == "While I was away: 2 customers" and message.parse_mode == "HTML"
    assert message.reply_markup == {"inline_keyboard": [[{"text": "Open", "callback_data": "fu:open"}]]}


async def test_bad_request_fails_the_row(server: FakeTelegramServer, tg: Bot, factory: Callable[[], UnitOfWork]) -> None:
    await seed(factory, server, [(908, "<b>unclosed")])
    outbox = Outbox(tg, factory, utc_now, payload_text)
    assert await outbox.drain_once() == 0
    row = (await table(factory))["<b>unclosed"]
    assert row.status == "failed" and "Can't parse entities" in (row.last_error or "")


async def test_stopping_hands_back_what_waits_for_its_turn(server: FakeTelegramServer, tg: Bot,
                                                          factory: Callable[[], UnitOfWork]) -> None:
    await seed(factory, server, [(909, f"m{n}") for n in range(3)])
    outbox = Outbox(tg, factory, utc_now, payload_text)
    await run_until(outbox, factory, lambda r: r["m0"].status == "sent")  # then stops: m1, m2 wait their turn
    rows = await table(factory)
    assert [(rows[k].status, rows[k].claimed_until, rows[k].attempts) for k in ("m1", "m2")] == [
        ("pending", None, 0), ("pending", None, 0)]  # claimable again at once, by this process or another
    assert delivered(server, 909) == ["m0"]
