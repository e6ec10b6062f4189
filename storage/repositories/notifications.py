"""Notification rows: idempotent inserts, claiming for delivery, and the outcome of each send."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class SqlNotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
