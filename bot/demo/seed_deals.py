"""Seeded deals and the stage changes that walked each one through the funnel."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.demo import seed_data as data
from bot.demo.seed_context import CustomerPlan, SeedContext
from bot.domain.enums import Stage
from bot.domain.stages import STAGE_RULES
from storage.tables import Deal, StageChange

FUNNEL: tuple[Stage, ...] = (Stage.LEAD, Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION, Stage.WON)
STAGE_POOLS: dict[str, tuple[tuple[Stage, ...], ...]] = {
    # per tier: the pool for the first deal, then the pool for the second one
    "A": ((Stage.NEGOTIATION, Stage.PROPOSAL, Stage.NEGOTIATION), (Stage.WON, Stage.WON, Stage.PROPOSAL)),
    "B": ((Stage.QUALIFIED, Stage.PROPOSAL, Stage.LEAD), (Stage.WON, Stage.QUALIFIED, Stage.LOST)),
    "C": ((Stage.LEAD, Stage.QUALIFIED, Stage.LOST),),
    "D": ((Stage.LEAD, Stage.LOST),),
}
AMOUNT_RANGE_CNY: dict[str, tuple[int, int]] = {
    "A": (300_000, 2_000_000), "B": (100_000, 800_000), "C": (50_000, 300_000), "D": (30_000, 150_000),
}


def _probability(rng: random.Random, stage: Stage) -> int:
    rule = STAGE_RULES[stage]
    steps = [p for p in range(rule.low, rule.high + 1) if p % 5 == 0] or [rule.default]
    return rng.choice(steps)


def _deal_stages(ctx: SeedContext) -> list[list[Stage]]:
    """Stages of each customer's deals, with every stage present at least once."""
    stages: list[list[Stage]] = []
    b_seen = 0
    for plan in ctx.plans:
        pools = STAGE_POOLS[plan.spec.tier]
        count = len(pools)
        if plan.spec.tier == "B":
            count = 1 + b_seen % 2
            b_seen += 1
        stages.append([ctx.rng.choice(pools[k]) for k in range(count)])
    flat = [s for group in stages for s in group]
    for missing in [s for s in Stage if s not in flat]:
        for group in stages:
            donor = next((i for i, s in enumerate(group) if flat.count(s) > 2), None)
            if donor is not None:
                flat.remove(group[donor])
                group[donor] = missing
                flat.append(missing)
                break
    return stages


def add_deals(ctx: SeedContext, session: AsyncSession) -> None:
    """One or two deals per customer, each on a product of its industry."""
    for plan, stages in zip(ctx.plans, _deal_stages(ctx), strict=True):
        spec = plan.spec
        products = ctx.rng.sample(data.PRODUCTS[spec.industry], k=len(stages))
        for stage, product in zip(stages, products, strict=True):
            _add_deal(ctx, session, plan, stage, product[0] if spec.language == "zh" else product[1])


def _add_deal(ctx: SeedContext, session: AsyncSession, plan: CustomerPlan, stage: Stage, title: str) -> None:
    rng = ctx.rng
    spec, owner = plan.spec, ctx.users[plan.spec.owner]
    earliest = plan.row.created_at + timedelta(days=1)
    if stage in (Stage.WON, Stage.LOST):
        end = ctx.now - timedelta(days=rng.randint(5, 40), hours=rng.randint(0, 8))
        start = end - timedelta(days=rng.randint(30, 120))
    else:
        end = ctx.now - timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 8))
        start = end - timedelta(days=rng.randint(10, 150))
    start = max(start, earliest)
    end = max(end, start + timedelta(hours=2))
    if stage is Stage.LOST:
        reached = FUNNEL.index(rng.choice((Stage.LEAD, Stage.QUALIFIED, Stage.PROPOSAL)))
        path = [*FUNNEL[: reached + 1], Stage.LOST]
    else:
        path = list(FUNNEL[: FUNNEL.index(stage) + 1])
    span = (end - start) / max(len(path) - 1, 1)
    moments = [start + span * k for k in range(len(path))]
    probabilities = [_probability(rng, s) for s in path]
    lo, hi = AMOUNT_RANGE_CNY[spec.tier]
    amount = rng.randint(lo // 1000, hi // 1000) * 1000 * 100
    if stage in (Stage.WON, Stage.LOST):
        expected = moments[-1].astimezone(ctx.zone).date()
    else:
        ahead = rng.randint(5, 35) if spec.tier == "A" else rng.randint(20, 120)
        expected = ctx.local_now.date() + timedelta(days=ahead)
    lang = spec.language
    deal = Deal(customer_id=plan.row.id, owner_id=owner.id, title=title, amount_cents=amount, currency="CNY",
                expected_close=expected, stage=stage.value, probability=probabilities[-1], tier=spec.tier,
                lost_reason=rng.choice(data.LOST_REASONS[lang]) if stage is Stage.LOST else None,
                created_at=start, updated_at=moments[-1])
    session.add(deal)
    plan.deals.append(deal)
    ctx.counts["deals"] += 1
    ctx.stage_paths.append((deal, path, probabilities, moments, owner))


def add_stage_changes(ctx: SeedContext, session: AsyncSession) -> None:
    """The stage history of every deal, one row per step of its path."""
    for deal, path, probabilities, moments, owner in ctx.stage_paths:
        previous: tuple[str | None, int | None] = (None, None)
        for stage, probability, moment in zip(path, probabilities, moments, strict=True):
            session.add(StageChange(deal_id=deal.id, from_stage=previous[0], to_stage=stage.value,
                                    from_probability=previous[1], to_probability=probability,
                                    changed_by=owner.id, changed_at=moment))
            previous = (stage.value, probability)
