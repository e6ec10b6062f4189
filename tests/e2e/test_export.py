"""/export: the user's scope only, headers in the user's language, formulas neutralised, live customers only."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook

from bot.domain.enums import Channel
from bot.domain.logs import LogDraft
from bot.fake_telegram import FakeUser
from bot.services import logbook
from tests.e2e.harness import Harness, ask, register
from tests.e2e.seeding import add_customers, unit_of_work


async def workbook_rows(bot: Harness, user: FakeUser) -> list[list[object]]:
    await user.send("/export")
    sent = await user.next_reply()
    assert sent.kind == "document" and (sent.file_name or "").endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(await bot.server.download(sent.file_id or ""))).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


async def test_export_respects_scope_language_and_neutralises_formulas(bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=7401, name="李伟", language_code="zh")
    other = await register(bot.server, admin, user_id=7402, name="王芳", language_code="zh")
    for user in (rep, other):
        await user.drain(quiet=0.1)
    assert (await ask(rep, "/export")).plain_text == "您还没有可导出的客户。"
    now = bot.clock()
    evil, hx = await add_customers(bot.database, 7401, ['=HYPERLINK("http://evil","x")', "华星科技"], now=now,
                                   contacts={"华星科技": "@陈总"})
    (yd,) = await add_customers(bot.database, 7402, ["远大集团"], now=now)
    async with unit_of_work(bot.database) as uow:
        li = await uow.users.get_by_telegram_id(7401)
        assert li is not None
        await logbook.save_log(uow, li, LogDraft(customer_id=hx.id, channel=Channel.VISIT, summary="-10% 折扣",
                                                 occurred_at=now - timedelta(hours=2), next_title="发报价",
                                                 next_due=now + timedelta(days=1)), now=now)
        async with uow:
            await uow.customers.soft_delete(evil.id, by=li.id, now=now)
            await uow.commit()

    rows = await workbook_rows(bot, rep)
    assert rows[0][:7] == ["客户编号", "客户名称", "行业", "区域", "负责人", "等级", "状态"]
    assert rows[1:] == [[hx.code, "华星科技", "信息技术", None, "李伟", "B", "活跃", "'@陈总", None, None, None, 0, 0,
                         (now - timedelta(hours=2)).replace(tzinfo=None) + timedelta(hours=8), "上门拜访",
                         "'-10% 折扣", "发报价", (now + timedelta(days=1)).replace(tzinfo=None) + timedelta(hours=8)]]

    async with unit_of_work(bot.database) as uow, uow:
        await uow.customers.restore(evil.id, now=now)
        await uow.commit()
    rows = await workbook_rows(bot, admin)
    assert rows[0][:3] == ["Code", "Name", "Industry"] and rows[0][-1] == "Next step due"
    assert [(r[1], r[2], r[4]) for r in rows[1:]] == [('\'=HYPERLINK("http://evil","x")', "IT / software", "李伟"),
                                                      ("华星科技", "IT / software", "李伟"),
                                                      ("远大集团", "IT / software", "王芳")]
    assert yd.code == rows[3][0]
