"""The follow-up engine's reads: who may be messaged, which customers are overdue on cadence, which steps
are coming due or were missed, milestones, open complaints. Set-based SQL with indexes, never a loop over
customers."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, false, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain.followup_records import (
    DueAction,
    MilestoneDue,
    OpenComplaint,
    OverdueCustomer,
    Recipient,
)
from bot.domain.followup_settings import (
    DEFAULT_AFTER_MEETING,
    TeamOverrides,
    TeamRules,
    stored_days,
    stored_time,
)
from bot.domain.schedule import DEFAULT_END, DEFAULT_REMINDER, DEFAULT_START, WorkWindow
from storage.repositories.customers import live
from storage.tables import (
    Complaint,
    Contract,
    ContractMilestone,
    Customer,
    Deal,
    Interaction,
    NextAction,
    NotificationLog,
    TeamSetting,
    User,
)

TIERS = ("A", "B", "C", "D")
OPEN = ("lead", "qualified", "proposal", "negotiation")
BIG_IN = 500


def effective_tier(now: datetime) -> ColumnElement[str]:
    """The override while in force, else the computed tier (SQL)."""
    in_force = and_(Customer.tier_override.is_not(None),
                    or_(Customer.tier_override_until.is_(None), Customer.tier_override_until > now))
    return case((in_force, Customer.tier_override), else_=Customer.tier)


@lru_cache(maxsize=4096)  # most users share a handful of settings; 5,000 are read every minute
def _window(timezone: str, start: str, end: str, days: str, reminder: str) -> WorkWindow:
    return WorkWindow(timezone, stored_time(start, DEFAULT_START), stored_time(end, DEFAULT_END), stored_days(days),
                      stored_time(reminder, DEFAULT_REMINDER))


class SqlFollowupRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def recipients(self) -> list[Recipient]:
        """Active users who have not blocked the bot, with their working window (plain columns: 5,000 users
        are read every minute)."""
        rows = await self.session.execute(
            select(User.id, User.telegram_id, User.name, User.language, User.role, User.team_id, User.timezone,
                   User.quiet_start, User.quiet_end, User.work_days, User.reminder_time, User.due_lead_minutes)
            .where(User.active.is_(True), User.unreachable_at.is_(None)))
        found = []
        for row in rows:
            r: tuple[Any, ...] = tuple(row)
            found.append(Recipient(r[0], r[1], r[2], r[3], r[4], r[5], _window(r[6], r[7], r[8], r[9], r[10]), r[11]))
        return found

    async def teams_of(self, user_ids: Collection[int]) -> dict[int, int | None]:
        """The team of each of these users."""
        rows = await self.session.execute(select(User.id, User.team_id).where(User.id.in_(user_ids)))
        return {user_id: team_id for user_id, team_id in rows}

    async def team_rules(self, defaults: Mapping[str, int]) -> dict[int, TeamRules]:
        """Every team's rules that differ from the defaults (teams without a row use the defaults)."""
        rows = await self.session.scalars(select(TeamSetting))
        return {r.team_id: TeamOverrides({t: getattr(r, f"cadence_{t.lower()}") for t in TIERS}, r.escalation,
                                         r.after_meeting_minutes or DEFAULT_AFTER_MEETING).rules(r.team_id, defaults)
                for r in rows}

    def _overdue_query(self, columns: Sequence[Any], owner_ids: Collection[int] | None,
                       cadence: Mapping[str, int], now: datetime) -> Select[Any]:
        tier = effective_tier(now)
        touch = func.coalesce(Customer.last_contact_at, Customer.created_at)
        late = or_(*[and_(tier == t, touch <= now - timedelta(days=cadence[t])) for t in TIERS])
        alive = exists().where(NextAction.customer_id == Customer.id, NextAction.done.is_(False),
                               NextAction.due_at > now)
        query = select(*columns, tier, touch).where(live(), late, ~alive, or_(Customer.snoozed_until.is_(None),
                                                                              Customer.snoozed_until <= now))
        return query.where(Customer.owner_id.in_(owner_ids)) if owner_ids is not None else query

    async def overdue(self, owner_ids: Collection[int], cadence: Mapping[str, int], *,
                      now: datetime) -> list[OverdueCustomer]:
        """Live, unsnoozed customers of these owners whose last touch is older than their tier's cadence and
        that have no open next action still ahead (a scheduled step keeps a customer alive)."""
        if not owner_ids:
            return []
        query = self._overdue_query((Customer.id, Customer.name, Customer.owner_id), owner_ids, cadence, now)
        rows = await self.session.execute(query.order_by(query.selected_columns[3], query.selected_columns[4]))
        return [OverdueCustomer(*r) for r in rows]

    async def overdue_keys(self, owner_ids: Collection[int], cadence: Mapping[str, int], *,
                           now: datetime, ladder: Mapping[str, int]) -> list[tuple[int, int, str, datetime | None]]:
        """The same customers as `overdue`, as light (id, owner, tier, last touch) tuples for the tick; the last
        touch only for those at least `ladder[tier]` days past their cadence (the escalation candidates)."""
        if not owner_ids:
            return []
        owners = set(owner_ids)
        # Thousands of owners (the whole company at 08:30): one scan filtered here beats an IN of thousands.
        many = len(owners) > BIG_IN
        tier = effective_tier(now)
        touch = func.coalesce(Customer.last_contact_at, Customer.created_at)
        candidate = or_(*[and_(tier == t, touch <= now - timedelta(days=cadence[t] + days))
                          for t, days in ladder.items()]) if ladder else false()
        query = self._overdue_query((Customer.id, Customer.owner_id), None if many else owners, cadence, now)
        query = query.with_only_columns(Customer.id, Customer.owner_id, tier, case((candidate, touch), else_=None))
        rows = await self.session.execute(query)
        return [(r[0], r[1], r[2], r[3] if r[3] is None or r[3].tzinfo else r[3].replace(tzinfo=UTC))
                for r in rows if not many or r[1] in owners]

    async def owners_with_stale_deals(self, owner_ids: Collection[int], *, reviewed_before: datetime) -> set[int]:
        """Owners with an open deal whose stage was last confirmed before the cut (the Monday review)."""
        if not owner_ids:
            return set()
        owners = set(owner_ids)
        reviewed = func.coalesce(Deal.stage_reviewed_at, Deal.created_at)
        query = (select(Deal.owner_id).join(Customer, Customer.id == Deal.customer_id)
                 .where(Deal.stage.in_(OPEN), reviewed <= reviewed_before, live()).distinct())
        if len(owners) <= BIG_IN:
            query = query.where(Deal.owner_id.in_(owners))
        return set(await self.session.scalars(query)) & owners

    async def statuses(self, keys: Sequence[str]) -> dict[str, str]:
        """The status of each key that exists."""
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):
            rows = await self.session.execute(select(NotificationLog.idempotency_key, NotificationLog.status)
                                              .where(NotificationLog.idempotency_key.in_(keys[start:start + 500])))
            found.update({k: s for k, s in rows})
        return found

    async def morning_payloads(self, keys: Sequence[str]) -> dict[str, list[int]]:
        """For each morning reminder already delivered, the customers it listed as overdue."""
        found: dict[str, list[int]] = {}
        for start in range(0, len(keys), 500):
            rows = await self.session.execute(
                select(NotificationLog.idempotency_key, NotificationLog.payload)
                .where(NotificationLog.idempotency_key.in_(keys[start:start + 500]),
                       NotificationLog.status.in_(("sent", "merged"))))
            for row in rows:
                payload: dict[str, Any] = row[1] or {}
                found[str(row[0])] = [int(i) for i in payload.get("overdue", [])]
        return found

    async def actions_due(self, start: datetime, end: datetime, owner_ids: Collection[int] | None = None,
                          *, unlogged_since_due: bool = False) -> list[DueAction]:
        """Open next actions due in [start, end) on live customers; with `unlogged_since_due`, only those
        after which nobody logged a contact with the customer (the after-meeting prompt; a log from an hour
        before the planned time on counts)."""
        last_log = (select(func.max(Interaction.logged_at)).where(Interaction.customer_id == NextAction.customer_id)
                    .scalar_subquery())
        query = (select(NextAction.id, NextAction.customer_id, Customer.name, NextAction.owner_id, NextAction.title,
                        NextAction.due_at, last_log).join(Customer, Customer.id == NextAction.customer_id)
                 .where(NextAction.done.is_(False), NextAction.due_at >= start, NextAction.due_at < end, live()))
        if owner_ids is not None:
            query = query.where(NextAction.owner_id.in_(owner_ids))
        found = []
        for r in await self.session.execute(query.order_by(NextAction.due_at)):
            logged = r[6] if r[6] is None or r[6].tzinfo else r[6].replace(tzinfo=UTC)
            if unlogged_since_due and logged is not None and logged >= r[5] - timedelta(hours=1):
                continue
            found.append(DueAction(r[0], r[1], r[2], r[3], r[4], r[5]))
        return found

    async def milestones_due(self, days: Collection[date]) -> list[MilestoneDue]:
        """Open contract milestones due on these days, with the deal's owner."""
        if not days:
            return []
        rows = await self.session.execute(
            select(ContractMilestone.id, ContractMilestone.kind, ContractMilestone.due_on, Deal.id, Deal.title,
                   Customer.name, Deal.owner_id)
            .join(Contract, Contract.id == ContractMilestone.contract_id).join(Deal, Deal.id == Contract.deal_id)
            .join(Customer, Customer.id == Deal.customer_id)
            .where(ContractMilestone.done_on.is_(None), ContractMilestone.due_on.in_(days), live())
            .order_by(ContractMilestone.due_on))
        return [MilestoneDue(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows if r[2] is not None]

    async def complaints_open(self, received_before: datetime,
                              recipient_ids: Collection[int] | None = None) -> list[OpenComplaint]:
        """Complaints not resolved and received before the cut, addressed to the handler (else the owner)."""
        recipient = func.coalesce(Complaint.handler_id, Customer.owner_id)
        query = (select(Complaint.id, Customer.id, Customer.name, recipient, Complaint.content, Complaint.received_at)
                 .join(Customer, Customer.id == Complaint.customer_id)
                 .where(Complaint.kind == "complaint", Complaint.status != "resolved",
                        Complaint.received_at <= received_before, live()))
        if recipient_ids is not None:
            query = query.where(recipient.in_(recipient_ids))
        return [OpenComplaint(*r) for r in await self.session.execute(query.order_by(Complaint.received_at))]

    async def logs_between(self, user_id: int, start: datetime, end: datetime) -> int:
        """How many contacts the user logged in [start, end)."""
        count = await self.session.scalar(select(func.count()).select_from(Interaction).where(
            Interaction.user_id == user_id, Interaction.logged_at >= start, Interaction.logged_at < end))
        return int(count or 0)

    async def owned(self, owner_id: int) -> int:
        """How many live customers the user owns."""
        count = await self.session.scalar(select(func.count()).select_from(Customer).where(
            Customer.owner_id == owner_id, live()))
        return int(count or 0)

    async def set_snooze(self, customer_id: int, *, until: datetime | None, reason: str | None,
                         user_id: int | None) -> None:
        """Silence (or, with None, wake) the nudges about a customer."""
        await self.session.execute(update(Customer).where(Customer.id == customer_id).values(
            snoozed_until=until, snooze_reason=reason, snoozed_by=user_id))

    async def team_status(self, team_id: int | None) -> list[tuple[int, str, str, bool, datetime | None, int]]:
        """Members of the team: id, name, role, active, unreachable since, live customers owned."""
        owned = (select(func.count()).select_from(Customer)
                 .where(Customer.owner_id == User.id, live()).scalar_subquery())
        rows = await self.session.execute(
            select(User.id, User.name, User.role, User.active, User.unreachable_at, owned)
            .where(User.team_id == team_id if team_id is not None else User.team_id.is_(None))
            .order_by(User.active.desc(), User.name))
        return [(r[0], r[1], r[2], r[3], r[4], int(r[5] or 0)) for r in rows]

    async def managers_of(self, team_ids: Collection[int]) -> dict[int, list[int]]:
        """Active managers per team."""
        manager = aliased(User)
        rows = await self.session.execute(select(manager.team_id, manager.id).where(
            manager.team_id.in_(team_ids), manager.role == "manager", manager.active.is_(True)))
        found: dict[int, list[int]] = {}
        for team_id, user_id in rows:
            if team_id is not None:
                found.setdefault(team_id, []).append(user_id)
        return found
