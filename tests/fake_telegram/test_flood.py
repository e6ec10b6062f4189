"""Opt-in flood limits of the fake: 30 sends per rolling second overall, 1 per second per chat."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from bot.fake_telegram import ApiError, FakeTelegramServer
from bot.fake_telegram.flood import FloodControl


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_rolling_windows_overall_and_per_chat() -> None:
    ticks = Ticks()
    flood = FloodControl(monotonic=ticks)
    for chat in range(30):
        flood.admit("sendMessage", chat)
    ticks.now = 100.999
    with pytest.raises(ApiError) as refused:
        flood.admit("sendPhoto", 99)
    assert refused.value.status == 429 and refused.value.body()["parameters"] == {"retry_after": 1}
    flood.admit("editMessageText", 99)  # edits and other methods are not counted
    flood.admit("answerCallbackQuery", None)
    ticks.now = 101.0  # the sends at 100.0 left the window (t - 1 s, t]
    flood.admit("sendDocument", 99)
    ticks.now = 101.5
    with pytest.raises(ApiError):
        flood.admit("sendMessage", "99")  # the same chat half a second later
    ticks.now = 102.0
    flood.admit("sendMessage", 99)
    assert (flood.accepted, flood.rejected) == (32, 2)
    assert flood.sent_at[99] == [101.0, 102.0] and flood.min_spacing(99) == 1.0 and flood.min_spacing(5) is None


async def test_limits_are_off_by_default(server: FakeTelegramServer, bot: Bot) -> None:
    for chat in range(2001, 2041):
        server.user(chat)
    await asyncio.gather(*(bot.send_message(chat, "hi") for chat in range(2001, 2041)))
    await bot.send_message(2001, "again at once")
    assert server.flood is None


async def test_enforced_limits_answer_429_with_retry_after(server: FakeTelegramServer, bot: Bot) -> None:
    flood = server.enforce_limits(global_per_second=30, per_chat_per_second=1)
    for chat in range(3001, 3032):
        server.user(chat)
    results = await asyncio.gather(*(bot.send_message(chat, "hi") for chat in range(3001, 3032)),
                                   return_exceptions=True)
    refused = [r for r in results if isinstance(r, RetryAfter)]
    assert len(refused) == 1 and flood.rejected == 1 and flood.accepted == 30
    await asyncio.sleep(1.0)
    sent = await bot.send_message(3001, "hi")
    with pytest.raises(RetryAfter):
        await bot.send_message(3001, "too soon for this chat")  # the overall window has room: per chat
    await bot.edit_message_text("edited", chat_id=3001, message_id=sent.message_id)  # not counted
    await asyncio.sleep(1.0)
    await bot.send_message(3001, "a second later")
    spacing = flood.min_spacing(3001)
    assert spacing is not None and spacing >= 1.0 and flood.rejected == 2
