"""A customer's contacts: add, edit with a reason, make primary, mark as left (离职); never deleted."""

from __future__ import annotations

from datetime import datetime

from bot.domain.phones import InvalidEmail, InvalidPhone, parse_email, parse_phone
from bot.domain.records import ContactFields, ContactRecord, UserRecord
from bot.services.customer_file import NothingChanged, clean_reason
from bot.services.customers import get_visible
from bot.services.errors import CustomerNotFound, ServiceError
from bot.services.ports import UnitOfWork

CONTACT_LIMITS = {"name": 100, "title": 100, "phone": 40, "email": 200}
CLEAR = ("-", "—", "无", "none")


class BadPhone(ServiceError):
    key = "cust.bad_phone"


class BadEmail(ServiceError):
    key = "cust.bad_email"


class BadContactValue(ServiceError):
    key = "cust.bad_contact_value"


def clean_contact_value(field: str, raw: str) -> str | None:
    """Validate a typed contact field: phones become E.164, e-mails lower case, "-" clears (not the name)."""
    text = " ".join(raw.split())
    if field not in CONTACT_LIMITS:
        raise BadContactValue(limit=0)
    if text.lower() in CLEAR and field != "name":
        return None
    if field == "phone":
        try:
            return parse_phone(text).e164
        except InvalidPhone:
            raise BadPhone(value=text[:40]) from None
    if field == "email":
        try:
            return parse_email(text)
        except InvalidEmail:
            raise BadEmail(value=text[:100]) from None
    if not 1 <= len(text) <= CONTACT_LIMITS[field]:
        raise BadContactValue(limit=CONTACT_LIMITS[field])
    return text


async def get_contact(uow: UnitOfWork, user: UserRecord, contact_id: int) -> ContactRecord:
    """A contact of a customer the user may see; forged ids are 'not found'."""
    async with uow:
        found = await uow.contacts.get(contact_id)
    if found is None:
        raise CustomerNotFound()
    await get_visible(uow, user, found.customer_id)
    return found


async def list_contacts(uow: UnitOfWork, user: UserRecord, customer_id: int) -> list[ContactRecord]:
    """All contacts of a visible customer, primary first, those who left last."""
    await get_visible(uow, user, customer_id)
    async with uow:
        return await uow.contacts.of_customer(customer_id)


async def add_contact(uow: UnitOfWork, user: UserRecord, customer_id: int, fields: ContactFields, *,
                      primary: bool, now: datetime) -> ContactRecord:
    """Add a contact (the first one becomes primary) and note it in the change log."""
    await get_visible(uow, user, customer_id)
    async with uow:
        existing = await uow.contacts.of_customer(customer_id)
        first = not any(c.left_at is None for c in existing)
        contact = await uow.contacts.add(customer_id, fields, primary=primary or first, now=now)
        await uow.customers.refresh_keys(customer_id)
        await uow.changes.add(entity="customer", entity_id=customer_id, field="contact_added", old=None,
                              new=_describe(contact), reason="contact added", user_id=user.id, now=now)
        await uow.commit()
        return contact


async def edit_contact(uow: UnitOfWork, user: UserRecord, contact_id: int, field: str, value: str | None,
                       reason: str, *, now: datetime) -> ContactRecord:
    """Change one field of a contact; the change log keeps old → new and the reason."""
    why = clean_reason(reason)
    contact = await get_contact(uow, user, contact_id)
    old = getattr(contact, field)
    if old == value:
        raise NothingChanged()
    async with uow:
        await uow.contacts.update(contact_id, {field: value})
        await uow.customers.refresh_keys(contact.customer_id)
        await uow.changes.add(entity="customer", entity_id=contact.customer_id, field=f"contact.{field}",
                              old=f"{contact.name}: {old or ''}", new=f"{contact.name}: {value or ''}", reason=why,
                              user_id=user.id, now=now)
        await uow.commit()
        updated = await uow.contacts.get(contact_id)
    assert updated is not None
    return updated


async def make_primary(uow: UnitOfWork, user: UserRecord, contact_id: int, *, now: datetime) -> ContactRecord:
    """Make a current contact the primary one (主要对接人)."""
    contact = await get_contact(uow, user, contact_id)
    if contact.left_at is not None or contact.is_primary:
        raise NothingChanged()
    async with uow:
        await uow.contacts.set_primary(contact.customer_id, contact_id)
        await uow.changes.add(entity="customer", entity_id=contact.customer_id, field="contact.primary", old=None,
                              new=contact.name, reason="primary contact", user_id=user.id, now=now)
        await uow.commit()
    return contact


async def mark_left(uow: UnitOfWork, user: UserRecord, contact_id: int, *, now: datetime) -> ContactRecord:
    """The contact left the company: kept on record, no longer primary."""
    contact = await get_contact(uow, user, contact_id)
    if contact.left_at is not None:
        raise NothingChanged()
    async with uow:
        await uow.contacts.mark_left(contact_id, now=now)
        await uow.changes.add(entity="customer", entity_id=contact.customer_id, field="contact.left", old=None,
                              new=contact.name, reason="left the company", user_id=user.id, now=now)
        await uow.commit()
    return contact


def _describe(contact: ContactRecord) -> str:
    return " · ".join(p for p in (contact.name, contact.title, contact.phone, contact.email) if p)
