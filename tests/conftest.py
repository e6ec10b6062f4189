"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL, and a frozen clock."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("PTB_TIMEDELTA", "true")  # PTB 23 behaviour now: durations as timedelta
PG_URL = os.environ.get("CRM_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class Database:
    kind: str
    url: str
    schema: str | None = None


async def _pg_available() -> str | None:
    import asyncpg

    try:
        conn = await asyncpg.connect(PG_URL.replace("postgresql+asyncpg", "postgresql"), timeout=3)
    except (OSError, asyncpg.PostgresError) as exc:
        return f"{type(exc).__name__}: {exc}"
    await conn.close()
    return None


async def _pg_exec(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_URL.replace("postgresql+asyncpg", "postgresql"))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty database: a SQLite file, or a fresh PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield Database("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'crm.db'}")
        return
    problem = await _pg_available()
    if problem is not None:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI but unreachable at {PG_URL}: {problem}")
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}: {problem}")
    schema = f"t_{os.getpid()}_{secrets.token_hex(4)}"
    await _pg_exec(f'CREATE SCHEMA "{schema}"')
    try:
        yield Database("postgresql", PG_URL, schema)
    finally:
        await _pg_exec(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def frozen_now() -> datetime:
    """Wednesday 2026-11-25 02:00 UTC = 10:00 in Shanghai."""
    return datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
