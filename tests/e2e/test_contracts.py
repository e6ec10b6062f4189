"""Contracts in chat: the view, a payment milestone turning overdue, payment received, sale results, access."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from bot.fake_telegram import BotMessage, FakeUser
from storage.tables import Contract, ContractMilestone, Deal, SaleResult
from tests.conftest import Database
from tests.e2e.customer_seed import user_of
from tests.e2e.harness import Harness, ask, register
from tests.e2e.seeding import add_customers, unit_of_work

REP, OTHER = 7301, 7302


async def _won_deal(database: Database, telegram_id: int, name: str, *, now: datetime, number: str) -> int:
    """A customer of the rep with a won (not yet paid) deal and its signed contract, straight into the DB."""
    user = await user_of(database, telegram_id)
    customer = (await add_customers(database, telegram_id, [name], now=now))[0]
    async with unit_of_work(database) as uow, uow:
        deal = Deal(customer_id=customer.id, owner_id=user.id, title="ERP 项目", amount_cents=500_000_00,
                    stage="won", probability=100, tier="A", created_at=now, updated_at=now)
        uow.session.add(deal)
        await uow.session.flush()
        uow.session.add(Contract(number=number, deal_id=deal.id, customer_id=customer.id, amount_cents=480_000_00,
                                    signed_on=date(2026, 11, 20), signer="王总", summary="ERP 授权 50 套",
                                    created_at=now))
        await uow.commit()
        return deal.id


async def _milestones(database: Database) -> list[tuple[str, date | None, date | None, int | None]]:
    async with unit_of_work(database) as uow, uow:
        rows = await uow.session.execute(select(ContractMilestone.kind, ContractMilestone.due_on,
                                                ContractMilestone.done_on, ContractMilestone.done_by)
                                         .order_by(ContractMilestone.id))
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def _open_view(rep: FakeUser, deal_id: int) -> BotMessage:
    anchor = await ask(rep, "/contracts")
    await rep.press_data(anchor.message_id, f"ct:view:{deal_id}")
    return await rep.next_reply()


async def test_payment_milestone_turns_overdue_then_payment_received_marks_the_deal_paid(
        bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="李伟")
    await rep.drain(quiet=0.1)
    deal_id = await _won_deal(bot.database, REP, "华星精密制造有限公司", now=bot.clock.now, number="HT-2026-001")
    assert "没有待完成的节点" in (await ask(rep, "/contracts")).plain_text
    view = await _open_view(rep, deal_id)
    text = view.plain_text
    assert "合同 HT-2026-001 · ¥480,000" in text and "签订日期：2026-11-20 · 签订人：王总" in text
    assert "⏳ 已成交，待回款" in text and "还没有执行节点" in text

    await rep.press(view, "添加执行节点")
    kinds = await rep.next_reply()
    await rep.press(kinds, "款项到账")
    assert "截止日期" in (await rep.next_reply()).plain_text
    assert "无法识别“随便”的日期" in (await ask(rep, "随便")).plain_text
    assert "这个日期已经过去" in (await ask(rep, "昨天")).plain_text
    assert await _milestones(bot.database) == []
    assert (await ask(rep, "12月1日")).plain_text == "✅ 已添加：款项到账，截止 2026-12-01。"
    assert "• 款项到账 · 截止 2026-12-01" in (await rep.next_reply()).plain_text

    listing = await ask(rep, "/contracts")
    assert "1. 2026-12-01 · 款项到账 · 华星精密制造有限公司（HT-2026-001）" in listing.plain_text
    bot.clock.advance(days=6)  # Tue 1 Dec 10:00 in Shanghai: due today, not overdue yet
    assert "⚠️" not in (await ask(rep, "/contracts")).plain_text
    bot.clock.advance(days=1)
    listing = await ask(rep, "/contracts")
    assert "1. ⚠️ 2026-12-01 · 款项到账" in listing.plain_text
    await rep.press(listing, "华星精密")
    overdue = await rep.next_reply()
    assert "⚠️ 款项到账 · 截止 2026-12-01 · 已逾期" in overdue.plain_text

    await rep.press(overdue, "💰 款项到账")
    assert (await rep.next_reply()).plain_text == "💰 2026-12-02 款项到账：该销售机会现计为成交。"
    paid_view = await rep.next_reply()
    assert "✅ 已成交，2026-12-02 款项到账" in paid_view.plain_text
    assert "✅ 款项到账 · 2026-12-02 完成（李伟）" in paid_view.plain_text
    rep_id = (await user_of(bot.database, REP)).id
    assert await _milestones(bot.database) == [("payment", date(2026, 12, 1), date(2026, 12, 2), rep_id)]
    async with unit_of_work(bot.database) as uow, uow:
        assert await uow.session.scalar(select(Deal.paid_on).where(Deal.id == deal_id)) == date(2026, 12, 2)
    again = await rep.press_data(paid_view.message_id, f"ct:pay:{deal_id}")
    assert again.show_alert and "已于 2026-12-02 登记款项到账" in (again.text or "")
    assert "没有待完成的节点" in (await ask(rep, "/contracts")).plain_text


async def test_sale_result_line_amount_and_refusals(bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="Li Wei", language_code="en")
    await rep.drain(quiet=0.1)
    deal_id = await _won_deal(bot.database, REP, "Acme Robotics Ltd", now=bot.clock.now, number="HT-9")
    view = await _open_view(rep, deal_id)
    await rep.press(view, "Sale result")
    assert "which product" in (await rep.next_reply()).plain_text
    assert "Quantity of Robot arm" in (await ask(rep, "Robot  arm")).plain_text
    assert "whole number from 1 to 1,000,000" in (await ask(rep, "0")).plain_text
    assert "whole number" in (await ask(rep, "three")).plain_text
    assert "Unit price" in (await ask(rep, "3")).plain_text
    refused = await ask(rep, "abc")
    assert "not a unit price I can read" in refused.plain_text and "1.2万" in refused.plain_text
    assert "not a unit price" in (await ask(rep, "-5")).plain_text
    assert "beyond any real sale" in (await ask(rep, "5000亿")).plain_text  # 3 × 5000亿 > 10¹²
    async with unit_of_work(bot.database) as uow, uow:
        assert await uow.session.scalar(select(SaleResult.id)) is None
    amount = await ask(rep, "12000")
    assert amount.plain_text.startswith("3 × ¥12,000 = ¥36,000") and "Payment method" in amount.plain_text
    assert "choose with the buttons" in (await ask(rep, "cash please")).plain_text
    await rep.press(amount, "Bank transfer")
    delivery = await rep.next_reply()
    await rep.press(delivery, "Delivered")
    saved = await rep.next_reply()
    assert saved.plain_text == "✅ Sale result saved: Robot arm × 3 = ¥36,000 · Bank transfer · Delivered."
    assert "• Robot arm × 3 @ ¥12,000 = ¥36,000 · Bank transfer · Delivered" in (await rep.next_reply()).plain_text
    stale = await rep.press(delivery, "Delivered")  # the form is closed: the old button is stale
    assert stale.show_alert and "expired" in (stale.text or "")
    async with unit_of_work(bot.database) as uow, uow:
        rows = (await uow.session.execute(select(SaleResult.product, SaleResult.quantity, SaleResult.unit_price_cents,
                                                 SaleResult.amount_cents, SaleResult.payment_method,
                                                 SaleResult.delivery))).all()
    assert [tuple(r) for r in rows] == [("Robot arm", 3, 12_000_00, 36_000_00, "bank_transfer", "delivered")]

    await rep.press(view, "Add milestone")
    await rep.press(await rep.next_reply(), "Delivery")
    await rep.press(await rep.next_reply(), "No due date")
    assert (await rep.next_reply()).plain_text == "✅ Added: Delivery, due no date."
    with_delivery = await rep.next_reply()
    assert "• Delivery · due no date" in with_delivery.plain_text
    await rep.press(with_delivery, "Done: Delivery")
    assert (await rep.next_reply()).plain_text == "✅ Delivery: done."
    assert "✅ Delivery · done 2026-11-25 (Li Wei)" in (await rep.next_reply()).plain_text
    twice = await rep.press(with_delivery, "Done: Delivery")
    assert twice.show_alert and "already done" in (twice.text or "")
    async with unit_of_work(bot.database) as uow, uow:
        assert await uow.session.scalar(select(Deal.paid_on)) is None  # a delivery is not the payment

    await rep.press(view, "Sale result")
    await rep.next_reply()
    await ask(rep, "Spare parts")
    assert "nothing was saved" in (await ask(rep, "/cancel")).plain_text
    async with unit_of_work(bot.database) as uow, uow:
        assert len((await uow.session.execute(select(SaleResult.id))).all()) == 1


async def test_forged_and_foreign_contracts_are_not_found(bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="Li Wei", language_code="en")
    other = await register(bot.server, admin, user_id=OTHER, name="Zhao", language_code="en")
    await rep.drain(quiet=0.1)
    await other.drain(quiet=0.1)
    deal_id = await _won_deal(bot.database, REP, "Acme Robotics Ltd", now=bot.clock.now, number="HT-9")
    anchor = await ask(other, "/contracts")
    for data in ("ct:view:999999", f"ct:view:{deal_id}", f"ct:pay:{deal_id}", f"ct:sale:{deal_id}",
                 "ct:done:999999", f"ct:ms:{deal_id}"):
        answer = await other.press_data(anchor.message_id, data)
        assert answer.show_alert and "not one of yours" in (answer.text or ""), data
    async with unit_of_work(bot.database) as uow, uow:
        assert await uow.session.scalar(select(Deal.paid_on).where(Deal.id == deal_id)) is None
    stale = await rep.press_data((await ask(rep, "/contracts")).message_id, "ct:f:abcdef:x")
    assert stale.show_alert and "expired" in (stale.text or "")
