"""Saving a log (interaction + next step) in one transaction, and undoing it."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.enums import Channel
from bot.domain.geo import distance_m, is_verified
from bot.domain.logs import DraftIncomplete, LogDraft, check_draft, is_logged_late
from bot.domain.records import CustomerRecord, SavedLog, UserRecord
from bot.services.customers import get_visible
from bot.services.errors import CustomerNotFound, LogIncomplete, UndoTooLate
from bot.services.ports import UnitOfWork

UNDO_WINDOW = timedelta(hours=1)


async def save_log(uow: UnitOfWork, user: UserRecord, draft: LogDraft, *, now: datetime,
                   replacing: int | None = None) -> SavedLog:
    """Validate and store the interaction, its attachments and its next action; all or nothing.

    With `replacing`, the earlier log of the same user is swapped for this one in the same transaction.
    """
    try:
        check_draft(draft, now=now)
    except DraftIncomplete as exc:
        raise LogIncomplete(field=exc.field) from None
    customer = await get_visible(uow, user, draft.customer_id)
    async with uow:
        if replacing is not None:
            await _delete_own(uow, user, replacing)
        distance = None
        if draft.latitude is not None and draft.longitude is not None:
            if customer.latitude is None or customer.longitude is None:
                await uow.customers.set_coordinates(customer.id, draft.latitude, draft.longitude)
                await uow.changes.add(entity="customer", entity_id=customer.id, field="coordinates", old=None,
                                      new=f"{draft.latitude:.6f},{draft.longitude:.6f}",
                                      reason="first shared location at a visit", user_id=user.id, now=now)
                distance = 0 if draft.channel is Channel.VISIT else None
            else:
                distance = distance_m(customer.latitude, customer.longitude, draft.latitude, draft.longitude)
        verified = draft.channel is Channel.VISIT and is_verified(distance)
        interaction_id = await uow.interactions.add(
            draft, user_id=user.id, logged_at=now, logged_late=is_logged_late(draft.occurred_at, now),
            distance_m=distance, verified=verified)
        await uow.next_actions.close_open_for_customer(customer.id, owner_id=user.id, now=now)
        if draft.next_title and draft.next_due is not None:
            await uow.next_actions.add(customer_id=customer.id, interaction_id=interaction_id, owner_id=user.id,
                                       title=draft.next_title.strip(), due_at=draft.next_due, now=now)
        await uow.customers.touch(customer.id, contact_at=draft.occurred_at, now=now)
        saved = await uow.interactions.get_saved(interaction_id)
        await uow.commit()
    assert saved is not None
    return saved


async def undo_log(uow: UnitOfWork, user: UserRecord, interaction_id: int, *, now: datetime) -> str:
    """Delete a log the user saved within the last hour; return the customer's name."""
    async with uow:
        owner = await uow.interactions.owner_of(interaction_id)
        if owner is None or owner[0] != user.id:
            raise CustomerNotFound()
        if now - owner[1] > UNDO_WINDOW:
            raise UndoTooLate()
        name = await _delete_own(uow, user, interaction_id)
        await uow.commit()
        return name


async def _delete_own(uow: UnitOfWork, user: UserRecord, interaction_id: int) -> str:
    saved = await uow.interactions.get_saved(interaction_id)
    owner = await uow.interactions.owner_of(interaction_id)
    if saved is None or owner is None or owner[0] != user.id:
        raise CustomerNotFound()
    await uow.interactions.delete(interaction_id)
    await uow.customers.recompute_last_contact(saved.customer_id)
    return saved.customer_name


async def load_for_edit(uow: UnitOfWork, user: UserRecord, interaction_id: int) -> tuple[LogDraft, CustomerRecord]:
    """A saved log of the user as a draft, with its customer."""
    async with uow:
        owner = await uow.interactions.owner_of(interaction_id)
        draft = await uow.interactions.get_draft(interaction_id)
    if owner is None or draft is None or owner[0] != user.id:
        raise CustomerNotFound()
    return draft, await get_visible(uow, user, draft.customer_id)


async def get_log(uow: UnitOfWork, user: UserRecord, interaction_id: int) -> SavedLog:
    """A saved log the user may see."""
    async with uow:
        saved = await uow.interactions.get_saved(interaction_id)
        owner = await uow.interactions.owner_of(interaction_id)
    if saved is None or owner is None or (owner[0] != user.id and not user.is_manager):
        raise CustomerNotFound()
    return saved
