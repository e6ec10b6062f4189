"""Benchmark of the follow-up engine's tick: the due set over 5,000 reps × 100 customers.

Run from the project root:  .venv/bin/python -m bench.bench_tick [--reps 5000] [--per-rep 100] [--rounds 3]
Seeds 500,000 customers (tiers A 10 % / B 25 % / C 40 % / D 25 %; last contact mostly within 1.3 × the
tier's cadence, 3 % neglected up to 120 days, 2 % never contacted), 2,000,000 interactions, 150,000 open next actions (a third in the next two days, the rest
overdue or later) and times one tick at 08:30 on a Monday in Shanghai for every rep at once: the worst minute
(5,000 morning reminders, stage reviews, escalations, due reminders, after-meeting prompts) and a later sweep
minute (customers that fell overdue during the day). Baseline in the same run: the bare overdue-on-cadence
SQL alone, and a plain count of the customers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update

from bench.report import write_section
from bot.services.followups import tick
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade_to_head
from storage.scratch import pg_problem, scratch_database
from storage.tables import Customer, Interaction, NextAction, NotificationLog, Team, User
from storage.uow import SqlUnitOfWork

MONDAY_0830 = datetime(2026, 11, 30, 0, 30, tzinfo=UTC)  # 08:30 in Shanghai
DEFAULTS = {"A": 7, "B": 14, "C": 30, "D": 90}
CHUNK = 10_000


def _tier(rng: random.Random) -> str:
    roll = rng.random()
    return "A" if roll < 0.10 else "B" if roll < 0.35 else "C" if roll < 0.75 else "D"


def _last_contact(rng: random.Random, tier: str, now: datetime) -> datetime | None:
    """Mostly within about the tier's cadence (a quarter just past it), 3 % neglected for up to 120 days,
    2 % never contacted: what a team that uses the bot looks like on a Monday morning."""
    roll = rng.random()
    if roll < 0.02:
        return None
    if roll < 0.05:
        return now - timedelta(days=rng.uniform(0, 120))
    return now - timedelta(days=rng.uniform(0, 1.3 * DEFAULTS[tier]))


async def _seed(url: str, schema: str | None, reps: int, per_rep: int) -> dict[str, int]:
    await upgrade_to_head(url, schema=schema)
    engine = make_engine(url, schema=schema)
    rng = random.Random(42)
    now = MONDAY_0830
    teams = max(1, reps // 100)
    counts = {"customers": 0, "interactions": 0, "next_actions": 0}
    async with engine.begin() as conn:
        await conn.execute(insert(Team), [{"id": t + 1, "name": f"team{t}", "created_at": now} for t in range(teams)])
        await conn.execute(insert(User), [
            {"id": n + 1, "telegram_id": 1_000_000 + n, "name": f"rep{n}", "role": "rep", "team_id": 1 + n % teams,
             "timezone": "Asia/Shanghai", "language": "zh", "active": True, "created_at": now} for n in range(reps)]
            + [{"id": reps + t + 1, "telegram_id": 2_000_000 + t, "name": f"manager{t}", "role": "manager",
                "team_id": t + 1, "timezone": "Asia/Shanghai", "language": "zh", "active": True, "created_at": now}
               for t in range(teams)])
    customer_id = 0
    for start in range(0, reps * per_rep, CHUNK):
        customers, interactions, actions = [], [], []
        for i in range(start, min(start + CHUNK, reps * per_rep)):
            customer_id += 1
            tier = _tier(rng)
            last = _last_contact(rng, tier, now)
            customers.append({"id": customer_id, "code": f"BM{customer_id:08d}", "name": f"客户{customer_id}",
                              "industry": "IT", "owner_id": 1 + i // per_rep, "status": "active",
                              "lifecycle": "cultivation", "tier": tier, "last_contact_at": last,
                              "created_at": now - timedelta(days=400), "updated_at": now, "name_key": "",
                              "search_text": "", "review_status": "approved"})
            for _ in range(4):
                at = now - timedelta(days=rng.uniform(0, 365))
                interactions.append({"customer_id": customer_id, "user_id": 1 + i // per_rep, "occurred_at": at,
                                     "logged_at": at + timedelta(hours=2), "channel": "phone", "summary": "跟进",
                                     "logged_late": False, "location_verified": False})
            if rng.random() < 0.3:
                due = now + timedelta(hours=rng.uniform(-24 * 20, 48)) if rng.random() < 0.6 else \
                    now + timedelta(days=rng.uniform(2, 40))
                actions.append({"customer_id": customer_id, "owner_id": 1 + i // per_rep, "title": "回访",
                                "due_at": due, "done": False, "created_at": now - timedelta(days=30)})
        async with engine.begin() as conn:
            await conn.execute(insert(Customer), customers)
            await conn.execute(insert(Interaction), interactions)
            if actions:
                await conn.execute(insert(NextAction), actions)
        counts["customers"] += len(customers)
        counts["interactions"] += len(interactions)
        counts["next_actions"] += len(actions)
    async with engine.begin() as conn:
        await conn.exec_driver_sql("ANALYZE")  # fresh statistics, as autovacuum would have by the morning
    await engine.dispose()
    return counts


async def _timed_tick(factory: object, now: datetime, *, trace: bool = False) -> tuple[float, float, int]:
    """One tick: its time, or (trace=True, a separate run, as tracing slows Python down) its peak memory."""
    uow = SqlUnitOfWork(factory)  # type: ignore[arg-type]
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    plan = await tick(uow, now=now, defaults=DEFAULTS, sweep_minutes=10)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0.0
    if trace:
        tracemalloc.stop()
    await uow.close()
    return elapsed, peak, len(plan.rows)


async def _measure(url: str, schema: str | None, rounds: int) -> dict[str, float]:
    engine = make_engine(url, schema=schema)
    factory = make_session_factory(engine)
    results: dict[str, float] = {}
    morning, sweep, peaks = [], [], []
    for _ in range(rounds):
        async with engine.begin() as conn:
            await conn.execute(delete(NotificationLog))
        elapsed, peak, rows = await _timed_tick(factory, MONDAY_0830)
        morning.append(elapsed)
        peaks.append(peak)
        results["morning_rows"] = rows
        async with engine.begin() as conn:  # the mornings went out; ten minutes later comes a sweep minute
            await conn.execute(update(NotificationLog).where(NotificationLog.kind == "morning").values(status="sent"))
        elapsed, peak, rows = await _timed_tick(factory, MONDAY_0830 + timedelta(minutes=10))
        sweep.append(elapsed)
        peaks.append(peak)
        results["sweep_rows"] = rows
    results["morning"] = statistics.median(morning)
    results["sweep"] = statistics.median(sweep)
    async with engine.begin() as conn:  # once more, traced, for the peak memory of the worst minute
        await conn.execute(delete(NotificationLog))
    peaks.append((await _timed_tick(factory, MONDAY_0830, trace=True))[1])
    results["peak_mb"] = max(peaks)
    uow = SqlUnitOfWork(factory)
    async with uow:
        owners = list(range(1, 5001))
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            await uow.followups.overdue(owners, DEFAULTS, now=MONDAY_0830)
            samples.append(time.perf_counter() - started)
        results["raw_overdue"] = statistics.median(samples)
        started = time.perf_counter()
        await uow.session.scalar(select(func.count()).select_from(Customer))
        results["count"] = time.perf_counter() - started
    await uow.close()
    await engine.dispose()
    return results


async def run(reps: int, per_rep: int, rounds: int) -> str:
    """Seed each engine, time the ticks, return the markdown section."""
    lines = [f"## Follow-up tick over {reps:,} reps × {per_rep} customers", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
             f"Median of {rounds} rounds. Every rep is in Asia/Shanghai, so at Monday 08:30 every morning "
             "reminder falls due in the same minute: the worst case. The tick decides and writes the rows; "
             "sending is the outbox's (see the delivery benchmark).", "",
             "| engine | seeded | seeding | worst tick (08:30, all mornings) | sweep tick (08:40) | peak Python "
             "memory in a tick | baseline: overdue SQL alone / count(*) | target |", "|---|---|---|---|---|---|---|---|"]
    for kind in ("sqlite", "postgresql"):
        if kind == "postgresql" and (problem := await pg_problem()) is not None:
            lines.append(f"| postgresql | skipped: {problem} | | | | | | |")
            continue
        with tempfile.TemporaryDirectory() as folder:
            async with scratch_database(kind, Path(folder), prefix="bench") as db:
                started = time.perf_counter()
                counts = await _seed(db.url, db.schema, reps, per_rep)
                seeding = time.perf_counter() - started
                r = await _measure(db.url, db.schema, rounds)
        ok = "met" if max(r["morning"], r["sweep"]) <= 2.0 else "MISSED"
        lines.append(f"| {kind} | {counts['customers']:,} customers, {counts['interactions']:,} interactions, "
                     f"{counts['next_actions']:,} next actions | {seeding:.0f} s | {r['morning']:.2f} s "
                     f"({int(r['morning_rows']):,} rows) | {r['sweep']:.2f} s ({int(r['sweep_rows']):,} rows) | "
                     f"{r['peak_mb']:.0f} MB | {r['raw_overdue']:.2f} s / {r['count'] * 1000:.0f} ms | "
                     f"≤ 2 s: {ok} |")
    lines += ["", "The due set is computed with set-based SQL: one overdue-on-cadence query per distinct "
              "cadence table (teams with the same rules share one), next actions by the `due_at` index, and "
              "existing keys looked up in batches of 500; the rows are written with one INSERT … ON CONFLICT DO "
              "NOTHING. Python touches only the 5,000 reps (their windows) and the rows found due."]
    return "\n".join(lines)


def main() -> None:
    """Parse arguments, run, print and record the section."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=5000)
    parser.add_argument("--per-rep", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    markdown = asyncio.run(run(args.reps, args.per_rep, args.rounds))
    print(markdown)
    write_section("tick", markdown)


if __name__ == "__main__":
    main()
