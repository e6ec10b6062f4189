"""Import through the bot: a GBK CSV and an xlsx, dry run, skip and merge, progress, the report, a re-run."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from bot.fake_telegram import BotMessage, FakeUser
from handlers import import_run
from storage.tables import ChangeLog, Contact, Customer, ImportJob
from tests.e2e.harness import Harness, edited, register
from tests.e2e.seeding import add_customers, unit_of_work

GBK_CSV = ("客户名称,行业,联系人,电话,邮箱,负责人\r\n"
           "华星科技有限公司,软件,陈总,13912345678,,\r\n"       # 2: duplicate of 李伟's 华星科技 (same team)
           "远大集团,制造,李工,13812345678,,\r\n"                # 3: 赵强's customer (another team): 撞单
           "蓝海物流,物流,,13712345678,,李伟\r\n"                # 4: new, owned by 李伟
           "坏号码公司,,,12345,,\r\n"                            # 5: bad phone
           "错误邮箱公司,,,,not-an-email,\r\n"                   # 6: bad e-mail
           "外人公司,,,,,赵六\r\n"                               # 7: unknown owner
           ",IT,,,,\r\n"                                         # 8: no name
           "蓝海物流,,,,,\r\n"                                   # 9: same as row 4
           "新星传媒,传媒,,,,\r\n")                              # 10: new, industry unknown → 其他


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def join(bot: Harness, admin: FakeUser, user_id: int, name: str, *, role: str = "rep", team: str = "East",
               language_code: str = "zh") -> FakeUser:
    user = await register(bot.server, admin, user_id=user_id, name=name, role=role, team=team,
                          language_code=language_code)
    await user.drain(quiet=0.1)
    return user


async def customers_by_name(bot: Harness) -> dict[str, tuple[str, int, str | None]]:
    async with unit_of_work(bot.database) as uow, uow:
        rows = (await uow.session.execute(select(Customer.name, Customer.code, Customer.owner_id,
                                                 Customer.region))).all()
    return {r.name: (r.code, r.owner_id, r.region) for r in rows}


async def confirm(user: FakeUser, preview: BotMessage, total: int) -> list[str]:
    """Press Confirm; return the progress texts the message showed, ending with the last one."""
    await user.press(preview, "确认导入" if "确认导入" in preview.button_texts()[-2] else "Confirm")
    texts = [(await edited(user, preview)).plain_text]
    while f"{total} / {total}" not in texts[-1]:
        texts.append((await edited(user, preview)).plain_text)
    return texts


async def test_gbk_csv_dry_run_skip_progress_report_and_a_rerun_that_creates_nothing(
        bot: Harness, admin: FakeUser, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_run, "BATCH_ROWS", 3)
    monkeypatch.setattr(import_run, "EDIT_INTERVAL", 0)
    manager = await join(bot, admin, 7201, "王经理", role="manager")
    await join(bot, admin, 7202, "李伟")
    await join(bot, admin, 7203, "赵强", team="West")
    await add_customers(bot.database, 7202, ["华星科技"], now=bot.clock())
    await add_customers(bot.database, 7203, ["远大集团"], now=bot.clock())

    await manager.send_document(GBK_CSV.encode("gbk"), "客户.csv", "text/csv")
    preview = await manager.next_reply()
    text = preview.plain_text
    assert "导入预检：客户.csv" in text and "尚未保存任何数据" in text
    assert "客户名称 → 客户名称; 行业 → 行业; 联系人 → 联系人; 电话 → 电话; 邮箱 → 邮箱; 负责人 → 负责人" in text
    assert "新客户：2\n🔁 已存在（您或团队的客户）：1\n🔒 其他同事的客户（跳过）：1\n❌ 拒绝的行：5" in text
    assert "• 第 3 行：已是 赵强 的客户" in text and "• 第 5 行：电话“12345”不是有效号码" in text
    assert preview.button_texts() == ["✓ 跳过重复", "合并重复", "✅ 确认导入", "✖️ 取消"]
    assert len(await customers_by_name(bot)) == 2  # the dry run wrote nothing

    progress = await confirm(manager, preview, 9)
    assert progress == ["⏳ 正在导入 客户.csv：0 / 9 行", "⏳ 正在导入 客户.csv：3 / 9 行",
                        "⏳ 正在导入 客户.csv：6 / 9 行", "⏳ 正在导入 客户.csv：9 / 9 行"]
    summary = await manager.next_reply()
    assert summary.plain_text.startswith("✅ 客户.csv 导入完成\n新客户：2\n合并到已有客户：0\n已存在且无变化：0\n"
                                         "跳过的重复客户：1\n未导入：7")
    report = await manager.next_reply()
    assert report.kind == "document" and report.file_name == "report-客户.csv"
    raw = await bot.server.download(report.file_id or "")
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "行号,原因,客户名称,行业,联系人,电话,邮箱,负责人"
    assert lines[1] == "2,已存在：华星科技（已跳过）,华星科技有限公司,软件,陈总,13912345678,,"
    assert [line.split(",")[:2] for line in lines[2:]] == [
        ["3", "已是 赵强 的客户"], ["5", "电话“12345”不是有效号码"], ["6", "邮箱“not-an-email”不是有效地址"],
        ["7", "负责人“赵六”不是您团队中的在职用户"], ["8", "缺少客户名称"], ["9", "与本文件第 4 行是同一客户"]]

    stored = await customers_by_name(bot)
    async with unit_of_work(bot.database) as uow, uow:
        li = await uow.users.get_by_telegram_id(7202)
        wang = await uow.users.get_by_telegram_id(7201)
    assert li is not None and wang is not None
    assert stored["蓝海物流"][:2] == ("LG2026001", li.id) and stored["新星传媒"][:2] == ("OT2026001", wang.id)

    # The same file again: everything is on file now. Merging only adds 陈总 (skipped the first time) to
    # 华星科技; the rows the first run created merge into themselves and change nothing.
    await manager.send_document(GBK_CSV.encode("gbk"), "客户.csv", "text/csv")
    again = await manager.next_reply()
    assert "新客户：0\n🔁 已存在（您或团队的客户）：3" in again.plain_text
    await manager.press(again, "合并重复")
    shown = await edited(manager, again)
    assert shown.button_texts()[:2] == ["跳过重复", "✓ 合并重复"] and "重复客户：合并" in shown.plain_text
    await confirm(manager, shown, 9)
    rerun = await manager.next_reply()
    assert "新客户：0\n合并到已有客户：1\n已存在且无变化：2\n跳过的重复客户：0\n未导入：6" in rerun.plain_text
    assert await customers_by_name(bot) == stored
    async with unit_of_work(bot.database) as uow, uow:
        jobs = list(await uow.session.scalars(select(ImportJob.status).order_by(ImportJob.id)))
    assert jobs == ["done", "done"]


async def test_xlsx_merge_fills_empty_fields_and_adds_the_new_contact(bot: Harness, admin: FakeUser) -> None:
    await join(bot, admin, 7211, "Li Wei", language_code="en")
    (acme,) = await add_customers(bot.database, 7211, ["Acme Trading"], now=bot.clock())
    data = xlsx([["Customer list 2026"], ["Company Name", "Region", "Contact", "Mobile", "E-Mail", "Owner"],
                 ["Acme Trading Co., Ltd.", "Shanghai", "Chen", 13912345678.0, "chen@acme.cn", "@nobody"],
                 ["Acme Trading Co., Ltd.", "Shanghai", "Chen", 13912345678.0, "chen@acme.cn", ""],
                 ["Globex", "Beijing", "", 13812345678, "", "7211"]])
    await admin.send_document(data, "leads.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    preview = await admin.next_reply()
    assert "Company Name → name; Region → region; Contact → contact; Mobile → phone; E-Mail → e-mail; " \
           "Owner → owner" in preview.plain_text
    assert "New customers: 1\n🔁 Already on file (yours or your team's): 1" in preview.plain_text
    assert "• row 3: owner “@nobody” is not an active user in your team" in preview.plain_text
    await admin.press(preview, "Merge duplicates")
    await edited(admin, preview)
    await confirm(admin, admin.messages[preview.message_id], 3)
    summary = await admin.next_reply()
    assert "New customers: 1\nMerged into customers on file: 1" in summary.plain_text
    report = await admin.next_reply()
    assert report.file_name == "report-leads.csv"

    stored = await customers_by_name(bot)
    assert stored["Acme Trading"][2] == "Shanghai" and stored["Globex"][1] == stored["Acme Trading"][1]
    async with unit_of_work(bot.database) as uow, uow:
        phones = list(await uow.session.scalars(select(Contact.phone).where(Contact.customer_id == acme.id)))
        changes = (await uow.session.execute(select(ChangeLog.field, ChangeLog.reason)
                                             .where(ChangeLog.entity_id == acme.id, ChangeLog.reason.like("import%"))
                                             .order_by(ChangeLog.id))).all()
        total = await uow.session.scalar(select(func.count()).select_from(Customer))
    assert phones == ["+8613912345678"] and total == 2
    assert [tuple(c) for c in changes] == [("region", "import leads.xlsx"), ("contact", "import leads.xlsx")]
