"""In-memory state of the fake Bot API: chats, messages, files, pending updates and callback queries."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import secrets
import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any

from bot.fake_telegram.formatting import ParsedText

_FILE_ID_PREFIX = {
    "photo": "AgACAgIAAxkBAAI", "document": "BQACAgIAAxkBAAI", "voice": "AwACAgIAAxkBAAI",
    "sticker": "CAACAgIAAxkBAAI", "animation": "CgACAgIAAxkBAAI",
}
_FOLDERS = {"photo": "photos", "document": "documents", "voice": "voice", "sticker": "stickers", "animation": "animations"}
_DEFAULT_EXT = {"photo": ".jpg", "voice": ".oga", "sticker": ".webp", "animation": ".mp4", "document": ""}


def now() -> int:
    """Current Unix time in whole seconds, as Telegram's ``date`` fields."""
    return int(time.time())


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG or GIF header; 1x1 when unknown."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    return 1, 1


@dataclass
class FileRecord:
    """One stored file with the metadata Telegram keeps for it."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    duration: int = 0

    def to_api(self) -> dict[str, Any]:
        """The Bot API object (PhotoSize, Document, Voice, ...) describing this file."""
        obj: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id,
                               "file_size": len(self.data)}
        if self.kind in ("photo", "sticker", "animation"):
            obj["width"], obj["height"] = image_size(self.data) if self.kind == "photo" else (512, 512)
        if self.kind in ("voice", "animation"):
            obj["duration"] = self.duration
        if self.kind == "sticker":
            obj.update(type="regular", is_animated=False, is_video=False, emoji="👍")
        if self.file_name and self.kind in ("document", "animation"):
            obj["file_name"] = self.file_name
        if self.mime_type and self.kind in ("document", "voice", "animation"):
            obj["mime_type"] = self.mime_type
        return obj


class FileStore:
    """Files keyed by file_id, file_unique_id and download path."""

    def __init__(self) -> None:
        self._by_id: dict[str, FileRecord] = {}
        self._by_path: dict[str, FileRecord] = {}

    def add(self, kind: str, data: bytes, *, file_name: str | None = None, mime_type: str | None = None,
            duration: int = 0) -> FileRecord:
        """Store ``data`` and return its record with fresh Telegram-looking ids."""
        ext = _DEFAULT_EXT[kind]
        if file_name and "." in file_name:
            ext = "." + file_name.rsplit(".", 1)[1]
        elif kind == "photo" and data[:4] == b"\x89PNG":
            ext = ".png"
        path = f"{_FOLDERS[kind]}/file_{len(self._by_path)}{ext}"
        record = FileRecord(
            file_id=_FILE_ID_PREFIX[kind] + secrets.token_urlsafe(40),
            file_unique_id="AQAD" + secrets.token_urlsafe(9),
            kind=kind, data=data, file_path=path, file_name=file_name, mime_type=mime_type, duration=duration,
        )
        self._by_id[record.file_id] = record
        self._by_path[path] = record
        return record

    def get(self, file_id: str) -> FileRecord | None:
        """Look a file up by its file_id."""
        return self._by_id.get(file_id)

    def by_path(self, path: str) -> FileRecord | None:
        """Look a file up by the file_path getFile returned."""
        return self._by_path.get(path)


@dataclass
class StoredMessage:
    """A message in a chat as the fake remembers it, plus what the bot sent to produce it."""

    raw: dict[str, Any]
    from_bot: bool
    source_text: str | None = None
    parse_mode: str | None = None
    parsed: ParsedText | None = None
    reply_markup: dict[str, Any] | None = None

    def snapshot(self) -> StoredMessage:
        """A deep copy, so later edits do not change queued events."""
        return replace(self, raw=copy.deepcopy(self.raw), reply_markup=copy.deepcopy(self.reply_markup))


@dataclass
class ChatState:
    """A private chat between the bot and one fake user (chat id == user id)."""

    user: dict[str, Any]
    chat: dict[str, Any]
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1
    blocked: bool = False
    chat_instance: str = field(default_factory=lambda: str(secrets.randbits(63)))
    new_messages: asyncio.Queue[StoredMessage] = field(default_factory=asyncio.Queue)
    edits: asyncio.Queue[StoredMessage] = field(default_factory=asyncio.Queue)
    history: deque[str] = field(default_factory=lambda: deque(maxlen=8))
    actions: list[str] = field(default_factory=list)
    last_activity: float = 0.0

    def allocate_id(self) -> int:
        """Next message id in this chat (shared by user and bot messages, as in Telegram)."""
        self.next_message_id += 1
        return self.next_message_id - 1

    def touch(self, note: str | None = None) -> None:
        """Record bot activity in this chat (used by FakeUser.drain and timeout diagnostics)."""
        self.last_activity = time.monotonic()
        if note:
            self.history.append(note)


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot passed to answerCallbackQuery."""

    text: str | None
    show_alert: bool
    url: str | None = None
    cache_time: int = 0


class UpdateQueue:
    """Pending updates with getUpdates semantics: offset confirms, long polls wake on new updates."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.next_update_id = 100_000 + secrets.randbelow(10_000)
        self.allowed: list[str] = []
        self.poll_generation = 0
        self.closed = False
        self._event = asyncio.Event()

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Append an update of type ``kind`` and wake any waiting long poll."""
        update = {"update_id": self.next_update_id, kind: payload}
        self.next_update_id += 1
        self.updates.append(update)
        self.wake()
        return update

    def wake(self) -> None:
        """Wake every pending long poll."""
        self._event.set()
        self._event = asyncio.Event()

    def confirm(self, offset: int) -> None:
        """Forget updates before ``offset`` (negative: keep only the last -offset updates)."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def take(self, limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` deliverable updates, dropping types excluded by allowed_updates."""
        if self.allowed:
            self.updates = [u for u in self.updates if any(k in self.allowed for k in u if k != "update_id")]
        return self.updates[:limit]

    async def wait(self, seconds: float) -> None:
        """Sleep until an update is pushed, another poll starts, the server stops, or ``seconds`` pass."""
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)
