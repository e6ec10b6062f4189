"""Spreadsheet import jobs, bulk inserts and export rows."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class SqlSpreadsheetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
