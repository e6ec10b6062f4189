"""Review of new customers (待审核): /settings turns it on, admins approve or reject, owners hear the outcome."""

from __future__ import annotations

from sqlalchemy import select

from bot.fake_telegram import BotMessage, FakeUser
from storage.tables import ChangeLog, Customer
from tests.e2e.harness import Harness, ask, edited, register
from tests.e2e.seeding import unit_of_work

REP = 7401


async def quick_customer(rep: FakeUser, name: str) -> BotMessage:
    """/new with a name and an industry, then Save now; returns the confirmation."""
    await ask(rep, "/new")
    asked = await ask(rep, name)
    await rep.press(asked, "零售")
    await rep.press(await rep.next_reply(), "立即保存")
    return await rep.next_reply()


async def review_state(bot: Harness, name: str) -> tuple[str, list[tuple[str, str | None, str | None]]]:
    """The customer's review status and its review_status change-log rows."""
    async with unit_of_work(bot.database) as uow, uow:
        row = await uow.session.scalar(select(Customer).where(Customer.name == name))
        assert row is not None
        changes = [(c.new_value, c.reason, c.old_value) for c in await uow.session.scalars(
            select(ChangeLog).where(ChangeLog.entity_id == row.id, ChangeLog.field == "review_status"))]
        return row.review_status, changes


async def test_review_on_pending_then_approve_and_reject_with_owner_told(bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="李伟")
    await rep.drain(quiet=0.1)
    await admin.drain(quiet=0.1)
    menu = await ask(admin, "/settings")
    assert "Review new customers: off" in menu.plain_text and "Personal settings" in menu.plain_text
    await admin.press(menu, "turn on")
    assert "Review new customers: on" in (await edited(admin, menu)).plain_text

    saved = await quick_customer(rep, "万达百货有限公司")
    assert "RT2026001" in saved.plain_text and "待审核" in saved.plain_text
    notice = await admin.next_reply()
    assert "New customer to review · RT2026001" in notice.plain_text and "Added by 李伟" in notice.plain_text
    assert notice.button_texts() == ["✅ Approve", "❌ Reject"]
    forged = await rep.press_data(saved.message_id, notice.buttons[0][0].callback_data or "")  # a rep can't
    assert forged.text == "您没有权限执行此操作。"
    assert (await review_state(bot, "万达百货有限公司"))[0] == "pending"

    await admin.press(notice, "Approve")
    assert "✅ Approved by Admin." in (await edited(admin, notice)).plain_text
    told = await rep.next_reply()
    assert told.plain_text == "✅ 你新建的客户 万达百货有限公司（RT2026001）已由 Admin 审核通过。"
    assert await review_state(bot, "万达百货有限公司") == ("approved", [("approved", "approved in review", "pending")])
    again = await admin.press_data(notice.message_id, notice.buttons[0][1].callback_data or "")
    assert again.show_alert and again.text == "This customer was already approved."

    await quick_customer(rep, "好又多超市")
    await admin.next_reply()  # the notice; this time the admin uses /review
    header = await ask(admin, "/review")
    assert header.plain_text == "1 new customer(s) wait for review:"
    card = await admin.next_reply()
    await admin.press(card, "Reject")
    assert "❌ Rejected by Admin." in (await edited(admin, card)).plain_text
    assert "被 Admin 驳回" in (await rep.next_reply()).plain_text
    assert (await review_state(bot, "好又多超市"))[0] == "rejected"
    assert "没有找到" in (await ask(rep, "/find 好又多")).plain_text
    assert (await ask(admin, "/review")).plain_text == "No new customers wait for review."


async def test_forged_review_and_settings_buttons_change_nothing(bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="李伟")
    await rep.drain(quiet=0.1)
    menu = await ask(rep, "/settings")
    assert "个人设置" in menu.plain_text and "组织设置" not in menu.plain_text
    assert not any((b.callback_data or "").startswith("st:org:") for row in menu.buttons for b in row)
    assert (await rep.press_data(menu.message_id, "st:org:review:on")).text == "您没有权限执行此操作。"
    assert (await ask(rep, "/review")).plain_text == "只有管理员可以审核新客户。"
    saved = await quick_customer(rep, "华润万家")
    assert "待审核" not in saved.plain_text  # review is off: approved at once
    customer_id = (saved.buttons[0][0].callback_data or "").rsplit(":", 1)[1]
    assert (await rep.press_data(saved.message_id, f"rv:ok:{customer_id}")).text == "您没有权限执行此操作。"
    admin_menu = await ask(admin, "/settings")
    answers = [await admin.press_data(admin_menu.message_id, data)
               for data in (f"rv:ok:{customer_id}", "rv:no:99999999", "rv:ok:abc", "st:org:review:maybe", "st:x:y")]
    assert [a.text for a in answers] == [
        "This customer was already approved.", "That customer does not exist (any more).",
        "This action has expired.", "You are not allowed to do that.", "You are not allowed to do that."]
    assert (await review_state(bot, "华润万家"))[0] == "approved"
    assert "Review new customers: off" in (await ask(admin, "/settings")).plain_text
