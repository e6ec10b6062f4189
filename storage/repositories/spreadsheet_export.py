"""The rows of /export: each customer with its primary contact, open deals, last contact and next step."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.sheet_records import ExportRow
from storage.repositories.customers import live
from storage.tables import Contact, Customer, Deal, Interaction, NextAction, User

CLOSED_STAGES = ("won", "lost")
_S = TypeVar("_S", bound=Select)  # type: ignore[type-arg]


def _in_scope(stmt: _S, owner_ids: frozenset[int] | None) -> _S:
    """Only the customers of these owners (the statement already joins Customer)."""
    return stmt if owner_ids is None else stmt.where(Customer.owner_id.in_(owner_ids))


class ExportQueries:
    session: AsyncSession

    async def export_rows(self, owner_ids: frozenset[int] | None) -> list[ExportRow]:
        """Live customers of these owners (everyone's when None), by code; five queries whatever the size."""
        customers = (select(Customer.id, Customer.code, Customer.name, Customer.industry, Customer.region,
                            Customer.tier, Customer.status, User.name.label("owner"))
                     .join(User, User.id == Customer.owner_id).where(live()).order_by(Customer.code))
        rows = (await self.session.execute(_in_scope(customers, owner_ids))).all()
        if not rows:
            return []
        contacts = await self._first(
            select(Contact.customer_id, Contact.name, Contact.title, Contact.phone, Contact.email,
                   func.row_number().over(partition_by=Contact.customer_id,
                                          order_by=(Contact.is_primary.desc(), Contact.id)).label("rank"))
            .join(Customer, Customer.id == Contact.customer_id).where(live(), Contact.left_at.is_(None)),
            owner_ids)
        deals = {r.customer_id: (int(r.n), int(r.total or 0)) for r in await self.session.execute(_in_scope(
            select(Deal.customer_id, func.count().label("n"), func.sum(Deal.amount_cents).label("total"))
            .join(Customer, Customer.id == Deal.customer_id)
            .where(live(), Deal.stage.not_in(CLOSED_STAGES)).group_by(Deal.customer_id), owner_ids))}
        last = await self._first(
            select(Interaction.customer_id, Interaction.occurred_at, Interaction.channel, Interaction.summary,
                   func.row_number().over(partition_by=Interaction.customer_id,
                                          order_by=(Interaction.occurred_at.desc(), Interaction.id.desc()))
                   .label("rank"))
            .join(Customer, Customer.id == Interaction.customer_id).where(live()), owner_ids)
        upcoming = await self._first(
            select(NextAction.customer_id, NextAction.title, NextAction.due_at,
                   func.row_number().over(partition_by=NextAction.customer_id,
                                          order_by=(NextAction.due_at, NextAction.id)).label("rank"))
            .join(Customer, Customer.id == NextAction.customer_id).where(live(), NextAction.done.is_(False)),
            owner_ids)
        out = []
        for r in rows:
            contact, interaction, action = contacts.get(r.id), last.get(r.id), upcoming.get(r.id)
            count, total = deals.get(r.id, (0, 0))
            out.append(ExportRow(
                code=r.code, name=r.name, industry=r.industry, region=r.region, owner=r.owner, tier=r.tier,
                status=r.status, contact_name=contact.name if contact else None,
                contact_title=contact.title if contact else None, contact_phone=contact.phone if contact else None,
                contact_email=contact.email if contact else None, open_deals=count, open_amount_cents=total,
                last_at=interaction.occurred_at if interaction else None,
                last_channel=interaction.channel if interaction else None,
                last_summary=interaction.summary if interaction else None,
                next_title=action.title if action else None, next_due=action.due_at if action else None))
        return out

    async def _first(self, ranked: Select[Any], owner_ids: frozenset[int] | None) -> dict[int, Any]:
        """The rank-1 row per customer of a windowed query."""
        inner = _in_scope(ranked, owner_ids).subquery()
        rows = await self.session.execute(select(inner).where(inner.c.rank == 1))
        return {row.customer_id: row for row in rows}
