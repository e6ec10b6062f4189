"""Complaints and satisfaction scores in chat: escalation of a high one, open → in progress → resolved, feedback trend."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.fake_telegram import FakeUser
from bot.services.complaints import feedback_summary
from storage.tables import Complaint
from tests.e2e.customer_seed import user_of
from tests.e2e.harness import Harness, ask, register
from tests.e2e.seeding import add_customers, unit_of_work

BOSS, REP, WEST_BOSS = 7301, 7302, 7303


async def _team(bot: Harness, admin: FakeUser) -> tuple[FakeUser, FakeUser, FakeUser]:
    boss = await register(bot.server, admin, user_id=BOSS, name="王经理", role="manager", team="East")
    rep = await register(bot.server, admin, user_id=REP, name="李伟", role="rep", team="East")
    west = await register(bot.server, admin, user_id=WEST_BOSS, name="赵经理", role="manager", team="West")
    for user in (boss, rep, west):
        await user.drain(quiet=0.1)
    return boss, rep, west


async def _rows(bot: Harness) -> list[Any]:
    """Plain rows (columns by name), readable after the session is gone."""
    async with unit_of_work(bot.database) as uow, uow:
        return list(await uow.session.execute(select(*Complaint.__table__.columns).order_by(Complaint.id)))


async def test_high_complaint_reaches_the_manager_at_once_and_the_handler_resolves_it(bot: Harness,
                                                                                      admin: FakeUser) -> None:
    boss, rep, west = await _team(bot, admin)
    await add_customers(bot.database, REP, ["华星精密制造有限公司"], now=bot.clock.now)
    assert "投诉的内容" in (await ask(rep, "/complaint 华星")).plain_text
    severity = await ask(rep, "交货延误<b>一周</b> 😡")
    await rep.press(severity, "高")
    handlers = await rep.next_reply()
    assert handlers.button_texts()[:2] == ["👤 李伟（负责人）", "王经理"] and "赵经理" not in handlers.button_texts()
    await rep.press(handlers, "负责人")
    saved = await rep.next_reply()
    assert "客户投诉已记录" in saved.plain_text and "内容：交货延误<b>一周</b> 😡" in saved.plain_text
    assert "&lt;b&gt;一周&lt;/b&gt;" in (saved.text or "")
    assert "严重程度：🔴 高" in saved.plain_text and "处理人：李伟" in saved.plain_text
    assert "状态：待处理" in saved.plain_text

    alert = await boss.next_reply()  # at once, in the manager's own chat
    assert "严重客户投诉" in alert.plain_text and "华星精密制造有限公司" in alert.plain_text
    assert "交货延误<b>一周</b> 😡" in alert.plain_text and "记录人：李伟" in alert.plain_text
    assert "已立即通知：王经理" in (await rep.next_reply()).plain_text
    assert await west.drain(quiet=0.2) == []
    rep_user = await user_of(bot.database, REP)
    [row] = await _rows(bot)
    assert (row.kind, row.severity, row.handler_id, row.status, row.created_by) == (
        "complaint", "high", rep_user.id, "open", rep_user.id)
    assert row.received_at == bot.clock.now and row.resolved_at is None

    bot.clock.advance(hours=2)
    await rep.press(saved, "开始处理")
    started = await rep.next_reply()
    assert "已开始处理" in started.plain_text and "状态：处理中" in started.plain_text
    again = await rep.press(saved, "开始处理")  # the old message's button, pressed a second time
    assert again.text == "该投诉刚被其他人更新，请重新打开查看最新状态。"
    assert [r.status for r in await _rows(bot)] == ["in_progress"]

    bot.clock.advance(days=1)
    await rep.press(started, "已解决")
    assert "解决方案" in (await rep.next_reply()).plain_text
    assert "2–2000" in (await ask(rep, "x")).plain_text
    resolved = await ask(rep, "补发货物并赠送一个月服务")
    assert "投诉已解决" in resolved.plain_text and "解决方案：补发货物并赠送一个月服务" in resolved.plain_text
    assert "开始处理" not in resolved.button_texts() and "✅ 已解决" not in resolved.button_texts()
    [row] = await _rows(bot)
    assert (row.status, row.resolution, row.resolved_at) == ("resolved", "补发货物并赠送一个月服务", bot.clock.now)
    late = await rep.press(started, "已解决")
    assert late.text == "该投诉已解决，不能退回之前的状态。"

    await boss.press(alert, "查看投诉")
    assert "状态：已解决" in (await boss.next_reply()).plain_text


async def test_normal_complaint_notifies_nobody_and_bad_input_is_refused(bot: Harness, admin: FakeUser) -> None:
    boss, rep, _ = await _team(bot, admin)
    await add_customers(bot.database, REP, ["华星精密制造有限公司"], now=bot.clock.now)
    assert "没有未解决的投诉" in (await ask(rep, "/complaint")).plain_text
    assert "没有找到" in (await ask(rep, "/complaint 不存在的公司")).plain_text
    await ask(rep, "/complaint 华星")
    assert (await ask(rep, "/cancel")).plain_text == "已取消，没有保存任何内容。"
    assert await _rows(bot) == []

    await ask(rep, "/complaint 华星")
    await rep.send_sticker()
    assert "请输入文字" in (await rep.next_reply()).plain_text
    assert "2–2000" in (await ask(rep, "太" * 2001)).plain_text
    severity = await ask(rep, "发票抬头错误")
    assert "请使用上面的按钮" in (await ask(rep, "一般")).plain_text
    token = severity.buttons[0][0].callback_data.split(":")[1]  # type: ignore[union-attr]
    assert (await rep.press_data(severity.message_id, f"cp:{token}:sev:urgent")).text == "该选项无效，请使用按钮。"
    await rep.press(severity, "一般")
    handlers = await rep.next_reply()
    west_id = (await user_of(bot.database, WEST_BOSS)).id
    forged = await rep.press_data(handlers.message_id, f"cp:{token}:h:{west_id}")
    assert forged.text == "该选项无效，请使用按钮。"  # a manager of another team is never a handler
    await rep.press(handlers, "负责人")
    assert "严重程度：🟡 一般" in (await rep.next_reply()).plain_text
    assert await boss.drain(quiet=0.3) == [] and await rep.drain(quiet=0.1) == []
    [row] = await _rows(bot)
    assert (row.severity, row.status, row.content) == ("normal", "open", "发票抬头错误")

    listing = await ask(rep, "/complaint")
    assert "未解决的投诉" in listing.plain_text and len(listing.button_texts()) == 1
    await rep.press(listing, "发票抬头错误")
    assert "内容：发票抬头错误" in (await rep.next_reply()).plain_text
    assert (await rep.press_data(listing.message_id, "cp:view:999999")).text == "该投诉不存在，或不在您的查看范围内。"
    assert (await rep.press_data(listing.message_id, "cp:new:999999")).text == "该客户不属于您，或已不存在。"


async def test_feedback_scores_show_the_trend_down(bot: Harness, admin: FakeUser) -> None:
    _, rep, _ = await _team(bot, admin)
    made = await add_customers(bot.database, REP, ["华星精密制造有限公司", "华星物流有限公司"], now=bot.clock.now)
    choose = await ask(rep, "/feedback 华星")
    assert "有多个客户" in choose.plain_text and len(choose.button_texts()) == 2
    await rep.press(choose, "华星精密")
    scores = await rep.next_reply()
    assert scores.button_texts()[:5] == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]
    assert "请使用上面的按钮" in (await ask(rep, "4")).plain_text
    token = scores.buttons[0][0].callback_data.split(":")[1]  # type: ignore[union-attr]
    assert (await rep.press_data(scores.message_id, f"fb:{token}:s:9")).text == "满意度评分只能是 1–5 的整数。"
    await rep.press(scores, "4 ⭐")
    comment = await rep.next_reply()
    await rep.press(comment, "跳过")
    first = await rep.next_reply()
    assert "满意度 4/5（共 1 次）" in first.plain_text

    bot.clock.advance(days=7)
    await rep.press(choose, "华星精密")
    await rep.press(await rep.next_reply(), "2 ⭐")
    await rep.next_reply()
    second = await ask(rep, "响应太慢 <script>")
    assert "满意度 2/5 ↓（共 2 次）" in second.plain_text and "平均 3.0 分" in second.plain_text
    async with unit_of_work(bot.database) as uow:
        summary = await feedback_summary(uow, made[0].id)
        assert summary is not None and (summary.latest, summary.count, summary.trend) == (2, 2, "down")
        assert await feedback_summary(uow, made[1].id) is None
    assert [(r.kind, r.satisfaction, r.content, r.status) for r in await _rows(bot)] == [
        ("feedback", 4, "", "resolved"), ("feedback", 2, "响应太慢 <script>", "resolved")]
    assert (await rep.press_data(choose.message_id, "fb:new:999999")).text == "该客户不属于您，或已不存在。"

    found = await ask(rep, "/find 华星物流")
    await rep.press(found, found.button_texts()[0])
    card = await rep.next_reply()
    await rep.press(card, "满意度")  # the card's button starts the same form
    assert "华星物流有限公司" in (await rep.next_reply()).plain_text
    assert (await ask(rep, "/cancel")).plain_text == "已取消，没有保存任何内容。"
    await rep.press(card, "投诉")
    assert "记录华星物流有限公司的客户投诉" in (await rep.next_reply()).plain_text


async def test_a_manager_who_blocked_the_bot_does_not_lose_the_complaint(bot: Harness, admin: FakeUser) -> None:
    boss, rep, _ = await _team(bot, admin)
    await add_customers(bot.database, REP, ["华星精密制造有限公司"], now=bot.clock.now)
    boss.blocked = True
    await ask(rep, "/complaint 华星")
    await rep.press(await ask(rep, "设备漏油"), "高")
    await rep.press(await rep.next_reply(), "负责人")
    assert "客户投诉已记录" in (await rep.next_reply()).plain_text
    assert await rep.drain(quiet=0.3) == []  # nobody was reached, so nobody is named as notified
    [row] = await _rows(bot)
    assert (row.content, row.severity, row.status) == ("设备漏油", "high", "open")
    listing = await ask(rep, "/complaint")
    assert listing.button_texts() == ["🔴 华星精密制造有限公司：设备漏油"]
