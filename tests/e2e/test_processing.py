"""Updates: concurrent across users, ordered per user, once per update id, errors rolled back."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import func, select
from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes, MessageHandler, filters

from bot.update_processor import PerUserUpdateProcessor
from storage.engine import make_engine, make_session_factory
from storage.repositories.users import SqlInviteRepository
from storage.tables import User
from tests.e2e.harness import ADMIN_ID, Harness, ask


async def test_users_run_concurrently_but_each_users_updates_stay_in_order(bot: Harness) -> None:
    events: list[tuple[str, int, int]] = []
    slow_user = 9001

    async def probe(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_user and update.message and update.message.text
        seq = int(update.message.text.split()[1])
        who = update.effective_user.id
        events.append(("start", who, seq))
        await asyncio.sleep(0.4 if who == slow_user else 0.01)
        events.append(("end", who, seq))
        await update.message.reply_text(f"done {seq}")
        raise ApplicationHandlerStop

    bot.app.add_handler(MessageHandler(filters.Regex(r"^probe \d+$"), probe), group=-5)
    users = [bot.server.user(user_id=uid, first_name=f"U{uid}") for uid in (slow_user, 9002, 9003)]
    for seq in (1, 2, 3):
        for user in users:
            await user.send(f"probe {seq}")
    for user in users:
        for seq in (1, 2, 3):
            assert (await user.next_reply(timeout=10)).plain_text == f"done {seq}"

    for user in users:
        mine = [(kind, seq) for kind, who, seq in events if who == user.user_id]
        assert mine == [("start", 1), ("end", 1), ("start", 2), ("end", 2), ("start", 3), ("end", 3)]
    slow_first_end = events.index(("end", slow_user, 1))
    fast_done = [events.index(("end", uid, 3)) for uid in (9002, 9003)]
    assert all(index < slow_first_end for index in fast_done), "fast users waited for the slow one"
    processor = bot.app.update_processor
    assert isinstance(processor, PerUserUpdateProcessor) and processor.max_concurrent_updates == 32


async def test_a_redelivered_update_is_processed_once(bot: Harness) -> None:
    admin = bot.server.user(user_id=ADMIN_ID, first_name="Admin", language_code="en")
    await ask(admin, "/start")
    processor = bot.app.update_processor
    update = Update.de_json({"update_id": 424242, "message": {
        "message_id": 1, "date": 0, "chat": {"id": ADMIN_ID, "type": "private"},
        "from": {"id": ADMIN_ID, "is_bot": False, "first_name": "Admin"}, "text": "/help",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}}, bot.app.bot)
    await processor.process_update(update, bot.app.process_update(update))
    await processor.process_update(update, bot.app.process_update(update))
    replies = await admin.drain(quiet=0.5)
    assert len([m for m in replies if "What you can do" in m.plain_text]) == 1


async def test_a_crash_in_a_handler_apologises_with_an_id_and_leaves_no_partial_rows(
        bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    admin = bot.server.user(user_id=ADMIN_ID, first_name="Admin", language_code="en")
    await ask(admin, "/start")
    invite = await ask(admin, "/invite rep")
    code = invite.plain_text.rsplit("start=", 1)[1].split()[0]

    async def broken(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SqlInviteRepository, "mark_used", broken)
    rep = bot.server.user(user_id=7301, first_name="张三", language_code="zh")
    with caplog.at_level(logging.ERROR, logger="crm.errors"):
        apology = await ask(rep, f"/start {code}")
    assert apology.plain_text.startswith("抱歉，系统出错，本次操作未保存")
    error_id = apology.plain_text.split("错误编号：")[1].rstrip("）")
    assert len(error_id) == 8
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and logged[0].exc_info and "disk on fire" in str(logged[0].exc_info[1])

    engine = make_engine(bot.database.url, schema=bot.database.schema)
    async with make_session_factory(engine)() as session:
        count = await session.scalar(select(func.count()).select_from(User).where(User.telegram_id == 7301))
    await engine.dispose()
    assert count == 0

    monkeypatch.undo()
    joined = await ask(rep, f"/start {code}")
    assert "欢迎" in joined.plain_text, "the invite was not burnt by the failed attempt"


async def test_telegram_flood_limits_are_waited_out_and_nothing_is_lost(bot: Harness) -> None:
    admin = bot.server.user(user_id=ADMIN_ID, first_name="Admin", language_code="en")
    await ask(admin, "/start")
    bot.server.inject_fault("sendMessage", status=429, retry_after=1, times=2)
    started = asyncio.get_running_loop().time()
    reply = await ask(admin, "/help", timeout=15)
    assert "What you can do" in reply.plain_text
    assert asyncio.get_running_loop().time() - started >= 1.0  # it really waited for retry_after
    assert len([c for c in bot.server.calls_to("sendMessage") if "What you can do" in str(c.get("text"))]) == 3
