"""Creating a customer from the /new form: the duplicate check (撞单) and the review status (待审核)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.enums import Role
from bot.domain.phones import national_digits
from bot.domain.records import ContactFields, CustomerFields, CustomerRecord, UserRecord
from bot.services import org_settings
from bot.services.customers import add_customer
from bot.services.duplicates import find_duplicates
from bot.services.errors import ServiceError
from bot.services.ports import UnitOfWork

CREATED = "created in chat"
OVERRIDE = "created despite possible duplicate of {ids}"


@dataclass(frozen=True)
class Match:
    """A customer the new one may be. For one outside the user's scope only name and owner are filled."""

    customer_id: int
    name: str
    owner_name: str
    visible: bool
    reason: str  # name / phone / email
    code: str | None = None  # visible ones only


class PossibleDuplicate(ServiceError):
    """Saving stopped: these customers may be the same company and the user has not confirmed yet."""

    key = "newcust.dup_title"

    def __init__(self, matches: Sequence[Match]) -> None:
        super().__init__()
        self.matches = tuple(matches)


@dataclass(frozen=True)
class Created:
    customer: CustomerRecord
    pending: bool  # waiting for an admin's review
    overridden: tuple[int, ...]  # possible duplicates the user chose to ignore
    reviewers: tuple[UserRecord, ...]  # admins to tell when pending


async def matches(uow: UnitOfWork, user: UserRecord, name: str, *, phone: str | None = None,
                  email: str | None = None) -> list[Match]:
    """Possible duplicates by name, phone (E.164) and e-mail; details only for customers the user may see."""
    found = await find_duplicates(uow, user, name, phones=[national_digits(phone)] if phone else [],
                                  emails=[email] if email else [], fuzzy=True)
    result: list[Match] = []
    async with uow:
        for duplicate in found:
            hit = duplicate.hit
            if not duplicate.visible:
                result.append(Match(hit.customer_id, hit.name, duplicate.owner_name, False, hit.reason))
                continue
            record = await uow.customers.get(hit.customer_id)
            result.append(Match(hit.customer_id, hit.name, duplicate.owner_name, True, hit.reason,
                                record.code if record else None))
    return result


async def create(uow: UnitOfWork, user: UserRecord, fields: CustomerFields, contact: ContactFields | None, *,
                 now: datetime, acknowledged: Collection[int] = ()) -> Created:
    """Check for duplicates once more, then write customer, contact and change log in one transaction.

    PossibleDuplicate when a match turns up that the user has not seen yet (`acknowledged` holds those
    they chose to ignore). With review on, a rep's customer starts as pending; an admin's is approved.
    """
    found = await matches(uow, user, fields.name, phone=contact.phone if contact else None,
                          email=contact.email if contact else None)
    unseen = [m for m in found if m.customer_id not in acknowledged]
    if unseen:
        raise PossibleDuplicate(unseen)
    overridden = tuple(sorted(m.customer_id for m in found))
    settings = await org_settings.load(uow)
    pending = settings.review_new_customers and user.role != Role.ADMIN
    reason = OVERRIDE.format(ids=", ".join(f"#{i}" for i in overridden)) if overridden else CREATED
    async with uow:
        customer = await add_customer(uow, user, fields.name, now=now, industry=fields.industry, fields=fields,
                                      contact=contact, review_status="pending" if pending else "approved",
                                      reason=reason)
        await uow.commit()
    reviewers: tuple[UserRecord, ...] = ()
    if pending:
        async with uow:
            members = await uow.users.team_members(None)
        reviewers = tuple(m for m in members if m.role == Role.ADMIN and m.active and m.id != user.id)
    return Created(customer=customer, pending=pending, overridden=overridden, reviewers=reviewers)
