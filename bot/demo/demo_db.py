"""The demo's files on disk: a freshly migrated and seeded SQLite database, and the folder for downloads."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from bot.demo.seed import DemoTeam, seed_demo
from storage.engine import make_engine, make_session_factory


def prepare_paths(db_path: str, files_dir: str) -> tuple[Path, Path]:
    """Resolve the database path and the files folder, creating the folder."""
    database = Path(db_path).expanduser().resolve()
    files = Path(files_dir).expanduser().resolve()
    files.mkdir(parents=True, exist_ok=True)
    return database, files


def _reset_database(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def prepare_database(db_path: Path, *, now: datetime | None = None, rng_seed: int = 7) -> DemoTeam:
    """Delete and recreate the demo SQLite file, migrate it to head and seed it."""
    from storage.migrate import upgrade_to_head  # imported late: alembic logs at import time

    await asyncio.to_thread(_reset_database, db_path)
    url = sqlite_url(db_path)
    await upgrade_to_head(url)
    engine = make_engine(url)
    try:
        return await seed_demo(make_session_factory(engine), now=now or datetime.now(UTC), rng_seed=rng_seed)
    finally:
        await engine.dispose()


def sqlite_url(db_path: Path) -> str:
    """The aiosqlite URL of a file."""
    return f"sqlite+aiosqlite:///{db_path.as_posix()}"
