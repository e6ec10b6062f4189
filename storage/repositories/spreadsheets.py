"""Spreadsheet import jobs, bulk inserts and export rows."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.company import name_key
from bot.domain.records import ContactFields
from bot.domain.search_text import search_text
from bot.domain.sheet_records import ImportJobRecord, MergeTarget, NewContact, NewCustomer, OwnerCandidate
from storage.repositories.customers import PROFILE_FIELDS
from storage.repositories.spreadsheet_export import ExportQueries
from storage.tables import Contact, Customer, ImportJob, User


def to_job_record(row: ImportJob) -> ImportJobRecord:
    """Row → plain record."""
    return ImportJobRecord(id=row.id, user_id=row.user_id, file_name=row.file_name, file_id=row.file_id,
                           file_sha256=row.file_sha256, status=row.status, duplicate_mode=row.duplicate_mode,
                           total_rows=row.total_rows, done_rows=row.done_rows, chat_id=row.chat_id,
                           progress_message_id=row.progress_message_id, detail=dict(row.detail or {}),
                           created_at=row.created_at, finished_at=row.finished_at, created_count=row.created_count,
                           merged_count=row.merged_count, skipped_count=row.skipped_count,
                           rejected_count=row.rejected_count)


def contact_values(customer_id: int, contact: ContactFields, digits: str | None, *, primary: bool,
                   now: datetime) -> dict[str, Any]:
    """The column values of one contact row."""
    return {"customer_id": customer_id, "name": contact.name, "title": contact.title, "phone": contact.phone,
            "email": contact.email, "phone_digits": digits, "is_primary": primary, "created_at": now}


def customer_values(rows: Sequence[NewCustomer], now: datetime) -> list[dict[str, Any]]:
    """The column values of new customers, keys included."""
    values = []
    for new in rows:
        contact, digits = new.contact, new.phone_digits
        values.append({
            **{f: getattr(new.fields, f) for f in PROFILE_FIELDS}, "code": new.code, "owner_id": new.owner_id,
            "tier": new.tier, "status": "active", "lifecycle": "acquisition", "review_status": "approved",
            "name_key": name_key(new.fields.name), "created_at": now, "updated_at": now,
            "search_text": search_text(name=new.fields.name, code=new.code, contacts=[contact.name] if contact else [],
                                       phones=[digits] if digits else []),
        })
    return values


class SqlSpreadsheetRepository(ExportQueries):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def owner_candidates(self, owner_ids: frozenset[int] | None) -> list[OwnerCandidate]:
        """Active users an import row may name as owner (everyone active when owner_ids is None)."""
        stmt = select(User.id, User.name, User.username, User.telegram_id).where(User.active.is_(True))
        if owner_ids is not None:
            stmt = stmt.where(User.id.in_(owner_ids))
        return [OwnerCandidate(r.id, r.name, r.username, r.telegram_id) for r in await self.session.execute(stmt)]

    async def user_names(self) -> dict[int, str]:
        """Every user's display name by id."""
        return {r.id: r.name for r in await self.session.execute(select(User.id, User.name))}

    async def add_job(self, *, user_id: int, file_name: str, file_id: str, file_sha256: str, total_rows: int,
                      chat_id: int | None, detail: dict[str, Any], now: datetime) -> int:
        """Remember a dry run until its owner confirms or cancels it."""
        row = ImportJob(user_id=user_id, file_name=file_name[:255], file_id=file_id[:255], file_sha256=file_sha256,
                        status="planned", duplicate_mode="skip", total_rows=total_rows, done_rows=0,
                        chat_id=chat_id, detail=detail, created_at=now)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def get_job(self, job_id: int) -> ImportJobRecord | None:
        """One job by id."""
        row = await self.session.get(ImportJob, job_id, populate_existing=True)
        return to_job_record(row) if row else None

    async def move_job(self, job_id: int, *, user_id: int, from_status: str, to_status: str,
                       values: dict[str, Any] | None = None) -> bool:
        """Change the status only if the job is this user's and still in from_status (a double press loses)."""
        result = await self.session.execute(
            update(ImportJob).where(ImportJob.id == job_id, ImportJob.user_id == user_id,
                                    ImportJob.status == from_status)
            .values(status=to_status, **(values or {})).execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)

    async def update_job(self, job_id: int, values: dict[str, Any]) -> None:
        """Store progress, counts, mode or the outcome."""
        await self.session.execute(update(ImportJob).where(ImportJob.id == job_id).values(**values)
                                   .execution_options(synchronize_session=False))

    async def running_jobs(self) -> list[ImportJobRecord]:
        """Jobs marked running (after a restart: interrupted ones)."""
        stmt = select(ImportJob).where(ImportJob.status == "running").order_by(ImportJob.id)
        return [to_job_record(row) for row in await self.session.scalars(stmt)]

    async def insert_customers(self, rows: Sequence[NewCustomer], *, now: datetime) -> list[int]:
        """Insert customers and their primary contacts in two statements; ids in the order given."""
        if not rows:
            return []
        # pypinyin makes the search text the costly part: a worker thread keeps the event loop answering.
        values = await asyncio.to_thread(customer_values, rows, now)
        # Ids are matched back by code (unique): without sort_by_parameter_order, SQLite batches the INSERT too;
        # render_nulls keeps one statement shape, or the ORM splits the batch wherever a None moves.
        stmt = insert(Customer).returning(Customer.id, Customer.code).execution_options(render_nulls=True)
        ids_by_code = {r.code: r.id for r in await self.session.execute(stmt, values)}
        ids = [ids_by_code[new.code] for new in rows]
        contacts = [contact_values(customer_id, new.contact, new.phone_digits, primary=True, now=now)
                    for customer_id, new in zip(ids, rows, strict=True) if new.contact is not None]
        if contacts:
            await self.session.execute(insert(Contact).execution_options(render_nulls=True), contacts)
        return ids

    async def merge_targets(self, customer_ids: Sequence[int]) -> dict[int, MergeTarget]:
        """The profile fields and known phones/e-mails of the customers a batch merges into."""
        if not customer_ids:
            return {}
        ids = sorted(set(customer_ids))
        columns = [getattr(Customer, f) for f in PROFILE_FIELDS]
        rows = (await self.session.execute(select(Customer.id, *columns).where(Customer.id.in_(ids)))).all()
        known: dict[int, tuple[set[str], set[str], list[int]]] = {i: (set(), set(), []) for i in ids}
        stmt = select(Contact.customer_id, Contact.phone_digits, Contact.email).where(Contact.customer_id.in_(ids))
        for customer_id, digits, email in (await self.session.execute(stmt)).all():
            phones, emails, count = known[customer_id]
            if digits:
                phones.add(digits)
            if email:
                emails.add(email.lower())
            count.append(1)
        return {r.id: MergeTarget(r.id, {f: getattr(r, f) for f in PROFILE_FIELDS}, frozenset(known[r.id][0]),
                                  frozenset(known[r.id][1]), len(known[r.id][2])) for r in rows}

    async def fill_fields(self, customer_id: int, fields: dict[str, str], *, now: datetime) -> None:
        """Write merged profile fields (never the name: the keys stay valid)."""
        unknown = set(fields) - (set(PROFILE_FIELDS) - {"name"})
        if unknown:
            raise ValueError(f"not a fillable field: {sorted(unknown)}")
        await self.session.execute(update(Customer).where(Customer.id == customer_id)
                                   .values(updated_at=now, **fields).execution_options(synchronize_session=False))

    async def add_contacts(self, contacts: Sequence[NewContact], *, now: datetime) -> None:
        """Insert the contacts merges add to customers on file."""
        if contacts:
            await self.session.execute(insert(Contact).execution_options(render_nulls=True), [
                contact_values(c.customer_id, c.fields, c.phone_digits, primary=c.primary, now=now)
                for c in contacts])
