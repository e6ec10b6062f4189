"""Contacts (联系人): several per customer, one primary; a contact who left stays on record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.phones import national_digits
from bot.domain.records import ContactFields, ContactRecord
from storage.tables import Contact

CONTACT_FIELDS = ("name", "title", "phone", "email")


def to_contact_record(row: Contact) -> ContactRecord:
    """Row → plain record."""
    return ContactRecord(id=row.id, customer_id=row.customer_id, name=row.name, title=row.title, phone=row.phone,
                         email=row.email, is_primary=row.is_primary, left_at=row.left_at)


class SqlContactRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, contact_id: int) -> ContactRecord | None:
        """One contact by id."""
        row = await self.session.get(Contact, contact_id)
        return to_contact_record(row) if row else None

    async def of_customer(self, customer_id: int) -> list[ContactRecord]:
        """A customer's contacts: primary first, those who left last."""
        stmt = (select(Contact).where(Contact.customer_id == customer_id)
                .order_by(Contact.is_primary.desc(), Contact.left_at.is_not(None), Contact.id))
        return [to_contact_record(row) for row in await self.session.scalars(stmt)]

    async def add(self, customer_id: int, fields: ContactFields, *, primary: bool, now: datetime) -> ContactRecord:
        """Insert a contact; a new primary takes over from the old one."""
        if primary:
            await self._clear_primary(customer_id)
        row = Contact(customer_id=customer_id, name=fields.name, title=fields.title, phone=fields.phone,
                      email=fields.email, phone_digits=national_digits(fields.phone) if fields.phone else None,
                      is_primary=primary, created_at=now)
        self.session.add(row)
        await self.session.flush()
        return to_contact_record(row)

    async def update(self, contact_id: int, changes: dict[str, str | None]) -> None:
        """Change name, title, phone (E.164) or e-mail."""
        unknown = set(changes) - set(CONTACT_FIELDS)
        if unknown:
            raise ValueError(f"not a contact field: {sorted(unknown)}")
        values: dict[str, object] = dict(changes)
        if "phone" in changes:
            phone = changes["phone"]
            values["phone_digits"] = national_digits(phone) if phone else None
        await self.session.execute(update(Contact).where(Contact.id == contact_id).values(**values))

    async def set_primary(self, customer_id: int, contact_id: int) -> None:
        """Make one contact the primary (主要对接人)."""
        await self._clear_primary(customer_id)
        await self.session.execute(update(Contact).where(Contact.id == contact_id).values(is_primary=True))

    async def mark_left(self, contact_id: int, *, now: datetime) -> None:
        """离职: keep the contact, but not as primary."""
        await self.session.execute(update(Contact).where(Contact.id == contact_id)
                                   .values(left_at=now, is_primary=False))

    async def _clear_primary(self, customer_id: int) -> None:
        await self.session.execute(update(Contact).where(Contact.customer_id == customer_id)
                                   .values(is_primary=False))
