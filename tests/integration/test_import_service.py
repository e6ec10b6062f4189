"""Import and export services against real SQLite and PostgreSQL: batches, codes, re-runs, merges, failures."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update

from bot.domain.enums import Role
from bot.domain.industries import DEFAULT_INDUSTRIES
from bot.domain.records import UserRecord
from bot.domain.sheet_records import ImportJobRecord
from bot.services import customers, exports, import_run, imports
from bot.services.imports import ImportExpired
from storage.migrate import upgrade_to_head
from storage.tables import ChangeLog, Contact, Customer, ImportJob
from storage.uow import SqlUnitOfWork
from tests.conftest import Database
from tests.e2e.seeding import unit_of_work

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
CSV = ("客户名称,行业,联系人,电话,区域\r\n"
       "华星科技,软件,陈总,13912345678,上海\r\n"
       "远大集团,制造,李工,13812345678,\r\n"
       "蓝海物流,物流,,,广州\r\n"
       "坏号码公司,,,12345,\r\n")


async def _manager(database: Database) -> UserRecord:
    await upgrade_to_head(database.url, schema=database.schema)
    async with unit_of_work(database) as uow, uow:
        team = await uow.teams.get_or_create("East", now=NOW)
        user = await uow.users.add(telegram_id=1, name="王经理", username="wang", role=Role.MANAGER, team_id=team,
                                   timezone="Asia/Shanghai", language="zh", now=NOW)
        await uow.commit()
    return user


async def _run(uow: SqlUnitOfWork, user: UserRecord, data: bytes, *, mode: str = "skip",
               batch_rows: int = 2) -> import_run.Outcome:
    preview, _ = await imports.plan_import(uow, user, data, file_name="客户.csv", file_id="f", chat_id=1,
                                           industries=DEFAULT_INDUSTRIES, now=NOW)
    if mode != "skip":
        await imports.choose_mode(uow, user, preview.job_id, mode)
    job = await imports.begin(uow, user, preview.job_id, progress_message_id=5)
    seen: list[tuple[int, int]] = []

    async def progress(done: int, total: int) -> None:
        seen.append((done, total))

    outcome = await import_run.run_import(uow, user, job, data, industries=DEFAULT_INDUSTRIES, now=NOW,
                                          progress=progress, batch_rows=batch_rows)
    assert seen[-1] == (4, 4) and len(seen) == 2
    return outcome


async def _count(uow: SqlUnitOfWork, table: type) -> int:
    async with uow:
        return int(await uow.session.scalar(select(func.count()).select_from(table)) or 0)


async def test_import_creates_in_batches_with_sequential_codes_and_a_rerun_creates_nothing(
        database: Database) -> None:
    manager = await _manager(database)
    data = CSV.encode("gbk")
    async with unit_of_work(database) as uow:
        await customers.create(uow, manager, "已有客户", now=NOW, industry="IT")  # IT2026001 is taken
        first = await _run(uow, manager, data)
        assert first.counts["created"] == 3 and [p.key for p in first.left_out] == ["bad_phone"]
        async with uow:
            codes = dict((await uow.session.execute(select(Customer.name, Customer.code))).all())
            hx = await uow.session.scalar(select(Customer).where(Customer.name == "华星科技"))
            assert hx is not None and "chenzong" in hx.search_text.replace("|", "") and "13912345678" in hx.search_text
        assert codes == {"已有客户": "IT2026001", "华星科技": "IT2026002", "远大集团": "MF2026001",
                         "蓝海物流": "LG2026001"}
        assert await _count(uow, Contact) == 2

        logged = await _count(uow, ChangeLog)
        again = await _run(uow, manager, data, mode="merge")
        assert again.counts["created"] == 0 and again.counts["unchanged"] == 3 and again.counts["merged"] == 0
        assert await _count(uow, Customer) == 4 and await _count(uow, ChangeLog) == logged
        async with uow:
            statuses = list(await uow.session.scalars(select(ImportJob.status).order_by(ImportJob.id)))
        assert statuses == ["done", "done"]


async def test_merge_fills_empty_fields_adds_new_contacts_and_logs_each_change(database: Database) -> None:
    manager = await _manager(database)
    async with unit_of_work(database) as uow:
        await _run(uow, manager, CSV.encode())
        update = ("客户名称,区域,联系人,邮箱,电话\r\n华星科技,北京,周经理,zhou@hx.cn,\r\n蓝海物流,深圳,,,\r\n"
                  "远大集团,天津,李工,,13812345678\r\n新客户,,,,\r\n").encode()
        outcome = await _run(uow, manager, update, mode="merge")
        assert (outcome.counts["merged"], outcome.counts["unchanged"], outcome.counts["created"]) == (2, 1, 1)
        async with uow:
            regions = dict((await uow.session.execute(select(Customer.name, Customer.region))).all())
            changes = (await uow.session.execute(select(ChangeLog.field, ChangeLog.old_value, ChangeLog.new_value,
                                                        ChangeLog.reason).order_by(ChangeLog.id))).all()
        assert regions["华星科技"] == "上海" and regions["远大集团"] == "天津" and regions["蓝海物流"] == "广州"
        assert [tuple(c) for c in changes] == [("contact", None, "周经理 · zhou@hx.cn", "import 客户.csv"),
                                               ("region", None, "天津", "import 客户.csv")]


async def test_a_failing_batch_leaves_earlier_batches_and_marks_the_job_failed(database: Database) -> None:
    manager = await _manager(database)
    async with unit_of_work(database) as uow:
        preview, _ = await imports.plan_import(uow, manager, CSV.encode(), file_name="a.csv", file_id="f",
                                               chat_id=1, industries=DEFAULT_INDUSTRIES, now=NOW)
        job = await imports.begin(uow, manager, preview.job_id, progress_message_id=None)

        async def explode(done: int, total: int) -> None:
            if done >= 2:
                raise RuntimeError("network gone")

        with pytest.raises(RuntimeError):
            await import_run.run_import(uow, manager, job, CSV.encode(), industries=DEFAULT_INDUSTRIES, now=NOW,
                                        progress=explode, batch_rows=2)
        stored = await imports.stored_job(uow, job.id)
        assert stored is not None and (stored.status, stored.done_rows, stored.created_count) == ("failed", 2, 2)
        assert await _count(uow, Customer) == 2
        with pytest.raises(ImportExpired):  # a forged or stale Confirm finds nothing to start
            await imports.begin(uow, manager, job.id, progress_message_id=None)


async def test_a_changed_file_is_refused_and_interrupted_jobs_are_marked_failed(database: Database) -> None:
    manager = await _manager(database)
    async with unit_of_work(database) as uow:
        preview, _ = await imports.plan_import(uow, manager, CSV.encode(), file_name="a.csv", file_id="f",
                                               chat_id=1, industries=DEFAULT_INDUSTRIES, now=NOW)
        job: ImportJobRecord = await imports.begin(uow, manager, preview.job_id, progress_message_id=None)

        async def nothing(done: int, total: int) -> None:
            return None

        with pytest.raises(ImportExpired):
            await import_run.run_import(uow, manager, job, b"other", industries=DEFAULT_INDUSTRIES, now=NOW,
                                        progress=nothing)
        assert await _count(uow, Customer) == 0
        async with uow:
            await uow.spreadsheets.update_job(job.id, {"status": "running"})
            await uow.commit()
        interrupted = await imports.fail_interrupted(uow, now=NOW)
        assert [(j.id, u.id) for j, u in interrupted] == [(job.id, manager.id)]
        assert (await imports.stored_job(uow, job.id)).status == "failed"  # type: ignore[union-attr]


async def test_export_rows_leave_out_deleted_and_rejected_customers(database: Database) -> None:
    manager = await _manager(database)
    async with unit_of_work(database) as uow:
        await _run(uow, manager, CSV.encode())
        async with uow:
            ids = dict((await uow.session.execute(select(Customer.name, Customer.id))).all())
            await uow.customers.soft_delete(ids["远大集团"], by=manager.id, now=NOW)
            await uow.session.execute(update(Customer).where(Customer.id == ids["蓝海物流"])
                                      .values(review_status="rejected"))
            await uow.commit()
        rows = await exports.export_rows(uow, manager)
        assert [(r.code, r.name, r.contact_name, r.contact_phone, r.owner) for r in rows] == [
            ("IT2026001", "华星科技", "陈总", "+8613912345678", "王经理")]

