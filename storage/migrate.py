"""Upgrade a database to the newest Alembic revision."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.engine import make_engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    """A programmatic Alembic config pointing at this package's migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    return config


async def upgrade_to_head(url: str, *, schema: str | None = None) -> str | None:
    """Run every pending migration; return the revision now in the database."""
    engine = make_engine(url, schema=schema)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_upgrade, alembic_config(url))
        async with engine.connect() as conn:
            return await conn.run_sync(_current)
    finally:
        await engine.dispose()


def _upgrade(connection: Connection, config: Config) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(url: str, *, schema: str | None = None) -> str | None:
    """The revision the database is at (None when it was never migrated); changes nothing."""
    engine = make_engine(url, schema=schema)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_current)
    finally:
        await engine.dispose()


def head_revision() -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def upgrade_sync(url: str) -> str | None:
    """Blocking wrapper for the CLI."""
    return asyncio.run(upgrade_to_head(url))
