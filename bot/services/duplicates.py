"""The duplicate check (撞单): is this company already someone's customer?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.duplicates import DuplicateHit, DuplicateIndex
from bot.domain.records import UserRecord
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners


@dataclass(frozen=True)
class Duplicate:
    """An existing customer that may be the same company; `visible` False means show name and owner only."""

    hit: DuplicateHit
    owner_name: str
    visible: bool


async def duplicate_index(uow: UnitOfWork) -> DuplicateIndex:
    """All live customers of the organisation, whoever owns them: a duplicate is one across reps too."""
    async with uow:
        return DuplicateIndex(await uow.customers.identities())


async def find_duplicates(uow: UnitOfWork, user: UserRecord, name: str, *, phones: Iterable[str] = (),
                          emails: Iterable[str] = (), fuzzy: bool = True) -> list[Duplicate]:
    """Possible duplicates of a new customer, each marked visible or not to `user`."""
    index = await duplicate_index(uow)
    hits = index.check(name, phones=phones, emails=emails, fuzzy=fuzzy)
    if not hits:
        return []
    owners = await visible_owners(uow, user)
    found: list[Duplicate] = []
    async with uow:
        for hit in hits:
            owner = await uow.users.get(hit.owner_id)
            found.append(Duplicate(hit=hit, owner_name=owner.name if owner else "?",
                                   visible=owners is None or hit.owner_id in owners))
    return found
