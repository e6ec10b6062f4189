"""Throwaway databases for tests and benchmarks: a SQLite file, or a fresh PostgreSQL schema."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

PG_URL = os.environ.get("CRM_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


@dataclass(frozen=True)
class Database:
    kind: str
    url: str
    schema: str | None = None


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg", "postgresql")


async def pg_problem(url: str = PG_URL) -> str | None:
    """None when PostgreSQL answers at `url`, otherwise why not."""
    import asyncpg

    try:
        conn = await asyncpg.connect(_dsn(url), timeout=3)
    except (OSError, asyncpg.PostgresError) as exc:
        return f"{type(exc).__name__}: {exc}"
    await conn.close()
    return None


async def _execute(url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_dsn(url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@asynccontextmanager
async def scratch_database(kind: str, folder: Path, *, prefix: str = "t",
                           pg_url: str = PG_URL) -> AsyncIterator[Database]:
    """A fresh SQLite file in `folder`, or a fresh PostgreSQL schema that is dropped afterwards."""
    if kind == "sqlite":
        yield Database("sqlite", f"sqlite+aiosqlite:///{folder / 'crm.db'}")
        return
    schema = f"{prefix}_{os.getpid()}_{secrets.token_hex(4)}"
    await _execute(pg_url, f'CREATE SCHEMA "{schema}"')
    try:
        yield Database("postgresql", pg_url, schema)
    finally:
        await _execute(pg_url, f'DROP SCHEMA "{schema}" CASCADE')
