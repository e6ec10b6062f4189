"""Admins review new customers when review is on: pending (待审核) → approved or rejected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.enums import Role
from bot.domain.records import CustomerProfile, UserRecord
from bot.services.errors import NotAllowed, ServiceError
from bot.services.ports import UnitOfWork

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
REASONS = {APPROVED: "approved in review", REJECTED: "rejected in review"}


class ReviewNotFound(ServiceError):
    key = "newcust.review_unknown"


class AlreadyDecided(ServiceError):
    """`status` is the decision already taken (approved / rejected)."""

    key = "newcust.review_already"


@dataclass(frozen=True)
class Decision:
    profile: CustomerProfile
    status: str  # approved / rejected
    owner: UserRecord | None  # to tell the outcome


def _require_admin(user: UserRecord) -> None:
    if user.role != Role.ADMIN:
        raise NotAllowed()


async def pending(uow: UnitOfWork, admin: UserRecord, *, limit: int = 10) -> tuple[list[CustomerProfile], int]:
    """The oldest customers waiting for review (with owner and contacts), and how many wait in all."""
    _require_admin(admin)
    async with uow:
        waiting = await uow.customers.pending_review(limit=500)
        profiles = [p for c in waiting[:limit] if (p := await uow.customers.profile(c.id)) is not None]
    return profiles, len(waiting)


async def profile(uow: UnitOfWork, customer_id: int) -> CustomerProfile:
    """One customer's profile for a review message; ReviewNotFound when it does not exist."""
    async with uow:
        found = await uow.customers.profile(customer_id)
    if found is None:
        raise ReviewNotFound()
    return found


async def decide(uow: UnitOfWork, admin: UserRecord, customer_id: int, *, approve: bool,
                 now: datetime) -> Decision:
    """Approve or reject a pending customer and record it in the change log; a second decision is refused."""
    _require_admin(admin)
    status = APPROVED if approve else REJECTED
    async with uow:
        found = await uow.customers.profile(customer_id)
        if found is None or found.deleted_at is not None:
            raise ReviewNotFound()
        if found.review_status != PENDING:
            raise AlreadyDecided(status=found.review_status)
        if not await uow.customers.set_review_status(customer_id, status, now=now):
            # Another admin decided between our read and our write: say what they decided.
            current = await uow.customers.profile(customer_id)
            raise AlreadyDecided(status=current.review_status if current else status)
        await uow.changes.add(entity="customer", entity_id=customer_id, field="review_status", old=PENDING,
                              new=status, reason=REASONS[status], user_id=admin.id, now=now)
        owner = await uow.users.get(found.owner_id)
        await uow.commit()
    return Decision(profile=found, status=status, owner=owner)
