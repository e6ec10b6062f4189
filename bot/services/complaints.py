"""Customer complaints (客户投诉): record, list, view, move open → in progress → resolved.

A high-severity complaint names who must hear of it at once: the managers of the owner's team, or the
admins when that team has no manager; never the person who recorded it. Sending is the handler's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.enums import Role
from bot.domain.feedback import (
    MAX_TEXT,
    MIN_TEXT,
    ComplaintRecord,
    ComplaintStatus,
    Severity,
    can_move,
    sources_of,
)
from bot.domain.records import CustomerRecord, UserRecord
from bot.services.customers import get_visible
from bot.services.errors import CustomerNotFound, NotAllowed, ServiceError
from bot.services.feedback import FeedbackSummary, feedback_summary, record_feedback
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners

# feedback_summary is re-exported: the customer card takes it from here.
__all__ = ["AlreadyResolved", "BadChoice", "BadText", "ChangedMeanwhile", "ComplaintNotFound", "ComplaintRecord",
           "ComplaintStatus", "FeedbackSummary", "Recorded", "check_changeable", "clean_text", "feedback_summary",
           "get_complaint", "handler_choices", "open_complaints", "record_complaint", "record_feedback", "resolve",
           "start_handling"]
LIST_LIMIT = 10


class ComplaintNotFound(ServiceError):
    key = "complaint.not_found"


class BadText(ServiceError):
    key = "complaint.bad_text"


class BadChoice(ServiceError):
    key = "complaint.bad_choice"


class AlreadyResolved(ServiceError):
    key = "complaint.already_resolved"


class ChangedMeanwhile(ServiceError):
    key = "complaint.changed_meanwhile"


@dataclass(frozen=True)
class Recorded:
    complaint: ComplaintRecord
    notify: tuple[UserRecord, ...]  # who must hear of it at once (high severity only)


def clean_text(raw: str) -> str:
    """A complaint's content or resolution: trimmed, 2–2000 characters."""
    text = raw.strip()
    if not MIN_TEXT <= len(text) <= MAX_TEXT:
        raise BadText(limit=MAX_TEXT)
    return text


async def handler_choices(uow: UnitOfWork, user: UserRecord, customer_id: int) -> list[UserRecord]:
    """Who may handle a complaint on this customer: the owner first, then the other active members of their team."""
    customer = await get_visible(uow, user, customer_id)
    async with uow:
        owner = await uow.users.get(customer.owner_id)
        if owner is None:
            raise CustomerNotFound()
        # team_members(None) would mean everyone: an owner without a team is the only choice.
        team = await uow.users.team_members(owner.team_id) if owner.team_id is not None else []
    return [owner, *(m for m in team if m.id != owner.id)]


async def record_complaint(uow: UnitOfWork, user: UserRecord, customer_id: int, *, content: str, severity: str,
                           handler_id: int, now: datetime) -> Recorded:
    """Save an open complaint; for a high one, also say whom to notify."""
    text = clean_text(content)
    if severity not in {s.value for s in Severity}:
        raise BadChoice()
    choices = await handler_choices(uow, user, customer_id)
    if handler_id not in {c.id for c in choices}:
        raise BadChoice()
    async with uow:
        complaint_id = await uow.complaints.add_complaint(customer_id=customer_id, content=text, severity=severity,
                                                          handler_id=handler_id, created_by=user.id, now=now)
        await uow.commit()
        record = await uow.complaints.get(complaint_id)
        assert record is not None
        notify = await _escalation(uow, choices[0], user) if severity == Severity.HIGH.value else ()
    return Recorded(record, tuple(notify))


async def _escalation(uow: UnitOfWork, owner: UserRecord, author: UserRecord) -> list[UserRecord]:
    managers = ([m for m in await uow.users.team_members(owner.team_id) if m.role == Role.MANAGER]
                if owner.team_id is not None else [])
    if not managers:
        managers = [m for m in await uow.users.team_members(None) if m.role == Role.ADMIN]
    return [m for m in managers if m.id != author.id]


async def get_complaint(uow: UnitOfWork, user: UserRecord, complaint_id: int) -> ComplaintRecord:
    """A complaint the user may see: on a visible customer, or handed to them; ComplaintNotFound otherwise."""
    async with uow:
        record = await uow.complaints.get(complaint_id)
    if record is None:
        raise ComplaintNotFound()
    if record.handler_id == user.id:
        return record
    try:
        await get_visible(uow, user, record.customer_id)
    except CustomerNotFound:
        raise ComplaintNotFound() from None
    return record


async def open_complaints(uow: UnitOfWork, user: UserRecord, *, limit: int = LIST_LIMIT) -> list[ComplaintRecord]:
    """Unresolved complaints in the user's scope (and those handed to them), most severe and newest first."""
    owners = await visible_owners(uow, user)
    async with uow:
        return await uow.complaints.open_for(owners, handler_id=user.id, limit=limit)


async def start_handling(uow: UnitOfWork, user: UserRecord, complaint_id: int, *, now: datetime) -> ComplaintRecord:
    """open → in progress."""
    return await _move(uow, user, complaint_id, ComplaintStatus.IN_PROGRESS, now=now)


async def resolve(uow: UnitOfWork, user: UserRecord, complaint_id: int, resolution: str, *,
                  now: datetime) -> ComplaintRecord:
    """→ resolved, with the resolution text and today's date."""
    return await _move(uow, user, complaint_id, ComplaintStatus.RESOLVED, now=now, resolution=clean_text(resolution))


async def check_changeable(uow: UnitOfWork, user: UserRecord, complaint_id: int,
                           target: ComplaintStatus) -> ComplaintRecord:
    """The complaint, if the user may move it to `target` now (handler, owner, or a manager in scope)."""
    record = await get_complaint(uow, user, complaint_id)
    if user.id not in (record.handler_id, record.owner_id) and not (user.is_manager and await _sees(uow, user, record)):
        raise NotAllowed()
    if record.status == ComplaintStatus.RESOLVED.value:
        raise AlreadyResolved()
    if not can_move(record.status, target):
        raise ChangedMeanwhile()
    return record


async def _sees(uow: UnitOfWork, user: UserRecord, record: ComplaintRecord) -> CustomerRecord | None:
    try:
        return await get_visible(uow, user, record.customer_id)
    except CustomerNotFound:
        return None


async def _move(uow: UnitOfWork, user: UserRecord, complaint_id: int, target: ComplaintStatus, *, now: datetime,
                resolution: str | None = None) -> ComplaintRecord:
    await check_changeable(uow, user, complaint_id, target)
    async with uow:
        # Conditional on the status still allowing the move: of two quick presses only one applies.
        moved = await uow.complaints.move(complaint_id, sources=sources_of(target), status=target.value, now=now,
                                          resolution=resolution)
        if not moved:
            raise ChangedMeanwhile()
        await uow.commit()
        record = await uow.complaints.get(complaint_id)
    assert record is not None
    return record
