"""Complaints and satisfaction feedback: queries and writes."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain.feedback import SEVERITY_RANK, ComplaintRecord, ComplaintStatus
from storage.tables import Complaint, Customer, User

_Handler = aliased(User)
_Author = aliased(User)
_SELECT = (select(Complaint, Customer.name, Customer.owner_id, _Handler.name, _Author.name)
           .join(Customer, Customer.id == Complaint.customer_id)
           .outerjoin(_Handler, _Handler.id == Complaint.handler_id)
           .outerjoin(_Author, _Author.id == Complaint.created_by))


def _record(c: Complaint, customer: str, owner_id: int, handler: str | None, author: str | None) -> ComplaintRecord:
    return ComplaintRecord(c.id, c.customer_id, customer, owner_id, c.content, c.severity, c.handler_id, handler,
                           c.status, c.resolution, c.received_at, c.resolved_at, author)


class SqlComplaintRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_complaint(self, *, customer_id: int, content: str, severity: str, handler_id: int,
                            created_by: int, now: datetime) -> int:
        """A new open complaint."""
        row = Complaint(customer_id=customer_id, received_at=now, kind="complaint", content=content,
                        severity=severity, handler_id=handler_id, status=ComplaintStatus.OPEN.value,
                        created_by=created_by, updated_at=now)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def add_feedback(self, *, customer_id: int, score: int, comment: str, created_by: int,
                           now: datetime) -> int:
        """A satisfaction score; feedback needs no handling, so it is stored as resolved."""
        row = Complaint(customer_id=customer_id, received_at=now, kind="feedback", content=comment,
                        satisfaction=score, status=ComplaintStatus.RESOLVED.value, resolved_at=now,
                        created_by=created_by, updated_at=now)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def get(self, complaint_id: int) -> ComplaintRecord | None:
        """The complaint (not feedback) with its customer, handler and author names."""
        row = (await self.session.execute(
            _SELECT.where(Complaint.id == complaint_id, Complaint.kind == "complaint"))).first()
        return _record(*row) if row else None

    async def open_for(self, owner_ids: Collection[int] | None, *, handler_id: int,
                       limit: int) -> list[ComplaintRecord]:
        """Unresolved complaints on live customers of these owners (None: all) or handled by `handler_id`."""
        query = _SELECT.where(Complaint.kind == "complaint", Complaint.status != ComplaintStatus.RESOLVED.value,
                              Customer.deleted_at.is_(None))
        if owner_ids is not None:
            query = query.where(or_(Customer.owner_id.in_(owner_ids), Complaint.handler_id == handler_id))
        rank = case(SEVERITY_RANK, value=Complaint.severity, else_=len(SEVERITY_RANK))
        rows = await self.session.execute(
            query.order_by(rank, Complaint.received_at.desc(), Complaint.id.desc()).limit(limit))
        return [_record(*r) for r in rows]

    async def move(self, complaint_id: int, *, sources: Collection[str], status: str, now: datetime,
                   resolution: str | None = None) -> bool:
        """Change the status only if it still is one of `sources` (so a double press applies once)."""
        values: dict[str, Any] = {"status": status, "updated_at": now}
        if status == ComplaintStatus.RESOLVED.value:
            values.update(resolution=resolution, resolved_at=now)
        result = await self.session.execute(
            update(Complaint).where(Complaint.id == complaint_id, Complaint.kind == "complaint",
                                    Complaint.status.in_(list(sources))).values(**values))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def scores(self, customer_id: int) -> list[int]:
        """Every satisfaction score of the customer, oldest first (by when it was given)."""
        given = func.coalesce(Complaint.resolved_at, Complaint.received_at)
        found = await self.session.scalars(
            select(Complaint.satisfaction).where(Complaint.customer_id == customer_id,
                                                 Complaint.satisfaction.is_not(None))
            .order_by(given, Complaint.id))
        return [int(s) for s in found if s is not None]
