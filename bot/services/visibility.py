"""Who sees whose work: a rep their own, a manager their team's, an admin everyone's."""

from __future__ import annotations

from bot.domain.enums import Role
from bot.domain.records import UserRecord
from bot.services.ports import UnitOfWork


async def visible_owners(uow: UnitOfWork, user: UserRecord) -> frozenset[int] | None:
    """The user ids whose customers and next steps `user` may see; None means everyone's."""
    if not user.is_manager:
        return frozenset({user.id})
    if user.role == Role.ADMIN or user.team_id is None:
        return None
    async with uow:
        return frozenset(member.id for member in await uow.users.team_members(user.team_id)) | {user.id}
