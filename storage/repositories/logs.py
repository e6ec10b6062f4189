"""Interactions with their attachments, next actions, and the change log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.enums import Attitude, Channel, NoNextReason
from bot.domain.logs import AttachmentRef, LogDraft
from bot.domain.records import NextActionRecord, SavedLog
from storage.tables import Attachment, ChangeLog, Customer, Interaction, NextAction


def _to_saved(row: Interaction, customer_name: str, action: NextAction | None, files: int | None) -> SavedLog:
    return SavedLog(
        interaction_id=row.id, customer_id=row.customer_id, customer_name=customer_name, channel=row.channel,
        summary=row.summary, attitude=row.attitude, occurred_at=row.occurred_at, logged_late=row.logged_late,
        next_action_id=action.id if action else None, next_title=action.title if action else None,
        next_due=action.due_at if action else None, no_next_reason=row.no_next_reason,
        distance_m=row.distance_m, location_verified=row.location_verified, attachments=files or 0,
    )


class SqlInteractionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, draft: LogDraft, *, user_id: int, logged_at: datetime, logged_late: bool,
                  distance_m: int | None, verified: bool) -> int:
        """Insert the interaction and its attachments; return its id."""
        row = Interaction(
            customer_id=draft.customer_id, user_id=user_id, occurred_at=draft.occurred_at, logged_at=logged_at,
            channel=draft.channel.value, summary=draft.summary,
            attitude=draft.attitude.value if draft.attitude else None,
            latitude=draft.latitude, longitude=draft.longitude, distance_m=distance_m,
            location_verified=verified, logged_late=logged_late,
            no_next_reason=draft.no_next_reason.value if draft.no_next_reason else None,
            no_next_note=draft.no_next_note,
        )
        self.session.add(row)
        await self.session.flush()
        self.session.add_all(Attachment(interaction_id=row.id, kind=a.kind, file_id=a.file_id,
                                        file_unique_id=a.file_unique_id, file_name=a.file_name,
                                        mime_type=a.mime_type) for a in draft.attachments)
        await self.session.flush()
        return row.id

    async def get_saved(self, interaction_id: int) -> SavedLog | None:
        """The interaction as the confirmation shows it, with its next action."""
        found = await self._saved(Interaction.id == interaction_id)
        return found[0] if found else None

    async def between(self, user_id: int, *, start: datetime, end: datetime,
                      channel: str | None = None) -> list[SavedLog]:
        """The user's interactions that happened in [start, end), oldest first."""
        conditions = [Interaction.user_id == user_id, Interaction.occurred_at >= start, Interaction.occurred_at < end]
        if channel is not None:
            conditions.append(Interaction.channel == channel)
        return await self._saved(*conditions)

    async def _saved(self, *conditions: ColumnElement[bool]) -> list[SavedLog]:
        """Interactions with customer name, next action and attachment count, in one query."""
        files = (select(func.count()).select_from(Attachment)
                 .where(Attachment.interaction_id == Interaction.id).scalar_subquery())
        stmt = (select(Interaction, Customer.name, NextAction, files)
                .join(Customer, Customer.id == Interaction.customer_id)
                .outerjoin(NextAction, NextAction.interaction_id == Interaction.id)
                .where(*conditions).order_by(Interaction.occurred_at, Interaction.id))
        return [_to_saved(found[0], found[1], found[2], found[3]) for found in (await self.session.execute(stmt)).all()]

    async def update(self, interaction_id: int, draft: LogDraft, *, logged_late: bool, distance_m: int | None,
                     verified: bool) -> None:
        """Rewrite an interaction's content in place (its id and logged_at stay); replace its attachments."""
        await self.session.execute(update(Interaction).where(Interaction.id == interaction_id).values(
            customer_id=draft.customer_id, occurred_at=draft.occurred_at, channel=draft.channel.value,
            summary=draft.summary, attitude=draft.attitude.value if draft.attitude else None,
            latitude=draft.latitude, longitude=draft.longitude, distance_m=distance_m,
            location_verified=verified, logged_late=logged_late,
            no_next_reason=draft.no_next_reason.value if draft.no_next_reason else None,
            no_next_note=draft.no_next_note))
        await self.session.execute(delete(Attachment).where(Attachment.interaction_id == interaction_id))
        self.session.add_all(Attachment(interaction_id=interaction_id, kind=a.kind, file_id=a.file_id,
                                        file_unique_id=a.file_unique_id, file_name=a.file_name,
                                        mime_type=a.mime_type) for a in draft.attachments)
        await self.session.flush()

    async def get_draft(self, interaction_id: int) -> LogDraft | None:
        """A saved interaction as a draft (with its attachments and next action), for editing."""
        row = await self.session.get(Interaction, interaction_id)
        if row is None:
            return None
        action = await self.session.scalar(select(NextAction).where(NextAction.interaction_id == row.id))
        files = await self.session.scalars(select(Attachment).where(Attachment.interaction_id == row.id)
                                           .order_by(Attachment.id))
        return LogDraft(
            customer_id=row.customer_id, channel=Channel(row.channel), summary=row.summary,
            occurred_at=row.occurred_at, attitude=Attitude(row.attitude) if row.attitude else None,
            next_title=action.title if action else None, next_due=action.due_at if action else None,
            no_next_reason=NoNextReason(row.no_next_reason) if row.no_next_reason else None,
            no_next_note=row.no_next_note, latitude=row.latitude, longitude=row.longitude,
            attachments=tuple(AttachmentRef(kind=f.kind, file_id=f.file_id, file_unique_id=f.file_unique_id,
                                            file_name=f.file_name, mime_type=f.mime_type) for f in files),
        )

    async def owner_of(self, interaction_id: int) -> tuple[int, datetime] | None:
        """(user id, logged at) of an interaction."""
        found = (await self.session.execute(select(Interaction.user_id, Interaction.logged_at)
                                            .where(Interaction.id == interaction_id))).first()
        return (found[0], found[1]) if found else None

    async def delete(self, interaction_id: int) -> None:
        """Remove an interaction with its next actions and attachments; reopen the steps it superseded."""
        await self.session.execute(update(NextAction).where(NextAction.superseded_by == interaction_id)
                                   .values(done=False, done_at=None, superseded_by=None))
        await self.session.execute(delete(NextAction).where(NextAction.interaction_id == interaction_id))
        await self.session.execute(delete(Attachment).where(Attachment.interaction_id == interaction_id))
        await self.session.execute(delete(Interaction).where(Interaction.id == interaction_id))


