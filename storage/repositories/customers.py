"""Customers and the plain references the matcher searches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.matching import CustomerRef
from bot.domain.records import CustomerRecord
from storage.tables import Contact, Customer, Interaction


def to_customer_record(row: Customer) -> CustomerRecord:
    """Row → plain record."""
    return CustomerRecord(id=row.id, code=row.code, name=row.name, owner_id=row.owner_id, tier=row.tier,
                          industry=row.industry, latitude=row.latitude, longitude=row.longitude,
                          last_contact_at=row.last_contact_at)


class SqlCustomerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, customer_id: int) -> CustomerRecord | None:
        """One customer by id."""
        row = await self.session.get(Customer, customer_id)
        return to_customer_record(row) if row else None

    async def refs(self, *, owner_ids: frozenset[int] | None) -> list[CustomerRef]:
        """Search references (name, code, contact names) of some owners' customers, or of everyone's."""
        stmt = select(Customer.id, Customer.name, Customer.code).where(Customer.status == "active")
        if owner_ids is not None:
            stmt = stmt.where(Customer.owner_id.in_(owner_ids))
        rows = (await self.session.execute(stmt)).all()
        contacts: dict[int, list[str]] = {}
        contact_stmt = select(Contact.customer_id, Contact.name).join(Customer, Customer.id == Contact.customer_id)
        if owner_ids is not None:
            contact_stmt = contact_stmt.where(Customer.owner_id.in_(owner_ids))
        for customer_id, name in (await self.session.execute(contact_stmt)).all():
            contacts.setdefault(customer_id, []).append(name)
        return [CustomerRef(id=r.id, name=r.name, code=r.code, contacts=tuple(contacts.get(r.id, ())))
                for r in rows]

    async def recent(self, *, user_id: int, limit: int) -> list[CustomerRecord]:
        """The user's customers, most recently contacted (by anyone) first."""
        stmt = (select(Customer).where(Customer.owner_id == user_id, Customer.status == "active")
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

    async def add(self, *, code: str, name: str, industry: str, owner_id: int, tier: str,
                  now: datetime) -> CustomerRecord:
        """Insert a customer."""
        row = Customer(code=code, name=name, industry=industry, owner_id=owner_id, tier=tier, status="active",
                       lifecycle="acquisition", created_at=now, updated_at=now)
        self.session.add(row)
        await self.session.flush()
        return to_customer_record(row)

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
