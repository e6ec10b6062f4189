"""Customer import, second half: the confirmed run, in batches that each commit all or nothing.

Each batch of rows is one transaction: its customers and contacts go in with two bulk INSERTs, merges
fill empty fields and add new contacts (each change in the change log), and the job's progress is
stored with them. A crash leaves whole batches behind; re-sending the file finds those rows as
duplicates, so a re-run is always safe.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.codes import code_prefix, customer_code
from bot.domain.industries import Industry
from bot.domain.records import UserRecord
from bot.domain.sheet_merge import merge_row
from bot.domain.sheet_plan import CREATE, DUPLICATE, PlanItem
from bot.domain.sheet_records import ImportJobRecord, NewContact, NewCustomer
from bot.domain.sheet_rows import RowProblem
from bot.services.imports import ImportExpired, make_plan, parse
from bot.services.ports import UnitOfWork

BATCH_ROWS = 500
DEFAULT_TIER = "C"
Progress = Callable[[int, int], Awaitable[None]]


@dataclass
class Outcome:
    """What the run did; `left_out` are the rows of the report file (rejected, someone else's, skipped)."""

    total: int
    headers: tuple[str, ...] = ()
    counts: Counter[str] = field(default_factory=Counter)  # created / merged / unchanged / skipped
    left_out: list[RowProblem] = field(default_factory=list)
    done: int = 0


async def run_import(uow: UnitOfWork, user: UserRecord, job: ImportJobRecord, data: bytes, *,
                     industries: Sequence[Industry], now: datetime, progress: Progress,
                     batch_rows: int = BATCH_ROWS) -> Outcome:
    """Plan the file again against today's database and write it batch by batch."""
    outcome = Outcome(total=job.total_rows)
    reason = f"import {job.file_name}"[:200]
    merge = job.duplicate_mode == "merge"
    try:
        if hashlib.sha256(data).hexdigest() != job.file_sha256:
            raise ImportExpired()
        plan = await make_plan(uow, user, await parse(data, job.file_name), industries=industries)
        outcome.total, outcome.headers = len(plan.items), plan.headers
        for start in range(0, len(plan.items), batch_rows):
            batch = plan.items[start:start + batch_rows]
            async with uow:
                await _create(uow, [i for i in batch if i.action == CREATE], outcome, now=now)
                duplicates = [i for i in batch if i.action == DUPLICATE]
                if merge:
                    await _merge(uow, user, duplicates, outcome, reason=reason, now=now)
                else:
                    outcome.counts["skipped"] += len(duplicates)
                outcome.done += len(batch)
                await uow.spreadsheets.update_job(job.id, _progress_values(outcome))
                await uow.commit()
            await progress(outcome.done, outcome.total)
    except Exception:  # a cancelled task (shutdown) stays "running": the next start marks it failed
        async with uow:
            await uow.spreadsheets.update_job(job.id, {**_progress_values(outcome), "status": "failed",
                                                       "finished_at": now})
            await uow.commit()
        raise
    outcome.left_out = _left_out(plan.items, merge)
    async with uow:
        await uow.spreadsheets.update_job(job.id, {**_progress_values(outcome), "status": "done", "finished_at": now,
                                                   "rejected_count": len(outcome.left_out)})
        await uow.commit()
    return outcome


async def _create(uow: UnitOfWork, items: list[PlanItem], outcome: Outcome, *, now: datetime) -> None:
    """Codes come from one max_sequence per prefix (it locks the prefix until commit), then count up."""
    sequences: dict[str, int] = {}
    rows: list[NewCustomer] = []
    for item in items:
        row = item.row
        assert row is not None
        prefix = code_prefix(row.fields.industry, now.year)
        if prefix not in sequences:
            sequences[prefix] = await uow.customers.max_sequence(prefix)
        sequences[prefix] += 1
        rows.append(NewCustomer(code=customer_code(row.fields.industry, now.year, sequences[prefix]),
                                owner_id=row.owner_id, tier=row.tier or DEFAULT_TIER, fields=row.fields,
                                contact=row.contact, phone_digits=row.phone_digits))
    await uow.spreadsheets.insert_customers(rows, now=now)
    outcome.counts["created"] += len(rows)


async def _merge(uow: UnitOfWork, user: UserRecord, items: list[PlanItem], outcome: Outcome, *, reason: str,
                 now: datetime) -> None:
    """Fill empty fields and add new contacts; a row that changes nothing counts as unchanged."""
    targets = await uow.spreadsheets.merge_targets([i.target for i in items if i.target is not None])
    contacts: list[NewContact] = []
    for item in items:
        target = targets.get(item.target or 0)
        if target is None or item.row is None:
            outcome.counts["unchanged"] += 1
            continue
        merge = merge_row(target, item.row)
        if merge.changes_nothing:
            outcome.counts["unchanged"] += 1
            continue
        if merge.fields:
            await uow.spreadsheets.fill_fields(target.customer_id, merge.fields, now=now)
        for name, new in merge.fields.items():
            await uow.changes.add(entity="customer", entity_id=target.customer_id, field=name,
                                  old=merge.old.get(name), new=new, reason=reason, user_id=user.id, now=now)
        if merge.contact is not None:
            contacts.append(NewContact(target.customer_id, merge.contact, item.row.phone_digits, merge.primary))
            described = " · ".join(p for p in (merge.contact.name, merge.contact.phone, merge.contact.email) if p)
            await uow.changes.add(entity="customer", entity_id=target.customer_id, field="contact", old=None,
                                  new=described, reason=reason, user_id=user.id, now=now)
        outcome.counts["merged"] += 1
    await uow.spreadsheets.add_contacts(contacts, now=now)
    for contact in contacts:
        await uow.customers.refresh_keys(contact.customer_id)  # the new contact's name and phone become findable


def _progress_values(outcome: Outcome) -> dict[str, int]:
    counts = outcome.counts
    return {"done_rows": outcome.done, "created_count": counts["created"], "merged_count": counts["merged"],
            "skipped_count": counts["skipped"] + counts["unchanged"]}


def _left_out(items: list[PlanItem], merge: bool) -> list[RowProblem]:
    """The report's rows: problems, and in skip mode the duplicates that were skipped."""
    out: list[RowProblem] = []
    for item in items:
        if item.problem is not None:
            out.append(item.problem)
        elif item.action == DUPLICATE and not merge and item.row is not None:
            out.append(RowProblem(item.line, "skipped_duplicate", item.row.cells, {"name": item.target_name or ""}))
    return out
