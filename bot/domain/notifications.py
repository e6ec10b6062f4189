"""Notifications as the follow-up engine decides and delivers them: plain records, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Rows = list[list[tuple[str, str]]]  # inline keyboard: rows of (label, callback data)


@dataclass(frozen=True)
class NewNotification:
    """A notification found due: `key` makes it unique (user, kind, object, local day or slot)."""

    key: str
    user_id: int
    kind: str
    not_before: datetime
    object_id: int | None = None
    day: date | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OutboxItem:
    """A pending notification claimed for delivery, with what is needed to reach and address the user."""

    id: int
    key: str
    user_id: int
    chat_id: int
    language: str
    timezone: str
    kind: str
    object_id: int | None
    day: date | None
    payload: dict[str, Any]
    attempts: int
    created_at: datetime


@dataclass(frozen=True)
class Outgoing:
    """One Telegram message that delivers the notifications `item_ids` (several when merged)."""

    chat_id: int
    text: str
    rows: Rows
    item_ids: tuple[int, ...]
