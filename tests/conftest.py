"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL, and a frozen clock."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.scratch import PG_URL, Database, pg_problem, scratch_database

__all__ = ["Database"]

os.environ.setdefault("PTB_TIMEDELTA", "true")  # PTB 23 behaviour now: durations as timedelta
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty database: a SQLite file, or a fresh PostgreSQL schema dropped afterwards."""
    if request.param == "postgresql" and (problem := await pg_problem()) is not None:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI but unreachable at {PG_URL}: {problem}")
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}: {problem}")
    async with scratch_database(request.param, tmp_path) as db:
        yield db


@pytest.fixture
def frozen_now() -> datetime:
    """Wednesday 2026-11-25 02:00 UTC = 10:00 in Shanghai."""
    return datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
