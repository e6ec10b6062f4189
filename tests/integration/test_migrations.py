"""Empty database → head on both engines; migrating again changes nothing; SQLite pragmas hold."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from storage.engine import make_engine
from storage.migrate import head_revision, upgrade_to_head
from storage.tables import Base
from tests.conftest import Database

EXPECTED_TABLES = {
    "users", "teams", "invites", "customers", "contacts", "needs", "deals", "interactions", "attachments",
    "next_actions", "stage_changes", "sale_results", "contracts", "contract_milestones", "complaints",
    "change_log", "notification_log", "processed_updates", "conversation_states", "app_settings", "import_jobs",
    "tier_changes", "team_settings",
}


async def _tables_and_indexes(db: Database) -> tuple[set[str], set[str]]:
    engine = make_engine(db.url, schema=db.schema)
    async with engine.connect() as conn:
        def read(sync_conn: object) -> tuple[set[str], set[str]]:
            insp = inspect(sync_conn)
            tables = set(insp.get_table_names())
            indexes = {ix["name"] for table in tables for ix in insp.get_indexes(table) if ix["name"]}
            return tables, indexes
        result = await conn.run_sync(read)
    await engine.dispose()
    return result


async def test_empty_database_upgrades_to_head_and_again_is_a_no_op(database: Database) -> None:
    assert await upgrade_to_head(database.url, schema=database.schema) == head_revision()
    assert await upgrade_to_head(database.url, schema=database.schema) == head_revision()
    tables, indexes = await _tables_and_indexes(database)
    assert tables >= EXPECTED_TABLES | {"alembic_version"}
    assert set(Base.metadata.tables) == EXPECTED_TABLES
    for wanted in ("ix_customers_owner_id", "ix_next_actions_due_at", "ix_deals_stage",
                   "ix_customers_last_contact_at", "ix_next_actions_owner_open_due"):
        assert wanted in indexes


async def test_timestamps_come_back_aware_in_utc(database: Database) -> None:
    await upgrade_to_head(database.url, schema=database.schema)
    engine = make_engine(database.url, schema=database.schema)
    shanghai = timezone(timedelta(hours=8))
    moment = datetime(2026, 11, 25, 10, 0, tzinfo=shanghai)
    from sqlalchemy import select

    from storage.engine import make_session_factory
    from storage.tables import ProcessedUpdate

    async with make_session_factory(engine)() as session:
        session.add(ProcessedUpdate(update_id=1, processed_at=moment))
        await session.commit()
        stored = await session.scalar(select(ProcessedUpdate.processed_at))
    await engine.dispose()
    assert stored == moment and stored.tzinfo is not None and stored.utcoffset() == timedelta(0)
    assert stored == datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


async def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'sub' / 'x.db'}")
    async with engine.connect() as conn:
        assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
        assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar() == 5000
    await engine.dispose()


@pytest.mark.parametrize("runs", [2])
def test_crm_bot_migrate_is_idempotent(tmp_path: Path, runs: int) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'data' / 'crm.db'}"}
    env.pop("BOT_TOKEN", None)
    outputs = [subprocess.run([sys.executable, "-m", "bot.cli", "migrate"], env=env, capture_output=True,
                              text=True, check=True, cwd=tmp_path).stdout for _ in range(runs)]
    assert outputs == [f"database is at revision {head_revision()}\n"] * runs


def test_missing_token_or_bad_url_exit_2_with_one_line(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "TELEGRAM_BASE_URL", "DATABASE_URL")}
    cases = [({}, "BOT_TOKEN is not set"),
             ({"BOT_TOKEN": "1:x", "TELEGRAM_BASE_URL": "ftp//nope"}, "TELEGRAM_BASE_URL"),
             ({"BOT_TOKEN": "1:x", "DATABASE_URL": "mysql://x"}, "DATABASE_URL")]
    for extra, needle in cases:
        done = subprocess.run([sys.executable, "-m", "bot.cli", "run"], env={**base, **extra},
                              capture_output=True, text=True, cwd=tmp_path, timeout=60)
        assert done.returncode == 2, done.stderr
        assert needle in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_crm_bot_check_is_healthy_only_at_head(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'crm.db'}"}
    check = [sys.executable, "-m", "bot.cli", "check"]
    assert subprocess.run(check, env=env, capture_output=True, cwd=tmp_path, timeout=60).returncode == 1
    subprocess.run([sys.executable, "-m", "bot.cli", "migrate"], env=env, check=True, capture_output=True,
                   cwd=tmp_path, timeout=60)
    assert subprocess.run(check, env=env, capture_output=True, cwd=tmp_path, timeout=60).returncode == 0


async def test_migrated_schema_matches_the_models(database: Database) -> None:
    """Alembic's autogenerate finds nothing to add: every model change has its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    await upgrade_to_head(database.url, schema=database.schema)
    engine = make_engine(database.url, schema=database.schema)

    def diff(sync_conn: object) -> list[object]:
        context = MigrationContext.configure(sync_conn, opts={"compare_type": False})  # type: ignore[arg-type]
        return [d for d in compare_metadata(context, Base.metadata)
                if not (isinstance(d, tuple) and d[0] in ("add_table", "remove_table")
                        and getattr(d[1], "name", "") == "alembic_version")]

    async with engine.connect() as conn:
        differences = await conn.run_sync(diff)
    await engine.dispose()
    assert differences == []


async def test_upgrade_from_0001_backfills_duplicate_and_search_keys(database: Database) -> None:
    """A customer saved before 0002 gets its name key and search text, so /find and 撞单 see it."""
    from alembic import command

    from storage.migrate import alembic_config

    engine = make_engine(database.url, schema=database.schema)

    def to_0001(sync_conn: object) -> None:
        config = alembic_config(database.url)
        config.attributes["connection"] = sync_conn
        command.upgrade(config, "0001")

    async with engine.begin() as conn:
        await conn.run_sync(to_0001)
        now = datetime(2026, 11, 1, tzinfo=UTC)
        await conn.execute(text("INSERT INTO users (id, telegram_id, name, role, timezone, language, active, "
                                "created_at) VALUES (1, 9, 'Rep', 'rep', 'UTC', 'en', true, :now)"), {"now": now})
        await conn.execute(text("INSERT INTO customers (id, code, name, industry, owner_id, status, lifecycle, "
                                "tier, created_at, updated_at) VALUES (1, 'IT2026001', '华星科技有限公司', 'IT', 1, "
                                "'active', 'acquisition', 'C', :now, :now)"), {"now": now})
    await engine.dispose()
    assert await upgrade_to_head(database.url, schema=database.schema) == head_revision()
    engine = make_engine(database.url, schema=database.schema)
    async with engine.connect() as conn:
        row = (await conn.execute(text("SELECT name_key, search_text, review_status FROM customers"))).one()
    await engine.dispose()
    assert row.name_key == "华星科技"
    assert "|hxkj|" in row.search_text and "|it2026001|" in row.search_text
    assert row.review_status == "approved"
