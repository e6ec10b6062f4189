"""Customer import, first half: check the file, plan it (the dry run), and the buttons on the plan.

The plan is kept in an import_jobs row (status planned): the mapping and the counts for the message, and
the Telegram file id. Confirm re-downloads and re-plans against the database as it is then (see
import_run), so nothing large is held in memory between the dry run and the press.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Any

from bot.domain.duplicates import DuplicateIndex
from bot.domain.industries import Industry
from bot.domain.records import UserRecord
from bot.domain.sheet_files import MAX_BYTES, Sheet, SheetProblem, read_sheet
from bot.domain.sheet_plan import CREATE, DUPLICATE, FOREIGN, REJECT, Plan, plan_rows
from bot.domain.sheet_records import ImportJobRecord
from bot.domain.sheet_rows import OwnerDirectory, RowProblem
from bot.services.errors import NotAllowed, ServiceError
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners

MODES = ("skip", "merge")
SAMPLES = 5


class ImportNotAllowed(ServiceError):
    key = "sheet.not_allowed"


class ImportExpired(ServiceError):
    key = "sheet.expired"


class SheetRefused(ServiceError):
    """The file cannot be imported; the text is sheet.err_<problem>."""

    def __init__(self, problem: SheetProblem) -> None:
        super().__init__(**problem.params)
        self.key = f"sheet.err_{problem.key}"


@dataclass(frozen=True)
class Preview:
    """What the dry-run message shows."""

    job_id: int
    file_name: str
    mode: str
    status: str
    mapping: list[tuple[str, str]]
    ignored: list[str]
    counts: dict[str, int]
    samples: list[RowProblem]

    @property
    def importable(self) -> bool:
        """Whether Confirm would do anything."""
        return self.counts.get(CREATE, 0) + self.counts.get(DUPLICATE, 0) > 0


def admit(user: UserRecord, file_size: int | None) -> None:
    """Before downloading: managers and admins only, and no file over 20 MB (Telegram refuses those anyway)."""
    if not user.is_manager:
        raise ImportNotAllowed()
    if file_size is not None and file_size > MAX_BYTES:
        raise too_big()


def too_big() -> SheetRefused:
    """The refusal of a file over Telegram's 20 MB download limit."""
    return SheetRefused(SheetProblem("too_big", limit=MAX_BYTES // (1024 * 1024)))


async def parse(data: bytes, file_name: str) -> Sheet:
    """The sheet in the file, or SheetRefused saying what is wrong with it (parsed off the event loop)."""
    try:
        return await asyncio.to_thread(read_sheet, data, file_name)
    except SheetProblem as problem:
        raise SheetRefused(problem) from None


async def make_plan(uow: UnitOfWork, user: UserRecord, sheet: Sheet, *, industries: Sequence[Industry]) -> Plan:
    """Sort every row against the organisation's customers (read only)."""
    visible = await visible_owners(uow, user)
    async with uow:
        index = DuplicateIndex(await uow.customers.identities())
        owners = OwnerDirectory(await uow.spreadsheets.owner_candidates(visible))
        names = await uow.spreadsheets.user_names()
    # Phone parsing dominates a big file: a worker thread keeps other users' updates flowing meanwhile.
    return await asyncio.to_thread(partial(plan_rows, sheet, index=index, visible=visible, owners=owners,
                                           importer_id=user.id, industries=industries, user_names=names))


async def plan_import(uow: UnitOfWork, user: UserRecord, data: bytes, *, file_name: str, file_id: str,
                      chat_id: int | None, industries: Sequence[Industry], now: datetime) -> tuple[Preview, Plan]:
    """The dry run: parse, plan, and remember the plan as a job waiting for Confirm."""
    if not user.is_manager:
        raise ImportNotAllowed()
    sheet = await parse(data, file_name)
    plan = await make_plan(uow, user, sheet, industries=industries)
    detail: dict[str, Any] = {
        "mapping": [list(pair) for pair in sheet.header.pairs()], "ignored": list(sheet.header.ignored),
        "encoding": sheet.encoding, "counts": {k: plan.counts.get(k, 0) for k in (CREATE, DUPLICATE, FOREIGN, REJECT)},
        "samples": [[p.line, p.key, p.params] for p in plan.problems()[:SAMPLES]],
    }
    async with uow:
        job_id = await uow.spreadsheets.add_job(
            user_id=user.id, file_name=file_name, file_id=file_id, file_sha256=hashlib.sha256(data).hexdigest(),
            total_rows=len(sheet.rows), chat_id=chat_id, detail=detail, now=now)
        preview = _preview(job_id, file_name, "skip", "planned", detail)
        if not preview.importable:
            await uow.spreadsheets.update_job(job_id, {"status": "done", "finished_at": now,
                                                       "rejected_count": len(plan.problems())})
            preview = replace(preview, status="done")
        await uow.commit()
    return preview, plan


def preview_of(job: ImportJobRecord) -> Preview:
    """Rebuild the dry-run message's data from the job (after a mode button)."""
    return _preview(job.id, job.file_name, job.duplicate_mode, job.status, job.detail)


def _preview(job_id: int, file_name: str, mode: str, status: str, detail: dict[str, Any]) -> Preview:
    return Preview(job_id=job_id, file_name=file_name, mode=mode, status=status,
                   mapping=[(h, f) for h, f in detail.get("mapping", [])], ignored=list(detail.get("ignored", [])),
                   counts={k: int(v) for k, v in detail.get("counts", {}).items()},
                   samples=[RowProblem(line, key, (), dict(params)) for line, key, params in detail.get("samples", [])])


async def owned_job(uow: UnitOfWork, user: UserRecord, job_id: int, *, status: str = "planned") -> ImportJobRecord:
    """The user's own job in `status`; ImportExpired for anyone else's, a forged id, or a stale press."""
    async with uow:
        job = await uow.spreadsheets.get_job(job_id)
    if job is None or job.user_id != user.id or job.status != status:
        raise ImportExpired()
    return job


async def stored_job(uow: UnitOfWork, job_id: int) -> ImportJobRecord | None:
    """A job as stored now (its progress after a failed run)."""
    async with uow:
        return await uow.spreadsheets.get_job(job_id)


async def choose_mode(uow: UnitOfWork, user: UserRecord, job_id: int, mode: str) -> Preview:
    """Skip or merge the duplicates (the plan stays waiting for Confirm)."""
    if mode not in MODES:
        raise ImportExpired()
    job = await owned_job(uow, user, job_id)
    async with uow:
        await uow.spreadsheets.update_job(job.id, {"duplicate_mode": mode})
        await uow.commit()
    return _preview(job.id, job.file_name, mode, job.status, job.detail)


async def begin(uow: UnitOfWork, user: UserRecord, job_id: int, *, progress_message_id: int | None) -> ImportJobRecord:
    """Confirm: planned → running, exactly once even when the button is pressed twice."""
    if not user.is_manager:
        raise NotAllowed()
    job = await owned_job(uow, user, job_id)
    async with uow:
        moved = await uow.spreadsheets.move_job(job.id, user_id=user.id, from_status="planned", to_status="running",
                                                values={"progress_message_id": progress_message_id})
        await uow.commit()
    if not moved:
        raise ImportExpired()
    return replace(job, status="running", progress_message_id=progress_message_id)


async def cancel(uow: UnitOfWork, user: UserRecord, job_id: int, *, now: datetime) -> ImportJobRecord:
    """Cancel a planned import; nothing was written."""
    job = await owned_job(uow, user, job_id)
    async with uow:
        moved = await uow.spreadsheets.move_job(job.id, user_id=user.id, from_status="planned",
                                                to_status="cancelled", values={"finished_at": now})
        await uow.commit()
    if not moved:
        raise ImportExpired()
    return job


async def fail_interrupted(uow: UnitOfWork, *, now: datetime) -> list[tuple[ImportJobRecord, UserRecord]]:
    """After a restart: jobs left running are marked failed (re-sending the file finishes them safely)."""
    async with uow:
        jobs = await uow.spreadsheets.running_jobs()
        found = []
        for job in jobs:
            await uow.spreadsheets.update_job(job.id, {"status": "failed", "finished_at": now})
            user = await uow.users.get(job.user_id)
            if user is not None:
                found.append((job, user))
        await uow.commit()
    return found

