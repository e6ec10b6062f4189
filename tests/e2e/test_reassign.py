"""/reassign: all customers of a rep who left, or one from its card; deals and open steps follow."""

from __future__ import annotations

from sqlalchemy import select

from bot.fake_telegram import FakeUser
from storage.tables import ChangeLog, Customer, Deal, NextAction, User
from tests.e2e.customer_seed import full_customer
from tests.e2e.harness import Harness, ask, register
from tests.e2e.seeding import unit_of_work

MANAGER, LEAVER, TAKER, WEST = 7301, 7302, 7303, 7304


async def _team(bot: Harness, admin: FakeUser) -> tuple[FakeUser, FakeUser, FakeUser]:
    manager = await register(bot.server, admin, user_id=MANAGER, name="王经理", role="manager")
    leaver = await register(bot.server, admin, user_id=LEAVER, name="李伟")
    taker = await register(bot.server, admin, user_id=TAKER, name="赵敏", language_code="en")
    await register(bot.server, admin, user_id=WEST, name="West Rep", team="West")
    for user in (manager, leaver, taker):
        await user.drain(quiet=0.1)
    return manager, leaver, taker


async def _owners(bot: Harness) -> dict[str, tuple[int, list[int], list[int]]]:
    async with unit_of_work(bot.database) as uow, uow:
        telegram = dict((await uow.session.execute(select(User.id, User.telegram_id))).all())
        result = {}
        for cid, name, owner in (await uow.session.execute(select(Customer.id, Customer.name,
                                                                  Customer.owner_id))).all():
            deals = (await uow.session.scalars(select(Deal.owner_id).where(Deal.customer_id == cid))).all()
            steps = (await uow.session.scalars(select(NextAction.owner_id).where(
                NextAction.customer_id == cid, NextAction.done.is_(False)))).all()
            result[name] = (telegram[owner], [telegram[d] for d in deals], [telegram[s] for s in steps])
        return result


async def test_all_customers_of_a_rep_who_left_move_with_deals_and_steps(bot: Harness, admin: FakeUser) -> None:
    manager, leaver, taker = await _team(bot, admin)
    for name, phone in (("华星精密制造有限公司", "+8613900000001"), ("东方物流有限公司", "+8613900000002")):
        await full_customer(bot.database, LEAVER, name, now=bot.clock.now, phone=phone)
    start = await ask(manager, "/reassign")
    await manager.press(start, "某位销售的客户")
    people = await manager.next_reply()
    assert "West Rep" not in people.button_texts()  # another team is out of scope
    await manager.press(people, "李伟")
    choice = await manager.next_reply()
    assert "共有 2 个客户" in choice.plain_text
    await manager.press(choice, "全部 2 个")
    target = await manager.next_reply()
    assert "李伟" not in target.button_texts()
    await manager.press(target, "赵敏")
    confirm = await manager.next_reply()
    assert "转给 赵敏" in confirm.plain_text and "销售机会和未完成的下一步" in confirm.plain_text
    await manager.press(confirm, "确认转移")
    done = await manager.next_reply()
    assert done.plain_text.startswith("✅ 2 个客户已转给 赵敏")

    notices = await taker.drain(quiet=0.2)
    assert len(notices) == 1  # one summary message, not one per customer
    assert notices[0].plain_text.startswith("🔁 王经理 handed you 2 customer(s): ")
    assert "华星精密制造有限公司" in notices[0].plain_text and "东方物流有限公司" in notices[0].plain_text
    owners = await _owners(bot)
    assert owners == {"华星精密制造有限公司": (TAKER, [TAKER], [TAKER]), "东方物流有限公司": (TAKER, [TAKER], [TAKER])}
    async with unit_of_work(bot.database) as uow, uow:
        changes = (await uow.session.execute(select(ChangeLog.old_value, ChangeLog.new_value, ChangeLog.reason)
                                             .where(ChangeLog.field == "owner"))).all()
    assert [tuple(c) for c in changes] == [("李伟", "赵敏", "reassigned by 王经理")] * 2
    assert "东方物流" in (await ask(taker, "/find 东方物流")).button_texts()[0]

    await manager.press(done, "标记该销售已离职")
    assert "已标记 李伟 离职" in (await manager.next_reply()).plain_text
    refused = await ask(leaver, "/find 东方")
    assert "东方" not in refused.plain_text


async def test_one_customer_from_its_card_and_a_rep_cannot_reassign(bot: Harness, admin: FakeUser) -> None:
    manager, leaver, _ = await _team(bot, admin)
    record = await full_customer(bot.database, LEAVER, "华星精密制造有限公司", now=bot.clock.now)
    found = await ask(manager, "/find hxjm")
    await manager.press(found, "华星精密")
    card = await manager.next_reply()
    await manager.press(card, "🔁 转移客户")
    target = await manager.next_reply()
    await manager.press(target, "赵敏")
    confirm = await manager.next_reply()
    assert "确认把 1 个客户转给 <b>赵敏</b>" in confirm.text
    await manager.press(confirm, "确认转移")
    assert "1 个客户已转给 赵敏" in (await manager.next_reply()).plain_text
    assert (await _owners(bot))["华星精密制造有限公司"][0] == TAKER
    assert "您没有权限" in (await ask(leaver, "/reassign")).plain_text
    stale = await manager.press(confirm, "确认转移")  # the form is closed: the old button is stale
    assert stale.text == "此操作已过期。"
    forged = await ask(manager, "/reassign")
    token = forged.buttons[0][0].callback_data.split(":")[1]
    answer = await manager.press_data(forged.message_id, f"ra:{token}:c:{record.id + 1000}")
    assert answer.text == "该客户不属于您，或已不存在。"


async def test_a_selection_of_a_reps_customers_moves_and_the_rest_stays(bot: Harness, admin: FakeUser) -> None:
    manager, _, taker = await _team(bot, admin)
    for i, name in enumerate(("甲公司科技", "乙公司物流", "丙公司电子")):
        await full_customer(bot.database, LEAVER, name, now=bot.clock.now, phone=f"+861390000000{i}",
                            deal=None, logged=None)
    start = await ask(manager, "/reassign")
    await manager.press(start, "某位销售的客户")
    people = await manager.next_reply()
    await manager.press(people, "李伟")
    choice = await manager.next_reply()
    await manager.press(choice, "逐个选择")
    picker = await manager.next_reply()
    assert picker.plain_text == "勾选要转移的客户（已选 0 个）："
    await manager.press(picker, "甲公司")
    await manager.press(picker, "丙公司")
    await manager.drain(quiet=0.2)
    await manager.press(picker, "已选 2 个")
    target = await manager.next_reply()
    await manager.press(target, "赵敏")
    confirm = await manager.next_reply()
    await manager.press(confirm, "确认转移")
    done = await manager.next_reply()
    assert done.plain_text.startswith("✅ 2 个客户已转给 赵敏") and done.buttons == []  # not all: no "left" offer
    owners = await _owners(bot)
    assert {name: owner for name, (owner, _, _) in owners.items()} == {
        "甲公司科技": TAKER, "乙公司物流": LEAVER, "丙公司电子": TAKER}
    assert len(await taker.drain(quiet=0.2)) == 1
