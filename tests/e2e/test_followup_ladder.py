"""The escalation ladder for A and B customers overdue on cadence, the manager's buttons, and the Monday
stage review."""

from __future__ import annotations

from datetime import timedelta

from bot.fake_telegram import FakeUser
from storage.tables import Deal, TeamSetting
from tests.e2e.customer_seed import user_of
from tests.e2e.followup_steps import at, customer, deliver, engine_for, rep, rows
from tests.e2e.harness import Harness
from tests.e2e.seeding import unit_of_work

REP, MANAGER = 7411, 7412


async def _kinds(bot: Harness, user_tid: int) -> list[str]:
    user = await user_of(bot.database, user_tid)
    return [r.kind for r in await rows(bot) if r.user_id == user.id and r.kind.startswith("escalation")]


async def test_a_tier_ladder_day_3_rep_day_5_both_day_7_manager_with_buttons(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    boss = await rep(bot, admin, MANAGER, "张经理", role="manager")
    at(bot, "2026-11-26 08:00")
    await customer(bot, REP, "甲 A 客户", tier="A", days_since_contact=9.9)  # due Nov 23 ≈ 10:24
    await customer(bot, REP, "乙 C 客户", tier="C", days_since_contact=60)  # C never escalates
    engine = engine_for(bot)
    at(bot, "2026-11-26 08:30")  # 2 days overdue: nothing yet
    await deliver(engine)
    assert await _kinds(bot, REP) == []
    at(bot, "2026-11-27 08:30")  # day 3: the rep
    await deliver(engine)
    messages = [m.plain_text for m in await li.drain(quiet=0.3)]
    assert any("🔔 甲 A 客户（A 类）已超出跟进周期 3 天" in m for m in messages)
    assert await _kinds(bot, REP) == ["escalation1"] and await _kinds(bot, MANAGER) == []
    at(bot, "2026-11-28 10:00")  # Saturday: not a working day, nothing
    assert await deliver(engine) == 0
    at(bot, "2026-11-30 08:30")  # Monday, day 6: level 2 to the rep and the manager
    await deliver(engine)
    await li.drain(quiet=0.3)
    manager_view = [m.plain_text for m in await boss.drain(quiet=0.3)]
    assert any("🚨 李伟 的客户 甲 A 客户（A 类）已超出跟进周期 6 天" in m for m in manager_view)
    assert await _kinds(bot, REP) == ["escalation1", "escalation2"] and await _kinds(bot, MANAGER) == ["escalation2"]
    at(bot, "2026-12-01 08:30")  # day 7: the manager only, with "nudge rep" and "reassign"
    await deliver(engine)
    escalated = [m for m in await boss.drain(quiet=0.3) if "已超出跟进周期 7 天" in m.plain_text]
    assert escalated and escalated[0].button_texts() == ["👉 提醒销售", "🔁 转交"]
    assert await _kinds(bot, REP) == ["escalation1", "escalation2"]
    await li.drain(quiet=0.2)
    await boss.press(escalated[0], "提醒销售")
    assert "已提醒 李伟 跟进 甲 A 客户" in (await boss.next_reply()).plain_text
    nudge = await li.next_reply()
    assert "张经理 请你今天跟进 甲 A 客户" in nudge.plain_text and nudge.button_texts() == ["📝 甲 A 客户"]


async def test_b_tier_doubles_the_days_and_a_team_can_turn_escalation_off(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    await rep(bot, admin, MANAGER, "张经理", role="manager")
    at(bot, "2026-11-26 08:00")
    await customer(bot, REP, "丙 B 客户", tier="B", days_since_contact=19)  # B: 14 days → 5 days overdue
    engine = engine_for(bot)
    at(bot, "2026-11-26 08:30")
    await deliver(engine)
    assert await _kinds(bot, REP) == []  # an A customer would have escalated at day 3
    at(bot, "2026-11-27 08:30")  # day 6: level 1 for B
    await deliver(engine)
    assert await _kinds(bot, REP) == ["escalation1"]
    await li.drain(quiet=0.2)
    rep_user = await user_of(bot.database, REP)
    async with unit_of_work(bot.database) as uow, uow:
        uow.session.add(TeamSetting(team_id=rep_user.team_id, escalation=False, after_meeting_minutes=60))
        await uow.commit()
    at(bot, "2026-12-01 08:30")  # day 10 would be level 2, but escalation is off for the team
    await deliver(engine)
    assert await _kinds(bot, REP) == ["escalation1"] and await _kinds(bot, MANAGER) == []


async def test_monday_stage_review_lists_deals_not_confirmed_for_14_days(bot: Harness, admin: FakeUser) -> None:
    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-26 09:00")
    cid = await customer(bot, REP, "丁 A 客户", tier="A", days_since_contact=1, next_in=timedelta(days=10))
    owner = await user_of(bot.database, REP)
    async with unit_of_work(bot.database) as uow, uow:
        for title, reviewed_days in (("旧机会", 20), ("新机会", 3)):
            uow.session.add(Deal(customer_id=cid, owner_id=owner.id, title=title, amount_cents=100_000, stage="proposal",
                                 probability=65, tier="B", version=1, created_at=bot.clock.now - timedelta(days=30),
                                 updated_at=bot.clock.now,
                                 stage_reviewed_at=bot.clock.now - timedelta(days=reviewed_days)))
        await uow.commit()
    engine = engine_for(bot)
    at(bot, "2026-11-27 08:30")  # Friday: no review
    await deliver(engine)
    await li.drain(quiet=0.2)
    assert await rows(bot, "review") == []
    at(bot, "2026-11-30 08:30")  # Monday
    await deliver(engine)
    review = [m for m in await li.drain(quiet=0.3) if "周一阶段复核" in m.plain_text]
    assert review and "旧机会 — 丁 A 客户：方案认可 65%" in review[0].plain_text
    assert "新机会" not in review[0].plain_text and review[0].button_texts() == ["B · 旧机会"]
    await li.press(review[0], "旧机会")
    card = await li.next_reply()
    assert "阶段已 14 天未确认" in card.plain_text and "● 方案认可" in card.button_texts()
    at(bot, "2026-12-07 08:30")  # the next Monday: one review per Monday, and 旧机会 is still unconfirmed
    await deliver(engine)
    mine = [r for r in await rows(bot, "review") if r.user_id == owner.id]
    assert [r.status for r in mine] == ["sent", "sent"]  # the admin's rows are skipped: no deals to review


async def test_milestones_due_tomorrow_and_complaints_open_beyond_3_days_are_reminded(bot: Harness,
                                                                                     admin: FakeUser) -> None:
    from storage.tables import Complaint, Contract, ContractMilestone

    li = await rep(bot, admin, REP, "李伟")
    at(bot, "2026-11-26 09:00")
    cid = await customer(bot, REP, "戊 A 客户", tier="A", days_since_contact=1, next_in=timedelta(days=5))
    owner = await user_of(bot.database, REP)
    async with unit_of_work(bot.database) as uow, uow:
        deal = Deal(customer_id=cid, owner_id=owner.id, title="ERP 一期", amount_cents=100_000, stage="won",
                    probability=100, tier="A", version=1, created_at=bot.clock.now, updated_at=bot.clock.now)
        uow.session.add(deal)
        await uow.session.flush()
        contract = Contract(number="HT-9", deal_id=deal.id, customer_id=cid, amount_cents=100_000,
                            created_at=bot.clock.now)
        uow.session.add(contract)
        await uow.session.flush()
        uow.session.add(ContractMilestone(contract_id=contract.id, kind="invoice",
                                          due_on=(bot.clock.now + timedelta(days=1)).date()))
        uow.session.add(Complaint(customer_id=cid, received_at=bot.clock.now - timedelta(days=2), kind="complaint",
                                  content="交付延期", severity="normal", handler_id=owner.id, status="open"))
        await uow.commit()
    engine = engine_for(bot)
    at(bot, "2026-11-26 09:00")
    await deliver(engine)
    texts = [m.plain_text for m in await li.drain(quiet=0.3)]
    assert any("📄 明天：“ERP 一期”的开票 — 戊 A 客户" in t for t in texts)
    assert not any("投诉已" in t for t in texts)  # open 2 days: not yet
    at(bot, "2026-11-27 09:00")
    await deliver(engine)
    texts = [m.plain_text for m in await li.drain(quiet=0.3)]
    assert any("❗ 戊 A 客户 的投诉已 3 天未解决：交付延期" in t for t in texts)
    assert not any("明天：" in t for t in texts)  # the milestone was reminded once, the day before
