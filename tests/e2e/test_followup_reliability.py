"""Nothing twice, nothing lost: a restart between deciding and sending, a lease left by a dead process,
downtime over 08:30, a user who blocked the bot, and two schedulers on one database."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.app import stop_polling
from bot.fake_telegram import FakeUser
from bot.scheduler.engine import FollowupEngine
from handlers.deps import DEPS_KEY
from storage.engine import make_engine, make_session_factory
from storage.uow import SqlUnitOfWork
from tests.e2e.customer_seed import user_of
from tests.e2e.followup_steps import at, customer, deliver, engine_for, rep, rows
from tests.e2e.harness import Harness, ask, running_app
from tests.e2e.seeding import unit_of_work

REP, MANAGER = 7421, 7422


async def test_restart_between_decision_and_delivery_sends_exactly_once(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-26 08:30")
    await customer(bot, REP, "甲 A 客户", tier="A", days_since_contact=8)
    plan = await engine_for(bot).tick()  # decided and committed, then the process dies before sending
    assert plan.morning == 2
    await stop_polling(bot.app)
    async with running_app(bot.server, bot.database, bot.clock) as app:
        deps = app.bot_data[DEPS_KEY]
        engine = FollowupEngine(app.bot, deps.uow_factory, bot.clock, deps.cadence_days, sweep_minutes=1)
        assert await deliver(engine) == 2
        assert await deliver(engine) == 0
    mornings = [m for m in await li.drain(quiet=0.3) if "今日提醒" in m.plain_text]
    assert len(mornings) == 1 and "甲 A 客户" in mornings[0].plain_text
    assert [r.status for r in await rows(bot, "morning")] == ["sent", "sent"]


async def test_a_lease_left_by_a_dead_process_is_delivered_once_it_runs_out(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-26 08:30")
    engine = engine_for(bot)
    await engine.tick()
    async with unit_of_work(bot.database) as uow, uow:  # another process claimed the batch, then died
        claimed = await uow.notifications.claim(now=bot.clock.now, lease=timedelta(minutes=5), limit=100)
        await uow.commit()
    assert len(claimed) == 2
    assert await engine.outbox.drain_once() == 0  # still leased: nobody else sends it
    bot.clock.advance(minutes=6)
    assert await deliver(engine) == 2
    assert len([m for m in await li.drain(quiet=0.3) if "今日提醒" in m.plain_text]) == 1


async def test_downtime_over_0830_catches_up_once_on_the_same_working_day_only(bot: Harness,
                                                                                admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    engine = engine_for(bot)
    at(bot, "2026-11-26 08:00")
    assert await deliver(engine) == 0
    at(bot, "2026-11-26 10:15")  # the bot was down from 08:00 to 10:15
    await deliver(engine)
    assert len([m for m in await li.drain(quiet=0.3) if "今日提醒" in m.plain_text]) == 1
    at(bot, "2026-11-26 10:16")
    assert await deliver(engine) == 0
    at(bot, "2026-11-27 07:00")
    assert await deliver(engine) == 0
    at(bot, "2026-11-27 21:00")  # down all Friday's working hours: no late morning reminder in the evening
    assert await deliver(engine) == 0
    assert len(await rows(bot, "morning")) == 2  # Thursday's for the rep and the admin


async def test_a_user_who_blocked_the_bot_is_marked_unreachable_and_shown_in_team(bot: Harness,
                                                                                  admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    boss = await rep(bot, admin, MANAGER, "张经理", role="manager")
    li.blocked = True
    at(bot, "2026-11-26 08:30")
    engine = engine_for(bot)
    await deliver(engine)
    rep_user = await user_of(bot.database, REP)
    statuses = {r.user_id: r.status for r in await rows(bot, "morning")}
    assert statuses[rep_user.id] == "blocked"
    await boss.drain(quiet=0.2)
    team = await ask(boss, "/team")
    assert "李伟 · 销售人员 · ⛔" in team.plain_text and "张经理" in team.plain_text
    at(bot, "2026-11-27 08:30")
    await deliver(engine)
    assert rep_user.id not in {r.user_id for r in await rows(bot, "morning") if r.day and r.day.day == 27}
    li.blocked = False  # unblocking the bot sends /start: reminders reach them again
    await ask(li, "/start")
    at(bot, "2026-11-30 08:30")
    await deliver(engine)
    got = [m.plain_text for m in await li.drain(quiet=0.3)]
    assert any("今日提醒" in m for m in got), got


async def test_two_schedulers_on_one_database_send_each_notification_once(bot: Harness, admin: FakeUser) -> None:
    reps = [await rep(bot, admin, REP + 10 + i, f"销售{i}") for i in range(5)]
    at(bot, "2026-11-26 08:00")
    for i in range(5):
        await customer(bot, REP + 10 + i, f"客户{i}", tier="A", days_since_contact=8)
    at(bot, "2026-11-26 08:30")
    deps = bot.app.bot_data[DEPS_KEY]
    other = make_engine(bot.database.url, schema=bot.database.schema)  # a second process: its own pool
    try:
        first = FollowupEngine(bot.app.bot, deps.uow_factory, bot.clock, deps.cadence_days, sweep_minutes=1)
        second = FollowupEngine(bot.app.bot, lambda: SqlUnitOfWork(make_session_factory(other)), bot.clock,
                                deps.cadence_days, sweep_minutes=1)
        sent = await asyncio.gather(deliver(first), deliver(second), deliver(first), deliver(second))
    finally:
        await other.dispose()
    assert sum(sent) == 6  # five reps and the admin, once each
    for user in reps:
        assert len([m for m in await user.drain(quiet=0.2) if "今日提醒" in m.plain_text]) == 1
    assert len(await rows(bot, "morning")) == 6


async def test_the_running_bot_ticks_on_its_job_queue_and_delivers_without_help(bot: Harness,
                                                                               admin: FakeUser) -> None:
    await stop_polling(bot.app)
    async with running_app(bot.server, bot.database, bot.clock, followups_enabled=True) as app:
        assert app.job_queue is not None
        [job] = app.job_queue.get_jobs_by_name("followup-tick")
        assert (job.job.misfire_grace_time, job.job.coalesce, job.job.max_instances) == (600, True, 1)
        assert job.job.trigger.interval == timedelta(seconds=60)
        morning = await admin.next_reply(timeout=15)  # the first tick runs 5 s after the start
        assert "Your day" in morning.plain_text
    assert [r.status for r in await rows(bot, "morning")] == ["sent"]
