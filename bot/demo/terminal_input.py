"""Terminal input for the demo: stdin read on a thread, and Ctrl-C turned into a quit."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from typing import IO, Any

QUIT = object()  # put on the line queue to end the chat (end of input, Ctrl-C)


def start_reader(stdin: IO[str], loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[object]) -> None:
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
        deliver(QUIT)

    threading.Thread(target=read, name="demo-stdin", daemon=True).start()


def isatty(stream: IO[str]) -> bool:
    """Whether ``stream`` is an interactive terminal (False when it cannot tell)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


@contextlib.contextmanager
def ctrl_c_quits(loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[object]) -> Any:
    """Ctrl-C ends the chat like /quit (where the platform lets us handle the signal)."""
    installed = False
    if threading.current_thread() is threading.main_thread():
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGINT, lines.put_nowait, QUIT)
            installed = True
    try:
        yield
    finally:
        if installed:
            loop.remove_signal_handler(signal.SIGINT)
