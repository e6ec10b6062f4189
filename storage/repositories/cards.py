"""What a customer card shows besides the profile, and the customer's change history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.card import CardExtras, ComplaintLine, ContactLine, DealLine, NextStepLine
from bot.domain.records import ChangeRecord
from bot.domain.stages import OPEN_STAGES
from storage.tables import ChangeLog, Complaint, Deal, Interaction, NextAction, User


class SqlCardRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def extras(self, customer_id: int, *, recent: int) -> CardExtras:
        """Open deals, the last `recent` interactions, the earliest open next step and open complaints."""
        deals = await self.session.scalars(
            select(Deal).where(Deal.customer_id == customer_id, Deal.stage.in_([s.value for s in OPEN_STAGES]))
            .order_by(Deal.expected_close.asc().nulls_last(), Deal.id))
        contacts = (await self.session.execute(
            select(Interaction, User.name).join(User, User.id == Interaction.user_id)
            .where(Interaction.customer_id == customer_id)
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc()).limit(recent))).all()
        step = (await self.session.execute(
            select(NextAction, User.name).join(User, User.id == NextAction.owner_id)
            .where(NextAction.customer_id == customer_id, NextAction.done.is_(False))
            .order_by(NextAction.due_at).limit(1))).first()
        complaints = await self.session.scalars(
            select(Complaint).where(Complaint.customer_id == customer_id, Complaint.kind == "complaint",
                                    Complaint.resolved_at.is_(None)).order_by(Complaint.received_at.desc()))
        return CardExtras(
            deals=tuple(DealLine(d.id, d.title, d.stage, d.probability, d.tier, d.amount_cents, d.currency)
                        for d in deals),
            recent=tuple(ContactLine(i.occurred_at, i.channel, i.summary, name) for i, name in contacts),
            next_step=NextStepLine(step[0].id, step[0].title, step[0].due_at, step[1]) if step else None,
            complaints=tuple(ComplaintLine(c.id, c.received_at, c.content, c.severity) for c in complaints),
        )

    async def history(self, customer_id: int, *, limit: int, offset: int) -> list[ChangeRecord]:
        """The customer's change log (更新记录), newest first."""
        rows = (await self.session.execute(
            select(ChangeLog, User.name).join(User, User.id == ChangeLog.changed_by)
            .where(ChangeLog.entity == "customer", ChangeLog.entity_id == customer_id)
            .order_by(ChangeLog.changed_at.desc(), ChangeLog.id.desc()).limit(limit).offset(offset))).all()
        return [ChangeRecord(c.field, c.old_value, c.new_value, c.reason, name, c.changed_at) for c, name in rows]
