"""Saving a log (interaction + next step) in one transaction, and undoing it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.domain.enums import Channel
from bot.domain.geo import distance_m, is_verified
from bot.domain.logs import DraftIncomplete, LogDraft, check_draft, is_logged_late
from bot.domain.records import CustomerRecord, SavedLog, UserRecord
from bot.services.customers import add_customer, get_visible
from bot.services.errors import ActionNotFound, CustomerNotFound, LogIncomplete, UndoTooLate
from bot.services.ports import UnitOfWork

UNDO_WINDOW = timedelta(hours=1)


async def save_log(uow: UnitOfWork, user: UserRecord, draft: LogDraft, *, now: datetime,
                   replacing: int | None = None, new_customer: str | None = None) -> SavedLog:
    """Validate and store the interaction, its attachments and its next action; all or nothing.

    With `replacing`, the user's earlier log is edited in place: it keeps its id and the time it was
    first logged (so the 24-hour statistic and the undo window are not reset), and every changed
    field goes to the change log. With `new_customer`, that customer is created in the same transaction,
    so cancelling a log never leaves a customer behind.
    """
    try:
        check_draft(draft, now=now)
    except DraftIncomplete as exc:
        raise LogIncomplete(field=exc.field) from None
    async with uow:
        if new_customer is not None:
            customer = await add_customer(uow, user, new_customer, now=now)
            draft = replace(draft, customer_id=customer.id)
        else:
            customer = await get_visible(uow, user, draft.customer_id)
        distance, verified = await _locate(uow, user, customer, draft, now=now)
        if replacing is not None:
            interaction_id = replacing
            await _edit_own(uow, user, replacing, draft, distance=distance, verified=verified, now=now)
        else:
            interaction_id = await uow.interactions.add(
                draft, user_id=user.id, logged_at=now, logged_late=is_logged_late(draft.occurred_at, now),
                distance_m=distance, verified=verified)
            await uow.next_actions.close_open_for_customer(customer.id, owner_id=user.id,
                                                           by_interaction=interaction_id, now=now)
            if draft.next_title and draft.next_due is not None:
                await uow.next_actions.add(customer_id=customer.id, interaction_id=interaction_id,
                                           owner_id=user.id, title=draft.next_title.strip(),
                                           due_at=draft.next_due, now=now)
        await uow.customers.touch(customer.id, contact_at=draft.occurred_at, now=now)
        saved = await uow.interactions.get_saved(interaction_id)
        await uow.commit()
    assert saved is not None
    return saved


async def _locate(uow: UnitOfWork, user: UserRecord, customer: CustomerRecord, draft: LogDraft, *,
                  now: datetime) -> tuple[int | None, bool]:
    """Distance to the customer and whether the visit is verified; a first visit sets the coordinates."""
    if draft.latitude is None or draft.longitude is None:
        return None, False
    if customer.latitude is not None and customer.longitude is not None:
        distance = distance_m(customer.latitude, customer.longitude, draft.latitude, draft.longitude)
        return distance, draft.channel is Channel.VISIT and is_verified(distance)
    if draft.channel is Channel.VISIT:  # a call made from home must not move the customer
        await uow.customers.set_coordinates(customer.id, draft.latitude, draft.longitude)
        await uow.changes.add(entity="customer", entity_id=customer.id, field="coordinates", old=None,
                              new=f"{draft.latitude:.6f},{draft.longitude:.6f}",
                              reason="first shared location at a visit", user_id=user.id, now=now)
    return None, False  # nothing to measure against yet


async def _edit_own(uow: UnitOfWork, user: UserRecord, interaction_id: int, draft: LogDraft, *,
                    distance: int | None, verified: bool, now: datetime) -> None:
    owner = await uow.interactions.owner_of(interaction_id)
    before = await uow.interactions.get_draft(interaction_id)
    if owner is None or before is None:
        raise ActionNotFound()
    if owner[0] != user.id:
        raise CustomerNotFound()
    await uow.interactions.update(interaction_id, draft, logged_late=is_logged_late(draft.occurred_at, owner[1]),
                                  distance_m=distance, verified=verified)
    action = await uow.next_actions.of_interaction(interaction_id)
    title, due = (draft.next_title or "").strip(), draft.next_due
    if action is None and title and due is not None:
        await uow.next_actions.add(customer_id=draft.customer_id, interaction_id=interaction_id, owner_id=user.id,
                                   title=title, due_at=due, now=now)
    elif action is not None and not action.done:  # a step already done or handed over stays as it is
        if title and due is not None:
            await uow.next_actions.change(action.id, title=title, due_at=due)
        else:
            await uow.next_actions.delete(action.id)
    for field in ("customer_id", "channel", "summary", "attitude", "occurred_at", "next_title", "next_due",
                  "no_next_reason"):
        old, new = getattr(before, field), getattr(draft, field)
        if old != new:
            await uow.changes.add(entity="interaction", entity_id=interaction_id, field=field,
                                  old=None if old is None else str(old), new=None if new is None else str(new),
                                  reason="edited by the rep", user_id=user.id, now=now)
    await uow.customers.recompute_last_contact(before.customer_id)


async def undo_log(uow: UnitOfWork, user: UserRecord, interaction_id: int, *, now: datetime) -> str:
    """Delete a log the user saved within the last hour; return the customer's name."""
    async with uow:
        owner = await uow.interactions.owner_of(interaction_id)
        if owner is None:
            raise ActionNotFound()
        if owner[0] != user.id:
            raise CustomerNotFound()
        if now - owner[1] > UNDO_WINDOW:
            raise UndoTooLate()
        name = await _delete_own(uow, user, interaction_id)
        await uow.commit()
        return name


async def _delete_own(uow: UnitOfWork, user: UserRecord, interaction_id: int) -> str:
    saved = await uow.interactions.get_saved(interaction_id)
    owner = await uow.interactions.owner_of(interaction_id)
    if saved is None or owner is None:
        raise ActionNotFound()  # already undone: the button is stale
    if owner[0] != user.id:
        raise CustomerNotFound()
    await uow.interactions.delete(interaction_id)
    await uow.customers.recompute_last_contact(saved.customer_id)
    return saved.customer_name


async def load_for_edit(uow: UnitOfWork, user: UserRecord, interaction_id: int) -> tuple[LogDraft, CustomerRecord]:
    """A saved log of the user as a draft, with its customer."""
    async with uow:
        owner = await uow.interactions.owner_of(interaction_id)
        draft = await uow.interactions.get_draft(interaction_id)
    if owner is None or draft is None:
        raise ActionNotFound()
    if owner[0] != user.id:
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
