"""The follow-up engine with a frozen clock that moves: the morning reminder per tier, cadence nudges and
"alive" customers, snooze, quiet hours, time zones, due reminders and after-meeting prompts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.fake_telegram import FakeUser
from storage.tables import Customer
from tests.e2e.followup_steps import at, customer, deliver, engine_for, rep, rows
from tests.e2e.harness import Harness, ask
from tests.e2e.seeding import unit_of_work

REP, BERLIN = 7401, 7402


async def test_morning_reminder_lists_overdue_customers_per_tier_and_skips_alive_ones(bot: Harness,
                                                                                      admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-26 08:00")
    await customer(bot, REP, "甲 A 客户", tier="A", days_since_contact=8)  # A: 7-day cadence → overdue
    await customer(bot, REP, "乙 B 客户", tier="B", days_since_contact=10, next_in=timedelta(hours=7),
                   next_title="电话沟通报价")  # B: 14 days → fine; its step today at 15:00
    await customer(bot, REP, "丙 C 客户", tier="C", days_since_contact=31)
    await customer(bot, REP, "丁 D 客户", tier="D", days_since_contact=100, next_in=timedelta(days=2))  # alive
    await customer(bot, REP, "戊 D 客户", tier="D", days_since_contact=91)
    engine = engine_for(bot)
    at(bot, "2026-11-26 08:29")
    assert await deliver(engine) == 0
    at(bot, "2026-11-26 08:30")
    assert await deliver(engine) >= 2  # the rep's and the admin's
    morning = await li.next_reply()
    text = morning.plain_text
    assert text.startswith("☀️ 11月26日 周四 今日提醒\n昨天记录跟进 0 次 · 客户跟进达标率 40%")  # 3 of 5 overdue
    assert "🕘 15:00 电话沟通报价 — 乙 B 客户" in text
    assert "甲 A 客户 · A · 每周跟进：已 8 天未联系（周期 7 天）" in text
    assert "丙 C 客户 · C · 每月跟进" in text and "戊 D 客户 · D · 每季度跟进" in text
    assert "乙 B 客户 · B" not in text and "丁 D 客户" not in text  # within cadence / a step ahead keeps it alive
    assert text.index("甲 A 客户") < text.index("丙 C 客户") < text.index("戊 D 客户")  # most urgent first
    assert "💤 暂缓" in morning.button_texts() and "⏰ 改期" in morning.button_texts()
    admin_morning = await admin.next_reply()
    assert "Nothing overdue" in admin_morning.plain_text
    at(bot, "2026-11-26 08:45")
    assert await deliver(engine) == 0  # once a day
    assert [r.status for r in await rows(bot, "morning")] == ["sent", "sent"]


async def test_a_customer_falling_overdue_later_is_nudged_once_that_day(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-26 08:30")
    listed = await customer(bot, REP, "甲 A 客户", tier="A", days_since_contact=8)
    later = await customer(bot, REP, "庚 A 客户", tier="A", days_since_contact=6.9)  # due at about 10:54
    engine = engine_for(bot)
    await deliver(engine)
    assert "庚" not in (await li.next_reply()).plain_text
    at(bot, "2026-11-26 10:00")
    assert await deliver(engine) == 0
    at(bot, "2026-11-26 11:00")
    await deliver(engine)
    nudge = await li.next_reply()
    assert "⏳ 庚 A 客户 已超过跟进周期（A · 每周跟进）" in nudge.plain_text
    assert nudge.button_texts() == ["📝 庚 A 客户", "💤 暂缓"]
    at(bot, "2026-11-26 15:00")
    assert await deliver(engine) == 0  # at most once a day, and 甲 was in the morning reminder
    assert {r.object_id for r in await rows(bot, "cadence")} == {later} and listed != later


async def test_snooze_needs_a_reason_and_silences_the_customer_until_then(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-26 08:30")
    quiet = await customer(bot, REP, "甲 A 客户", tier="A", days_since_contact=8)
    await customer(bot, REP, "丙 C 客户", tier="C", days_since_contact=31)
    engine = engine_for(bot)
    await deliver(engine)
    morning = await li.next_reply()
    await li.press(morning, callback_data=f"fu:snz:{quiet}")
    await li.press(await li.next_reply(), "取消")
    assert "已取消" in (await li.next_reply()).plain_text  # cancelled: nothing snoozed
    await li.press(morning, callback_data=f"fu:snz:{quiet}")
    assert "原因" in (await li.next_reply()).plain_text
    assert "原因" in (await ask(li, "?")).plain_text  # one character is not a reason
    until = await ask(li, "客户休假，下月初再联系")
    assert until.button_texts()[:3] == ["1 周", "2 周", "1 个月"]
    assert "无法使用" in (await ask(li, "昨天")).plain_text
    await li.press(until, "1 周")
    assert "已暂缓到 2026年12月3日" in (await li.next_reply()).plain_text
    async with unit_of_work(bot.database) as uow, uow:
        row = await uow.session.get(Customer, quiet)
        assert row is not None and row.snooze_reason == "客户休假，下月初再联系"
    at(bot, "2026-11-27 08:30")
    await deliver(engine)
    text = (await li.next_reply()).plain_text
    assert "甲 A 客户" not in text and "丙 C 客户" in text
    at(bot, "2026-12-03 08:30")  # the snooze has ended
    await deliver(engine)
    assert "甲 A 客户" in (await li.next_reply()).plain_text


async def test_quiet_hours_hold_a_reminder_until_the_next_working_window(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-27 20:10")  # Friday evening, after the 20:00 end of the window
    await customer(bot, REP, "辛 B 客户", tier="B", days_since_contact=1, next_in=timedelta(minutes=10),
                   next_title="晚宴")
    engine = engine_for(bot)
    assert await deliver(engine) == 0
    due = await rows(bot, "due")
    assert len(due) == 1 and due[0].status == "pending"
    assert due[0].not_before == at(bot, "2026-11-30 08:00")  # Monday 08:00, the next working window
    at(bot, "2026-11-28 10:00")
    assert await deliver(engine) == 0  # Saturday: not a working day
    at(bot, "2026-11-30 08:00")
    assert await deliver(engine) >= 1
    held = (await li.next_reply()).plain_text
    assert "晚宴 — 辛 B 客户 原定于" in held and "结果如何" in held  # no "coming up" for a past step


async def test_time_zones_each_rep_gets_the_morning_at_their_own_0830(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    anna = await rep(bot, admin, BERLIN, "Anna", timezone="Europe/Berlin", lang="en")
    engine = engine_for(bot)
    at(bot, "2026-11-26 08:30")  # 01:30 in Berlin
    await deliver(engine)
    assert "今日提醒" in (await li.next_reply()).plain_text
    assert [r.user_id for r in await rows(bot, "morning")].count(await _uid(bot, BERLIN)) == 0
    at(bot, "2026-11-26 15:30")  # 08:30 in Berlin
    await deliver(engine)
    assert "Your day" in (await anna.next_reply()).plain_text
    assert len(await rows(bot, "morning")) == 3  # 李伟, Anna, the admin: one each


async def test_due_reminder_comes_lead_minutes_before_with_log_and_reschedule(bot: Harness,
                                                                              admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-26 09:00")
    await customer(bot, REP, "壬 B 客户", tier="B", days_since_contact=1, next_in=timedelta(hours=6),
                   next_title="演示方案")  # 15:00
    engine = engine_for(bot)
    at(bot, "2026-11-26 14:44")
    await deliver(engine)
    await li.drain(quiet=0.2)  # the morning reminder (caught up at 14:44)
    assert await rows(bot, "due") == []
    at(bot, "2026-11-26 14:45")
    await deliver(engine)
    reminder = await li.next_reply()
    assert "⏰ 即将开始" in reminder.plain_text and "演示方案 — 壬 B 客户" in reminder.plain_text
    assert reminder.button_texts() == ["📝 壬 B 客户", "⏰ 改期"]


async def test_after_meeting_prompt_when_nothing_was_logged_an_hour_later(bot: Harness, admin: FakeUser) -> None:
    from bot.domain.enums import Channel
    from bot.domain.logs import LogDraft
    from bot.services import logbook
    from tests.e2e.customer_seed import user_of

    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-26 09:00")
    await customer(bot, REP, "癸 A 客户", tier="A", days_since_contact=1, next_in=timedelta(hours=2),
                   next_title="上门拜访")  # 11:00
    logged = await customer(bot, REP, "子 A 客户", tier="A", days_since_contact=1, next_in=timedelta(hours=2),
                            next_title="上门拜访")
    engine = engine_for(bot)
    await deliver(engine)
    await li.drain(quiet=0.2)
    at(bot, "2026-11-26 11:30")
    async with unit_of_work(bot.database) as uow:
        await logbook.save_log(uow, await user_of(bot.database, REP), LogDraft(
            customer_id=logged, channel=Channel.VISIT, summary="拜访顺利，客户认可方案",
            occurred_at=bot.clock.now - timedelta(minutes=20), next_title="发合同", next_due=bot.clock.now
            + timedelta(days=2)), now=bot.clock.now)
    at(bot, "2026-11-26 11:59")
    await deliver(engine)
    assert await rows(bot, "after") == []
    at(bot, "2026-11-26 12:00")
    await deliver(engine)
    prompt = await li.next_reply()
    assert "🤝 与 癸 A 客户 的沟通怎么样？（上门拜访" in prompt.plain_text and prompt.button_texts() == ["📝 癸 A 客户"]
    assert len(await rows(bot, "after")) == 1  # 子 was logged after the visit: not asked about


async def _uid(bot: Harness, telegram_id: int) -> int:
    from storage.tables import User

    async with unit_of_work(bot.database) as uow, uow:
        return int(await uow.session.scalar(select(User.id).where(User.telegram_id == telegram_id)) or 0)


async def test_nudges_that_waited_are_merged_into_one_while_i_was_away(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-27 20:05")  # Friday evening: two steps come due outside the window
    await customer(bot, REP, "辛 B 客户", tier="B", days_since_contact=1, next_in=timedelta(minutes=10),
                   next_title="晚宴")
    await customer(bot, REP, "壬 B 客户", tier="B", days_since_contact=1, next_in=timedelta(minutes=12),
                   next_title="电话回访")
    engine = engine_for(bot)
    assert await deliver(engine) == 0
    assert [r.status for r in await rows(bot, "due")] == ["pending", "pending"]
    at(bot, "2026-11-30 08:00")
    assert await deliver(engine) == 1  # one message for both
    away = await li.next_reply()
    assert "📬 离线期间的提醒（2）" in away.plain_text and "晚宴" in away.plain_text and "电话回访" in away.plain_text
    assert away.button_texts() == ["📝 辛 B 客户", "⏰ 改期", "📝 壬 B 客户", "⏰ 改期"]
    due = await rows(bot, "due")
    assert [r.status for r in due] == ["sent", "sent"] and due[0].message_id == due[1].message_id
