"""Complaints and satisfaction feedback: queries and writes."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class SqlComplaintRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
