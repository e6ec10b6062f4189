"""End-to-end fixtures: the fake Bot API, a controllable clock, and the running bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.fake_telegram import FakeTelegramServer, FakeUser
from tests.conftest import Database
from tests.e2e.harness import ADMIN_ID, Clock, Harness, make_settings, running_app


@pytest.fixture
async def server() -> AsyncIterator[FakeTelegramServer]:
    fake = FakeTelegramServer()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 25, 2, 0, tzinfo=UTC))  # Wed 10:00 in Shanghai


@pytest.fixture
async def bot(server: FakeTelegramServer, database: Database, clock: Clock) -> AsyncIterator[Harness]:
    async with running_app(server, database, clock) as app:
        yield Harness(server=server, database=database, clock=clock, app=app,
                      settings=make_settings(server, database))


@pytest.fixture
async def admin(bot: Harness) -> FakeUser:
    user = bot.server.user(user_id=ADMIN_ID, first_name="Admin", language_code="en")
    await user.send("/start")
    await user.next_reply()
    return user
