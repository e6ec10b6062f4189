"""What the import refuses: reps, files that are no spreadsheet, and buttons that are forged or stale."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.domain.sheet_files import OLE2
from bot.fake_telegram import FakeUser
from storage.tables import Customer, ImportJob
from tests.e2e.harness import Harness, register
from tests.e2e.seeding import unit_of_work

CSV = "客户名称,电话\r\n华星科技,13912345678\r\n"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def counts(bot: Harness) -> tuple[int, int]:
    async with unit_of_work(bot.database) as uow, uow:
        customers = await uow.session.scalar(select(func.count()).select_from(Customer))
        jobs = await uow.session.scalar(select(func.count()).select_from(ImportJob))
    return int(customers or 0), int(jobs or 0)


async def test_reps_are_refused_and_malformed_files_change_nothing(bot: Harness, admin: FakeUser) -> None:
    rep = await register(bot.server, admin, user_id=7301, name="李伟", language_code="zh")
    await rep.drain(quiet=0.1)
    await rep.send_document(CSV.encode(), "客户.csv", "text/csv")
    assert (await rep.next_reply()).plain_text.startswith("只有销售经理和管理员可以用表格批量导入客户")

    cases = [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n\x00\x01", "customers.xlsx", "not a spreadsheet I can read"),
        (bytes(range(256)) * 8, "customers.csv", "not a spreadsheet I can read"),
        (b"", "customers.csv", "no customer rows"),
        (b"Name,Phone\r\n", "customers.csv", "no customer rows"),
        ("序号,电话\r\n1,13912345678\r\n".encode("gbk"), "customers.csv", "Columns I saw: 序号, 电话"),
        (OLE2 + bytes(504), "customers.xlsx", "save as .xlsx without a password"),
    ]
    for data, name, expected in cases:
        await admin.send_document(data, name, XLSX if name.endswith("xlsx") else "text/csv")
        answer = await admin.next_reply()
        assert expected in answer.plain_text and "Nothing was imported" in answer.plain_text, name
        assert answer.buttons == []
    await admin.send_document(CSV.encode(), "huge.csv", "text/csv", claimed_size=25 * 1024 * 1024)
    assert "larger than 20 MB" in (await admin.next_reply()).plain_text
    assert len(bot.server.calls_to("getFile")) == len(cases)  # the oversized file was never downloaded

    # A document that is no spreadsheet by name or type is not ours: the usual "where files go" hint.
    await admin.send_document(b"%PDF-1.7", "brochure.pdf", "application/pdf")
    assert "Nothing was imported" not in (await admin.next_reply()).plain_text
    assert await counts(bot) == (0, 0)


async def test_forged_stale_and_foreign_buttons_are_refused(bot: Harness, admin: FakeUser) -> None:
    manager = await register(bot.server, admin, user_id=7311, name="王经理", role="manager", language_code="en")
    await manager.drain(quiet=0.1)
    await admin.send_document(CSV.encode(), "a.csv", "text/csv")
    admins = await admin.next_reply()
    admin_job = int((admins.buttons[-1][0].callback_data or "").split(":")[1])
    await manager.send_document(CSV.encode(), "b.csv", "text/csv")
    mine = await manager.next_reply()

    expired = "This import is no longer waiting"
    for data in (f"imp:{admin_job}:confirm", f"imp:{admin_job}:merge", "imp:99999:confirm"):
        answer = await manager.press_data(mine.message_id, data)
        assert answer.show_alert and (answer.text or "").startswith(expired), data
    assert "a.csv" in admin.messages[admins.message_id].plain_text  # the admin's plan is untouched

    await manager.press(mine, "Cancel")
    assert (await manager.next_edit()).plain_text == "Import of b.csv cancelled. Nothing was saved."
    answer = await manager.press_data(mine.message_id, mine.buttons[-1][0].callback_data or "")
    assert answer.show_alert and (answer.text or "").startswith(expired)

    await admin.press(admins, "Confirm")
    await admin.next_edit()
    assert "New customers: 1" in (await admin.next_reply()).plain_text
    answer = await admin.press_data(admins.message_id, f"imp:{admin_job}:confirm")  # a second press
    assert answer.show_alert and (answer.text or "").startswith(expired)
    assert await counts(bot) == (1, 2)
    async with unit_of_work(bot.database) as uow, uow:
        statuses = list(await uow.session.scalars(select(ImportJob.status).order_by(ImportJob.id)))
    assert statuses == ["done", "cancelled"]
