"""Deals by chat: create with amounts as reps type them, walk every stage, probability ranges, won with a
contract, lost with a reason and reopened, the weekly review mark, forged ids."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.fake_telegram import FakeUser
from storage.tables import Contract
from tests.e2e.deal_steps import (
    create_deal,
    customer_row,
    deal_row,
    fetch,
    rep_with_customer,
    stage_changes,
    tier_changes,
)
from tests.e2e.harness import Harness, ask
from tests.e2e.seeding import unit_of_work

REP = 7301


async def test_create_a_deal_refuses_bad_amounts_and_stores_the_amount_exactly(bot: Harness,
                                                                                admin: FakeUser) -> None:
    rep, customer_id = await rep_with_customer(bot, admin, REP)
    assert "哪个客户" in (await ask(rep, "/deal")).plain_text
    assert "为 华星精密制造有限公司 新建销售机会" in (await ask(rep, "华星")).plain_text
    assert "金额" in (await ask(rep, "ERP 升级 <b>200</b> 用户 🚀")).plain_text
    refused = await ask(rep, "abc")
    assert "看不出是数字" in refused.plain_text and "50万" in refused.plain_text
    assert "是负数" in (await ask(rep, "-5万")).plain_text
    assert "超过 10^12" in (await ask(rep, "20000亿")).plain_text
    months = await ask(rep, "1.2亿")
    assert months.button_texts()[:4] == ["2026年11月", "2026年12月", "2027年1月", "2027年2月"]
    assert "已经过去" in (await ask(rep, "2026-10")).plain_text
    assert "看不懂" in (await ask(rep, "soon")).plain_text
    stages = await ask(rep, "2027年1月")
    assert stages.button_texts()[:4] == ["潜在客户（10–30%）", "需求明确（30–50%）", "方案认可（50–80%）",
                                         "商务谈判（80–95%）"]
    async with unit_of_work(bot.database) as uow, uow:  # nothing is written before the last answer
        assert (await uow.deals.of_customer(customer_id)) == []
    await rep.press(stages, "商务谈判")
    assert "已为 华星精密制造有限公司 保存销售机会" in (await rep.next_reply()).plain_text
    card = await rep.next_reply()
    assert "ERP 升级 <b>200</b> 用户 🚀" in card.plain_text  # HTML in the title is shown, not interpreted
    assert "¥120,000,000" in card.plain_text and "商务谈判（80–95%） · 成交概率 85%" in card.plain_text

    deal = await deal_row(bot)
    assert (deal.amount_cents, deal.currency, deal.expected_close) == (12_000_000_000, "CNY", date(2027, 1, 31))
    assert (deal.stage, deal.probability, deal.version, deal.owner_id) == ("negotiation", 85, 1, deal.owner_id)
    assert deal.tier == "B"  # 85%, but Jan 31 is 3 months from Nov 25: B (A needs ≤ 1 month)
    changes = await stage_changes(bot, deal.id)
    assert [(c.from_stage, c.to_stage, c.from_probability, c.to_probability) for c in changes] == [
        (None, "negotiation", None, 85)]


async def test_walk_a_deal_through_every_stage_records_each_change(bot: Harness, admin: FakeUser) -> None:
    rep, customer_id = await rep_with_customer(bot, admin, REP)
    card = await create_deal(rep, stage="潜在客户", month="2026年11月")
    deal = await deal_row(bot)
    assert (deal.stage, deal.probability, deal.tier) == ("lead", 20, "C")
    for label, stage, probability in (("需求明确", "qualified", 40), ("方案认可", "proposal", 65),
                                      ("商务谈判", "negotiation", 85)):
        await rep.press(card, label)
        assert f"阶段已更新为{label}，成交概率 {probability}%" in (await rep.next_reply()).plain_text
        card = await rep.next_reply()
        assert f"● {label}" in card.button_texts()
        assert ((await deal_row(bot)).stage, (await deal_row(bot)).probability) == (stage, probability)
    assert (await deal_row(bot)).tier == "A"  # 85% and closing this month
    assert (await customer_row(bot, customer_id)).tier == "A"

    await rep.press(card, "成交")
    assert "合同编号" in (await rep.next_reply()).plain_text
    assert "金额" in (await ask(rep, "HT-2026-088")).plain_text
    signed = await ask(rep, "48万")
    assert "签订日期" in signed.plain_text
    assert "今天或之前" in (await ask(rep, "明天")).plain_text
    assert "签约人" in (await ask(rep, "昨天")).plain_text
    assert "摘要" in (await ask(rep, "王总")).plain_text
    await ask(rep, "ERP 升级 200 用户，分两期交付")
    won_card = await rep.next_reply()
    assert "已成交，待回款" in won_card.plain_text
    assert won_card.button_texts() == ["📄 合同", "🧾 销售结果", "💴 款项到账", "🏢 客户档案"]
    deal = await deal_row(bot)
    assert (deal.stage, deal.probability, deal.paid_on) == ("won", 100, None)
    [contract] = await fetch(bot, select(Contract))
    customer = await customer_row(bot, customer_id)
    assert (contract.number, contract.amount_cents, contract.signer, contract.deal_id) == (
        "HT-2026-088", 48_000_000, "王总", deal.id)
    assert contract.signed_on == date(2026, 11, 24) and contract.summary == "ERP 升级 200 用户，分两期交付"
    assert (customer.tier, customer.lifecycle) == ("D", "retention")  # no open deal left
    changes = await stage_changes(bot, deal.id)
    assert [(c.from_stage, c.to_stage, c.from_probability, c.to_probability) for c in changes] == [
        (None, "lead", None, 20), ("lead", "qualified", 20, 40), ("qualified", "proposal", 40, 65),
        ("proposal", "negotiation", 65, 85), ("negotiation", "won", 85, 100)]
    assert changes[-1].note == "HT-2026-088" and {c.changed_by for c in changes} == {deal.owner_id}
    tiers = await tier_changes(bot, customer_id)
    assert [(t.from_tier, t.to_tier, t.cause) for t in tiers if t.deal_id == deal.id] == [
        (None, "C", "new"), ("C", "B", "stage"), ("B", "A", "stage")]  # 40% within a month is B; 85% is A
    assert [(t.from_tier, t.to_tier) for t in tiers if t.deal_id is None][-1] == ("A", "D")

    await rep.press(won_card, "款项到账")  # 款项到账: only now does the deal count as won
    await rep.drain(quiet=0.3)
    assert (await deal_row(bot)).paid_on == date(2026, 11, 25)
    found = await ask(rep, "/find 华星")
    await rep.press(found, found.button_texts()[0])
    assert "购买 1 次 · 累计 ¥480,000 · 最近 2026-11-24 · 约 1 次/年" in (await rep.next_reply()).plain_text
    deals = await ask(rep, "/deals")
    assert "没有进行中的销售机会" in deals.plain_text


async def test_probability_inside_the_range_is_saved_and_outside_is_refused(bot: Harness, admin: FakeUser) -> None:
    rep, _ = await rep_with_customer(bot, admin, REP)
    card = await create_deal(rep, stage="方案认可", month="2026年11月")
    await rep.press(card, "成交概率")
    assert "50 到 80" in (await rep.next_reply()).plain_text
    refused = await ask(rep, "95")
    assert "95% 超出方案认可的范围 50–80%" in refused.plain_text and "未做任何修改" in refused.plain_text
    assert (await deal_row(bot)).probability == 65
    assert "请输入数字" in (await ask(rep, "很高")).plain_text
    assert "当前分级：A · 每周跟进" in (await ask(rep, "75%")).plain_text  # 75% within a month → A
    deal = await deal_row(bot)
    assert (deal.probability, deal.tier, deal.version) == (75, "A", 2)
    assert [(c.from_probability, c.to_probability) for c in await stage_changes(bot, deal.id)][-1] == (65, 75)


async def test_lost_needs_a_reason_then_reopen_is_recorded(bot: Harness, admin: FakeUser) -> None:
    rep, customer_id = await rep_with_customer(bot, admin, REP)
    card = await create_deal(rep, stage="方案认可")
    await rep.press(card, "暂停/丢单")
    reasons = await rep.next_reply()
    assert reasons.button_texts() == ["选择竞品", "预算取消", "时机不合适", "无需求", "其他…", "✖ 取消"]
    assert "请使用上面的按钮" in (await ask(rep, "就是不想要了")).plain_text
    assert (await deal_row(bot)).stage == "proposal"  # nothing changes before the reason
    await rep.press(reasons, "选择竞品")
    assert "哪家竞争对手" in (await rep.next_reply()).plain_text
    await ask(rep, "用友")
    lost_card = await rep.next_reply()
    assert "暂停/丢单：选择竞品 · 用友" in lost_card.plain_text and lost_card.button_texts()[0] == "♻️ 重新激活"
    deal = await deal_row(bot)
    assert (deal.stage, deal.probability, deal.lost_reason_code, deal.competitor) == ("lost", 0, "competitor", "用友")
    assert (await customer_row(bot, customer_id)).lifecycle == "winback"

    await rep.press(lost_card, "重新激活")
    assert "回到方案认可" in (await rep.next_reply()).plain_text
    deal = await deal_row(bot)
    assert (deal.stage, deal.probability, deal.lost_reason_code, deal.competitor) == ("proposal", 65, None, None)
    changes = await stage_changes(bot, deal.id)
    assert [(c.from_stage, c.to_stage, c.note) for c in changes[-2:]] == [
        ("proposal", "lost", "competitor · 用友"), ("lost", "proposal", "reopened")]


async def test_other_reason_needs_words_and_english_texts(bot: Harness, admin: FakeUser) -> None:
    rep, _ = await rep_with_customer(bot, admin, REP, lang="en")
    await ask(rep, "/deal 华星")
    await ask(rep, "Pilot")
    months = await ask(rep, "80k")
    await rep.press(months, "No plan yet")
    await rep.press(await rep.next_reply(), "Lead")
    await rep.next_reply()
    card = await rep.next_reply()
    assert "¥80,000" in card.plain_text and "D · quarterly" in card.plain_text  # no close plan → D
    await rep.press(card, "Paused/lost")
    await rep.press(await rep.next_reply(), "Other…")
    assert "in a few words" in (await rep.next_reply()).plain_text
    assert "in a few words" in (await ask(rep, "x")).plain_text  # one letter is not a reason
    assert (await deal_row(bot)).stage == "lead"
    await ask(rep, "They merged with a group that buys centrally")
    lost = await rep.next_reply()
    assert "Paused/lost: Other… · They merged" in lost.plain_text
    deal = await deal_row(bot)
    assert (deal.stage, deal.lost_reason_code, deal.lost_reason) == (
        "lost", "other", "They merged with a group that buys centrally")


async def test_stage_command_opens_the_deal_and_the_card_button_lists_them(bot: Harness, admin: FakeUser) -> None:
    rep, _ = await rep_with_customer(bot, admin, REP)
    assert "没有进行中的销售机会" in (await ask(rep, "/stage")).plain_text
    await create_deal(rep, title="ERP 升级")
    card = await ask(rep, "/stage 华星")  # one open deal: its card at once
    assert "ERP 升级" in card.plain_text and "● 方案认可" in card.button_texts()
    await create_deal(rep, title="MES 试点", stage="潜在客户")
    pick = await ask(rep, "/stage")
    assert [b.split(" · ")[1] for b in pick.button_texts()] == ["ERP 升级", "MES 试点"]
    assert "没有与“用友”匹配" in (await ask(rep, "/stage 用友")).plain_text
    found = await ask(rep, "/find 华星")
    await rep.press(found, found.button_texts()[0])
    await rep.press(await rep.next_reply(), "阶段")
    listing = await rep.next_reply()
    assert "该客户的销售机会（2）" in listing.plain_text and listing.button_texts()[-1] == "💼 新建机会"
