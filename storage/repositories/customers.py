"""Customers: the profile, its duplicate and search keys, and the plain references the matcher searches."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.company import name_key
from bot.domain.duplicates import Identity
from bot.domain.matching import CustomerRef
from bot.domain.records import CustomerFields, CustomerProfile, CustomerRecord
from bot.domain.search_text import search_text
from storage.repositories.contacts import to_contact_record
from storage.tables import Contact, Customer, Deal, Interaction, NextAction, User

PROFILE_FIELDS = ("name", "industry", "size", "revenue", "region", "address", "source", "background")


def to_customer_record(row: Customer) -> CustomerRecord:
    """Row → plain record."""
    return CustomerRecord(id=row.id, code=row.code, name=row.name, owner_id=row.owner_id, tier=row.tier,
                          industry=row.industry, latitude=row.latitude, longitude=row.longitude,
                          last_contact_at=row.last_contact_at, review_status=row.review_status,
                          deleted=row.deleted_at is not None)


def live() -> ColumnElement[bool]:
    """Customers that are neither deleted nor rejected in review."""
    return (Customer.deleted_at.is_(None)) & (Customer.review_status != "rejected")


class SqlCustomerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, customer_id: int) -> CustomerRecord | None:
        """One customer by id (deleted ones too: callers decide)."""
        row = await self.session.get(Customer, customer_id)
        return to_customer_record(row) if row else None

    async def profile(self, customer_id: int) -> CustomerProfile | None:
        """The full profile with its contacts (those who left included) and the owner's name."""
        found = (await self.session.execute(select(Customer, User.name).join(User, User.id == Customer.owner_id)
                                            .where(Customer.id == customer_id))).first()
        if found is None:
            return None
        row, owner_name = found
        contacts = await self.session.scalars(select(Contact).where(Contact.customer_id == customer_id)
                                              .order_by(Contact.is_primary.desc(), Contact.left_at.is_not(None),
                                                        Contact.id))
        fields = CustomerFields(**{name: getattr(row, name) for name in PROFILE_FIELDS})
        return CustomerProfile(id=row.id, code=row.code, owner_id=row.owner_id, owner_name=owner_name,
                               fields=fields, tier=row.tier, status=row.status, lifecycle=row.lifecycle,
                               review_status=row.review_status, last_contact_at=row.last_contact_at,
                               created_at=row.created_at, deleted_at=row.deleted_at,
                               contacts=tuple(to_contact_record(c) for c in contacts))

    async def refs(self, *, owner_ids: frozenset[int] | None) -> list[CustomerRef]:
        """Search references (name, code, contact names) of some owners' customers, or of everyone's."""
        stmt = select(Customer.id, Customer.name, Customer.code).where(live())
        if owner_ids is not None:
            stmt = stmt.where(Customer.owner_id.in_(owner_ids))
        rows = (await self.session.execute(stmt)).all()
        contacts: dict[int, list[str]] = {}
        contact_stmt = (select(Contact.customer_id, Contact.name).join(Customer, Customer.id == Contact.customer_id)
                        .where(live()))
        if owner_ids is not None:
            contact_stmt = contact_stmt.where(Customer.owner_id.in_(owner_ids))
        for customer_id, name in (await self.session.execute(contact_stmt)).all():
            contacts.setdefault(customer_id, []).append(name)
        return [CustomerRef(id=r.id, name=r.name, code=r.code, contacts=tuple(contacts.get(r.id, ())))
                for r in rows]

    async def find(self, needles: Sequence[str], *, owner_ids: frozenset[int] | None,
                   limit: int) -> list[CustomerRef]:
        """Live customers whose search text contains any needle: the pre-filter /find ranks afterwards."""
        if not needles:
            return []
        clauses = [Customer.search_text.contains(n, autoescape=True) for n in needles]
        stmt = select(Customer.id, Customer.name, Customer.code).where(live(), or_(*clauses)).limit(limit)
        if owner_ids is not None:
            stmt = stmt.where(Customer.owner_id.in_(owner_ids))
        return await self._with_contacts((await self.session.execute(stmt)).all())

    async def _with_contacts(self, rows: Sequence[Any]) -> list[CustomerRef]:
        if not rows:
            return []
        contacts: dict[int, list[str]] = {}
        contact_stmt = select(Contact.customer_id, Contact.name).where(Contact.customer_id.in_([r.id for r in rows]))
        for customer_id, name in (await self.session.execute(contact_stmt)).all():
            contacts.setdefault(customer_id, []).append(name)
        return [CustomerRef(id=r.id, name=r.name, code=r.code, contacts=tuple(contacts.get(r.id, ())))
                for r in rows]

    async def name_keys(self, *, owner_ids: frozenset[int] | None) -> list[tuple[int, str]]:
        """(id, name key) of live customers: what the typo-tolerant fallback of /find compares."""
        stmt = select(Customer.id, Customer.name_key).where(live())
        if owner_ids is not None:
            stmt = stmt.where(Customer.owner_id.in_(owner_ids))
        return [(r.id, r.name_key) for r in (await self.session.execute(stmt)).all()]

    async def refs_for(self, ids: Sequence[int]) -> list[CustomerRef]:
        """Search references of these customers, with their contact names."""
        if not ids:
            return []
        rows = (await self.session.execute(select(Customer.id, Customer.name, Customer.code)
                                           .where(Customer.id.in_(list(ids))))).all()
        return await self._with_contacts(rows)

    async def count_live(self, *, owner_ids: frozenset[int] | None) -> int:
        """How many live customers these owners have (everyone's when None)."""
        stmt = select(func.count()).select_from(Customer).where(live())
        if owner_ids is not None:
            stmt = stmt.where(Customer.owner_id.in_(owner_ids))
        return int(await self.session.scalar(stmt) or 0)

    async def identities(self) -> list[Identity]:
        """Every live customer's name key, owner, phones and e-mails: what the duplicate check compares."""
        phones: dict[int, list[str]] = {}
        emails: dict[int, list[str]] = {}
        stmt = select(Contact.customer_id, Contact.phone_digits, Contact.email)
        for customer_id, digits, email in (await self.session.execute(stmt)).all():
            if digits:
                phones.setdefault(customer_id, []).append(digits)
            if email:
                emails.setdefault(customer_id, []).append(email.lower())
        rows = (await self.session.execute(select(Customer.id, Customer.name, Customer.owner_id, Customer.name_key)
                                           .where(live()))).all()
        return [Identity(r.id, r.name, r.owner_id, r.name_key, tuple(phones.get(r.id, ())),
                         tuple(emails.get(r.id, ()))) for r in rows]

    async def recent(self, *, user_id: int, limit: int) -> list[CustomerRecord]:
        """The user's customers, most recently contacted (by anyone) first."""
        stmt = (select(Customer).where(Customer.owner_id == user_id, live())
                .order_by(Customer.last_contact_at.desc().nulls_last(), Customer.id.desc()).limit(limit))
        return [to_customer_record(row) for row in await self.session.scalars(stmt)]

    async def max_sequence(self, prefix: str) -> int:
        """The highest sequence number used by codes with this prefix (0 when none).

        On PostgreSQL a transaction-scoped advisory lock per prefix makes two concurrent creations
        take turns, so both cannot pick the same next number (SQLite serialises writers already).
        """
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:prefix))"), {"prefix": prefix})
        codes = await self.session.scalars(select(Customer.code).where(Customer.code.like(f"{prefix}%")))
        numbers = [int(code[len(prefix):]) for code in codes if code[len(prefix):].isdigit()]
        return max(numbers, default=0)

    async def add(self, *, code: str, name: str, industry: str, owner_id: int, tier: str, now: datetime,
                  fields: CustomerFields | None = None, review_status: str = "approved") -> CustomerRecord:
        """Insert a customer (its search text is refreshed once its contacts are in: refresh_keys)."""
        values = {f: getattr(fields, f) for f in PROFILE_FIELDS} if fields else {}
        values.update(name=name, industry=industry)
        row = Customer(code=code, owner_id=owner_id, tier=tier, status="active", lifecycle="acquisition",
                       name_key=name_key(name), search_text=search_text(name=name, code=code),
                       review_status=review_status, created_at=now, updated_at=now, **values)
        self.session.add(row)
        await self.session.flush()
        return to_customer_record(row)

    async def update_fields(self, customer_id: int, changes: dict[str, str | None], *, now: datetime) -> None:
        """Change profile fields (names from PROFILE_FIELDS) and keep the keys in step."""
        unknown = set(changes) - set(PROFILE_FIELDS)
        if unknown:
            raise ValueError(f"not a profile field: {sorted(unknown)}")
        await self.session.execute(update(Customer).where(Customer.id == customer_id)
                                   .values(updated_at=now, **changes))
        if "name" in changes:
            await self.refresh_keys(customer_id)

    async def refresh_keys(self, customer_id: int) -> None:
        """Recompute the name key and search text from the name, code and contacts."""
        row = await self.session.get(Customer, customer_id)
        if row is None:
            return
        contacts = (await self.session.execute(select(Contact.name, Contact.phone_digits)
                                               .where(Contact.customer_id == customer_id))).all()
        row.name_key = name_key(row.name)
        row.search_text = search_text(name=row.name, code=row.code, contacts=[c.name for c in contacts],
                                      phones=[c.phone_digits for c in contacts if c.phone_digits])
        await self.session.flush()

    async def hand_over(self, customer_ids: Sequence[int], owner_id: int, *, now: datetime) -> None:
        """Give customers to another rep with their deals and their open next steps."""
        ids = list(customer_ids)
        await self.session.execute(update(Customer).where(Customer.id.in_(ids))
                                   .values(owner_id=owner_id, updated_at=now))
        await self.session.execute(update(Deal).where(Deal.customer_id.in_(ids))
                                   .values(owner_id=owner_id, updated_at=now))
        await self.session.execute(update(NextAction).where(NextAction.customer_id.in_(ids),
                                                            NextAction.done.is_(False))
                                   .values(owner_id=owner_id))

    async def ids_of_owner(self, owner_id: int) -> list[int]:
        """Live customers a rep owns."""
        stmt = select(Customer.id).where(Customer.owner_id == owner_id, live()).order_by(Customer.id)
        return list(await self.session.scalars(stmt))

    async def soft_delete(self, customer_id: int, *, by: int, now: datetime) -> None:
        """Hide a customer; an admin may restore it (see restore)."""
        await self.session.execute(update(Customer).where(Customer.id == customer_id)
                                   .values(deleted_at=now, deleted_by=by, updated_at=now))

    async def restore(self, customer_id: int, *, now: datetime) -> None:
        """Bring a deleted customer back."""
        await self.session.execute(update(Customer).where(Customer.id == customer_id)
                                   .values(deleted_at=None, deleted_by=None, updated_at=now))

    async def deleted_since(self, since: datetime, *, limit: int) -> list[CustomerRecord]:
        """Deleted customers still restorable, newest deletion first."""
        stmt = (select(Customer).where(Customer.deleted_at.is_not(None), Customer.deleted_at >= since)
                .order_by(Customer.deleted_at.desc()).limit(limit))
        return [to_customer_record(row) for row in await self.session.scalars(stmt)]

    async def pending_review(self, *, limit: int) -> list[CustomerRecord]:
        """New customers waiting for an admin's review (待审核), oldest first."""
        stmt = (select(Customer).where(Customer.review_status == "pending", Customer.deleted_at.is_(None))
                .order_by(Customer.id).limit(limit))
        return [to_customer_record(row) for row in await self.session.scalars(stmt)]

    async def set_review_status(self, customer_id: int, status: str, *, now: datetime) -> bool:
        """Approve or reject a customer still pending; False when someone decided first."""
        result = await self.session.execute(update(Customer).where(Customer.id == customer_id,
                                                                   Customer.review_status == "pending")
                                            .values(review_status=status, updated_at=now))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def touch(self, customer_id: int, *, contact_at: datetime, now: datetime) -> None:
        """Move last contact forward (never backward: a back-dated log must not hide a newer one)."""
        current = await self.session.scalar(select(Customer.last_contact_at).where(Customer.id == customer_id))
        values: dict[str, object] = {"updated_at": now}
        if current is None or contact_at > current:
            values["last_contact_at"] = contact_at
        await self.session.execute(update(Customer).where(Customer.id == customer_id).values(**values))

    async def set_coordinates(self, customer_id: int, latitude: float, longitude: float) -> None:
        """Store where the customer is."""
        await self.session.execute(
            update(Customer).where(Customer.id == customer_id).values(latitude=latitude, longitude=longitude)
        )

    async def recompute_last_contact(self, customer_id: int) -> None:
        """Last contact from the interactions that remain (after an undo)."""
        newest = (select(func.max(Interaction.occurred_at)).where(Interaction.customer_id == customer_id)
                  .scalar_subquery())
        await self.session.execute(update(Customer).where(Customer.id == customer_id)
                                   .values(last_contact_at=newest))
