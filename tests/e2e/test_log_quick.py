"""One message, one tap: the quick log card, ambiguous and unknown customers, back-dating."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.fake_telegram import FakeUser
from storage.tables import Customer, Interaction, NextAction
from tests.e2e.harness import Harness, ask, edited, register
from tests.e2e.seeding import add_customers, unit_of_work

REP = 7001


async def _rep(bot: Harness, admin: FakeUser, lang: str = "zh") -> FakeUser:
    rep = await register(bot.server, admin, user_id=REP, name="李伟", language_code=lang)
    await add_customers(bot.database, REP, ["华星科技有限公司", "华兴科技有限公司", "Acme Corp", "北京远航物流"],
                        now=bot.clock.now, tier="B")
    return rep


async def _count(bot: Harness, table: type) -> int:
    async with unit_of_work(bot.database) as uow, uow:
        return int(await uow.session.scalar(select(func.count()).select_from(table)) or 0)


async def test_a_complete_log_in_one_message_and_one_tap(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    card = await ask(rep, "拜访了北京远航物流，客户对报价有顾虑，下周二上午10点发补充报价")
    assert card.plain_text.startswith("📝 保存这条记录？")
    assert "客户：北京远航物流" in card.plain_text and "方式：🚶 上门拜访" in card.plain_text
    assert "下一步：发补充报价 · 12月1日 周二 10:00" in card.plain_text
    assert card.button_texts() == ["💾 保存", "✏️ 编辑", "✖ 取消"]
    assert await _count(bot, Interaction) == 0, "nothing is saved before Save"

    answer = await rep.press(card, "保存")
    assert answer.text == "一键保存完成。"
    saved = await edited(rep, card)
    assert saved.plain_text.startswith("✅ 已保存")
    async with unit_of_work(bot.database) as uow, uow:
        row = (await uow.session.scalars(select(Interaction))).one()
        assert (row.channel, row.attitude) == ("visit", "hesitant")
        assert row.summary == "拜访了北京远航物流，客户对报价有顾虑"
        action = (await uow.session.scalars(select(NextAction))).one()
        assert (action.title, action.due_at) == ("发补充报价", datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    # The same card cannot be saved twice.
    assert (await rep.press_data(card.message_id, card.buttons[0][0].callback_data or "")).text == "此操作已过期。"
    assert await _count(bot, Interaction) == 1


async def test_english_quick_log_with_an_ambiguous_name_asks_which_customer(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin, lang="en")
    card = await ask(rep, "called huaxing, they liked the demo, send quote fri 3pm")
    assert "Several customers match" in card.plain_text
    assert any("华星科技有限公司" in b for b in card.button_texts())
    assert any("华兴科技有限公司" in b for b in card.button_texts())
    assert "💾 Save" not in card.button_texts()
    await rep.press(card, "华兴科技有限公司")
    picked = await edited(rep, card)
    assert "Customer: 华兴科技有限公司" in picked.plain_text and "Save" in picked.button_texts()[0]
    assert "Next step: send quote · Fri 27 Nov 15:00" in picked.plain_text
    await rep.press(picked, "Save")
    await edited(rep, card)
    async with unit_of_work(bot.database) as uow, uow:
        row = (await uow.session.scalars(select(Interaction))).one()
        customer = await uow.session.get(Customer, row.customer_id)
        assert customer is not None and customer.name == "华兴科技有限公司"
        assert (row.channel, row.attitude) == ("phone", "positive")


async def test_unknown_customer_is_offered_for_creation(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    card = await ask(rep, "拜访了天宇建设，客户很感兴趣，明天下午3点发方案")
    assert "“天宇建设”还不是您的客户" in card.plain_text
    await rep.press(card, "新建")
    created = await edited(rep, card)
    assert "客户：天宇建设（新客户，保存时创建）" in created.plain_text
    async with unit_of_work(bot.database) as uow, uow:
        assert await uow.session.scalar(select(func.count()).select_from(Customer)
                                        .where(Customer.name == "天宇建设")) == 0, "nothing is stored before Save"
    await rep.press(created, "保存")
    await edited(rep, card)
    async with unit_of_work(bot.database) as uow, uow:
        customer = (await uow.session.scalars(select(Customer).where(Customer.name == "天宇建设"))).one()
        assert customer.code == "OT2026001"
        assert await uow.session.scalar(select(func.count()).select_from(Interaction)
                                        .where(Interaction.customer_id == customer.id)) == 1


async def test_back_dated_contact_is_kept_and_late_logs_are_flagged(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    card = await ask(rep, "前天下午4点电话北京远航物流，客户很满意，明天上午10点发合同")
    assert "时间：11月23日 周一 16:00" in card.plain_text
    assert "超过 24 小时才记录" in card.plain_text
    await rep.press(card, "保存")
    saved = await edited(rep, card)
    assert "计入经理的 24 小时规则统计" in saved.plain_text
    async with unit_of_work(bot.database) as uow, uow:
        row = (await uow.session.scalars(select(Interaction))).one()
        assert row.occurred_at == datetime(2026, 11, 23, 8, 0, tzinfo=UTC) and row.logged_late


async def test_guided_back_dating_from_the_review(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin, lang="en")
    card = await ask(rep, "called acme, they liked it, send quote tomorrow 10am")
    await rep.press(card, "Edit")
    review = await rep.next_reply()
    assert review.plain_text.startswith("Check your log")
    await rep.press(review, "Contact time")
    assert "When did the contact happen" in (await rep.next_reply()).plain_text
    assert "can't be in the future" in (await ask(rep, "tomorrow 9am")).plain_text
    review = await ask(rep, "yesterday 4pm")
    assert "When: Tue 24 Nov 16:00" in review.plain_text and "24 h" not in review.plain_text
    await rep.press(review, "Save")
    await edited(rep, review)
    async with unit_of_work(bot.database) as uow, uow:
        row = (await uow.session.scalars(select(Interaction))).one()
        assert row.occurred_at == datetime(2026, 11, 24, 8, 0, tzinfo=UTC) and not row.logged_late


async def test_plain_chatter_is_not_a_log(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin, lang="en")
    hint = await ask(rep, "hello there")
    assert "couldn't read that as a log" in hint.plain_text
    assert await _count(bot, Interaction) == 0


async def test_a_next_step_already_past_is_not_saved_as_due(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    card = await ask(rep, "电话北京远航物流，客户很满意，今天上午9点发合同")  # it is 10:00 already
    assert "还缺少：带日期的下一步" in card.plain_text
    assert "💾 保存" not in card.button_texts()
    await rep.press(card, "编辑")
    assert "什么时候" in (await rep.next_reply()).plain_text  # only the missing date is asked


async def test_a_near_miss_is_asked_about_with_an_offer_to_create(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    card = await ask(rep, "拜访了华星建设，客户很感兴趣，明天下午3点发方案")
    assert "保存" not in " ".join(card.button_texts())
    assert any("华星科技有限公司" in b for b in card.button_texts())
    assert "➕ 新建“华星建设”" in card.button_texts()  # the longer name the rep typed
    await rep.press(card, "取消")
    await edited(rep, card)
    assert await _count(bot, Customer) == 4 and await _count(bot, Interaction) == 0


async def test_a_contact_too_long_ago_is_refused_with_the_reason(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin, lang="en")
    card = await ask(rep, "Aug 1 visited Acme Corp, they liked it, send quote tomorrow 3pm")
    answer = await rep.press(card, "Save")
    assert answer.show_alert and "more than 60 days ago" in (answer.text or "")
    assert await _count(bot, Interaction) == 0


async def test_names_with_markup_are_plain_on_buttons_and_escaped_in_messages(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin, lang="en")
    await add_customers(bot.database, REP, ["AT&T <Asia>"], now=bot.clock.now)
    found = await ask(rep, "/find AT&T")
    assert "AT&T <Asia> · IT2026005" in found.button_texts()
    await rep.press(found, "AT&T")
    card = await rep.next_reply()
    assert card.plain_text.startswith("🏢 AT&T <Asia>  IT2026005") and "&lt;" in card.text
    await rep.press(card, "📝 Log")
    channel = await rep.next_reply()
    assert channel.plain_text.startswith("AT&T <Asia> — how did you reach them")
    await rep.press(channel, "Phone")
    assert (await edited(rep, channel)).plain_text.endswith("✓ 📞 Phone")
