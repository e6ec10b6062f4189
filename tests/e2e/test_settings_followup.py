"""/settings for the follow-up engine: a rep's reminder time, window, days and lead; a manager's team rules."""

from __future__ import annotations

from sqlalchemy import select

from bot.fake_telegram import BotMessage, FakeUser
from storage.tables import TeamSetting, User
from tests.e2e.harness import Harness, ask, edited, register
from tests.e2e.seeding import unit_of_work

REP, BOSS = 7601, 7602


async def _schedule(bot: Harness, telegram_id: int) -> tuple[str, str, str, str, int]:
    async with unit_of_work(bot.database) as uow, uow:
        row = await uow.session.scalar(select(User).where(User.telegram_id == telegram_id))
        assert row is not None
        return row.reminder_time, row.quiet_start, row.quiet_end, row.work_days, row.due_lead_minutes


async def _open(user: FakeUser, menu: BotMessage, label: str) -> BotMessage:
    """Press a button of the menu message and return it as edited."""
    await user.press(menu, label)
    return await edited(user, menu)


async def test_a_rep_sets_reminder_window_days_and_lead(bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="李伟")
    await rep.drain(quiet=0.1)
    menu = await ask(rep, "/settings")
    assert "每日提醒：08:30" in menu.plain_text and "工作时段：08:00–20:00" in menu.plain_text
    assert "工作日：一 二 三 四 五" in menu.plain_text and "团队设置" not in menu.plain_text
    assert "⏰ 提醒时间" in menu.button_texts() and not any("频率" in b for b in menu.button_texts())

    choices = await _open(rep, menu, "提醒时间")
    assert "✅08:30" in choices.button_texts()
    shown = await _open(rep, menu, "08:00")
    assert "每日提醒：08:00" in shown.plain_text
    assert (await _schedule(bot, REP))[0] == "08:00"

    await _open(rep, menu, "提醒时间")
    saved = await ask(rep, "9:45")
    assert saved.plain_text.startswith("✅ 每日提醒已设为 09:45。") and "每日提醒：09:45" in saved.plain_text

    await _open(rep, saved, "工作时段")
    assert "无法识别该时段" in (await ask(rep, "九点到六点")).plain_text  # the form stays open
    assert "开始时间与结束时间不能相同" in (await ask(rep, "9:00-9:00")).plain_text
    window = await ask(rep, "09:00-18:00")
    assert "工作时段已设为 09:00–18:00" in window.plain_text

    await _open(rep, window, "提醒时间")
    assert "19:00 不在工作时段 09:00–18:00 之内" in (await ask(rep, "19:00")).plain_text
    refused = await rep.press(window, "07:30")
    assert refused.show_alert and "07:30 不在工作时段 09:00–18:00 之内" in (refused.text or "")
    await _open(rep, window, "返回")

    days = await _open(rep, window, "工作日")
    assert days.button_texts()[:7] == ["✅一", "✅二", "✅三", "✅四", "✅五", "六", "日"]
    assert "请使用上面的按钮" in (await ask(rep, "周六也上班")).plain_text  # text where a button is expected
    days = await _open(rep, window, "六")
    days = await _open(rep, window, "✅一")
    assert days.button_texts()[:7] == ["一", "✅二", "✅三", "✅四", "✅五", "✅六", "日"]
    shown = await _open(rep, window, "完成")
    assert "工作日：二 三 四 五 六" in shown.plain_text

    await _open(rep, window, "提前提醒")
    shown = await _open(rep, window, "30 分钟")
    assert "提前 30 分钟" in shown.plain_text
    assert await _schedule(bot, REP) == ("09:45", "09:00", "18:00", "23456", 30)


async def test_forged_presses_cancel_and_the_last_working_day(bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="李伟")
    await rep.drain(quiet=0.1)
    menu = await ask(rep, "/settings")
    answers = [await rep.press_data(menu.message_id, data) for data in (
        "st:me:lead:999", "st:me:lead:abc", "st:me:day:8", "st:me:rt:25:00", "st:me:nope", "st:tm:cad:A",
        "st:tm:esc:off")]
    assert [a.text for a in answers] == ["没有这个选项。", "没有这个选项。", "没有这个选项。",
                                         "无法识别该时间，请按 8:45 或 09:30 的格式输入。",
                                         "您没有权限执行此操作。", "您没有权限执行此操作。", "您没有权限执行此操作。"]
    await _open(rep, menu, "工作时段")
    assert (await ask(rep, "/cancel")).plain_text == "已取消，设置未更改。"
    await _open(rep, menu, "返回")
    await _open(rep, menu, "工作日")
    for day in ("一", "二", "三", "四"):
        await _open(rep, menu, f"✅{day}")
    last = await rep.press(menu, "✅五")
    assert last.show_alert and last.text == "至少要保留一个工作日。"
    await _open(rep, menu, "完成")
    assert "English" in (await _open(rep, menu, "语言")).button_texts()  # the /lang flow, in place
    await rep.press(menu, "English")
    await edited(rep, menu)
    again = await ask(rep, "/settings")
    assert "Personal settings" in again.plain_text and "Language: English" in again.plain_text
    zone = await _open(rep, again, "Time zone")
    assert "Your time zone is Asia/Shanghai" in zone.plain_text and "/tz Europe/Berlin" in zone.plain_text
    assert await _schedule(bot, REP) == ("08:30", "08:00", "20:00", "5", 15)


async def test_a_manager_sets_the_team_rules(bot: Harness, admin: FakeUser) -> None:
    boss = await register(bot.server, admin, user_id=BOSS, name="Wang", role="manager", language_code="en")
    await boss.drain(quiet=0.1)
    menu = await ask(boss, "/settings")
    assert "Team settings · East" in menu.plain_text
    assert "A every 7 d (default) · B every 14 d (default)" in menu.plain_text
    asked = await _open(boss, menu, "Cadence A")
    assert "Now: 7 days (the default)" in asked.plain_text
    assert "from 1 to 365" in (await ask(boss, "0")).plain_text
    saved = await ask(boss, "5")
    assert saved.plain_text.startswith("✅ Tier A: follow up every 5 days.") and "A every 5 d ·" in saved.plain_text
    shown = await _open(boss, saved, "Escalation: switch off")
    assert "Escalation of overdue A/B customers: off" in shown.plain_text
    await _open(boss, saved, "After-meeting delay")
    shown = await _open(boss, saved, "120 min")
    assert "After-meeting prompt: 120 min" in shown.plain_text
    answers = [await boss.press_data(saved.message_id, data)
               for data in ("st:tm:cad:E", "st:tm:cad:E:default", "st:tm:after:45", "st:tm:esc:maybe")]
    assert [a.text for a in answers] == ["That choice is not available."] * 3 + ["You are not allowed to do that."]
    async with unit_of_work(bot.database) as uow, uow:
        row = (await uow.session.scalars(select(TeamSetting))).one()
        boss_id = await uow.session.scalar(select(User.id).where(User.telegram_id == BOSS))
        assert (row.cadence_a, row.cadence_b, row.escalation, row.after_meeting_minutes) == (5, None, False, 120)
        assert (row.updated_by, row.updated_at) == (boss_id, bot.clock.now)
    admin_menu = await ask(admin, "/settings")  # the admin is in no team: no team section
    assert "Personal settings" in admin_menu.plain_text and "Team settings" not in admin_menu.plain_text
