"""Seeded day-to-day work: 90 days of interactions and the next actions that followed them."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.demo import seed_data as data
from bot.demo.seed_context import CustomerPlan, SeedContext
from bot.domain.enums import Stage
from storage.tables import Interaction, NextAction

HISTORY_DAYS = 90
INTERACTIONS_PER_TIER = {"A": 18, "B": 12, "C": 7, "D": 3}
CHANNEL_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {
    "A": (("phone", 5), ("visit", 4), ("meeting", 1), ("message", 3), ("email", 2)),
    "B": (("phone", 4), ("visit", 2), ("email", 4), ("message", 3), ("meeting", 1)),
    "C": (("phone", 2), ("email", 4), ("message", 4), ("meeting", 1)),
    "D": (("email", 3), ("message", 3), ("phone", 1)),
}
ATTITUDE_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {
    "A": (("positive", 12), ("hesitant", 5), ("rejected", 0)),
    "B": (("positive", 8), ("hesitant", 6), ("rejected", 1)),
    "C": (("positive", 4), ("hesitant", 6), ("rejected", 2)),
    "D": (("positive", 1), ("hesitant", 3), ("rejected", 2)),
}
# How each rep's open next actions are spread, so every rep sees overdue, today and future items.
DUE_CYCLE = ("overdue", "today", "future", "future", "overdue", "future", "today")


def _weighted(rng: random.Random, weights: Sequence[tuple[str, int]]) -> str:
    names = [name for name, _ in weights]
    return rng.choices(names, weights=[w for _, w in weights])[0]


# ---------------------------------------------------------------------- interactions
def add_interactions(ctx: SeedContext, session: AsyncSession) -> None:
    """Each customer's interactions over the history window, then its contact dates and lifecycle."""
    for index, plan in enumerate(ctx.plans):
        _add_customer_interactions(ctx, session, index, plan)


