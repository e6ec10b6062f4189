"""Fixtures: a running FakeTelegramServer and a real telegram.Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.fake_telegram import FakeTelegramServer

TOKEN = "123456:TEST"


@pytest.fixture
async def server() -> AsyncIterator[FakeTelegramServer]:
    srv = FakeTelegramServer(token=TOKEN, bot_username="crm_test_bot")
    await srv.start()
    try:
        yield srv
    finally:
        await srv.stop()


@pytest.fixture
async def bot(server: FakeTelegramServer) -> AsyncIterator[Bot]:
    tg_bot = Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url)
    async with tg_bot:
        yield tg_bot
