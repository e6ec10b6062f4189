"""The guided /log: customer, channel, summary with a voice note, attitude, next step, location, save."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.fake_telegram import FakeUser
from storage.tables import Attachment, Customer, Interaction, NextAction
from tests.e2e.harness import Harness, ask, edited, press_and_reply, register
from tests.e2e.seeding import add_customers, unit_of_work

REP = 7001
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
HUAXING = "华星科技有限公司"


async def _rep(bot: Harness, admin: FakeUser, lang: str = "zh") -> FakeUser:
    rep = await register(bot.server, admin, user_id=REP, name="李伟", language_code=lang)
    await add_customers(bot.database, REP, [HUAXING, "华兴电子", "Acme Corp"], now=bot.clock.now,
                        tier="A", contacts={"Acme Corp": "Zhang Wei"},
                        coordinates={HUAXING: (31.2304, 121.4737)})
    return rep


async def test_guided_log_with_voice_note_and_location_is_stored_whole(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    start = await ask(rep, "/log")
    assert "哪个客户" in start.plain_text and len(start.buttons) == 3

    channel_prompt = await ask(rep, "hxkj")  # pinyin initials pick 华星科技 without a question
    assert channel_prompt.plain_text.startswith(f"{HUAXING}——这次通过什么方式沟通")
    summary_prompt = await press_and_reply(rep, channel_prompt, "上门拜访")
    assert "沟通了什么" in summary_prompt.plain_text

    assert "已添加" in (await ask(rep, "客户对报价有顾虑，希望分期付款")).plain_text
    await rep.send_voice(b"OggS-voice-note", duration=4)
    added = await rep.next_reply()
    assert "共 2 条" in added.plain_text
    await rep.share_location(31.2310, 121.4740)  # about 80 m from the customer
    assert "位置已加入" in (await rep.next_reply()).plain_text
    await rep.send_photo(PNG, caption="张总名片")
    assert "共 4 条" in (await rep.next_reply()).plain_text

    await rep.press(added, "完成")
    attitude = await rep.next_reply()
    await rep.press(attitude, "犹豫不决")
    what = await rep.next_reply()
    assert "下一步做什么" in what.plain_text
    when = await ask(rep, "发补充报价")
    assert "+7天 · A类" in when.button_texts()
    review = await ask(rep, "下周二上午10点")
    assert "下一步：发补充报价 · 12月1日 周二 10:00" in review.plain_text
    assert "✅ 已验证拜访" in review.plain_text and "附件：2 个" in review.plain_text

    await rep.press(review, "保存")
    saved = await edited(rep, review)
    assert saved.plain_text.startswith("✅ 已保存") and saved.button_texts() == ["✏️ 编辑", "↩️ 撤销"]

    async with unit_of_work(bot.database) as uow, uow:
        interaction = (await uow.session.scalars(select(Interaction))).one()
        assert (interaction.channel, interaction.attitude) == ("visit", "hesitant")
        assert interaction.summary == "客户对报价有顾虑，希望分期付款\n张总名片"
        assert interaction.location_verified and 0 < (interaction.distance_m or 0) < 500
        assert not interaction.logged_late
        files = (await uow.session.scalars(select(Attachment).order_by(Attachment.id))).all()
        assert [f.kind for f in files] == ["voice", "photo"]
        assert {f.interaction_id for f in files} == {interaction.id}
        assert await bot.server.download(files[1].file_id) == PNG
        action = (await uow.session.scalars(select(NextAction))).one()
        assert action.title == "发补充报价" and action.due_at == datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
        customer = await uow.session.get(Customer, interaction.customer_id)
        assert customer is not None and customer.last_contact_at == bot.clock.now


async def test_first_location_becomes_the_customers_and_later_visits_show_distance(
        bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin, lang="en")
    prompt = await ask(rep, "/log acme")
    assert "how did you reach them" in prompt.plain_text
    summary = await press_and_reply(rep, prompt, "Visit")
    await rep.share_location(39.9042, 116.4074)
    await rep.next_reply()
    await ask(rep, "Demo went well")
    attitude = await press_and_reply(rep, summary, "Done")
    what = await press_and_reply(rep, attitude, "Keen")
    review = await press_and_reply(rep, what, "Won")
    assert "No next step: 🏆 Won" in review.plain_text
    assert "saved as the customer's location" in review.plain_text
    await rep.press(review, "Save")
    await edited(rep, review)

    prompt = await ask(rep, "/log acme")
    summary = await press_and_reply(rep, prompt, "Visit")
    await rep.share_location(39.9142, 116.4074)  # about 1.1 km north
    await rep.next_reply()
    await ask(rep, "Follow-up visit")
    attitude = await press_and_reply(rep, summary, "Done")
    await press_and_reply(rep, attitude, "Keen")
    await ask(rep, "send contract")
    review = await ask(rep, "tomorrow 10am")
    assert "1112 m from the customer" in review.plain_text and "verified" not in review.plain_text
    await rep.press(review, "Save")
    saved = await edited(rep, review)
    assert "1112 m from the customer" in saved.plain_text
    async with unit_of_work(bot.database) as uow, uow:
        customer = (await uow.session.scalars(select(Customer).where(Customer.name == "Acme Corp"))).one()
        assert (customer.latitude, customer.longitude) == (39.9042, 116.4074)
        visits = (await uow.session.scalars(select(Interaction).order_by(Interaction.id))).all()
        assert [v.distance_m for v in visits] == [None, 1112]  # the first visit had nothing to measure against
        assert [v.location_verified for v in visits] == [False, False]


async def test_a_search_result_opens_the_card_whose_log_button_starts_a_log(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    found = await ask(rep, "/find huaxing")
    assert found.plain_text.startswith("与“huaxing”匹配的客户") and any(HUAXING in b for b in found.button_texts())
    await rep.press(found, HUAXING)
    card = await rep.next_reply()
    assert card.plain_text.startswith(f"🏢 {HUAXING}")
    await rep.press(card, "📝 记录跟进")
    channel = await rep.next_reply()
    assert channel.plain_text.startswith(f"{HUAXING}——这次通过什么方式沟通")
    assert (await ask(rep, "/cancel")).plain_text == "已取消，未保存任何内容。"
    assert "没有找到" in (await ask(rep, "/find 不存在的公司")).plain_text
    forged = await rep.press_data(found.message_id, "log:c:999999")
    assert forged.text == "该客户不属于您，或已不存在。"


async def test_done_on_a_next_step_asks_for_the_outcome_as_a_log(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin, lang="en")
    card = await ask(rep, "called acme, they liked the demo, send quote tomorrow 10am")
    await rep.press(card, "Save")
    await edited(rep, card)
    await ask(rep, "/next")
    (step,) = await rep.drain()
    await rep.press(step, "Done")
    channel = await rep.next_reply()
    assert channel.plain_text.startswith("Acme Corp — how did you reach them")
    summary = await press_and_reply(rep, channel, "Email")
    await ask(rep, "sent the quote, they will review it with finance")
    attitude = await press_and_reply(rep, summary, "Done")
    await press_and_reply(rep, attitude, "Undecided")
    await ask(rep, "call about the review")
    review = await ask(rep, "next monday 9am")
    await rep.press(review, "Save")
    await edited(rep, review)
    async with unit_of_work(bot.database) as uow, uow:
        actions = (await uow.session.scalars(select(NextAction).order_by(NextAction.id))).all()
        assert [(a.title, a.done) for a in actions] == [("send quote", True), ("call about the review", False)]


async def test_two_reps_logging_at_the_same_time_do_not_mix_their_conversations(
        bot: Harness, admin: FakeUser) -> None:
    import asyncio

    rep_a = await _rep(bot, admin, lang="en")
    rep_b = await register(bot.server, admin, user_id=7002, name="Chen", language_code="en")
    await add_customers(bot.database, 7002, ["Globex"], now=bot.clock.now)

    async def log(rep: FakeUser, customer: str, summary: str, title: str) -> None:
        channel = await ask(rep, f"/log {customer}")
        summary_prompt = await press_and_reply(rep, channel, "Phone")
        await ask(rep, summary)
        attitude = await press_and_reply(rep, summary_prompt, "Done")
        await press_and_reply(rep, attitude, "Keen")
        await ask(rep, title)
        review = await ask(rep, "tomorrow 10am")
        await rep.press(review, "Save")
        await edited(rep, review)

    await asyncio.gather(log(rep_a, "acme", "A talked to Acme", "A follows up"),
                         log(rep_b, "globex", "B talked to Globex", "B follows up"))
    async with unit_of_work(bot.database) as uow, uow:
        rows = (await uow.session.execute(select(Interaction.summary, Customer.name)
                                          .join(Customer, Customer.id == Interaction.customer_id)
                                          .order_by(Interaction.summary))).all()
        assert [tuple(r) for r in rows] == [("A talked to Acme", "Acme Corp"), ("B talked to Globex", "Globex")]
