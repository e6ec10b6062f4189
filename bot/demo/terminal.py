"""`crm-bot demo`: the real bot against a fake Telegram and a seeded database, chatted with from a terminal."""

from __future__ import annotations

import asyncio
import contextlib
import mimetypes
import signal
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from telegram import Update

from bot.config import Settings
from bot.demo.seed import DemoTeam, DemoUser, seed_demo
from bot.fake_telegram import BotMessage, FakeTelegramServer, FakeUser
from storage.engine import make_engine, make_session_factory

DEMO_TOKEN = "910000:DEMO-offline-token"
DEMO_BOT_USERNAME = "crm_demo_bot"
POLL_TIMEOUT = 1  # seconds a getUpdates long poll may hang; bounds how long stopping takes
FIRST_REPLY_WAIT = 5.0  # how long to wait for the bot's first reaction before showing the prompt
QUIET = 0.4  # the bot is considered done when it said nothing for this long
SETTLE_CAP = 15.0
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
VOICE_SUFFIXES = (".ogg", ".oga", ".opus")
_QUIT = object()

BANNER = """\
============================================================
 Sales CRM demo — 销售 CRM 演示
============================================================
The real bot runs against a local fake Telegram and a freshly seeded database:
本地模拟 Telegram，机器人程序是真实的，数据库已预置演示数据。
  database / 数据库: {db}
  team / 团队: {team} — {customers} customers, {deals} deals, {interactions} interactions
  people / 成员:
{people}
Type like a rep in Telegram: /start, /help, /lang, /tz, or plain text.
像在 Telegram 里一样输入：/start、/help、/lang、/tz 或直接写文字。
Terminal commands / 终端命令:
  /as <name>         speak as someone else (e.g. /as Tom, /as 陈)   切换身份
  /who               list the people                                 列出成员
  <number>           press button [n] of the latest message with buttons   按下按钮
  /loc <lat> <lon>   share a location                                发送位置
  /file <path>       send a photo or a document                      发送文件
  /voice [seconds]   send a short voice note                         发送语音
  /say <text>        send text exactly as typed (e.g. a bare number)  原样发送
  /demo              show this text again                            再次显示说明
  /quit              stop (Ctrl-D works too)                         退出
Files the bot sends are saved in / 机器人发送的文件保存在: {files}
"""


@dataclass
class _Chat:
    person: DemoUser
    fake: FakeUser
    buttons_message: int | None = None  # the latest bot message in this chat that had inline buttons


