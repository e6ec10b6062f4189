"""A believable demo team written straight into the tables: people, customers, deals and 90 days of history.

Deterministic: the same ``now`` and ``rng_seed`` give the same rows. The steps live in the ``seed_*``
modules and run here in a fixed order, sharing one :class:`~bot.demo.seed_context.SeedContext`:

* ``seed_people`` — the team, its users, and :class:`DemoUser` / :class:`DemoTeam`;
* ``seed_customers`` — customers, contacts and needs;
* ``seed_deals`` — deals and their stage history;
* ``seed_activity`` — interactions and next actions;
* ``seed_aftersales`` — contracts, milestones, complaints and feedback;
* ``seed_changelog`` — the audit trail.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.demo.seed_activity import (
    ATTITUDE_WEIGHTS,
    CHANNEL_WEIGHTS,
    DUE_CYCLE,
    HISTORY_DAYS,
    INTERACTIONS_PER_TIER,
    add_interactions,
    add_next_actions,
)
from bot.demo.seed_aftersales import add_complaints, add_contracts, add_milestones
from bot.demo.seed_changelog import add_change_log
from bot.demo.seed_context import SeedContext
from bot.demo.seed_customers import add_contacts_and_needs, add_customers
from bot.demo.seed_deals import AMOUNT_RANGE_CNY, FUNNEL, STAGE_POOLS, add_deals, add_stage_changes
from bot.demo.seed_people import DemoTeam, DemoUser, add_team_and_people, demo_team

__all__ = [
    "AMOUNT_RANGE_CNY",
    "ATTITUDE_WEIGHTS",
    "CHANNEL_WEIGHTS",
    "DUE_CYCLE",
    "FUNNEL",
    "HISTORY_DAYS",
    "INTERACTIONS_PER_TIER",
    "STAGE_POOLS",
    "DemoTeam",
    "DemoUser",
    "seed_demo",
]


async def seed_demo(session_factory: async_sessionmaker[AsyncSession], *, now: datetime,
                    rng_seed: int = 7) -> DemoTeam:
    """Write the demo team into an empty, migrated database in one transaction."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    ctx = SeedContext(now.astimezone(UTC), random.Random(rng_seed))
    async with session_factory() as session:
        team = await _run(ctx, session)
        await session.commit()
    return team


async def _run(ctx: SeedContext, session: AsyncSession) -> DemoTeam:
    """Every step in order; the flushes give later steps the ids they point at."""
    await add_team_and_people(ctx, session)
    add_customers(ctx, session)
    await session.flush()
    add_contacts_and_needs(ctx, session)
    add_deals(ctx, session)
    await session.flush()
    add_stage_changes(ctx, session)
    add_interactions(ctx, session)
    await session.flush()
    add_next_actions(ctx, session)
    add_contracts(ctx, session)
    add_complaints(ctx, session)
    add_change_log(ctx, session)
    await session.flush()
    add_milestones(ctx, session)
    await session.flush()
    return demo_team(ctx)
