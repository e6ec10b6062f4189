"""Organisation-wide settings an admin changes in chat."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol


class SettingsRepository(Protocol):
    async def get(self, key: str) -> dict[str, Any] | None: ...
    async def put(self, key: str, value: dict[str, Any], *, user_id: int | None, now: datetime) -> None: ...
