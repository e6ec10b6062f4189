"""/next, Done, Reschedule, Reassign and /today, driven as a rep and a manager would."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.enums import Channel, NoNextReason
from bot.domain.logs import LogDraft
from bot.domain.records import NextActionRecord, UserRecord
from bot.fake_telegram import BotMessage, FakeUser
from bot.services import customers, logbook
from tests.e2e.harness import Harness, ask, register
from tests.e2e.seeding import unit_of_work

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def user_record(bot: Harness, telegram_id: int) -> UserRecord:
    async with unit_of_work(bot.database) as uow, uow:
        found = await uow.users.get_by_telegram_id(telegram_id)
    assert found is not None
    return found


async def seed(bot: Harness, telegram_id: int, *steps: tuple[str, str, timedelta],
               visits: tuple[tuple[str, timedelta], ...] = ()) -> list[int]:
    """One customer per step, each with a saved call whose next step is due at now + delta; then visits."""
    now = bot.clock()
    user = await user_record(bot, telegram_id)
    ids: list[int] = []
    async with unit_of_work(bot.database) as uow:
        for name, title, due_in in steps:
            customer = await customers.create(uow, user, name, now=now)
            saved = await logbook.save_log(uow, user, LogDraft(
                customer_id=customer.id, channel=Channel.PHONE, summary="called",
                occurred_at=now - timedelta(hours=1), next_title=title, next_due=now + due_in), now=now)
            assert saved.next_action_id is not None
            ids.append(saved.next_action_id)
        for name, ago in visits:
            customer = await customers.create(uow, user, name, now=now)
            await logbook.save_log(uow, user, LogDraft(
                customer_id=customer.id, channel=Channel.VISIT, summary=f"visited {name}",
                occurred_at=now - ago, no_next_reason=NoNextReason.PAUSED), now=now)
    return ids


async def stored(bot: Harness, action_id: int) -> NextActionRecord:
    async with unit_of_work(bot.database) as uow, uow:
        found = await uow.next_actions.get(action_id)
    assert found is not None
    return found


async def join(bot: Harness, admin: FakeUser, user_id: int, name: str, *, role: str = "rep",
               language_code: str = "zh") -> FakeUser:
    user = await register(bot.server, admin, user_id=user_id, name=name, role=role,
                          language_code=language_code)
    await user.drain(quiet=0.1)
    return user


async def show_next(user: FakeUser, count: int) -> tuple[BotMessage, list[BotMessage]]:
    header = await ask(user, "/next")
    return header, [await user.next_reply() for _ in range(count)]


async def test_next_lists_overdue_first_with_marker_and_buttons(bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7101, "李伟")
    assert "/log" in (await ask(rep, "/next")).plain_text
    later, late, soon = await seed(bot, 7101, ("华星科技", "发报价", timedelta(days=1)),
                                   ("<b>Acme & Co</b>", "回电 <i>确认</i>", -timedelta(days=2)),
                                   ("远大集团", "上门演示", timedelta(hours=3)))
    header, cards = await show_next(rep, 3)
    assert header.plain_text == "待办的下一步行动：3 项 · ⚠️ 逾期 1 项"
    assert [c.buttons[0][0].callback_data for c in cards] == [f"na:done:{i}" for i in (late, soon, later)]
    assert cards[0].plain_text == "⚠️ 逾期 · <b>Acme & Co</b>\n回电 <i>确认</i>\n📅 11月23日 周一 10:00"
    assert cards[1].plain_text == "远大集团\n上门演示\n📅 11月25日 周三 13:00" and "逾期" not in cards[2].plain_text
    assert cards[0].button_texts() == ["✅ 完成", "📅 改期"]  # no Reassign for a rep
    assert await rep.drain(quiet=0.2) == []


async def test_done_marks_the_step_done_and_a_second_press_has_expired(bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7102, "王芳")
    (action_id,) = await seed(bot, 7102, ("华星科技", "发报价", timedelta(days=1)))
    _, (card,) = await show_next(rep, 1)
    answer = await rep.press(card, "完成")
    assert not answer.show_alert
    done = await rep.next_edit()
    assert done.text == "✓ <s><b>华星科技</b> — 发报价</s>" and done.buttons == []
    assert (await stored(bot, action_id)).done
    await rep.drain()  # the log conversation, if wired, now asks for the outcome; that is its own test

    again = await rep.press_data(card.message_id, f"na:done:{action_id}")
    assert again.show_alert and again.text == "此操作已过期。"
    assert rep.messages[card.message_id].text == done.text
    assert (await ask(rep, "/next")).plain_text.startswith("暂无待办的下一步行动")


async def test_reschedule_by_typed_phrase_and_by_suggestion(bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7103, "张敏")
    first, second = await seed(bot, 7103, ("华星科技", "发报价", timedelta(hours=2)),
                               ("远大集团", "回电", timedelta(hours=4)))
    _, cards = await show_next(rep, 2)
    await rep.press(cards[0], "改期")
    prompt = await rep.next_reply()
    assert "改到什么时候" in prompt.plain_text and len(prompt.buttons) == 3
    confirmed = await ask(rep, "明天下午3点")
    assert confirmed.plain_text == "📅 已将 华星科技 — 发报价 改到 11月26日 周四 15:00。"
    assert (await stored(bot, first)).due_at == datetime(2026, 11, 26, 15, 0, tzinfo=SHANGHAI)
    refreshed = await rep.next_edit()
    assert refreshed.message_id == cards[0].message_id and refreshed.plain_text.endswith("11月26日 周四 15:00")

    await rep.press(cards[1], "改期")
    prompt = await rep.next_reply()
    await rep.press(prompt, "下周一")
    assert "11月30日 周一 09:00" in (await rep.next_edit()).plain_text
    assert (await stored(bot, second)).due_at == datetime(2026, 11, 30, 9, 0, tzinfo=SHANGHAI)
    # The conversation is over: the same suggestion again is a stale button.
    assert (await rep.press_data(prompt.message_id, "na:rw:tmr")).text == "此操作已过期。"


async def test_unreadable_vague_media_and_past_dates_ask_again_then_a_valid_one_works(
        bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7104, "Tom", language_code="en")
    (action_id,) = await seed(bot, 7104, ("Acme", "send quote", timedelta(hours=2)))
    _, (card,) = await show_next(rep, 1)
    await rep.press(card, "Reschedule")
    await rep.next_reply()
    unreadable = await ask(rep, "when the moon is blue")
    assert "couldn't read “when the moon is blue”" in unreadable.plain_text
    assert "明天下午3点" in unreadable.plain_text
    vague = await ask(rep, "尽快")
    assert "tomorrow 10am" in vague.plain_text and "fri 3pm" in vague.plain_text and len(vague.buttons) == 3
    await rep.send_sticker()
    assert "as text" in (await rep.next_reply()).plain_text
    past = await ask(rep, "yesterday 3pm")
    assert past.plain_text.startswith("Tue 24 Nov 15:00 is already in the past")
    assert (await stored(bot, action_id)).due_at == bot.clock() + timedelta(hours=2)
    done = await ask(rep, "fri 3pm")
    assert done.plain_text == "📅 Moved Acme — send quote to Fri 27 Nov 15:00."
    assert (await stored(bot, action_id)).due_at == datetime(2026, 11, 27, 15, 0, tzinfo=SHANGHAI)


async def test_cancel_in_the_middle_changes_nothing(bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7105, "赵强")
    (action_id,) = await seed(bot, 7105, ("华星科技", "发报价", timedelta(hours=2)))
    _, (card,) = await show_next(rep, 1)
    await rep.press(card, "改期")
    await rep.next_reply()
    assert (await ask(rep, "/cancel")).plain_text == "已取消，下一步行动的时间保持不变。"
    assert "改到" not in (await ask(rep, "明天下午3点")).plain_text  # no longer read as the new date
    assert (await stored(bot, action_id)).due_at == bot.clock() + timedelta(hours=2)


async def test_manager_reassigns_to_a_rep_and_the_owner_changes(bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7106, "陈静")
    manager = await join(bot, admin, 7107, "Wang", role="manager", language_code="en")
    (action_id,) = await seed(bot, 7107, ("Acme", "sign contract", timedelta(hours=5)))
    _, (card,) = await show_next(manager, 1)
    assert card.button_texts() == ["✅ Done", "📅 Reschedule", "👤 Reassign"]
    await manager.press(card, "Reassign")
    choices = await manager.next_edit()
    assert set(choices.button_texts()) == {"Wang", "陈静", "↩️ Back"}
    await manager.press(choices, "Back")
    assert (await manager.next_edit()).button_texts() == card.button_texts()
    await manager.press(card, "Reassign")
    await manager.next_edit()
    await manager.press(card, "陈静")
    moved = await manager.next_edit()
    assert moved.plain_text.endswith("Now with 陈静.") and moved.buttons == []
    assert (await stored(bot, action_id)).owner_id == (await user_record(bot, rep.user_id)).id
    _, (rep_card,) = await show_next(rep, 1)
    assert "sign contract" in rep_card.plain_text


async def test_a_rep_forging_reassign_is_refused(bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7108, "刘洋")
    other = await join(bot, admin, 7109, "周杰")
    (action_id,) = await seed(bot, 7108, ("华星科技", "发报价", timedelta(hours=2)))
    _, (card,) = await show_next(rep, 1)
    target = (await user_record(bot, other.user_id)).id
    for data in (f"na:ra:{action_id}", f"na:rt:{action_id}:{target}", "na:rt:1:2"):
        answer = await rep.press_data(card.message_id, data)
        assert answer.show_alert and answer.text == "您没有权限执行此操作。"
    assert (await stored(bot, action_id)).owner_id == (await user_record(bot, rep.user_id)).id
    assert rep.messages[card.message_id].text == card.text


async def test_today_shows_todays_steps_and_visits_not_tomorrows(bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7110, "孙丽")
    assert "今天没有到期的行动，也还没有拜访记录" in (await ask(rep, "/today")).plain_text
    await seed(bot, 7110, ("华星科技", "回电", -timedelta(days=1)), ("远大集团", "发报价", timedelta(hours=8)),
               ("明日公司", "明天的事", timedelta(days=1)),
               visits=(("今晨客户", timedelta(hours=1)), ("昨日客户", timedelta(days=1))))
    text = (await ask(rep, "/today")).plain_text
    assert text.splitlines() == [
        "今天 11月25日 周三", "", "下一步行动（2）", "• ⚠️ 11月24日 周二 10:00 华星科技 — 回电（逾期）",
        "• 18:00 远大集团 — 发报价", "", "今日拜访（1）", "• 09:00 今晨客户 — visited 今晨客户"]


async def test_another_rep_cannot_complete_or_reschedule_someone_elses_step(
        bot: Harness, admin: FakeUser) -> None:
    owner = await join(bot, admin, 7111, "吴刚")
    intruder = await join(bot, admin, 7112, "Eve", language_code="en")
    (action_id,) = await seed(bot, 7111, ("华星科技", "发报价", timedelta(hours=2)))
    before = await stored(bot, action_id)
    anchor = await ask(intruder, "/next")
    answer = await intruder.press_data(anchor.message_id, f"na:done:{action_id}")
    assert answer.show_alert and answer.text == "This action has expired."
    await intruder.press_data(anchor.message_id, f"na:rs:{action_id}")
    await intruder.next_reply()
    assert (await ask(intruder, "tomorrow 10am")).plain_text == "This action has expired."
    assert await stored(bot, action_id) == before
    assert await owner.drain(quiet=0.2) == []


async def test_a_pending_reschedule_never_swallows_a_log_started_after_it(bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7110, "Tom", language_code="en")
    (action_id,) = await seed(bot, 7110, ("Globex", "call back", timedelta(hours=2)))
    _, (card,) = await show_next(rep, 1)
    await rep.press(card, "Reschedule")
    await rep.next_reply()
    channel = await ask(rep, "/log globex")  # the rep changes their mind and logs instead
    assert "how did you reach them" in channel.plain_text
    summary = await rep.press(channel, "Phone") and await rep.next_reply()
    assert "Added" in (await ask(rep, "tomorrow 3pm they want a demo")).plain_text
    await rep.press(summary, "Done")
    await rep.next_reply()
    assert (await stored(bot, action_id)).due_at == bot.clock.now + timedelta(hours=2), "nothing was moved"


async def test_reschedule_pressed_in_the_middle_of_a_log_takes_the_next_date_then_the_log_goes_on(
        bot: Harness, admin: FakeUser) -> None:
    rep = await join(bot, admin, 7111, "Tom", language_code="en")
    (action_id,) = await seed(bot, 7111, ("Globex", "call back", timedelta(hours=2)))
    _, (card,) = await show_next(rep, 1)
    channel = await ask(rep, "/log globex")
    summary = await rep.press(channel, "Email") and await rep.next_reply()
    await rep.press(card, "Reschedule")
    await rep.next_reply()
    moved = await ask(rep, "fri 3pm")
    assert moved.plain_text.startswith("📅") and (await stored(bot, action_id)).due_at.hour == 7
    assert "Added" in (await ask(rep, "sent the brochure")).plain_text
    assert "How did the customer react" in (await rep.press(summary, "Done") and await rep.next_reply()).plain_text


async def test_managers_see_only_their_team_and_a_handed_over_step_can_be_logged(
        bot: Harness, admin: FakeUser) -> None:
    east_manager = await join(bot, admin, 7120, "East Boss", role="manager", language_code="en")
    erin = await join(bot, admin, 7121, "Erin", language_code="en")
    eve = await join(bot, admin, 7123, "Eve", language_code="en")
    invite = await ask(admin, "/invite rep West")
    west_rep = bot.server.user(user_id=7122, first_name="Wes", language_code="en")
    await ask(west_rep, f"/start {invite.plain_text.rsplit('start=', 1)[1].split()[0]}")
    (west_step,) = await seed(bot, 7122, ("Westwind", "call", timedelta(hours=3)))
    (east_step,) = await seed(bot, 7121, ("Eastwind", "visit", timedelta(hours=3)))

    found = await ask(east_manager, "/find westwind")
    assert not any("Westwind" in label for label in found.button_texts())
    forged = await east_manager.press_data(found.message_id, f"na:done:{west_step}")
    assert forged.text == "This action has expired." and not (await stored(bot, west_step)).done

    eve_record = await user_record(bot, 7123)
    await east_manager.press_data(found.message_id, f"na:rt:{east_step}:{eve_record.id}")
    assert (await stored(bot, east_step)).owner_id == eve_record.id
    _, (card,) = await show_next(eve, 1)
    await eve.press(card, "Done")
    await eve.next_edit()
    prompt = await eve.next_reply()
    assert prompt.plain_text.startswith("Eastwind — how did you reach them"), "Eve can log the outcome"
    assert "Eastwind" not in " ".join((await ask(erin, "/next")).plain_text.split("\n")[1:])
