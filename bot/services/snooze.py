"""From a reminder: snooze a customer (a reason and a resume date; silent until then), a manager's nudge
to the rep, and the team's reachability for /team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.records import UserRecord
from bot.services.customer_file import clean_reason
from bot.services.customers import get_visible
from bot.services.errors import NotAllowed, ServiceError
from bot.services.ports import UnitOfWork

MAX_SNOOZE = timedelta(days=183)


class BadResume(ServiceError):
    key = "followup.snooze_bad_until"


@dataclass(frozen=True)
class Nudge:
    owner_telegram_id: int
    owner_language: str
    customer_id: int
    customer_name: str
    owner_name: str


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    role: str
    active: bool
    unreachable_since: datetime | None
    customers: int


async def snooze(uow: UnitOfWork, user: UserRecord, customer_id: int, *, reason: str, until: datetime,
                 now: datetime) -> str:
    """Silence the nudges about a customer until `until` (after today, within 6 months); returns its name."""
    why = clean_reason(reason)
    customer = await get_visible(uow, user, customer_id)
    if customer.owner_id != user.id and not user.is_manager:
        raise NotAllowed()
    if not now < until <= now + MAX_SNOOZE:
        raise BadResume()
    async with uow:
        await uow.followups.set_snooze(customer_id, until=until, reason=why, user_id=user.id)
        await uow.changes.add(entity="customer", entity_id=customer_id, field="snoozed_until", old=None,
                              new=until.isoformat(), reason=why, user_id=user.id, now=now)
        await uow.commit()
    return customer.name


async def nudge(uow: UnitOfWork, manager: UserRecord, customer_id: int) -> Nudge:
    """A manager asks the owner of a customer in their scope to follow up today."""
    if not manager.is_manager:
        raise NotAllowed()
    customer = await get_visible(uow, manager, customer_id)
    async with uow:
        owner = await uow.users.get(customer.owner_id)
    if owner is None or owner.id == manager.id:
        raise NotAllowed()
    return Nudge(owner.telegram_id, owner.language, customer.id, customer.name, owner.name)


async def team(uow: UnitOfWork, manager: UserRecord) -> list[Member]:
    """The manager's team: who is active, who blocked the bot, how many customers each owns."""
    if not manager.is_manager:
        raise NotAllowed()
    async with uow:
        return [Member(*row) for row in await uow.followups.team_status(manager.team_id)]
