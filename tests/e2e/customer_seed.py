"""Richer customers for the customer-file tests: contacts, deals, a logged call with a next step, complaints."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.enums import Channel
from bot.domain.logs import LogDraft
from bot.domain.records import ContactFields, CustomerFields, CustomerRecord, UserRecord
from bot.services import customers, logbook
from storage.tables import Complaint, Deal
from tests.conftest import Database
from tests.e2e.seeding import unit_of_work


async def user_of(database: Database, telegram_id: int) -> UserRecord:
    """The registered user behind a Telegram id."""
    async with unit_of_work(database) as uow, uow:
        found = await uow.users.get_by_telegram_id(telegram_id)
    assert found is not None
    return found


async def full_customer(database: Database, telegram_id: int, name: str, *, now: datetime,
                        phone: str = "+8613912345678", deal: str | None = "ERP upgrade",
                        complaint: str | None = None, logged: str | None = "called about the ERP quote",
                        next_title: str = "send the revised quote") -> CustomerRecord:
    """A customer with a primary contact, an open deal, a call with a next step and maybe a complaint."""
    user = await user_of(database, telegram_id)
    async with unit_of_work(database) as uow:
        async with uow:
            record = await customers.add_customer(
                uow, user, name, now=now, industry="MF", tier="A",
                fields=CustomerFields(name=name, industry="MF", region="上海", source="展会"),
                contact=ContactFields(name="王经理", title="采购经理", phone=phone, email="wang@example.com"))
            if deal:
                uow.session.add(Deal(customer_id=record.id, owner_id=user.id, title=deal, amount_cents=50_000_000,
                                     stage="proposal", probability=65, tier="A", created_at=now, updated_at=now))
            if complaint:
                uow.session.add(Complaint(customer_id=record.id, received_at=now, content=complaint,
                                          severity="high", kind="complaint"))
            await uow.commit()
        if logged:
            await logbook.save_log(uow, user, LogDraft(
                customer_id=record.id, channel=Channel.PHONE, summary=logged, occurred_at=now - timedelta(hours=2),
                next_title=next_title, next_due=now + timedelta(days=2)), now=now)
    return record
