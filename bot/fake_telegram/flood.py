"""Telegram's flood limits for the fake, opt-in: too many sends get 429 with retry_after.

Only methods that put a NEW message into a chat count (send*, copy/forward): edits, callback answers
and everything else are free. Handlers edit a card in place right after a button press, and Telegram
does not document edits as part of the "1 message per second per chat" rule, so counting them would
make ordinary interactions flaky without testing anything the outbox controls.

The windows are rolling: a send at time t is refused when 30 sends were accepted in (t - 1 s, t], or
when the same chat was sent to in (t - 1 s, t]. Refused calls do not count.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Any

from bot.fake_telegram.errors import ApiError

COUNTED = frozenset(name.lower() for name in (
    "sendMessage", "sendDocument", "sendPhoto", "sendVoice", "sendAudio", "sendVideo", "sendAnimation",
    "sendSticker", "sendLocation", "sendVenue", "sendContact", "sendPoll", "sendDice", "sendMediaGroup",
    "copyMessage", "forwardMessage",
))


class FloodControl:
    """Counts sends per rolling window and refuses the excess with 429, like Telegram."""

    def __init__(self, global_per_second: int = 30, per_chat_per_second: int = 1, *, window: float = 1.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.global_per_second = global_per_second
        self.per_chat_per_second = per_chat_per_second
        self.window = window
        self._monotonic = monotonic
        self._recent: deque[float] = deque()
        self.sent_at: defaultdict[int, list[float]] = defaultdict(list)  # accepted sends, per chat
        self.accepted = 0
        self.rejected = 0  # how many 429 the limits produced (injected faults are not counted)

    def admit(self, method: str, chat_id: Any) -> None:
        """Record a counted send, or raise the 429 Telegram would answer."""
        if method.lower() not in COUNTED:
            return
        now = self._monotonic()
        while self._recent and self._recent[0] <= now - self.window:
            self._recent.popleft()
        chat = _chat(chat_id)
        history = self.sent_at[chat] if chat is not None else []
        recent_in_chat = [t for t in history[-self.per_chat_per_second:] if t > now - self.window]
        if len(self._recent) >= self.global_per_second:
            self._refuse(self._recent[0] + self.window - now)
        if chat is not None and len(recent_in_chat) >= self.per_chat_per_second:
            self._refuse(recent_in_chat[0] + self.window - now)
        self._recent.append(now)
        self.accepted += 1
        if chat is not None:
            history.append(now)

    def min_spacing(self, chat_id: int) -> float | None:
        """Shortest gap in seconds between two accepted sends to this chat (None below two sends)."""
        times = self.sent_at.get(chat_id, [])
        return min((b - a for a, b in itertools.pairwise(times)), default=None)

    def _refuse(self, wait: float) -> None:
        self.rejected += 1
        retry_after = max(1, math.ceil(wait))
        raise ApiError(f"Too Many Requests: retry after {retry_after}", 429, {"retry_after": retry_after})


def _chat(chat_id: Any) -> int | None:
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return None  # "@channel" names: only the global limit applies
