"""Organisation-wide settings: one JSON value per key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import AppSetting


class SqlSettingsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, key: str) -> dict[str, Any] | None:
        """The value stored under key, or None."""
        row = await self.session.get(AppSetting, key)
        return dict(row.value) if row else None

    async def put(self, key: str, value: dict[str, Any], *, user_id: int | None, now: datetime) -> None:
        """Insert or replace the value under key."""
        row = await self.session.get(AppSetting, key)
        if row is None:
            self.session.add(AppSetting(key=key, value=value, updated_by=user_id, updated_at=now))
        else:
            row.value, row.updated_by, row.updated_at = value, user_id, now
        await self.session.flush()
