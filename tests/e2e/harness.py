"""Run the real Application against the fake Bot API, with a clock the test controls."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import Application

from bot.app import build_application, start_polling, stop_polling
from bot.config import Settings
from bot.fake_telegram import BotMessage, FakeTelegramServer, FakeUser
from tests.conftest import Database

ADMIN_ID = 500001


@dataclass
class Clock:
    """A frozen clock that tests move by hand."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Harness:
    server: FakeTelegramServer
    database: Database
    clock: Clock
    app: Application  # type: ignore[type-arg]
    settings: Settings
    extra: dict[str, Any] = field(default_factory=dict)


def make_settings(server: FakeTelegramServer, database: Database, **overrides: Any) -> Settings:
    """Settings pointing at the fake server and the test database (no .env is read)."""
    values: dict[str, Any] = {
        "bot_token": server.token, "database_url": database.url, "telegram_base_url": server.base_url,
        "telegram_base_file_url": server.base_file_url, "admin_ids": frozenset({ADMIN_ID}),
        "default_timezone": "Asia/Shanghai", "default_language": "zh",
        "followups_enabled": False,  # the follow-up tests drive the tick themselves
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running_app(server: FakeTelegramServer, database: Database, clock: Clock,
                      **overrides: Any) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Start the bot polling the fake server; stop it cleanly afterwards."""
    settings = make_settings(server, database, **overrides)
    app = build_application(settings, clock=clock, schema=database.schema)
    await start_polling(app, timeout=1)
    try:
        yield app
    finally:
        await stop_polling(app)


async def ask(user: FakeUser, text: str, timeout: float = 8.0) -> BotMessage:
    """Send `text` as the user and return the bot's next new message."""
    await user.send(text)
    return await user.next_reply(timeout=timeout)


async def register(server: FakeTelegramServer, admin: FakeUser, *, user_id: int, name: str, role: str = "rep",
                   team: str = "East", language_code: str = "zh") -> FakeUser:
    """Invite a user as the admin and have them press the deep link."""
    invite = await ask(admin, f"/invite {role} {team}")
    code = invite.plain_text.rsplit("start=", 1)[1].split()[0]
    user = server.user(user_id=user_id, first_name=name, language_code=language_code)
    welcome = await ask(user, f"/start {code}")
    assert "start" not in welcome.plain_text.lower() or welcome.plain_text
    return user


async def eventually(predicate: Any, timeout: float = 5.0) -> None:
    """Wait until predicate() (sync or async) is true; fail with a clear message otherwise."""
    import asyncio
    import inspect

    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.02)


async def edited(user: FakeUser, message: BotMessage, timeout: float = 8.0) -> BotMessage:
    """The next edit of this particular message (earlier edits of other messages are skipped)."""
    import asyncio

    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise TimeoutError(f"message {message.message_id} was not edited")
        edit = await user.next_edit(timeout=remaining)
        if edit.message_id == message.message_id:
            return edit


async def press_and_reply(user: FakeUser, message: BotMessage, label: str) -> BotMessage:
    """Press a button and return the next new message."""
    await user.press(message, label)
    return await user.next_reply()
