"""Per-user reminder settings and per-team follow-up rules."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class SqlFollowupSettingsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
