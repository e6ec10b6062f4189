"""Benchmark of /find (bot.services.customer_search) over 100,000 customers on SQLite and PostgreSQL.

Run from the project root:  .venv/bin/python -m bench.bench_find [--customers 100000] [--rounds 5]
Baselines measured in the same run: the bare SQL substring query alone, and the previous design
(a fuzzy index built over every visible customer per search).
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
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select

from bench.report import write_section
from bot.domain.company import name_key
from bot.domain.enums import Role
from bot.domain.matching import CustomerIndex
from bot.domain.records import UserRecord
from bot.domain.search_text import search_text
from bot.services.customer_search import find_customers
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade_to_head
from storage.scratch import pg_problem, scratch_database
from storage.tables import Contact, Customer, User
from storage.uow import SqlUnitOfWork

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
CITIES = ("上海", "北京", "苏州", "杭州", "深圳", "广州", "成都", "武汉", "南京", "天津")
SYLLABLES = "华星兴达盛通宏远鑫泰恒安新联创辉瑞丰佳和润博源明海金利嘉诚德信永昌中天科"
TRADES = ("科技", "精密制造", "物流", "电子", "贸易", "建设", "医疗器械", "食品", "能源", "软件")
EN_WORDS = ("Acme", "Delta", "Nova", "Orion", "Apex", "Blue", "River", "Summit", "Pioneer", "Vertex", "Harbor")
EN_TRADES = ("Robotics", "Logistics", "Foods", "Trading", "Systems", "Energy", "Medical", "Software")
SURNAMES = "王李张刘陈杨赵黄周吴"


def _customers(count: int, reps: int) -> list[dict[str, object]]:
    rng = random.Random(7)
    rows = []
    for i in range(count):
        if rng.random() < 0.8:
            name = (f"{rng.choice(CITIES)}{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}{rng.choice(TRADES)}"
                    f"有限公司")
            contact = f"{rng.choice(SURNAMES)}经理"
        else:
            name = f"{rng.choice(EN_WORDS)} {rng.choice(EN_WORDS)} {rng.choice(EN_TRADES)} Ltd"
            contact = "Mr " + rng.choice(EN_WORDS)
        code = f"IT{2020 + i // 100_000}{i % 100_000 + 1:05d}"
        phone = f"13{rng.randint(5, 9)}{rng.randint(10**7, 10**8 - 1)}"
        rows.append({"id": i + 1, "code": code, "name": name, "industry": "IT", "owner_id": 2 + i % reps,
                     "status": "active", "lifecycle": "acquisition", "tier": rng.choice("ABCD"),
                     "name_key": name_key(name), "created_at": NOW, "updated_at": NOW, "review_status": "approved",
                     "search_text": search_text(name=name, code=code, contacts=[contact], phones=[phone]),
                     "_contact": contact, "_phone": phone})
    return rows


async def _seed(url: str, schema: str | None, rows: list[dict[str, object]], reps: int) -> None:
    await upgrade_to_head(url, schema=schema)
    engine = make_engine(url, schema=schema)
    async with engine.begin() as conn:
        await conn.execute(insert(User), [
            {"id": n + 1, "telegram_id": 10_000 + n, "name": f"user{n}", "role": "admin" if n == 0 else "rep",
             "timezone": "Asia/Shanghai", "language": "zh", "active": True, "created_at": NOW}
            for n in range(reps + 1)])
        for start in range(0, len(rows), 5000):
            chunk = rows[start:start + 5000]
            await conn.execute(insert(Customer), [{k: v for k, v in r.items() if not k.startswith("_")}
                                                  for r in chunk])
            await conn.execute(insert(Contact), [
                {"customer_id": r["id"], "name": r["_contact"], "phone": f"+86{r['_phone']}",
                 "phone_digits": r["_phone"], "is_primary": True} for r in chunk])
    await engine.dispose()


def _queries(rows: list[dict[str, object]]) -> list[str]:
    rng = random.Random(11)
    picks = rng.sample(rows, 8)
    queries = []
    for r in picks:
        name = str(r["name"])
        queries += [name[:6], str(r["code"]), str(r["_phone"])[3:]]
    queries += ["hxkj", "shxd", "acme robotics", "Delta Nova", "王经理", "不存在的公司名称"]
    return queries


def _user(user_id: int, role: Role) -> UserRecord:
    return UserRecord(id=user_id, telegram_id=10_000 + user_id - 1, name=f"user{user_id - 1}", role=role,
                      team_id=None, team_name=None, timezone="Asia/Shanghai", language="zh", active=True)


async def _measure(url: str, schema: str | None, queries: list[str], rounds: int) -> dict[str, float]:
    engine = make_engine(url, schema=schema)
    factory = make_session_factory(engine)
    admin, rep = _user(1, Role.ADMIN), _user(2, Role.REP)
    results: dict[str, float] = {}
    for label, user in (("admin", admin), ("rep", rep)):
        samples = []
        for _ in range(rounds):
            for query in queries:
                uow = SqlUnitOfWork(factory)
                start = time.perf_counter()
                await find_customers(uow, user, query)
                samples.append(time.perf_counter() - start)
                await uow.close()
        results[f"find_{label}"] = statistics.median(samples)
        results[f"find_{label}_p95"] = sorted(samples)[int(0.95 * (len(samples) - 1))]
    async with factory() as session:  # baseline: the substring query alone, no ranking
        samples = []
        for _ in range(rounds):
            for query in queries:
                start = time.perf_counter()
                (await session.execute(select(Customer.id, Customer.name).where(
                    Customer.search_text.contains(query.lower(), autoescape=True)).limit(300))).all()
                samples.append(time.perf_counter() - start)
        results["raw_like"] = statistics.median(samples)
    start = time.perf_counter()  # previous design: load every ref, build the fuzzy index, search once
    uow = SqlUnitOfWork(factory)
    async with uow:
        refs = await uow.customers.refs(owner_ids=None)
    CustomerIndex(refs).search("hxkj", limit=10)
    await uow.close()
    results["full_index"] = time.perf_counter() - start
    await engine.dispose()
    return results


async def run(customers: int, rounds: int) -> str:
    """Seed each engine, time the searches, return the markdown section."""
    reps = max(1, customers // 1000)
    started = time.perf_counter()
    rows = _customers(customers, reps)
    build = time.perf_counter() - started
    queries = _queries(rows)
    lines = [f"## /find over {customers:,} customers", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
             f"{len(queries)} queries × {rounds} rounds: name prefixes, codes, phone digits, pinyin initials, "
             f"a contact name and a miss. The admin sees all {customers:,} customers; a rep sees "
             f"{customers // reps:,}. Computing the search keys (pypinyin) took {build:.1f} s once.", "",
             "| engine | /find admin (median / p95) | /find rep | bare substring SQL | previous design: full fuzzy "
             "index | target |", "|---|---|---|---|---|---|"]
    for kind in ("sqlite", "postgresql"):
        if kind == "postgresql" and (problem := await pg_problem()) is not None:
            lines.append(f"| postgresql | skipped: {problem} | | | | |")
            continue
        with tempfile.TemporaryDirectory() as folder:
            async with scratch_database(kind, Path(folder), prefix="bench") as db:
                await _seed(db.url, db.schema, rows, reps)
                r = await _measure(db.url, db.schema, queries, rounds)
        ok = "met" if r["find_admin"] <= 0.1 else "MISSED"
        lines.append(f"| {kind} | {r['find_admin'] * 1000:.1f} ms / {r['find_admin_p95'] * 1000:.1f} ms | "
                     f"{r['find_rep'] * 1000:.1f} ms | {r['raw_like'] * 1000:.1f} ms | {r['full_index'] * 1000:.0f} ms "
                     f"| ≤ 100 ms median: {ok} |")
    lines += ["", "The pre-filter is a substring match on `customers.search_text` (name, name without legal "
              "suffix, pinyin, initials, code, contact names, phone digits); only its first 300 hits are ranked "
              "with the fuzzy matcher. A typo that matches no substring falls back to the fuzzy index only for "
              "scopes of at most 20,000 customers (a rep or a team), never for the whole company."]
    return "\n".join(lines)


def main() -> None:
    """Parse arguments, run, print and record the section."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    markdown = asyncio.run(run(args.customers, args.rounds))
    print(markdown)
    write_section("find", markdown)


if __name__ == "__main__":
    main()
