"""Edit a field with a reason, the history, contacts (add, bad phone, primary, left), delete and restore."""

from __future__ import annotations

from sqlalchemy import select

from bot.fake_telegram import FakeUser
from storage.tables import ChangeLog, Contact, Customer
from tests.e2e.customer_seed import full_customer
from tests.e2e.harness import Harness, ask, register
from tests.e2e.seeding import unit_of_work

REP = 7201


async def _card(rep: FakeUser, query: str) -> object:
    found = await ask(rep, f"/find {query}")
    await rep.press(found, found.button_texts()[0])
    return await rep.next_reply()


async def test_edit_a_field_asks_the_reason_and_the_history_shows_old_new_and_why(bot: Harness,
                                                                                   admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="李伟")
    await rep.drain(quiet=0.1)
    customer = await full_customer(bot.database, REP, "华星精密制造有限公司", now=bot.clock.now)
    card = await _card(rep, "hxjm")
    await rep.press(card, "✏️ 修改")
    menu = await rep.next_reply()
    await rep.press(menu, "所在区域")
    assert "当前：上海" in (await rep.next_reply()).plain_text
    assert "更新原因" in (await ask(rep, "苏州工业园区")).plain_text
    assert "没有任何修改" in (await ask(rep, "/cancel")).plain_text  # cancelled before the reason: nothing saved
    async with unit_of_work(bot.database) as uow, uow:
        assert (await uow.customers.profile(customer.id)).fields.region == "上海"  # type: ignore[union-attr]

    await rep.press(menu, "所在区域")
    await rep.next_reply()
    ask_reason = await ask(rep, "苏州工业园区")
    assert "请简单写一下更新原因" in (await ask(rep, "?")).plain_text  # one character is not a reason
    await rep.press(ask_reason, "客户信息变更")
    saved = await rep.next_reply()
    assert saved.plain_text == "✅ 已更新所在区域，修改已写入更新记录。"
    new_card = await rep.next_reply()
    assert "所在区域：苏州工业园区" in new_card.plain_text

    await rep.press(menu, "客户名称")
    await rep.next_reply()
    await ask(rep, "华星精密（苏州）有限公司")
    await ask(rep, "工商变更后的新名称")
    await rep.drain(quiet=0.2)
    assert (await ask(rep, "/find 华星精密（苏州）")).button_texts()[0].startswith("华星精密（苏州）有限公司")
    await rep.press(new_card, "🕘 更新记录")
    history = (await rep.next_reply()).plain_text
    assert "客户名称：华星精密制造有限公司 → 华星精密（苏州）有限公司" in history
    assert "更新原因：工商变更后的新名称" in history
    assert "所在区域：上海 → 苏州工业园区" in history and "更新原因：客户信息变更" in history
    assert "李伟" in history
    async with unit_of_work(bot.database) as uow, uow:
        rows = (await uow.session.execute(select(ChangeLog.old_value, ChangeLog.new_value, ChangeLog.reason)
                                          .where(ChangeLog.entity_id == customer.id, ChangeLog.field == "region"))).all()
    assert [tuple(r) for r in rows] == [("上海", "苏州工业园区", "客户信息变更")]


async def test_contacts_add_with_phone_check_primary_and_left_stay_on_record(bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="Li Wei", language_code="en")
    await rep.drain(quiet=0.1)
    customer = await full_customer(bot.database, REP, "Acme Robotics Ltd", now=bot.clock.now, logged=None)
    card = await _card(rep, "acme")
    await rep.press(card, "Contacts")
    listing = await rep.next_reply()
    await rep.press(listing, "Add contact")
    assert "name" in (await rep.next_reply()).plain_text
    title = await ask(rep, "Chen <Jie> 🚀")
    await rep.press(title, "Skip")
    assert "Phone number" in (await rep.next_reply()).plain_text
    refused = await ask(rep, "12345")
    assert "not a valid phone number" in refused.plain_text and "139 1234 5678" in refused.plain_text
    assert "E-mail" in (await ask(rep, "+49 30 12345678")).plain_text
    assert "not an e-mail" in (await ask(rep, "chen at acme")).plain_text
    assert (await ask(rep, "Chen@Acme.com")).plain_text == "✅ Chen <Jie> 🚀 added."
    contacts = await rep.next_reply()
    assert "• Chen <Jie> 🚀 · +49 30 12345678 · chen@acme.com" in contacts.plain_text
    assert "&lt;Jie&gt;" in contacts.text

    await rep.press(contacts, "Chen")
    menu = await rep.next_reply()
    await rep.press(menu, "Make primary")
    assert (await rep.next_reply()).plain_text == "★ Chen <Jie> 🚀 is now the primary contact."
    after = await rep.next_reply()
    assert "★ Chen <Jie> 🚀" in after.plain_text and "• 王经理" in after.plain_text
    await rep.press(after, "王经理")
    wang = await rep.next_reply()
    await rep.press(wang, "Left the company")
    confirm = await rep.next_reply()
    await rep.press(confirm, "Yes, they left")
    assert "marked as left" in (await rep.next_reply()).plain_text
    final = await rep.next_reply()
    assert "✖ 王经理 · 采购经理 · +86 139 1234 5678 · wang@example.com (left)" in final.plain_text
    async with unit_of_work(bot.database) as uow, uow:
        rows = (await uow.session.execute(select(Contact.name, Contact.is_primary, Contact.left_at.is_not(None),
                                                 Contact.phone_digits).where(Contact.customer_id == customer.id)
                                          .order_by(Contact.id))).all()
    assert [tuple(r) for r in rows] == [
        ("王经理", False, True, "13912345678"), ("Chen <Jie> 🚀", True, False, "3012345678")]


async def test_delete_needs_a_reason_hides_the_customer_and_an_admin_restores_it(bot: Harness,
                                                                                 admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=REP, name="李伟")
    await rep.drain(quiet=0.1)
    customer = await full_customer(bot.database, REP, "华星精密制造有限公司", now=bot.clock.now)
    card = await _card(rep, "hxjm")
    await rep.press(card, "✏️ 修改")
    menu = await rep.next_reply()
    await rep.press(menu, "🗑 删除")
    assert "请输入删除原因" in (await rep.next_reply()).plain_text
    assert "更新原因" in (await ask(rep, "x")).plain_text  # one character is not a reason
    assert "已删除" in (await ask(rep, "重复录入，与另一条合并")).plain_text
    assert "没有找到" in (await ask(rep, "/find hxjm")).plain_text
    assert (await rep.press(card, "✏️ 修改")).text == "该客户不属于您，或已不存在。"

    assert (await ask(rep, "/deleted")).plain_text == "您没有权限执行此操作。"
    listing = await ask(admin, "/deleted")
    assert "MF2026001" in listing.button_texts()[0]
    await admin.press(listing, "MF2026001")
    assert "is back" in (await admin.next_reply()).plain_text
    assert (await ask(rep, "/find hxjm")).button_texts() == ["华星精密制造有限公司 · MF2026001"]
    async with unit_of_work(bot.database) as uow, uow:
        deleted_at = await uow.session.scalar(select(Customer.deleted_at).where(Customer.id == customer.id))
        reasons = (await uow.session.scalars(select(ChangeLog.reason).where(ChangeLog.field == "deleted")
                                             .order_by(ChangeLog.id))).all()
    assert deleted_at is None
    assert reasons == ["重复录入，与另一条合并", "restored"]