class DemoTerminal:
    """The chat loop: reads lines, sends them as the current person, prints what the bot says."""

    def __init__(self, server: FakeTelegramServer, team: DemoTeam, *, out: IO[str], files_dir: Path,
                 db_path: Path, echo: bool = False) -> None:
        self.server = server
        self.team = team
        self.out = out
        self.files_dir = files_dir
        self.db_path = db_path
        self.echo = echo  # print each input line (when stdin is not a terminal that echoes it)
        self.chats = {
            person.telegram_id: _Chat(person, server.user(
                user_id=person.telegram_id, first_name=person.name, username=person.username,
                language_code=person.language))
            for person in team.users
        }
        self.current = self.chats[team.default_user.telegram_id]
        self.shown = 0
        self._activity = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    # ------------------------------------------------------------------ output
    def write(self, text: str = "") -> None:
        """Print and flush (stdout may be a pipe)."""
        self.out.write(text + "\n")
        self.out.flush()

    def prompt(self) -> None:
        """Show who is typing."""
        self.out.write(f"\n{self.current.person.label}> ")
        self.out.flush()

    def banner(self) -> None:
        """The help text in English and Chinese."""
        self.write(BANNER.format(
            db=self.db_path, team=self.team.team_name, customers=self.team.customers, deals=self.team.deals,
            interactions=self.team.interactions, files=self.files_dir, people=self._people(),
        ))
        self.write(f"You are {self.current.person.label}. 当前身份：{self.current.person.name}。")

    def _people(self) -> str:
        lines = []
        for person in self.team.users:
            marker = "  <- you / 当前" if person.telegram_id == self.current.person.telegram_id else ""
            lines.append(f"    {person.label:<22} {person.role:<8} {person.language}{marker}")
        return "\n".join(lines)

    async def show(self, chat: _Chat, message: BotMessage, *, edited: bool) -> None:
        """Print one bot message (or edit), saving any photo or document it carries."""
        self.shown += 1
        self._activity.set()
        target = "" if chat is self.current else f" → {chat.person.name}"
        prefix = f"bot{target}: " + ("(edited) " if edited else "")
        lines: list[str] = []
        if message.kind in ("photo", "document") and message.file_id:
            saved = await self._save(chat, message)
            lines.append(f"[{message.kind} saved to {saved}]")
        elif message.kind == "location" and message.location:
            lines.append(f"[location {message.location[0]:.6f}, {message.location[1]:.6f}]")
        elif message.kind not in ("text", "photo", "document"):
            lines.append(f"[{message.kind}]")
        if message.plain_text:
            lines.extend(message.plain_text.splitlines() or [""])
        if not lines:
            lines.append("(empty)")
        indent = " " * len(prefix)
        self.out.write("\n" + prefix + lines[0] + "\n")
        for line in lines[1:]:
            self.out.write((indent + line).rstrip() + "\n")
        if message.buttons:
            chat.buttons_message = message.message_id
            number = 0
            for row in message.buttons:
                labels = []
                for button in row:
                    number += 1
                    labels.append(f"[{number}] {button.text}")
                self.out.write(indent + "  ".join(labels) + "\n")
        elif edited and chat.buttons_message == message.message_id:
            chat.buttons_message = None
        self.out.flush()

    async def _save(self, chat: _Chat, message: BotMessage) -> Path:
        assert message.file_id is not None
        data = await self.server.download(message.file_id)
        default = f"photo{_photo_suffix(data)}" if message.kind == "photo" else "document.bin"
        name = Path(message.file_name or default).name
        path = self.files_dir / f"{chat.person.username}-{message.message_id}-{name}"
        await asyncio.to_thread(path.write_bytes, data)
        return path

    # ------------------------------------------------------------------ background watchers
    def start_watchers(self) -> None:
        """One task per chat and kind (new messages, edits) printing as things arrive."""
        for chat in self.chats.values():
            self._tasks.append(asyncio.create_task(self._watch(chat, chat.fake.next_reply, edited=False)))
            self._tasks.append(asyncio.create_task(self._watch(chat, chat.fake.next_edit, edited=True)))

    async def _watch(self, chat: _Chat, source: Callable[..., Awaitable[BotMessage]], *, edited: bool) -> None:
        while True:
            try:
                message = await source(timeout=3600.0)
            except TimeoutError:
                continue
            await self.show(chat, message, edited=edited)

    async def stop_watchers(self) -> None:
        """Cancel and await the watchers so nothing is left pending."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()

    async def settle(self, before: int) -> None:
        """Wait for the bot to react to the last input and then to fall quiet."""
        start = time.monotonic()
        if self.shown == before:
            self._activity.clear()
            try:
                await asyncio.wait_for(self._activity.wait(), FIRST_REPLY_WAIT)
            except TimeoutError:
                self.write("(no reply from the bot yet / 机器人暂无回复)")
                return
        while time.monotonic() - start < SETTLE_CAP:
            self._activity.clear()
            try:
                await asyncio.wait_for(self._activity.wait(), QUIET)
            except TimeoutError:
                return

    # ------------------------------------------------------------------ input
    async def handle(self, line: str) -> bool:
        """Act on one input line; False means stop."""
        text = line.strip()
        if not text:
            return True
        command, _, rest = text.partition(" ")
        rest = rest.strip()
        lowered = command.lower()
        if lowered in ("/quit", "/exit", "/q"):
            return False
        before = self.shown
        if lowered == "/who":
            self.write(self._people())
            return True
        if lowered == "/demo":
            self.banner()
            return True
        if lowered == "/as":
            self._switch(rest)
            return True
        fake = self.current.fake
        if text.isdigit() and self.current.buttons_message is not None:
            if not await self._press(int(text)):
                return True
        elif lowered == "/say":
            await fake.send(rest or text)
        elif lowered == "/loc":
            location = _parse_location(rest)
            if location is None:
                self.write("usage: /loc <latitude> <longitude>   e.g. /loc 31.2304 121.4737")
                return True
            await fake.share_location(*location)
        elif lowered == "/voice":
            await fake.send_voice(duration=int(rest) if rest.isdigit() else 3)
        elif lowered == "/file":
            if not await self._send_file(rest):
                return True
        else:
            await fake.send(text)
        await self.settle(before)
        return True

    def _switch(self, query: str) -> None:
        found = self.team.find(query) if query else []
        if len(found) != 1:
            reason = "Who? / 找不到此人" if not found else "Several match / 匹配到多人"
            self.write(f"{reason}: {query!r}. Choose one of / 请选择:")
            self.write(self._people())
            return
        self.current = self.chats[found[0].telegram_id]
        person = self.current.person
        self.write(f"Now speaking as {person.label} ({person.role}, {person.language}). "
                   f"当前身份：{person.name}。")

    async def _press(self, number: int) -> bool:
        chat = self.current
        message = chat.fake.messages.get(chat.buttons_message or 0)
        buttons = [button for row in (message.buttons if message else []) for button in row]
        if message is None or not 1 <= number <= len(buttons):
            self.write(f"No button [{number}] on the latest message. / 没有按钮 [{number}]。")
            return False
        button = buttons[number - 1]
        self.write(f"(pressed [{number}] {button.text})")
        if button.callback_data is None:
            self.write(f"(link: {button.url})")
            return False
        try:
            answer = await chat.fake.press(message.message_id, callback_data=button.callback_data)
        except (LookupError, TimeoutError) as exc:
            self.write(f"(the bot did not answer the button: {str(exc).splitlines()[0]})")
            return True
        if answer.text:
            self.write(("bot (alert): " if answer.show_alert else "bot (toast): ") + answer.text)
        return True

    async def _send_file(self, argument: str) -> bool:
        found = await asyncio.to_thread(_find_file, argument)
        if found is None:
            self.write(f"No such file / 文件不存在: {argument or '(none)'}   usage: /file <path> [caption]")
            return False
        path, caption = found
        data = await asyncio.to_thread(path.read_bytes)
        fake = self.current.fake
        suffix = path.suffix.lower()
        if suffix in IMAGE_SUFFIXES:
            await fake.send_photo(data, caption=caption)
        elif suffix in VOICE_SUFFIXES:
            await fake.send_voice(data)
        else:
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            await fake.send_document(data, path.name, mime, caption=caption)
        return True

    async def loop(self, lines: asyncio.Queue[object]) -> None:
        """Read and handle lines until /quit, end of input or Ctrl-C."""
        while True:
            self.prompt()
            line = await lines.get()
            if line is _QUIT or not isinstance(line, str):
                self.write("")
                return
            if self.echo:
                self.write(line.rstrip("\r\n"))
            if not await self.handle(line):
                return


def _find_file(argument: str) -> tuple[Path, str | None] | None:
    """The file named by ``argument`` (a path, optionally followed by a caption) and the caption."""
    if not argument:
        return None
    path = Path(argument).expanduser()
    if path.is_file():
        return path, None
    first, _, caption = argument.partition(" ")
    path = Path(first).expanduser()
    return (path, caption.strip() or None) if path.is_file() else None


def _photo_suffix(data: bytes) -> str:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return ".png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return ".gif"
    return ".jpg"


def _parse_location(text: str) -> tuple[float, float] | None:
    parts = text.replace(",", " ").split()
    if len(parts) != 2:
        return None
    try:
        latitude, longitude = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude


def _start_reader(stdin: IO[str], loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[object]) -> None:
    """Read stdin on a daemon thread (never blocks the loop, never blocks interpreter exit)."""

    def deliver(item: object) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            loop.call_soon_threadsafe(lines.put_nowait, item)

    def read() -> None:
        try:
            for line in iter(stdin.readline, ""):
                deliver(line)
        except (OSError, ValueError, UnicodeDecodeError):
            pass
        deliver(_QUIT)

    threading.Thread(target=read, name="demo-stdin", daemon=True).start()


def _prepare_paths(db_path: str, files_dir: str) -> tuple[Path, Path]:
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


async def run_demo(settings: Settings, *, db_path: str, files_dir: str, stdin: IO[str] | None = None,
                   stdout: IO[str] | None = None) -> None:
    """Seed a demo database, start the fake Telegram and the real bot, and chat from the terminal."""
    out = stdout if stdout is not None else sys.stdout
    source = stdin if stdin is not None else sys.stdin
    database, files = await asyncio.to_thread(_prepare_paths, db_path, files_dir)
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
                                echo=not _isatty(source))
        terminal.start_watchers()
        stack.push_async_callback(terminal.stop_watchers)
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[object] = asyncio.Queue()
        stack.enter_context(_ctrl_c_quits(loop, lines))
        _start_reader(source, loop, lines)
        terminal.banner()
        await terminal.loop(lines)
        terminal.write("Stopping… / 正在退出…")
    out.write("Bye. / 再见。\n")
    out.flush()


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


@contextlib.contextmanager
def _ctrl_c_quits(loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[object]) -> Any:
    """Ctrl-C ends the chat like /quit (where the platform lets us handle the signal)."""
    installed = False
    if threading.current_thread() is threading.main_thread():
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGINT, lines.put_nowait, _QUIT)
            installed = True
    try:
        yield
    finally:
        if installed:
            loop.remove_signal_handler(signal.SIGINT)
