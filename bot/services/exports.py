"""/export: the customers a user may see, as plain rows for the spreadsheet."""

from __future__ import annotations

from bot.domain.records import UserRecord
from bot.domain.sheet_records import ExportRow
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners


async def export_rows(uow: UnitOfWork, user: UserRecord) -> list[ExportRow]:
    """A rep's own customers, a manager's team's, everyone's for an admin; deleted and rejected ones left out."""
    owners = await visible_owners(uow, user)
    async with uow:
        return await uow.spreadsheets.export_rows(owners)