def _add_customer_interactions(ctx: SeedContext, session: AsyncSession, index: int, plan: CustomerPlan) -> None:
    rng, manager = ctx.rng, ctx.users["wang"]
    spec = plan.spec
    lang = spec.language
    available = (ctx.now - plan.row.created_at).days - 1
    max_days = max(0, min(HISTORY_DAYS - 2, available))
    count = max(1, INTERACTIONS_PER_TIER[spec.tier] + rng.randint(-2, 2))
    if max_days < HISTORY_DAYS - 2:
        count = max(2, count * max_days // (HISTORY_DAYS - 2))
    quiet = 20 if plan.row.status == "dormant" and max_days > 20 else 0  # dormant: nothing lately
    moments = sorted(ctx.work_time(rng.randint(quiet, max_days)) for _ in range(count))
    moments = [m for m in moments if m >= plan.row.created_at] or [ctx.now - timedelta(hours=3)]
    all_lost = all(d.stage == Stage.LOST.value for d in plan.deals)
    for position, occurred in enumerate(moments):
        channel = _weighted(rng, CHANNEL_WEIGHTS[spec.tier])
        attitude = _weighted(rng, ATTITUDE_WEIGHTS[spec.tier])
        if all_lost and position == len(moments) - 1:
            attitude = "rejected"
        contact = rng.choice(plan.contacts).name
        candidates = [d for d in plan.deals if d.created_at <= occurred]
        linked = rng.choice(candidates) if candidates else None
        product = linked.title if linked else rng.choice(data.PRODUCTS[spec.industry])[0 if lang == "zh" else 1]
        summary = (data.CHANNEL_PREFIX[lang][channel].format(contact=contact)
                   + rng.choice(data.SUMMARIES[lang][attitude]).format(contact=contact, product=product))
        if lang == "en":
            prefix, _, rest = summary.partition(": ")
            summary = f"{prefix}: {rest[:1].upper()}{rest[1:]}"
        late = rng.random() < 0.07
        delay = timedelta(hours=rng.randint(25, 72)) if late else timedelta(minutes=rng.randint(5, 300))
        logged = min(occurred + delay, ctx.now)
        user = manager if spec.tier == "A" and channel in ("visit", "meeting") and \
            rng.random() < 0.3 else ctx.users[spec.owner]
        row = Interaction(customer_id=plan.row.id, deal_id=linked.id if linked else None, user_id=user.id,
                          occurred_at=occurred, logged_at=logged, channel=channel, summary=summary,
                          attitude=attitude, logged_late=logged - occurred > timedelta(hours=24),
                          location_verified=False)
        if channel == "visit" and plan.coords is not None:
            distance = rng.choice((35, 60, 80, 120, 150, 210, 1450))
            row.latitude = round(plan.coords[0] + rng.uniform(-0.0008, 0.0008), 6)
            row.longitude = round(plan.coords[1] + rng.uniform(-0.0008, 0.0008), 6)
            row.distance_m = distance
            row.location_verified = distance <= 300
        session.add(row)
        ctx.interactions[index].append(row)
        ctx.counts["interactions"] += 1
    plan.row.last_contact_at = moments[-1]
    plan.row.updated_at = max(plan.row.updated_at, ctx.interactions[index][-1].logged_at)
    has_won = any(d.stage == Stage.WON.value for d in plan.deals)
    if has_won:
        plan.row.lifecycle = "retention"
    elif all_lost:
        plan.row.lifecycle = "winback"
    elif plan.row.created_at > ctx.now - timedelta(days=HISTORY_DAYS):
        plan.row.lifecycle = "acquisition"
    else:
        plan.row.lifecycle = "cultivation"


# ---------------------------------------------------------------------- next actions
def _due(ctx: SeedContext, kind: str, occurred: datetime) -> datetime:
    rng = ctx.rng
    if kind == "overdue" and occurred < ctx.now - timedelta(hours=30):
        due = occurred + timedelta(days=rng.randint(1, 3))
        due = due.astimezone(ctx.zone).replace(hour=rng.choice((10, 14, 16)), minute=0)
        due = due.astimezone(UTC)
        if occurred < due < ctx.now - timedelta(hours=1):
            return due
    if kind in ("overdue", "today"):
        if ctx.local_now.hour < 17:
            return ctx.local(ctx.local_now.date(), 17, rng.choice((0, 30)))
        end_of_day = datetime.combine(ctx.local_now.date(), time(23, 59), tzinfo=ctx.zone)
        return min(ctx.now + timedelta(minutes=30), end_of_day.astimezone(UTC))
    day = ctx.local_now.date() + timedelta(days=rng.randint(1, 14))
    return ctx.local(day, rng.randint(9, 17), rng.choice((0, 30)))


def add_next_actions(ctx: SeedContext, session: AsyncSession) -> None:
    """Done follow-ups between interactions, and one open next action (or a reason) after the last."""
    rng = ctx.rng
    cycles: dict[int, int] = defaultdict(int)
    for index, plan in enumerate(ctx.plans):
        rows = ctx.interactions[index]
        lang = plan.spec.language
        owner = ctx.users[plan.spec.owner]
        for current, following in itertools.pairwise(rows):
            due = max(current.occurred_at + timedelta(days=rng.randint(1, 7)), current.logged_at)
            session.add(NextAction(customer_id=plan.row.id, interaction_id=current.id, owner_id=owner.id,
                                   title=rng.choice(data.NEXT_ACTIONS[lang]), due_at=due, done=True,
                                   done_at=max(following.occurred_at, current.logged_at),
                                   created_at=current.logged_at))
        last = rows[-1]
        open_deals = [d for d in plan.deals if d.stage not in (Stage.WON.value, Stage.LOST.value)]
        if plan.row.status == "dormant" or not open_deals or last.attitude == "rejected":
            if not open_deals and any(d.stage == Stage.WON.value for d in plan.deals):
                last.no_next_reason = "won"
            elif plan.row.status == "dormant":
                last.no_next_reason = "paused"
            else:
                last.no_next_reason = "lost"
            last.no_next_note = ("客户暂无需求，按季度发送行业资讯" if lang == "zh"
                                 else "No need for now; quarterly industry updates only")
            continue
        kind = DUE_CYCLE[cycles[owner.id] % len(DUE_CYCLE)]
        cycles[owner.id] += 1
        session.add(NextAction(customer_id=plan.row.id, interaction_id=last.id, owner_id=owner.id,
                               title=rng.choice(data.NEXT_ACTIONS[lang]), due_at=_due(ctx, kind, last.occurred_at),
                               done=False, done_at=None, created_at=last.logged_at))
