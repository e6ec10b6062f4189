"""Tiers follow the deal (close month), tier override with a reason and an end, the weekly review mark,
the concurrent stage-change refusal and forged deal ids."""

from __future__ import annotations

from datetime import timedelta

from bot.fake_telegram import BotMessage, FakeUser
from tests.e2e.deal_steps import (
    create_deal,
    customer_row,
    deal_row,
    rep_with_customer,
    stage_changes,
    tier_changes,
)
from tests.e2e.harness import Harness, ask, register

REP, MANAGER, OTHER = 7311, 7312, 7313


async def _card(rep: FakeUser) -> BotMessage:
    found = await ask(rep, "/find 华星")
    await rep.press(found, found.button_texts()[0])
    return await rep.next_reply()


async def test_a_new_close_month_recomputes_and_records_the_tier(bot: Harness, admin: FakeUser) -> None:
    rep, customer_id = await rep_with_customer(bot, admin, REP)
    card = await create_deal(rep, stage="商务谈判", month="2027年2月")
    assert (await deal_row(bot)).tier == "C"  # 85% but more than 3 months away
    await rep.press(card, "成交月份")
    months = await rep.next_reply()
    assert "已经过去" in (await ask(rep, "2026-01")).plain_text
    await rep.press(months, "2026年11月")
    assert "当前分级：A · 每周跟进" in (await rep.next_reply()).plain_text
    deal = await deal_row(bot)
    assert (deal.tier, deal.expected_close.isoformat(), deal.stage) == ("A", "2026-11-30", "negotiation")
    assert (await customer_row(bot, customer_id)).tier == "A"
    changes = [(t.deal_id, t.from_tier, t.to_tier, t.cause) for t in await tier_changes(bot, customer_id)]
    assert (deal.id, "C", "A", "close") in changes and (None, "C", "A", "close") in changes


async def test_tier_override_with_reason_and_period_then_cleared(bot: Harness, admin: FakeUser) -> None:
    rep, customer_id = await rep_with_customer(bot, admin, REP)
    await create_deal(rep, stage="潜在客户")
    await rep.drain(quiet=0.1)
    card = await _card(rep)
    assert "C · 每月跟进" in card.plain_text
    await rep.press(card, "分级")
    menu = await rep.next_reply()
    assert menu.button_texts()[:4] == ["A", "B", "C", "D"]
    await rep.press(menu, "A")
    assert "为什么设为A · 每周跟进" in (await rep.next_reply()).plain_text
    periods = await ask(rep, "集团总部下月统一采购，需每周跟进")
    assert periods.button_texts() == ["30 天", "90 天", "直到取消", "✖ 取消"]
    await rep.press(periods, "30 天")
    saved = await rep.next_reply()
    assert "A · 每周跟进（李伟 手动设定：集团总部下月统一采购" in saved.plain_text and "系统计算为 C" in saved.plain_text
    customer = await customer_row(bot, customer_id)
    assert (customer.tier, customer.tier_override, customer.tier_override_until) == (
        "C", "A", bot.clock.now + timedelta(days=30))
    assert "A · 每周跟进（李伟 手动设定" in (await _card(rep)).plain_text
    last = (await tier_changes(bot, customer_id))[-1]
    assert (last.from_tier, last.to_tier, last.cause, last.reason) == ("C", "A", "override",
                                                                      "集团总部下月统一采购，需每周跟进")

    bot.clock.advance(days=31)  # the override has ended: the computed tier is back
    assert "C · 每月跟进" in (await _card(rep)).plain_text

    card = await _card(rep)
    await rep.press(card, "分级")
    await rep.press(await rep.next_reply(), "取消手动设定")
    assert "分级恢复为C · 每月跟进" in (await rep.next_reply()).plain_text
    assert (await customer_row(bot, customer_id)).tier_override is None
    assert (await tier_changes(bot, customer_id))[-1].cause == "cleared"


async def test_a_stale_stage_button_is_refused_and_shows_the_current_stage(bot: Harness, admin: FakeUser) -> None:
    rep, _ = await rep_with_customer(bot, admin, REP)
    manager = await register(bot.server, admin, user_id=MANAGER, name="张经理", role="manager")
    await manager.drain(quiet=0.1)
    rep_card = await create_deal(rep, stage="方案认可")
    deals = await ask(manager, "/deals")
    await manager.press(deals, "ERP 升级")
    manager_card = await manager.next_reply()
    await manager.press(manager_card, "需求明确")
    assert "需求明确" in (await manager.next_reply()).plain_text
    deal = await deal_row(bot)
    assert (deal.stage, deal.version) == ("qualified", 2)

    answer = await rep.press(rep_card, "商务谈判")  # built on version 1
    assert answer.show_alert and "刚被别人修改过：现在是需求明确（40%）" in (answer.text or "")
    fresh = await rep.next_reply()
    assert "需求明确（30–50%） · 成交概率 40%" in fresh.plain_text
    deal = await deal_row(bot)
    assert (deal.stage, deal.probability, deal.version) == ("qualified", 40, 2)  # the rep's press changed nothing
    assert [c.to_stage for c in await stage_changes(bot, deal.id)] == ["proposal", "qualified"]
    await rep.press(fresh, "商务谈判")  # on the fresh card it works
    await rep.next_reply()
    assert (await deal_row(bot)).stage == "negotiation"


async def test_forged_and_foreign_deal_ids_are_not_found(bot: Harness, admin: FakeUser) -> None:
    rep, _ = await rep_with_customer(bot, admin, REP)
    other = await register(bot.server, admin, user_id=OTHER, name="赵敏")
    await other.drain(quiet=0.1)
    card = await create_deal(rep)
    deal = await deal_row(bot)
    message = await ask(other, "/deals")
    for data in (f"dl:open:{deal.id}", f"dl:st:{deal.id}:1:won", "dl:open:999999", f"dl:pr:{deal.id}:1",
                 f"dl:re:{deal.id}:1", f"dl:ok:{deal.id}", "ti:menu:999999"):
        answer = await other.press_data(message.message_id, data)
        assert answer.show_alert and ("找不到" in (answer.text or "") or "不存在" in (answer.text or "")), data
    answer = await rep.press_data(card.message_id, f"dl:st:{deal.id}:1:bogus")
    assert answer.show_alert
    assert (await deal_row(bot)).version == 1


async def test_review_mark_after_14_days_and_confirm_clears_it(bot: Harness, admin: FakeUser) -> None:
    rep, _ = await rep_with_customer(bot, admin, REP)
    await create_deal(rep)
    assert "待复核" not in (await ask(rep, "/deals")).plain_text
    bot.clock.advance(days=14)
    listing = await ask(rep, "/deals")
    assert "🔔 待复核" in listing.plain_text
    await rep.press(listing, "ERP 升级")
    card = await rep.next_reply()
    assert "阶段已 14 天未确认" in card.plain_text
    await rep.press(card, "确认阶段")
    assert "待复核标记已清除" in (await rep.next_reply()).plain_text
    deal = await deal_row(bot)
    assert (deal.stage, deal.probability, deal.version, deal.stage_reviewed_at) == (
        "proposal", 65, 1, bot.clock.now)
    assert "待复核" not in (await ask(rep, "/deals")).plain_text
