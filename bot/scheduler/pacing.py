"""Send pacing within Telegram's flood limits: ≤ 30 messages per second overall, ≤ 1 per second per chat.

Telegram counts a message when its request ARRIVES, which the sender never sees: it only knows the arrival
fell between the start of the request and its response. So a finished send keeps occupying its slot until
one window after its RESPONSE, and a send still in flight occupies one too. Then no window of one second
can ever hold more than `overall` arrivals, however the network or the event loop delays requests, and
two sends to one chat arrive at least `per_chat` seconds apart. The cost is one round trip per window
(a few ms on a good link: ~29.8 messages/s instead of 30).

Free slots go to the waiting send with the lowest priority value (the outbox passes its oldest row id),
so a chat that had to wait its second is served as soon as it may be, not after everything claimed since.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager


class PacerClosed(Exception):
    """The process is stopping: the waiting message is not sent (its rows go back to pending)."""


class Pacer:
    """Grants send slots; shared by every send of one process, remembered across batches."""

    def __init__(self, overall: int = 30, *, window: float = 1.0, per_chat: float = 1.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.overall = overall
        self.window = window
        self.per_chat = per_chat
        self._monotonic = monotonic
        self._busy_until: deque[float] = deque()  # finished sends: response time + window
        self._in_flight = 0
        self._paused_until = 0.0
        self._chat_free_at: dict[int, float] = {}
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._waiters: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._timer: asyncio.TimerHandle | None = None
        self._closed = False

    def open(self) -> None:
        """Grant slots again after close()."""
        self._closed = False

    def close(self) -> None:
        """Every send still waiting for a slot, and every later one, raises PacerClosed at once."""
        self._closed = True
        self._dispatch()

    def pause(self, seconds: float) -> None:
        """Telegram said 429: nothing is sent for `seconds`."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    def chat_ready_in(self, chat_id: int) -> float:
        """Seconds until this chat may get its next message (0 when it may now)."""
        return max(0.0, self._chat_free_at.get(chat_id, 0.0) - self._monotonic())

    @asynccontextmanager
    async def slot(self, chat_id: int, priority: float = 0.0) -> AsyncIterator[None]:
        """Wait for this chat's turn and an overall slot; the body is one send to the chat."""
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        async with lock:  # later messages to the chat queue here, in order, without holding others up
            if (wait := self.chat_ready_in(chat_id)) > 0 and not self._closed:
                await asyncio.sleep(wait)
            await self._take(priority)
            try:
                yield
            finally:
                done = self._monotonic()
                self._in_flight -= 1
                self._busy_until.append(done + self.window)
                self._chat_free_at[chat_id] = done + self.per_chat
                self._dispatch()
        if not lock.locked() and len(self._chat_locks) > 10_000:
            self._forget_idle_chats()

    async def _take(self, priority: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._order), future))
        self._dispatch()
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled() and future.exception() is None:
                self._in_flight -= 1  # granted, then cancelled before use
                self._dispatch()
            raise

    def _dispatch(self) -> None:
        """Grant free slots to the best waiters; wake again when the next slot frees up."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._closed:
            while self._waiters:
                future = heapq.heappop(self._waiters)[2]
                if not future.done():
                    future.set_exception(PacerClosed())
            return
        now = self._monotonic()
        while self._busy_until and self._busy_until[0] <= now:
            self._busy_until.popleft()
        if now < self._paused_until:
            wake_at: float | None = self._paused_until
        else:
            while self._waiters and self._in_flight + len(self._busy_until) < self.overall:
                future = heapq.heappop(self._waiters)[2]
                if not future.done():
                    self._in_flight += 1
                    future.set_result(None)
            wake_at = self._busy_until[0] if self._waiters and self._busy_until else None
        if wake_at is not None and self._waiters:
            self._timer = asyncio.get_running_loop().call_later(max(0.0, wake_at - now), self._dispatch)

    def _forget_idle_chats(self) -> None:
        now = self._monotonic()
        for chat_id in [c for c, t in self._chat_free_at.items() if t <= now]:
            lock = self._chat_locks.get(chat_id)
            if lock is None or not lock.locked():
                self._chat_locks.pop(chat_id, None)
                self._chat_free_at.pop(chat_id, None)
