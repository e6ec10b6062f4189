"""Finding and creating customers a rep can log against."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.codes import code_prefix, customer_code, industry_abbreviation
from bot.domain.matching import CustomerIndex, Match
from bot.domain.records import ContactFields, CustomerFields, CustomerRecord, UserRecord
from bot.services.errors import CustomerNotFound
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners

MAX_NAME = 200


async def customer_index(uow: UnitOfWork, user: UserRecord) -> CustomerIndex:
    """A fuzzy index over the customers `user` may log against (own, or the team's for a manager)."""
    owners = await visible_owners(uow, user)
    async with uow:
        return CustomerIndex(await uow.customers.refs(owner_ids=owners))


async def search(uow: UnitOfWork, user: UserRecord, query: str, *, limit: int = 6) -> list[Match]:
    """Customers matching a name, a code, pinyin initials or a contact."""
    index = await customer_index(uow, user)
    return index.search(query, limit=limit)


async def recent(uow: UnitOfWork, user: UserRecord, *, limit: int = 6) -> list[CustomerRecord]:
    """The user's most recently contacted customers."""
    async with uow:
        return await uow.customers.recent(user_id=user.id, limit=limit)


async def get_visible(uow: UnitOfWork, user: UserRecord, customer_id: int) -> CustomerRecord:
    """A customer the user may see; CustomerNotFound otherwise (forged ids included).

    A rep also sees a customer of someone else once a manager handed them a next step on it.
    """
    owners = await visible_owners(uow, user)
    async with uow:
        customer = await uow.customers.get(customer_id)
        if customer is None or customer.deleted or customer.review_status == "rejected":
            raise CustomerNotFound()
        if owners is None or customer.owner_id in owners:
            return customer
        if not await uow.next_actions.owner_has_for(customer.id, user.id):
            raise CustomerNotFound()
        return customer


async def create(uow: UnitOfWork, user: UserRecord, name: str, *, now: datetime,
                 industry: str = "OT", tier: str = "C") -> CustomerRecord:
    """A new customer owned by `user`, with the next free code of its industry and year."""
    async with uow:
        customer = await add_customer(uow, user, name, now=now, industry=industry, tier=tier)
        await uow.commit()
        return customer


async def add_customer(uow: UnitOfWork, user: UserRecord, name: str, *, now: datetime,
                       industry: str = "OT", tier: str = "C", fields: CustomerFields | None = None,
                       contact: ContactFields | None = None, review_status: str = "approved",
                       reason: str = "created while logging") -> CustomerRecord:
    """Add a customer (with its primary contact) inside the caller's transaction (the caller commits)."""
    clean = " ".join(name.split())[:MAX_NAME]
    if len(clean) < 2:
        raise CustomerNotFound()
    if fields is not None:
        fields = replace(fields, name=clean)
        industry = fields.industry
    prefix = code_prefix(industry, now.year)
    sequence = await uow.customers.max_sequence(prefix) + 1
    customer = await uow.customers.add(code=customer_code(industry, now.year, sequence), name=clean,
                                       industry=industry_abbreviation(industry), owner_id=user.id, tier=tier,
                                       now=now, fields=fields, review_status=review_status)
    if contact is not None:
        await uow.contacts.add(customer.id, contact, primary=True, now=now)
        await uow.customers.refresh_keys(customer.id)
    await uow.changes.add(entity="customer", entity_id=customer.id, field="created", old=None, new=clean,
                          reason=reason, user_id=user.id, now=now)
    return customer