def _to_action(row: NextAction, customer_name: str) -> NextActionRecord:
    return NextActionRecord(id=row.id, customer_id=row.customer_id, customer_name=customer_name,
                            owner_id=row.owner_id, title=row.title, due_at=row.due_at, done=row.done)


class SqlNextActionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, customer_id: int, interaction_id: int | None, owner_id: int, title: str,
                  due_at: datetime, now: datetime) -> int:
        """Insert an open next action."""
        row = NextAction(customer_id=customer_id, interaction_id=interaction_id, owner_id=owner_id, title=title,
                         due_at=due_at, done=False, created_at=now)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def get(self, action_id: int) -> NextActionRecord | None:
        """One action with its customer's name."""
        found = (await self.session.execute(
            select(NextAction, Customer.name).join(Customer, Customer.id == NextAction.customer_id)
            .where(NextAction.id == action_id))).first()
        return _to_action(found[0], found[1]) if found else None

    async def open_for(self, owner_id: int, *, due_before: datetime | None = None,
                       limit: int = 50) -> list[NextActionRecord]:
        """Open actions of one owner by due time (so overdue ones come first)."""
        stmt = (select(NextAction, Customer.name).join(Customer, Customer.id == NextAction.customer_id)
                .where(NextAction.owner_id == owner_id, NextAction.done.is_(False))
                .order_by(NextAction.due_at, NextAction.id).limit(limit))
        if due_before is not None:
            stmt = stmt.where(NextAction.due_at < due_before)
        return [_to_action(row, name) for row, name in (await self.session.execute(stmt)).all()]

    async def close_open_for_customer(self, customer_id: int, *, owner_id: int, by_interaction: int,
                                      now: datetime) -> int:
        """Close the owner's open actions on a customer: the new log (`by_interaction`) supersedes them."""
        result = await self.session.execute(
            update(NextAction).where(NextAction.customer_id == customer_id, NextAction.owner_id == owner_id,
                                     NextAction.done.is_(False))
            .values(done=True, done_at=now, superseded_by=by_interaction))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def of_interaction(self, interaction_id: int) -> NextActionRecord | None:
        """The next step a log set, if any."""
        found = (await self.session.execute(
            select(NextAction, Customer.name).join(Customer, Customer.id == NextAction.customer_id)
            .where(NextAction.interaction_id == interaction_id))).first()
        return _to_action(found[0], found[1]) if found else None

    async def owner_has_for(self, customer_id: int, owner_id: int) -> bool:
        """True when the owner holds (or held) a step on the customer, e.g. one a manager handed over."""
        found = await self.session.scalar(select(NextAction.id).where(
            NextAction.customer_id == customer_id, NextAction.owner_id == owner_id).limit(1))
        return found is not None

    async def change(self, action_id: int, *, title: str, due_at: datetime) -> None:
        """New title and due time for one action."""
        await self.session.execute(update(NextAction).where(NextAction.id == action_id)
                                   .values(title=title, due_at=due_at))

    async def delete(self, action_id: int) -> None:
        """Remove one action."""
        await self.session.execute(delete(NextAction).where(NextAction.id == action_id))

    async def mark_done(self, action_id: int, *, now: datetime) -> None:
        """Close one action."""
        await self.session.execute(update(NextAction).where(NextAction.id == action_id)
                                   .values(done=True, done_at=now))

    async def reschedule(self, action_id: int, due_at: datetime) -> None:
        """Move one action."""
        await self.session.execute(update(NextAction).where(NextAction.id == action_id).values(due_at=due_at))

    async def reassign(self, action_id: int, owner_id: int) -> None:
        """Hand one action to someone else."""
        await self.session.execute(update(NextAction).where(NextAction.id == action_id)
                                   .values(owner_id=owner_id))


class SqlChangeLogRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, entity: str, entity_id: int, field: str, old: str | None, new: str | None,
                  reason: str | None, user_id: int, now: datetime) -> None:
        """Record who changed what, when and why."""
        self.session.add(ChangeLog(entity=entity, entity_id=entity_id, field=field, old_value=old,
                                   new_value=new, reason=reason, changed_by=user_id, changed_at=now))
