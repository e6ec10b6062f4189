"""`crm-bot demo`: the terminal chat against the fake Telegram, as a subprocess and in-process."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile

from bot.config import load_settings
from bot.demo.seed import DemoTeam, DemoUser
from bot.demo.terminal import DemoTerminal, run_demo
from bot.fake_telegram import FakeTelegramServer

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x03\x08\x02\x00\x00\x00"
       + bytes(16))
CONFIG_VARS = ("BOT_TOKEN", "DATABASE_URL", "TELEGRAM_BASE_URL", "TELEGRAM_BASE_FILE_URL", "ADMIN_IDS",
               "WEBHOOK_URL")


class Transcript:
    """Collects a stream's bytes on a thread so reading can never hang the test."""

    def __init__(self, stream: io.BufferedReader) -> None:
        self._data = bytearray()
        self._lock = threading.Lock()
        self._stream = stream
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()
        self.mark = 0

    def _pump(self, stream: io.BufferedReader) -> None:
        while chunk := stream.read1(65536):
            with self._lock:
                self._data.extend(chunk)

    def join(self) -> None:
        """Wait for the end of the stream (the process has exited) and close it."""
        self._thread.join(timeout=10)
        self._stream.close()

    @property
    def text(self) -> str:
        with self._lock:
            return self._data.decode("utf-8", errors="replace")

    def expect(self, wanted: str, timeout: float = 15.0) -> str:
        """Wait until ``wanted`` appears after the last match; return the text since then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text
            found = text.find(wanted, self.mark)
            if found >= 0:
                since = text[self.mark:found + len(wanted)]
                self.mark = found + len(wanted)
                return since
            time.sleep(0.05)
        raise AssertionError(f"{wanted!r} did not appear within {timeout}s; output since the last match:\n"
                             + self.text[self.mark:])


def test_demo_subprocess_drives_the_real_bot(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    env.update(PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8", PYTHONUTF8="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])))
    db, files = tmp_path / "nested" / "demo.db", tmp_path / "files"
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "demo", "--db", str(db), "--files", str(files)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=tmp_path, env=env)
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    out, err = Transcript(proc.stdout), Transcript(proc.stderr)  # type: ignore[arg-type]

    def say(line: str) -> None:
        assert proc.stdin is not None
        proc.stdin.write((line + "\n").encode())
        proc.stdin.flush()

    try:
        banner = out.expect("李伟 (Li Wei)> ", timeout=40)
        assert "/as <name>" in banner and "切换身份" in banner and "Tom Baker" in banner
        say("/help")
        out.expect("您可以使用")
        out.expect("/log — ")
        out.expect("李伟 (Li Wei)> ")
        say("/as Tom")
        out.expect("Now speaking as Tom Baker")
        out.expect("Tom Baker> ")
        say("/help")
        out.expect("What you can do")
        out.expect("Tom Baker> ")
        say("/lang")
        out.expect("Choose your language:")
        out.expect("[1] 中文  [2] English")
        out.expect("Tom Baker> ")
        say("1")
        out.expect("(pressed [1] 中文)")
        out.expect("(edited) 语言已切换为中文。")
        out.expect("Tom Baker> ")
        say("/as nobody")
        out.expect("找不到此人")
        say("/quit")
        code = proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdin.close()
        out.join()
        err.join()
    assert "Bye." in out.text[out.mark:]
    assert code == 0, f"exit {code}\nstdout:\n{out.text}\nstderr:\n{err.text}"
    assert "Traceback" not in err.text, err.text
    assert "was never awaited" not in err.text and "Task was destroyed" not in err.text, err.text
    assert db.is_file() and files.is_dir()
    assert time.monotonic() - started < 60


async def test_run_demo_in_process_stops_at_end_of_input(tmp_path: Path) -> None:
    settings = load_settings(require_token=False, bot_token="", admin_ids=frozenset())
    out = io.StringIO()
    stdin = io.StringIO("/who\n/as 陈\n/help\n")
    await asyncio.wait_for(run_demo(settings, db_path=str(tmp_path / "demo.db"), files_dir=str(tmp_path / "f"),
                                    stdin=stdin, stdout=out), timeout=45)
    text = out.getvalue()
    assert "Now speaking as 陈静 (Chen Jing)" in text
    assert "陈静 (Chen Jing)> /help" in text  # piped input is echoed after the prompt
    assert "您可以使用" in text
    assert text.rstrip().endswith("再见。")


async def test_terminal_shows_media_buttons_edits_and_other_chats(tmp_path: Path) -> None:
    rep = DemoUser("李伟", "Li Wei", "liwei", 910002, "rep", "zh")
    manager = DemoUser("王芳", "Wang Fang", "wangfang", 910001, "manager", "zh")
    team = DemoTeam("Team", (manager, rep), customers=0, deals=0, interactions=0)
    out = io.StringIO()
    async with FakeTelegramServer(token="910000:TEST") as server:
        terminal = DemoTerminal(server, team, out=out, files_dir=tmp_path, db_path=tmp_path / "x.db")
        assert terminal.current.person == rep
        terminal.start_watchers()
        try:
            async with Bot("910000:TEST", base_url=server.base_url, base_file_url=server.base_file_url) as bot:
                await bot.send_photo(rep.telegram_id, photo=PNG, caption="Card")
                await bot.send_document(rep.telegram_id, document=InputFile(b"quote v2", filename="quote.txt"))
                keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Save", callback_data="s"),
                                                  InlineKeyboardButton("Edit", callback_data="e")],
                                                 [InlineKeyboardButton("Docs", url="https://example.com")]])
                choice = await bot.send_message(rep.telegram_id, "Save this?", reply_markup=keyboard)
                await bot.send_message(manager.telegram_id, "Weekly digest")
                await _until(lambda: "Weekly digest" in out.getvalue())
                # Each chat has its own watcher: the rep's (downloading the photo first) may still be busy.
                await _until(lambda: terminal.current.buttons_message == choice.message_id)
                await terminal.handle("3")  # a URL button is shown, not pressed
                await bot.edit_message_text("Saved.", chat_id=rep.telegram_id, message_id=choice.message_id)
                await _until(lambda: "(edited) Saved." in out.getvalue())
        finally:
            await terminal.stop_watchers()
    text = out.getvalue()
    assert "[1] Save  [2] Edit" in text and "[3] Docs" in text
    assert "(link: https://example.com)" in text
    assert "bot → 王芳: Weekly digest" in text
    assert terminal.current.buttons_message is None  # the edit removed the buttons
    saved = await asyncio.to_thread(_files_in, tmp_path)
    photos = [name for name in saved if name.startswith("liwei-") and name.endswith("-photo.png")]
    documents = [name for name in saved if name.startswith("liwei-") and name.endswith("-quote.txt")]
    assert len(photos) == 1 and saved[photos[0]] == PNG and f"[photo saved to {tmp_path / photos[0]}]" in text
    assert len(documents) == 1 and saved[documents[0]] == b"quote v2"
    assert "Card" in text


async def test_terminal_commands_without_the_bot(tmp_path: Path) -> None:
    rep = DemoUser("Tom Baker", "Tom Baker", "tombaker", 910004, "rep", "en")
    other = DemoUser("陈静", "Chen Jing", "chenjing", 910003, "rep", "zh")
    team = DemoTeam("Team", (rep, other), customers=0, deals=0, interactions=0)
    out = io.StringIO()
    async with FakeTelegramServer(token="910000:TEST") as server:
        terminal = DemoTerminal(server, team, out=out, files_dir=tmp_path, db_path=tmp_path / "x.db")
        assert await terminal.handle("/as")  # no name: lists people
        assert await terminal.handle("/loc north")
        assert await terminal.handle("/file /no/such/file")
        assert await terminal.handle("   ")
        assert await terminal.handle("/as jing")
        assert terminal.current.person == other
        assert not await terminal.handle("/quit")
    text = out.getvalue()
    assert "usage: /loc" in text and "文件不存在" in text and "Choose one of" in text
    assert "Now speaking as 陈静 (Chen Jing)" in text
    assert team.find("tom") == [rep] and team.find("") == [] and team.find("e") == [rep, other]


def _files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


async def _until(condition: Callable[[], bool], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)
