"""Reassign customers (managers): one, a selection, or all of a rep who left; deals and open steps go too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.enums import Role
from bot.domain.records import CustomerRecord, UserRecord
from bot.services.errors import CustomerNotFound, NotAllowed, ServiceError
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners

MAX_SELECTION = 5_000


class NothingToMove(ServiceError):
    key = "reassign.nothing"


@dataclass(frozen=True)
class HandOver:
    target: UserRecord
    moved: tuple[CustomerRecord, ...]


def _require_manager(user: UserRecord) -> None:
    if not user.is_manager:
        raise NotAllowed()


async def people(uow: UnitOfWork, manager: UserRecord, *, include_inactive: bool) -> list[UserRecord]:
    """The manager's team (everyone for an admin); those who left only when asked for."""
    _require_manager(manager)
    team = None if manager.role == Role.ADMIN else manager.team_id
    async with uow:
        return await uow.users.team_members(team, include_inactive=include_inactive)


async def customers_of(uow: UnitOfWork, manager: UserRecord, owner_id: int) -> list[CustomerRecord]:
    """The live customers of a rep in the manager's scope."""
    owner = await _member(uow, manager, owner_id, active_only=False)
    async with uow:
        ids = await uow.customers.ids_of_owner(owner.id)
        found = [await uow.customers.get(i) for i in ids[:MAX_SELECTION]]
    return [c for c in found if c is not None]


async def _member(uow: UnitOfWork, manager: UserRecord, user_id: int, *, active_only: bool) -> UserRecord:
    _require_manager(manager)
    async with uow:
        member = await uow.users.get(user_id)
    in_scope = member is not None and (manager.role == Role.ADMIN or member.team_id == manager.team_id)
    if member is None or not in_scope or (active_only and not member.active):
        raise NotAllowed()
    return member


async def hand_over(uow: UnitOfWork, manager: UserRecord, customer_ids: Sequence[int], to_user_id: int,
                    *, reason: str, now: datetime) -> HandOver:
    """Give customers to an active rep of the team, with their deals and open next steps, in one transaction."""
    target = await _member(uow, manager, to_user_id, active_only=True)
    owners = await visible_owners(uow, manager)
    async with uow:
        chosen = [await uow.customers.get(cid) for cid in dict.fromkeys(customer_ids)]
    for customer in chosen:  # one forged or foreign id refuses the whole selection
        if customer is None or customer.deleted or (owners is not None and customer.owner_id not in owners):
            raise CustomerNotFound()
    moving = [c for c in chosen if c is not None and c.owner_id != target.id]
    if not moving:
        raise NothingToMove()
    async with uow:
        names: dict[int, str] = {}
        for customer in moving:
            if customer.owner_id not in names:
                previous = await uow.users.get(customer.owner_id)
                names[customer.owner_id] = previous.name if previous else str(customer.owner_id)
        await uow.customers.hand_over([c.id for c in moving], target.id, now=now)
        for customer in moving:
            await uow.changes.add(entity="customer", entity_id=customer.id, field="owner",
                                  old=names[customer.owner_id], new=target.name, reason=reason[:500],
                                  user_id=manager.id, now=now)
        await uow.commit()
    return HandOver(target=target, moved=tuple(moving))


async def mark_left(uow: UnitOfWork, manager: UserRecord, user_id: int) -> UserRecord:
    """A rep left the company: they can no longer use the bot (their history stays)."""
    member = await _member(uow, manager, user_id, active_only=True)
    if member.id == manager.id or member.role == Role.ADMIN:
        raise NotAllowed()
    async with uow:
        await uow.users.set_active(member.id, False)
        await uow.commit()
    return member
