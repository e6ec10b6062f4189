"""Benchmark of update handling: the real CRM Application against a bare PTB echo bot, same fake Bot API.

Run from the project root:
    .venv/bin/python -m bench.bench_updates [--users 20] [--messages 10] [--db sqlite|postgresql|all]
Prints a markdown report and writes it into its section of docs/benchmarks.md.

Both bots poll a local FakeTelegramServer over real HTTP (aiohttp on 127.0.0.1), in this process and event
loop; the fake users push updates into it and wait for the bot's answer to show up there. A round trip is
user.send → the fake receives the bot's sendMessage (or, for Save, its editMessageText).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import telegram

from bench.report import DOC, write_section
from bench.updates_scenarios import (
    QUICK_LOG,
    Bot,
    Measure,
    closed_loop,
    crm_bot,
    database,
    echo_bot,
    echo_once,
    help_once,
    log_and_save_once,
    median,
    p95,
    quick_log_parts,
    quick_once,
    register_reps,
    seed_customers,
)
from bot.fake_telegram import FakeTelegramServer, FakeUser
from storage.scratch import pg_problem

ROOT = Path(__file__).resolve().parent.parent
PAUSE = 0.04  # seconds between a latency round's sends: below AIORateLimiter's 30/s (see Bot.sequential)
SQLALCHEMY_LABEL = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass
class Row:
    """One line of the latency table."""

    update: str
    db: str
    median_ms: float
    p95_ms: float
    api_calls: float
    statements: float | None
    commits: float | None
    db_ms: float | None
    cpu_ms: float


@dataclass
class Load:
    """One line of the throughput table."""

    workload: str
    db: str
    limiter: str
    measure: Measure


def _row(update: str, db: str, m: Measure, per: int) -> Row:
    return Row(update, db, m.median_ms, m.p95_ms, m.api_calls / per,
               None if m.statements is None else m.statements / per,
               None if m.commits is None else m.commits / per,
               None if m.db_seconds is None else m.db_seconds / per * 1000, m.cpu / per * 1000)


def _save_row(db: str, quick: Measure, cycle: Measure, rounds: int) -> Row:
    """The press on Save alone: its samples from the log+save cycles, its costs as cycle minus quick log."""
    saves = cycle.samples[1::2]

    def per(a: float | None, b: float | None, scale: float = 1) -> float | None:
        return None if a is None or b is None else (a - b) / rounds * scale

    return Row("Save on the card", db, median(saves) * 1000, p95(saves) * 1000,
               (cycle.api_calls - quick.api_calls) / rounds, per(cycle.statements, quick.statements),
               per(cycle.commits, quick.commits), per(cycle.db_seconds, quick.db_seconds, 1000),
               (cycle.cpu - quick.cpu) / rounds * 1000)


async def _echo(args: argparse.Namespace) -> tuple[Row, Load]:
    async with echo_bot() as bot:
        user = bot.server.user(user_id=1001, first_name="Echo", language_code="en")
        await bot.sequential(user, echo_once, args.warmup, PAUSE)
        latency = await bot.measure("echo", args.rounds,
                                    lambda: bot.sequential(user, echo_once, args.rounds, PAUSE))
        users = [bot.server.user(user_id=2000 + i, first_name=f"U{i}") for i in range(args.users)]
        await closed_loop(users, echo_once, 1)
        load = await bot.measure("echo", args.users * args.messages,
                                 lambda: closed_loop(users, echo_once, args.messages))
    return _row("echo (baseline)", "—", latency, args.rounds), Load("echo text", "—", "—", load)


async def _crm_latency(bot: Bot, user: FakeUser, label: str, args: argparse.Namespace) -> list[Row]:
    await asyncio.sleep(1.1)  # let the rate limiter's bucket drain after the registrations
    measures = {}
    for name, op, sends in (("help", help_once, 1), ("quick", quick_once, 1), ("cycle", log_and_save_once, 2)):
        await bot.sequential(user, op, args.warmup, PAUSE * sends)
        run = partial(bot.sequential, user, op, args.rounds, PAUSE * sends)
        measures[name] = await bot.measure(name, args.rounds * sends, run)
    return [_row("`/help`", label, measures["help"], args.rounds),
            _row("quick log → card", label, measures["quick"], args.rounds),
            _save_row(label, measures["quick"], measures["cycle"], args.rounds)]


async def _crm_load(bot: Bot, label: str, limiter: str, args: argparse.Namespace) -> list[Load]:
    users, loads = bot.reps[1: args.users + 1], []
    workloads = (("`/help`", help_once, 1), ("quick log → card", quick_once, 1),
                 ("quick log + Save", log_and_save_once, 2))
    for name, op, updates in workloads:
        await closed_loop(users, op, 1)
        run = partial(closed_loop, users, op, args.messages)
        measure = await bot.measure(name, args.users * args.messages * updates, run)
        loads.append(Load(name, label, limiter, measure))
    return loads


async def _crm(kind: str, args: argparse.Namespace) -> tuple[list[Row], list[Load]]:
    label = SQLALCHEMY_LABEL[kind]
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as folder:
        async with database(kind, Path(folder)) as db, FakeTelegramServer() as server:
            async with crm_bot(db, server, rate_limit=True) as bot:
                reps = bot.reps = await register_reps(bot, args.users + 1)
                await seed_customers(db, args.users + 1, args.customers)
                rows = await _crm_latency(bot, reps[0], label, args)
                loads = await _crm_load(bot, label, "on (production)", args)
            async with crm_bot(db, server, rate_limit=False) as bot:
                bot.reps = reps
                loads += await _crm_load(bot, label, "off", args)
    return rows, loads


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _report(args: argparse.Namespace, command: str, echo_row: Row, echo_load: Load, rows: list[Row],
            loads: list[Load], notes: list[str], started: datetime, elapsed: float,
            parts: tuple[float, float]) -> str:
    base_lat, base_rate = echo_row.median_ms, echo_load.measure.rate
    quick = [r for r in rows if r.update.startswith("quick log")]
    lat_lines = [
        f"| {r.update} | {r.db} | {r.median_ms:.1f} | {r.p95_ms:.1f} | {r.median_ms / base_lat:.1f}× "
        f"| {r.api_calls:.1f} | {_fmt(r.statements)} | {_fmt(r.commits)} | {_fmt(r.db_ms)} | {r.cpu_ms:.1f} |"
        for r in [echo_row, *rows]
    ]
    load_lines = [
        f"| {x.workload} | {x.db} | {x.limiter} | {x.measure.rate:.0f} | {x.measure.rate / base_rate:.2f}× "
        f"| {x.measure.median_ms:.0f} / {x.measure.p95_ms:.0f} | {x.measure.cpu_ms:.1f} |"
        for x in [echo_load, *loads]
    ]
    lines = [
        "## Update handling (the real Application through the fake Bot API)",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC; the whole run took {elapsed:.0f} s",
        f"- Machine: `{platform.platform()}`, {platform.machine()}, {os.cpu_count()} CPUs",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"python-telegram-bot {telegram.__version__}",
        f"- Command: `{command}`",
        "- Setup: one process, one event loop: `bot.fake_telegram.FakeTelegramServer` on 127.0.0.1, the bot "
        "long-polling it over real HTTP (`bot.app.start_polling`), and fake users pushing updates. A round trip "
        "is `user.send(...)` → the bot's answer arriving at the fake (`user.next_reply()`; for Save, the edit of "
        "the card). The baseline is a bare `ApplicationBuilder` app (`concurrent_updates(32)`, one "
        "`MessageHandler` sending the text back, no rate limiter, no persistence). The CRM bot is "
        "`bot.app.build_application` as deployed (per-user update processor, DB persistence flushed after "
        "every update, `AIORateLimiter`), with a frozen clock.",
        f"- Data: {args.users + 1} reps registered through `/invite` + `/start`, each with {args.customers} "
        "customers (generated Chinese and English names plus “Acme Corp”). Quick log: "
        f"“{QUICK_LOG}” → the proposed card (customer, channel, attitude, next step); Save writes the log.",
        "",
        f"### Latency: one user, one update at a time ({args.rounds} rounds after {args.warmup} warm-up rounds)",
        "",
        f"Each round starts on an idle bot, {PAUSE * 1000:.0f} ms after the previous answer (per message the "
        "bot sends), so one user stays under `AIORateLimiter`'s 30 sends/s as a person would: sending "
        "back to back, the limiter's bucket fills after 30 answers and every later answer waits ~33 ms.",
        "",
        "Per-update costs are totals over the run divided by the number of updates (Bot API calls include "
        "the long polls; DB time is wall time inside SQL statements and commits; CPU is the whole process: "
        "fake server, users and bot). Save's costs are (quick log + Save) minus quick log alone.",
        "",
        "| Update | DB | median ms | p95 ms | median ÷ echo | Bot API calls | SQL statements | commits "
        "| DB time ms | CPU ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *lat_lines,
        "",
        f"Inside the quick log, measured directly (median of {args.rounds}): building the rep's "
        f"`CustomerIndex` over {args.customers} customers, which `customers.customer_index` does on every "
        f"message, takes {parts[0] * 1000:.1f} ms; `read_quick_log` with the built index takes "
        f"{parts[1] * 1000:.1f} ms"
        + (f", so the index build alone is {parts[0] * 1000 / quick[0].median_ms:.0%} of the quick log's median "
           f"round trip on {quick[0].db}." if quick else "."),
        "",
        f"### Throughput: {args.users} users × {args.messages} interactions at once",
        "",
        "Closed loop: every user sends its next message as soon as the previous one was answered (a Save "
        "cycle is two updates: the quick log and the press on Save). `AIORateLimiter` is what production "
        "runs; “off” shows what the process itself can do.",
        "",
        "| Workload | DB | AIORateLimiter | updates/s | ÷ echo | round trip median / p95 ms | CPU ms / update |",
        "|---|---|---|---|---|---|---|",
        *load_lines,
    ]
    if notes:
        lines += ["", *(f"- {n}" for n in notes)]
    return "\n".join(lines) + "\n"


async def _run(args: argparse.Namespace, command: str) -> str:
    started = datetime.now(UTC)
    clock = asyncio.get_running_loop().time
    t0 = clock()
    echo_row, echo_load = await _echo(args)
    rows: list[Row] = []
    loads: list[Load] = []
    notes: list[str] = []
    kinds = ("sqlite", "postgresql") if args.db == "all" else (args.db,)
    for kind in kinds:
        if kind == "postgresql" and (problem := await pg_problem()) is not None:
            notes.append(f"PostgreSQL skipped: unreachable ({problem}).")
            continue
        more_rows, more_loads = await _crm(kind, args)
        rows += more_rows
        loads += more_loads
    parts = quick_log_parts(args.customers, args.rounds)
    return _report(args, command, echo_row, echo_load, rows, loads, notes, started, clock() - t0, parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20, help="concurrent users in the throughput runs")
    parser.add_argument("--messages", type=int, default=10, help="interactions per user in the throughput runs")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "all"), default="all",
                        help="database(s) for the CRM bot; PostgreSQL is skipped when unreachable")
    parser.add_argument("--rounds", type=int, default=60, help="timed rounds of each latency measure")
    parser.add_argument("--warmup", type=int, default=10, help="untimed rounds before each latency measure")
    parser.add_argument("--customers", type=int, default=200, help="customers per rep")
    args = parser.parse_args()
    command = (f".venv/bin/python -m bench.bench_updates --users {args.users} --messages {args.messages} "
               f"--db {args.db} --rounds {args.rounds} --warmup {args.warmup} --customers {args.customers}")
    report = asyncio.run(_run(args, command))
    print(report)
    write_section("updates", report)
    print(f"written to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
