"""/new as a rep uses it: every field, skips, bad input, the duplicate check (撞单) and leaving the form."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.domain.records import ContactFields, CustomerFields, CustomerProfile, UserRecord
from bot.fake_telegram import BotMessage, FakeUser
from bot.services import customers
from storage.tables import ChangeLog, Customer
from tests.conftest import Database
from tests.e2e.harness import Harness, ask, register
from tests.e2e.seeding import unit_of_work

REP, OTHER = 7301, 7302


async def _rep(bot: Harness, admin: FakeUser, user_id: int = REP, name: str = "李伟") -> FakeUser:
    rep = await register(bot.server, admin, user_id=user_id, name=name)
    await rep.drain(quiet=0.1)
    return rep


async def _user(database: Database, telegram_id: int) -> UserRecord:
    async with unit_of_work(database) as uow, uow:
        found = await uow.users.get_by_telegram_id(telegram_id)
    assert found is not None
    return found


async def seed_customer(bot: Harness, telegram_id: int, name: str, phone: str | None = None) -> int:
    """A customer with a primary contact 王经理, through the real service."""
    user = await _user(bot.database, telegram_id)
    async with unit_of_work(bot.database) as uow, uow:
        record = await customers.add_customer(
            uow, user, name, now=bot.clock.now, industry="MF", fields=CustomerFields(name=name, industry="MF"),
            contact=ContactFields(name="王经理", title="采购经理", phone=phone, email="wang@example.com"))
        await uow.commit()
    return record.id


async def stored(bot: Harness, name: str) -> tuple[CustomerProfile, list[tuple[str, str | None]]]:
    """The saved customer of this name and its change-log rows."""
    async with unit_of_work(bot.database) as uow, uow:
        customer_id = await uow.session.scalar(select(Customer.id).where(Customer.name == name))
        assert customer_id is not None
        profile = await uow.customers.profile(customer_id)
        changes = [(c.field, c.reason) for c in await uow.session.scalars(
            select(ChangeLog).where(ChangeLog.entity == "customer", ChangeLog.entity_id == customer_id)
            .order_by(ChangeLog.id))]
    assert profile is not None
    return profile, changes


async def press(user: FakeUser, message: BotMessage, label: str) -> BotMessage:
    """Press a button of the form and return the next question."""
    answer = await user.press(message, label)
    assert not answer.show_alert, answer.text
    return await user.next_reply()


async def test_every_field_with_a_bad_phone_and_email_refused_then_accepted(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    asked = await ask(rep, "/new")
    assert "客户名称" in asked.plain_text and asked.button_texts() == ["✖ 取消"]
    asked = await ask(rep, "  上海<b>华星</b>科技有限公司 🚀 ")
    assert "上海<b>华星</b>科技有限公司 🚀 的所属行业" in asked.plain_text and "&lt;b&gt;" in (asked.text or "")
    asked = await press(rep, asked, "信息技术")
    assert "企业规模" in asked.plain_text and asked.button_texts()[-3:] == ["跳过 ›", "💾 立即保存", "✖ 取消"]
    asked = await press(rep, asked, "50–200人")
    assert "年营业额" in asked.plain_text
    assert "所在区域" in (await ask(rep, "3000万")).plain_text
    for answer in ("上海", "浦东新区张江路 88 号"):
        asked = await ask(rep, answer)
    assert "需求来源" in asked.plain_text
    await rep.press(asked, "其他")
    assert "请输入来源" in (await rep.next_reply()).plain_text
    asked = await ask(rep, "官网")
    assert "客户背景" in asked.plain_text
    for answer in ("行业前三，主要竞争对手：东方科技", "王经理", "采购经理"):
        asked = await ask(rep, answer)
    assert "王经理 的电话" in asked.plain_text
    refused = await ask(rep, "12345")
    assert "不是有效的电话号码" in refused.plain_text and "139 1234 5678" in refused.plain_text
    assert "王经理 的电话" in (await rep.next_reply()).plain_text
    assert "邮箱" in (await ask(rep, "139-1234-5678")).plain_text
    assert "不是有效的邮箱地址" in (await ask(rep, "wang at example")).plain_text
    await rep.next_reply()
    summary = await ask(rep, "Wang@Example.com")
    assert "请核对后保存" in summary.plain_text and "+86 139 1234 5678" in summary.plain_text
    assert "所属行业：信息技术" in summary.plain_text and "需求来源：官网" in summary.plain_text
    assert "请点上方的按钮" in (await ask(rep, "好的")).plain_text
    saved = await press(rep, summary, "💾 保存")
    assert re.fullmatch(r"✅ 已保存 上海<b>华星</b>科技有限公司 🚀 · IT2026001。", saved.plain_text)

    profile, changes = await stored(bot, "上海<b>华星</b>科技有限公司 🚀")
    assert profile.code == "IT2026001" and profile.review_status == "approved"
    assert (profile.fields.industry, profile.fields.size, profile.fields.revenue, profile.fields.region) == (
        "IT", "50–200人", "3000万", "上海")
    (contact,) = profile.contacts
    assert (contact.name, contact.title, contact.phone, contact.email, contact.is_primary) == (
        "王经理", "采购经理", "+8613912345678", "wang@example.com", True)
    assert changes == [("created", "created in chat")]


async def test_skips_save_now_and_text_where_a_button_is_expected(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    await ask(rep, "/new")
    asked = await ask(rep, "远大物流")
    picked = await ask(rep, "外星贸易")
    assert "没有找到行业“外星贸易”" in picked.plain_text and "物流" in picked.button_texts()
    asked = await ask(rep, "物流")  # a typed industry name is understood too
    asked = await press(rep, asked, "跳过")
    assert "年营业额" in asked.plain_text
    answer = await rep.press(asked, "1000万以下")
    assert not answer.show_alert
    asked = await rep.next_reply()
    stale = await rep.press(picked, "物流")  # a button of an earlier question
    assert stale.show_alert and "之前问题" in (stale.text or "")
    saved = await press(rep, asked, "立即保存")
    assert saved.plain_text == "✅ 已保存 远大物流 · LG2026001。"
    assert saved.buttons[0][0].callback_data.startswith("cu:open:")
    profile, _ = await stored(bot, "远大物流")
    assert profile.fields.size is None and profile.fields.revenue == "1000万以下" and profile.contacts == ()


async def test_cancel_media_huge_text_and_an_old_forms_buttons(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    await ask(rep, "/new")
    assert "需 2–200 个字" in (await ask(rep, "x" * 201)).plain_text
    assert "消息太长" in (await ask(rep, "y" * 4050)).plain_text
    asked = await ask(rep, "华东机电设备有限公司")
    await rep.send_sticker()
    assert "请输入文字或点按钮" in (await rep.next_reply()).plain_text
    await rep.share_location(31.2, 121.5)
    assert "请输入文字或点按钮" in (await rep.next_reply()).plain_text
    assert (await ask(rep, "/cancel")).plain_text == "已取消，未保存任何内容。"
    expired = await rep.press(asked, "制造业")
    assert expired.show_alert and "已过期" in (expired.text or "")
    await ask(rep, "/new")
    for stale in (await rep.press(asked, "制造业"), await rep.press_data(asked.message_id, "nc:zzzzzz:name:x")):
        assert stale.show_alert and "已过期" in (stale.text or "")
    assert (await ask(rep, "/cancel")).plain_text == "已取消，未保存任何内容。"
    async with unit_of_work(bot.database) as uow, uow:
        assert await uow.session.scalar(select(Customer.id)) is None


async def test_duplicate_of_own_customer_offers_open_and_create_anyway(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    existing = await seed_customer(bot, REP, "华星科技有限公司")
    await ask(rep, "/new")
    warning = await ask(rep, "华星科技")
    assert "疑似撞单" in warning.plain_text and "华星科技有限公司 · MF2026001 · 负责人：李伟" in warning.plain_text
    assert warning.buttons[0][0].callback_data == f"cu:open:{existing}"
    assert warning.button_texts()[1:] == ["仍然新建", "✖ 取消"]
    asked = await press(rep, warning, "仍然新建")
    assert "所属行业" in asked.plain_text
    asked = await press(rep, asked, "制造业")
    saved = await press(rep, asked, "立即保存")
    assert "MF2026002" in saved.plain_text and "疑似撞单已记入更新记录" in saved.plain_text
    _, changes = await stored(bot, "华星科技")
    assert changes[0][1] == f"created despite possible duplicate of #{existing}"


async def test_another_reps_customer_shows_only_its_name_and_owner(bot: Harness, admin: FakeUser) -> None:
    rep = await _rep(bot, admin)
    await _rep(bot, admin, OTHER, "赵敏")
    theirs = await seed_customer(bot, OTHER, "东方精工有限公司", phone="+8613700002222")
    await ask(rep, "/new")
    asked = await ask(rep, "Acme Trading")  # a different name: no early warning
    assert "所属行业" in asked.plain_text
    asked = await press(rep, asked, "其他")
    for _ in range(6):
        asked = await press(rep, asked, "跳过")
    assert "主要对接人" in asked.plain_text
    for answer in ("Tom", "CEO"):
        asked = await ask(rep, answer)
    email_question = await ask(rep, "137 0000 2222")
    assert "Tom 的邮箱" in email_question.plain_text
    summary = await press(rep, email_question, "跳过")
    warning = await press(rep, summary, "💾 保存")
    text = warning.plain_text
    assert "疑似撞单" in text and "东方精工有限公司 —— 赵敏 的客户（电话相同）" in text
    for secret in ("MF2026001", "137", "2222", "王经理", "采购经理", "wang@example.com"):
        assert secret not in text, secret
    assert not any((b.callback_data or "").startswith("cu:") for row in warning.buttons for b in row)
    saved = await press(rep, warning, "仍然新建")
    assert "OT2026001" in saved.plain_text
    _, changes = await stored(bot, "Acme Trading")
    assert changes[0][1] == f"created despite possible duplicate of #{theirs}"
