"""The demo's chat session: sends what is typed as the current person and prints what the bot says."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bot.demo import terminal_commands as commands
from bot.demo import terminal_render as render
from bot.demo.seed import DemoTeam, DemoUser
from bot.demo.terminal_input import QUIT
from bot.fake_telegram import BotMessage, FakeTelegramServer, FakeUser

FIRST_REPLY_WAIT = 5.0  # how long to wait for the bot's first reaction before showing the prompt
QUIET = 0.4  # the bot is considered done when it said nothing for this long
SETTLE_CAP = 15.0


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
        self.write(render.banner_text(self.team, self.current.person, db_path=self.db_path,
                                      files_dir=self.files_dir))

    async def show(self, chat: _Chat, message: BotMessage, *, edited: bool) -> None:
        """Print one bot message (or edit), saving any photo or document it carries."""
        target = "" if chat is self.current else f" → {chat.person.name}"
        prefix = f"bot{target}: " + ("(edited) " if edited else "")
        saved = (await render.save_attachment(self.server, self.files_dir, chat.person.username, message)
                 if render.has_attachment(message) else None)
        self.out.write(render.render_message(prefix, render.message_lines(message, saved), message))
        if message.buttons:
            chat.buttons_message = message.message_id
        elif edited and chat.buttons_message == message.message_id:
            chat.buttons_message = None
        self.out.flush()
        self.shown += 1
        self._activity.set()

    # ------------------------------------------------------------------ background watchers
    def start_watchers(self) -> None:
        """One task per chat and kind (new messages, edits) printing as things arrive."""
        for chat in self.chats.values():
            self._tasks.append(asyncio.create_task(self._watch(chat, chat.fake.next_reply, edited=False)))
            self._tasks.append(asyncio.create_task(self._watch(chat, chat.fake.next_edit, edited=True)))

    async def _watch(self, chat: _Chat, source: Callable[..., Awaitable[BotMessage]], *, edited: bool) -> None:
        while True:
            message = await source(timeout=None)
            try:
                await self.show(chat, message, edited=edited)
            except Exception as exc:  # keep watching: one bad message must not silence the chat
                self.write(f"(could not show message #{message.message_id}: {exc!r})")

    async def stop_watchers(self) -> None:
        """Cancel and await the watchers so nothing is left pending."""
        for task in self._tasks:
            task.cancel()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=5)  # never hang on a watcher that ignores the cancel
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
            self.write(render.people_table(self.team, self.current.person))
            return True
        if lowered == "/demo":
            self.banner()
            return True
        if lowered == "/as":
            self._switch(rest)
            return True
        fake = self.current.fake
        if text.isdigit() and self.current.buttons_message is not None:
            if not await commands.press_button(fake, self.current.buttons_message, int(text), self.write):
                return True
        elif lowered == "/say":
            await fake.send(rest or text)
        elif lowered == "/loc":
            location = commands.parse_location(rest)
            if location is None:
                self.write(commands.LOC_USAGE)
                return True
            await fake.share_location(*location)
        elif lowered == "/voice":
            await fake.send_voice(duration=int(rest) if rest.isdigit() else 3)
        elif lowered == "/file":
            if not await commands.send_file(fake, rest, self.write):
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
            self.write(render.people_table(self.team, self.current.person))
            return
        self.current = self.chats[found[0].telegram_id]
        person = self.current.person
        self.write(f"Now speaking as {person.label} ({person.role}, {person.language}). "
                   f"当前身份：{person.name}。")

    async def loop(self, lines: asyncio.Queue[object]) -> None:
        """Read and handle lines until /quit, end of input or Ctrl-C."""
        while True:
            self.prompt()
            line = await lines.get()
            if line is QUIT or not isinstance(line, str):
                self.write("")
                return
            if self.echo:
                self.write(line.rstrip("\r\n"))
            if not await self.handle(line):
                return
