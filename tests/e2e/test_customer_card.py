"""/find (pinyin initials, phone digits, paging, scope), the card and its buttons, forged ids."""

from __future__ import annotations

from bot.fake_telegram import FakeUser
from tests.e2e.customer_seed import full_customer
from tests.e2e.harness import Harness, ask, register
from tests.e2e.seeding import add_customers, unit_of_work

REP, OTHER = 7101, 7102
HUAXING = "华星精密制造有限公司"


async def _reps(bot: Harness, admin: FakeUser, lang: str = "zh") -> tuple[FakeUser, FakeUser]:
    rep = await register(bot.server, admin, user_id=REP, name="李伟", language_code=lang)
    other = await register(bot.server, admin, user_id=OTHER, name="赵敏", language_code=lang)
    await rep.drain(quiet=0.1)
    await other.drain(quiet=0.1)
    return rep, other


async def test_find_by_pinyin_initials_opens_the_full_card(bot: Harness, admin: FakeUser) -> None:
    rep, _ = await _reps(bot, admin)
    await full_customer(bot.database, REP, HUAXING, now=bot.clock.now, complaint="交货延迟两周")
    found = await ask(rep, "/find hxjm")
    assert found.button_texts() == [f"{HUAXING} · MF2026001"]
    await rep.press(found, HUAXING)
    card = await rep.next_reply()
    text = card.plain_text
    assert text.startswith(f"🏢 {HUAXING}  MF2026001") and "李伟 · A · 每周跟进 · 活跃" in text
    assert "所属行业：制造业" in text and "所在区域：上海" in text and "需求来源：展会" in text
    assert "★ 王经理 · 采购经理 · +86 139 1234 5678 · wang@example.com" in text
    assert "ERP upgrade：方案认可 65% · A类 · ¥500,000" in text
    assert "called about the ERP quote" in text and "下一步：send the revised quote" in text
    assert "[高] 交货延迟两周" in text
    assert "生命周期：培养" in text  # an open deal past the lead stage
    assert card.button_texts() == ["📝 记录跟进", "📊 阶段", "⏭ 下一步", "💼 新建机会", "⚠️ 投诉", "⭐ 满意度",
                                   "✏️ 修改", "👥 联系人", "🕘 更新记录", "🏷 分级"]

    await rep.press(card, "📊 阶段")
    deal_card = (await rep.next_reply()).plain_text  # the one open deal opens at once
    assert "ERP upgrade" in deal_card and "方案认可（50–80%） · 成交概率 65%" in deal_card and "A · 每周跟进" in deal_card
    await rep.press(card, "⏭ 下一步")
    step = await rep.next_reply()
    assert "send the revised quote" in step.plain_text and step.button_texts()[:2] == ["✅ 完成", "📅 改期"]
    await rep.press(card, "🕘 更新记录")
    assert "创建" in (await rep.next_reply()).plain_text
    await rep.press(card, "📝 记录跟进")
    assert "这次通过什么方式沟通" in (await rep.next_reply()).plain_text


async def test_find_by_phone_digits_and_contact_name_and_paging(bot: Harness, admin: FakeUser) -> None:
    rep, _ = await _reps(bot, admin, lang="en")
    await full_customer(bot.database, REP, "Acme Robotics Ltd", now=bot.clock.now, phone="+8613800001111",
                        deal=None, logged=None)
    assert (await ask(rep, "/find 1380000 1111")).button_texts() == ["Acme Robotics Ltd · MF2026001"]
    assert (await ask(rep, "/find 王经理")).button_texts() == ["Acme Robotics Ltd · MF2026001"]
    await add_customers(bot.database, REP, [f"Delta Trading {i:02d}" for i in range(12)], now=bot.clock.now)
    first = await ask(rep, "/find delta")
    assert len(first.buttons) == 11 and first.button_texts()[-1] == "More results ▶"
    await rep.press(first, "More results")
    more = await rep.next_reply()
    assert more.plain_text.startswith("More results for “delta”") and len(more.button_texts()) == 2


async def test_another_reps_customer_is_invisible_and_forged_ids_say_not_found(bot: Harness,
                                                                               admin: FakeUser) -> None:
    rep, other = await _reps(bot, admin)
    mine = await full_customer(bot.database, REP, HUAXING, now=bot.clock.now)
    theirs = await full_customer(bot.database, OTHER, "东方物流有限公司", now=bot.clock.now, phone="+8613700002222")
    assert "没有找到" in (await ask(rep, "/find 东方物流")).plain_text
    found = await ask(rep, "/find hxjm")
    for data in (f"cu:open:{theirs.id}", f"cu:edit:{theirs.id}", f"cu:hist:{theirs.id}:0", f"cu:ct:{theirs.id}",
                 f"cu:next:{theirs.id}", f"cu:stage:{theirs.id}", f"cu:ef:{theirs.id}:name", f"cu:del:{theirs.id}",
                 f"cu:ca:{theirs.id}", "cu:open:99999999", "cu:open:abc"):
        answer = await rep.press_data(found.message_id, data)
        assert answer.text in ("该客户不属于您，或已不存在。", "此操作已过期。"), data
    assert await rep.drain(quiet=0.2) == []  # nothing about 东方物流 was sent
    answer = await rep.press_data(found.message_id, f"ra:card:{mine.id}")
    assert answer.text == "您没有权限执行此操作。"
    async with unit_of_work(bot.database) as uow, uow:
        (contact,) = await uow.contacts.of_customer(theirs.id)
    for data in (f"cu:cm:{contact.id}", f"cu:ce:{contact.id}:phone", f"cu:cp:{contact.id}", f"cu:cx:{contact.id}"):
        assert (await rep.press_data(found.message_id, data)).text == "该客户不属于您，或已不存在。", data
    async with unit_of_work(bot.database) as uow, uow:
        assert (await uow.contacts.get(contact.id)) == contact  # nothing changed
    assert "东方物流" in (await ask(other, "/find 东方")).button_texts()[0]


async def test_card_shows_lifecycle_status_and_the_satisfaction_trend(bot: Harness, admin: FakeUser) -> None:
    from datetime import timedelta

    from storage.tables import Complaint

    rep, _ = await _reps(bot, admin)
    customer = await full_customer(bot.database, REP, HUAXING, now=bot.clock.now, deal=None)
    async with unit_of_work(bot.database) as uow, uow:
        for days, score in ((20, 5), (10, 4), (1, 2)):
            at = bot.clock.now - timedelta(days=days)
            uow.session.add(Complaint(customer_id=customer.id, received_at=at, resolved_at=at, kind="feedback",
                                      content="", satisfaction=score, status="resolved"))
        await uow.commit()
    bot.clock.advance(days=13)  # the seeded A tier: dormant after 2 × 7 days without contact (the call was 2 h ago)
    found = await ask(rep, "/find hxjm")
    await rep.press(found, HUAXING)
    text = (await rep.next_reply()).plain_text
    assert "满意度 2/5 ↓（共 3 次）" in text and "生命周期：获取" in text and "A · 每周跟进 · 活跃" in text
    bot.clock.advance(days=1)
    await rep.press(found, HUAXING)
    assert "A · 每周跟进 · 休眠" in (await rep.next_reply()).plain_text
