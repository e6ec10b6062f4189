"""The customer card, its change history, field edits with a reason, soft delete and restore."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.card import CardExtras
from bot.domain.deals import TierInfo
from bot.domain.enums import CustomerStatus, Lifecycle, Role
from bot.domain.feedback import FeedbackSummary
from bot.domain.industries import Industry, match_industry
from bot.domain.lifecycle import CustomerFacts, derive
from bot.domain.records import ChangeRecord, CustomerProfile, CustomerRecord, UserRecord
from bot.services.customers import get_visible
from bot.services.errors import CustomerNotFound, NotAllowed, ServiceError
from bot.services.feedback import feedback_summary
from bot.services.ports import UnitOfWork

RESTORE_WINDOW = timedelta(days=90)
RECENT_CONTACTS = 5
FIELD_LIMITS = {"name": 200, "industry": 40, "size": 100, "revenue": 100, "region": 100, "address": 500,
                "source": 40, "background": 2000}
MAX_REASON = 500
CLEAR = ("-", "—", "无", "none", "clear")


class BadValue(ServiceError):
    key = "cust.bad_value"


class BadIndustry(ServiceError):
    key = "cust.bad_industry"


class ReasonRequired(ServiceError):
    key = "cust.reason_required"


class NothingChanged(ServiceError):
    key = "cust.nothing_changed"


class RestoreTooLate(ServiceError):
    key = "cust.restore_too_late"


@dataclass(frozen=True)
class Card:
    profile: CustomerProfile
    extras: CardExtras
    tier: TierInfo
    deal_stages: tuple[str, ...]  # every deal's stage, oldest first: the lifecycle comes from these
    last_outcome: str | None  # 'won' / 'lost': the most recently closed deal
    feedback: FeedbackSummary | None = None

    def lifecycle(self, *, now: datetime, cadence_days: Mapping[str, int]) -> tuple[Lifecycle, CustomerStatus]:
        """The lifecycle phase and active/dormant status at `now`, with the cadence of the tier in force."""
        outcome = self.last_outcome if self.last_outcome in ("won", "lost") else None
        facts = CustomerFacts(last_contact_at=self.profile.last_contact_at, created_at=self.profile.created_at,
                              deal_stages=self.deal_stages, last_deal_outcome=outcome,  # type: ignore[arg-type]
                              cadence_days=cadence_days.get(self.tier.effective(now), 30))
        return derive(facts, now=now)


async def card(uow: UnitOfWork, user: UserRecord, customer_id: int) -> Card:
    """Profile, contacts, open deals, last contacts, next step and open complaints of a visible customer."""
    await get_visible(uow, user, customer_id)
    async with uow:
        profile = await uow.customers.profile(customer_id)
        if profile is None:
            raise CustomerNotFound()
        extras = await uow.cards.extras(customer_id, recent=RECENT_CONTACTS)
        deals = await uow.deals.of_customer(customer_id)
        return Card(profile, extras, await uow.deals.tier_info(customer_id), tuple(d.stage for d in deals),
                    await uow.deals.last_outcome(customer_id), await feedback_summary(uow, customer_id))


async def history(uow: UnitOfWork, user: UserRecord, customer_id: int, *, offset: int = 0,
                  limit: int = 10) -> list[ChangeRecord]:
    """The change log (更新记录) of a visible customer, newest first."""
    await get_visible(uow, user, customer_id)
    async with uow:
        return await uow.cards.history(customer_id, limit=limit, offset=max(offset, 0))


def clean_reason(reason: str) -> str:
    """The reason as stored; ReasonRequired when it is empty."""
    text = " ".join(reason.split())
    if len(text) < 2:
        raise ReasonRequired()
    return text[:MAX_REASON]


def clean_value(field: str, raw: str, industries: tuple[Industry, ...]) -> str | None:
    """Validate a typed value for `field`; "-" clears an optional field."""
    if field not in FIELD_LIMITS:
        raise BadValue(limit=0)
    text = " ".join(raw.split()) if field != "background" else raw.strip()
    if field == "industry":
        industry = match_industry(text, industries)
        if industry is None:
            raise BadIndustry()
        return industry.code
    if text.lower() in CLEAR:
        if field == "name":
            raise BadValue(limit=FIELD_LIMITS[field])
        return None
    if len(text) > FIELD_LIMITS[field] or (field == "name" and len(text) < 2):
        raise BadValue(limit=FIELD_LIMITS[field])
    return text


async def edit_field(uow: UnitOfWork, user: UserRecord, customer_id: int, field: str, value: str | None,
                     reason: str, *, now: datetime) -> CustomerProfile:
    """Change one profile field and write who, when, old → new and why into the change log."""
    why = clean_reason(reason)
    await get_visible(uow, user, customer_id)
    async with uow:
        before = await uow.customers.profile(customer_id)
        if before is None:
            raise CustomerNotFound()
        old = getattr(before.fields, field)
        if old == value:
            raise NothingChanged()
        await uow.customers.update_fields(customer_id, {field: value}, now=now)
        await uow.changes.add(entity="customer", entity_id=customer_id, field=field, old=old, new=value,
                              reason=why, user_id=user.id, now=now)
        await uow.commit()
        after = await uow.customers.profile(customer_id)
    assert after is not None
    return after


async def delete(uow: UnitOfWork, user: UserRecord, customer_id: int, reason: str, *,
                 now: datetime) -> CustomerRecord:
    """Soft delete: hidden everywhere, restorable by an admin for 90 days."""
    why = clean_reason(reason)
    customer = await get_visible(uow, user, customer_id)
    if customer.owner_id != user.id and not user.is_manager:
        raise NotAllowed()
    async with uow:
        await uow.customers.soft_delete(customer_id, by=user.id, now=now)
        await uow.changes.add(entity="customer", entity_id=customer_id, field="deleted", old=None,
                              new=now.isoformat(), reason=why, user_id=user.id, now=now)
        await uow.commit()
    return customer


async def deleted(uow: UnitOfWork, admin: UserRecord, *, now: datetime, limit: int = 20) -> list[CustomerRecord]:
    """Customers deleted in the last 90 days (admins only)."""
    if admin.role != Role.ADMIN:
        raise NotAllowed()
    async with uow:
        return await uow.customers.deleted_since(now - RESTORE_WINDOW, limit=limit)


async def restore(uow: UnitOfWork, admin: UserRecord, customer_id: int, *, now: datetime) -> CustomerRecord:
    """Bring back a customer deleted less than 90 days ago (admins only)."""
    if admin.role != Role.ADMIN:
        raise NotAllowed()
    async with uow:
        customer = await uow.customers.get(customer_id)
        profile = await uow.customers.profile(customer_id)
        if customer is None or profile is None or profile.deleted_at is None:
            raise CustomerNotFound()
        if now - profile.deleted_at > RESTORE_WINDOW:
            raise RestoreTooLate()
        await uow.customers.restore(customer_id, now=now)
        await uow.changes.add(entity="customer", entity_id=customer_id, field="deleted",
                              old=profile.deleted_at.isoformat(), new=None, reason="restored", user_id=admin.id,
                              now=now)
        await uow.commit()
    return customer
