"""The demo seed: a believable, consistent and deterministic team on both engines."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.demo.seed import DemoTeam, seed_demo
from bot.domain.codes import INDUSTRIES, parse_code
from bot.domain.enums import Stage
from bot.domain.stages import STAGE_RULES
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade_to_head
from storage.tables import (
    ChangeLog,
    Complaint,
    Contact,
    Contract,
    ContractMilestone,
    Customer,
    Deal,
    Interaction,
    Need,
    NextAction,
    SaleResult,
    StageChange,
    User,
)
from tests.conftest import Database

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def _seed(db: Database, now: datetime, rng_seed: int = 7) -> tuple[DemoTeam, dict[str, list[Any]]]:
    """Migrate, seed, and read every table back as ORM rows."""
    await upgrade_to_head(db.url, schema=db.schema)
    engine = make_engine(db.url, schema=db.schema)
    try:
        factory = make_session_factory(engine)
        team = await seed_demo(factory, now=now, rng_seed=rng_seed)
        rows: dict[str, list[Any]] = {}
        async with factory() as session:
            for table in (User, Customer, Contact, Need, Deal, Interaction, NextAction, StageChange, SaleResult,
                          Contract, ContractMilestone, Complaint, ChangeLog):
                rows[table.__tablename__] = list(await session.scalars(select(table).order_by(table.id)))
            assert await session.scalar(select(func.count()).select_from(Customer)) == team.customers
    finally:
        await engine.dispose()
    return team, rows


def _sqlite(tmp_path: Path, name: str) -> Database:
    return Database("sqlite", f"sqlite+aiosqlite:///{tmp_path / name}")


async def test_seed_is_a_believable_consistent_team(database: Database, frozen_now: datetime) -> None:
    now = frozen_now
    team, rows = await _seed(database, now)

    users = rows["users"]
    assert Counter(u.role for u in users) == {"manager": 1, "rep": 3}
    assert len({u.telegram_id for u in users}) == len(users) == len(team.users)
    assert {u.language for u in users} == {"zh", "en"}
    assert all(u.timezone == "Asia/Shanghai" and u.team_id is not None and u.active for u in users)
    assert [u.telegram_id for u in team.users] == [u.telegram_id for u in users]
    assert team.default_user.role == "rep" and team.default_user.name == "李伟"
    user_ids = {u.id for u in users}

    customers = rows["customers"]
    assert 25 <= len(customers) <= 35
    assert {c.tier for c in customers} == {"A", "B", "C", "D"}
    assert len({c.industry for c in customers}) >= 8
    assert any(c.name.isascii() for c in customers) and any(not c.name.isascii() for c in customers)
    assert {c.owner_id for c in customers} == {u.id for u in users if u.role == "rep"}
    codes = [c.code for c in customers]
    assert len(set(codes)) == len(codes)
    sequences: dict[tuple[str, int], list[int]] = defaultdict(list)
    for customer in customers:
        parsed = parse_code(customer.code)
        assert parsed is not None, customer.code
        abbr, year, seq = parsed
        assert abbr == customer.industry and abbr in INDUSTRIES  # stored as the code uses it
        assert year == customer.created_at.astimezone(SHANGHAI).year
        sequences[(abbr, year)].append(seq)
    assert all(sorted(seqs) == list(range(1, len(seqs) + 1)) for seqs in sequences.values())

    contacts: dict[int, list[Contact]] = defaultdict(list)
    for contact in rows["contacts"]:
        contacts[contact.customer_id].append(contact)
    assert set(contacts) == {c.id for c in customers}
    assert all(1 <= len(cs) <= 2 and sum(c.is_primary for c in cs) == 1 for cs in contacts.values())

    needs = rows["needs"]
    assert len(needs) >= 10
    for need in needs:
        assert isinstance(need.budget_low_cents, int) and isinstance(need.budget_high_cents, int)
        assert 0 < need.budget_low_cents <= need.budget_high_cents
        assert need.purchase_month is not None and len(need.purchase_month) == 7

    deals = rows["deals"]
    assert 35 <= len(deals) <= 45 and len(deals) == team.deals
    assert {d.stage for d in deals} == {s.value for s in Stage}
    for deal in deals:
        rule = STAGE_RULES[Stage(deal.stage)]
        assert rule.low <= deal.probability <= rule.high, (deal.stage, deal.probability)
        assert isinstance(deal.amount_cents, int) and deal.amount_cents > 0 and deal.amount_cents % 100 == 0
        assert (deal.lost_reason is not None) == (deal.stage == Stage.LOST.value)
        assert deal.created_at <= deal.updated_at <= now

    changes: dict[int, list[StageChange]] = defaultdict(list)
    for change in rows["stage_changes"]:
        changes[change.deal_id].append(change)
    for deal in deals:
        history = sorted(changes[deal.id], key=lambda c: (c.changed_at, c.id))
        assert history[0].from_stage is None and history[0].to_stage == Stage.LEAD.value
        assert history[-1].to_stage == deal.stage and history[-1].to_probability == deal.probability
        for before, after in itertools.pairwise(history):
            assert after.from_stage == before.to_stage and after.from_probability == before.to_probability
    assert sum(len(h) > 1 for h in changes.values()) >= 20  # plenty of deals moved

    interactions = rows["interactions"]
    assert 200 <= len(interactions) <= 400 and len(interactions) == team.interactions
    assert {i.channel for i in interactions} == {"phone", "visit", "email", "meeting", "message"}
    assert {i.attitude for i in interactions} == {"positive", "hesitant", "rejected"}
    assert {i.user_id for i in interactions} <= user_ids
    for item in interactions:
        assert now - timedelta(days=90) <= item.occurred_at <= now
        assert item.occurred_at <= item.logged_at <= now
        assert item.logged_late == (item.logged_at - item.occurred_at > timedelta(hours=24))
        assert item.summary
    assert any(i.logged_late for i in interactions)
    assert any(i.location_verified for i in interactions if i.channel == "visit")
    newest: dict[int, datetime] = {}
    for item in interactions:
        newest[item.customer_id] = max(newest.get(item.customer_id, item.occurred_at), item.occurred_at)
    assert {c.id: c.last_contact_at for c in customers} == newest

    actions = rows["next_actions"]
    done = [a for a in actions if a.done]
    open_ = [a for a in actions if not a.done]
    assert done and all(a.done_at is not None and a.done_at <= now for a in done)
    assert all(a.done_at is None for a in open_)
    today = now.astimezone(SHANGHAI).date()
    assert any(a.due_at < now for a in open_), "some open next actions are overdue"
    assert any(a.due_at.astimezone(SHANGHAI).date() == today and a.due_at > now for a in open_)
    assert any(a.due_at.astimezone(SHANGHAI).date() > today for a in open_)
    assert {a.owner_id for a in open_} == {u.id for u in users if u.role == "rep"}

    won = {d.id for d in deals if d.stage == Stage.WON.value}
    assert rows["contracts"] and {c.deal_id for c in rows["contracts"]} <= won
    assert len(rows["contract_milestones"]) >= 4 * len(rows["contracts"])
    assert any(m.done_on is not None for m in rows["contract_milestones"])
    assert 2 <= len(rows["sale_results"]) <= len(won)
    assert all(r.amount_cents == r.quantity * r.unit_price_cents for r in rows["sale_results"])
    complaints = rows["complaints"]
    assert len(complaints) >= 3
    assert all(c.satisfaction is None or 1 <= c.satisfaction <= 5 for c in complaints)
    assert any(c.resolved_at is None for c in complaints if c.kind == "complaint")
    assert len(rows["change_log"]) >= 5 and {r.changed_by for r in rows["change_log"]} <= user_ids


async def test_same_seed_same_data_other_seed_other_data(tmp_path: Path, frozen_now: datetime) -> None:
    _, first = await _seed(_sqlite(tmp_path, "a.db"), frozen_now)
    _, second = await _seed(_sqlite(tmp_path, "b.db"), frozen_now)
    _, other = await _seed(_sqlite(tmp_path, "c.db"), frozen_now, rng_seed=8)

    def fingerprint(rows: dict[str, list[Any]]) -> tuple[object, ...]:
        return (
            [(c.code, c.name, c.tier, c.last_contact_at) for c in rows["customers"]],
            [(d.title, d.stage, d.probability, d.amount_cents) for d in rows["deals"]],
            [(i.occurred_at, i.summary) for i in rows["interactions"]],
        )

    assert fingerprint(first) == fingerprint(second)
    assert fingerprint(first) != fingerprint(other)


async def test_seed_late_in_the_local_evening_stays_consistent(tmp_path: Path) -> None:
    now = datetime(2026, 3, 1, 15, 55, tzinfo=UTC)  # 23:55 in Shanghai
    _, rows = await _seed(_sqlite(tmp_path, "late.db"), now)
    today = now.astimezone(SHANGHAI).date()
    for item in rows["interactions"]:
        assert now - timedelta(days=90) <= item.occurred_at <= item.logged_at <= now
    open_ = [a for a in rows["next_actions"] if not a.done]
    assert all(a.due_at.astimezone(SHANGHAI).date() >= today or a.due_at < now for a in open_)
    assert any(a.due_at.astimezone(SHANGHAI).date() == today for a in open_)
