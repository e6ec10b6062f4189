"""A rep's next steps: list, complete, reschedule, reassign."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.records import NextActionRecord, SavedLog, UserRecord
from bot.services.errors import ActionNotFound, NotAllowed
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners


async def open_actions(uow: UnitOfWork, user: UserRecord, *, limit: int = 30) -> list[NextActionRecord]:
    """Open actions by due time: overdue ones come first because they are due earliest."""
    async with uow:
        return await uow.next_actions.open_for(user.id, limit=limit)


async def due_by(uow: UnitOfWork, user: UserRecord, *, end: datetime) -> list[NextActionRecord]:
    """Open actions due before `end` (today's list passes the end of the user's day)."""
    async with uow:
        return await uow.next_actions.open_for(user.id, due_before=end)


async def _owned(uow: UnitOfWork, user: UserRecord, action_id: int) -> NextActionRecord:
    """An open action of the user, or of the manager's team; stale and forged ids are refused alike."""
    action = await uow.next_actions.get(action_id)
    if action is None or action.done:
        raise ActionNotFound()
    owners = await visible_owners(uow, user)
    if owners is not None and action.owner_id not in owners:
        raise ActionNotFound()
    return action


async def complete(uow: UnitOfWork, user: UserRecord, action_id: int, *, now: datetime) -> NextActionRecord:
    """Mark an open action done."""
    async with uow:
        action = await _owned(uow, user, action_id)
        await uow.next_actions.mark_done(action.id, now=now)
        await uow.commit()
        return action


async def reschedule(uow: UnitOfWork, user: UserRecord, action_id: int, *, due_at: datetime,
                     now: datetime) -> NextActionRecord:
    """Move an open action to a new time (not into the past)."""
    if due_at < now - timedelta(minutes=1):
        raise NotAllowed()
    async with uow:
        action = await _owned(uow, user, action_id)
        await uow.next_actions.reschedule(action.id, due_at)
        await uow.changes.add(entity="next_action", entity_id=action.id, field="due_at",
                              old=action.due_at.isoformat(), new=due_at.isoformat(), reason="rescheduled",
                              user_id=user.id, now=now)
        await uow.commit()
        updated = await uow.next_actions.get(action.id)
    assert updated is not None
    return updated


async def reassign(uow: UnitOfWork, manager: UserRecord, action_id: int, *, to_user_id: int,
                   now: datetime) -> NextActionRecord:
    """A manager hands an action to another rep."""
    if not manager.is_manager:
        raise NotAllowed()
    async with uow:
        action = await _owned(uow, manager, action_id)
        target = await uow.users.get(to_user_id)
        if target is None or not target.active or (manager.team_id is not None
                                                   and target.team_id != manager.team_id):
            raise NotAllowed()
        await uow.next_actions.reassign(action.id, to_user_id)
        await uow.changes.add(entity="next_action", entity_id=action.id, field="owner_id",
                              old=str(action.owner_id), new=str(to_user_id), reason="reassigned",
                              user_id=manager.id, now=now)
        await uow.commit()
        updated = await uow.next_actions.get(action.id)
    assert updated is not None
    return updated


async def reassign_targets(uow: UnitOfWork, manager: UserRecord) -> list[UserRecord]:
    """Who a manager may hand actions to: the active members of their team (everyone for team-less admins)."""
    if not manager.is_manager:
        raise NotAllowed()
    async with uow:
        return await uow.users.team_members(manager.team_id)


async def visits_between(uow: UnitOfWork, user: UserRecord, *, start: datetime,
                         end: datetime) -> list[SavedLog]:
    """The user's logged visits in [start, end)."""
    async with uow:
        return await uow.interactions.between(user.id, start=start, end=end, channel="visit")
