"""`crm-bot demo`: the real bot against a fake Telegram and a seeded database, chatted with from a terminal.

This module wires things up; the pieces live next to it: ``demo_db`` (the seeded SQLite file),
``terminal_chat`` (the chat session), ``terminal_render`` (what gets printed), ``terminal_commands``
(button presses, ``/loc``, ``/file``) and ``terminal_input`` (stdin and Ctrl-C).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from typing import IO, Any

from telegram import Update

from bot.config import Settings
from bot.demo.demo_db import prepare_database, prepare_paths, sqlite_url
from bot.demo.terminal_chat import FIRST_REPLY_WAIT, QUIET, SETTLE_CAP, DemoTerminal
from bot.demo.terminal_commands import IMAGE_SUFFIXES, VOICE_SUFFIXES
from bot.demo.terminal_input import ctrl_c_quits, isatty, start_reader
from bot.demo.terminal_render import BANNER
from bot.fake_telegram import FakeTelegramServer

__all__ = [
    "BANNER",
    "DEMO_BOT_USERNAME",
    "DEMO_TOKEN",
    "FIRST_REPLY_WAIT",
    "IMAGE_SUFFIXES",
    "POLL_TIMEOUT",
    "QUIET",
    "SETTLE_CAP",
    "VOICE_SUFFIXES",
    "DemoTerminal",
    "prepare_database",
    "run_demo",
    "sqlite_url",
]

DEMO_TOKEN = "910000:DEMO-offline-token"
DEMO_BOT_USERNAME = "crm_demo_bot"
POLL_TIMEOUT = 1  # seconds a getUpdates long poll may hang; bounds how long stopping takes


async def run_demo(settings: Settings, *, db_path: str, files_dir: str, stdin: IO[str] | None = None,
                   stdout: IO[str] | None = None) -> None:
    """Seed a demo database, start the fake Telegram and the real bot, and chat from the terminal."""
    out = stdout if stdout is not None else sys.stdout
    source = stdin if stdin is not None else sys.stdin
    database, files = await asyncio.to_thread(prepare_paths, db_path, files_dir)
    from bot.app import build_application  # imported late, after the CLI has quieted logging
    out.write(f"Preparing the demo database {database} … / 正在准备演示数据库…\n")
    out.flush()
    team = await prepare_database(database)

    async with contextlib.AsyncExitStack() as stack:
        server = FakeTelegramServer(token=DEMO_TOKEN, bot_username=DEMO_BOT_USERNAME, bot_first_name="CRM Demo")
        await server.start()
        stack.push_async_callback(server.stop)
        app: Any = build_application(settings.model_copy(update={
            "bot_token": DEMO_TOKEN, "database_url": sqlite_url(database),
            "telegram_base_url": server.base_url, "telegram_base_file_url": server.base_file_url,
            "admin_ids": frozenset(), "webhook_url": "",
        }))
        await app.initialize()
        stack.push_async_callback(app.shutdown)
        await app.start()
        stack.push_async_callback(app.stop)
        await app.updater.start_polling(poll_interval=0.0, timeout=POLL_TIMEOUT,
                                        allowed_updates=Update.ALL_TYPES)
        stack.push_async_callback(app.updater.stop)

        terminal = DemoTerminal(server, team, out=out, files_dir=files, db_path=database,
                                echo=not isatty(source))
        terminal.start_watchers()
        stack.push_async_callback(terminal.stop_watchers)
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[object] = asyncio.Queue()
        stack.enter_context(ctrl_c_quits(loop, lines))
        start_reader(source, loop, lines)
        terminal.banner()
        await terminal.loop(lines)
        terminal.write("Stopping… / 正在退出…")
    out.write("Bye. / 再见。\n")
    out.flush()
