"""`crm-bot`: run the bot, migrate the database, or try the offline demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys

from bot.config import ConfigError, exit_on_config_error, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crm-bot", description="A sales CRM that lives in Telegram.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (needs BOT_TOKEN); without a subcommand: run with a token, else demo")
    sub.add_parser("migrate", help="upgrade the database to the newest schema (idempotent)")
    sub.add_parser("check", help="exit 0 when the configuration and the database are usable (health check)")
    demo = sub.add_parser("demo", help="try the bot offline: a fake Telegram and a seeded demo database")
    demo.add_argument("--db", default="./data/demo.db", help="demo SQLite file (recreated each start)")
    demo.add_argument("--files", default="./demo-files", help="where photos and documents are saved")
    return parser


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # PTB 23 behaviour now: durations as timedelta
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    command = args.command
    try:
        if command is None:
            command = "run" if load_settings(require_token=False).bot_token else "demo"
            if command == "demo":
                args = _parser().parse_args(["demo"])
        if command == "demo":
            logging.getLogger().setLevel(logging.WARNING)  # before the imports: Alembic logs on import
            from bot.demo.terminal import run_demo

            settings = load_settings(require_token=False)
            asyncio.run(run_demo(settings, db_path=args.db, files_dir=args.files))
            return
        settings = load_settings(require_token=command == "run")
    except ConfigError as exc:
        exit_on_config_error(exc)
        return
    if command == "migrate":
        from storage.migrate import upgrade_sync

        revision = upgrade_sync(settings.database_url)
        print(f"database is at revision {revision}")
    elif command == "check":
        from storage.migrate import current_revision, head_revision

        current = asyncio.run(current_revision(settings.database_url))
        print(f"database at {current}, code at {head_revision()}")
        sys.exit(0 if current == head_revision() else 1)
    else:
        from bot.app import run

        run(settings)


if __name__ == "__main__":
    main()
