"""/export: the customers the user may see as an .xlsx, headers and labels in the user's language."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ChatAction, ParseMode

from bot.domain.industries import Industry
from bot.domain.sheet_records import ExportRow
from bot.domain.sheet_write import Cell, write_xlsx
from bot.i18n import format_date, format_number, t, t_plain
from bot.services import exports
from handlers.deps import Context, get_deps
from handlers.replies import reply
from handlers.scope import current_scope

COLUMNS = ("code", "name", "industry", "region", "owner", "tier", "status", "contact", "title", "phone", "email",
           "open_deals", "open_amount", "last_date", "last_channel", "last_summary", "next_title", "next_due")
WIDTHS = (12, 30, 14, 12, 12, 6, 8, 12, 12, 16, 24, 10, 14, 17, 12, 40, 30, 17)


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    """Excel has no time zones: the user's wall-clock time, to the minute."""
    return moment.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0) if moment else None


def export_cells(row: ExportRow, lang: str, *, industries: dict[str, str], zone: ZoneInfo) -> list[Cell]:
    """One customer's cells, in COLUMNS order."""
    channel = t_plain(lang, f"sheet.channel_{row.last_channel}") if row.last_channel else None
    status = t_plain(lang, f"sheet.status_{row.status}") if row.status in ("active", "dormant") else row.status
    return [row.code, row.name, industries.get(row.industry, row.industry), row.region, row.owner, row.tier,
            status, row.contact_name, row.contact_title, row.contact_phone, row.contact_email, row.open_deals,
            row.open_amount_cents / 100, _local(row.last_at, zone), channel, row.last_summary, row.next_title,
            _local(row.next_due, zone)]


def workbook(rows: Sequence[ExportRow], lang: str, *, industries: Sequence[Industry], zone: ZoneInfo) -> bytes:
    """The .xlsx: localised headers, one row per customer."""
    labels = {industry.code: industry.label(lang) for industry in industries}
    headers = [t_plain(lang, f"sheet.col_{column}") for column in COLUMNS]
    return write_xlsx(headers, (export_cells(r, lang, industries=labels, zone=zone) for r in rows),
                      title=t_plain(lang, "sheet.export_sheet"), widths=WIDTHS)


async def export_command(update: Update, context: Context) -> None:
    """Send the user's customers (rep: own; manager: team; admin: all) as an .xlsx file."""
    scope, deps = current_scope(), get_deps(context)
    user, chat = scope.user, update.effective_chat
    if user is None or chat is None:
        return
    lang = user.language
    rows = await exports.export_rows(scope.uow, user)
    if not rows:
        await reply(update, t(lang, "sheet.export_empty"))
        return
    await chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    zone, now = ZoneInfo(user.timezone), deps.clock()
    data = await asyncio.to_thread(workbook, rows, lang, industries=deps.industries, zone=zone)
    name = f"{t_plain(lang, 'sheet.export_file')}-{now.astimezone(zone):%Y%m%d}.xlsx"
    await chat.send_document(data, filename=name, parse_mode=ParseMode.HTML,
                             caption=t(lang, "sheet.export_caption", count=format_number(len(rows), lang),
                                       date=format_date(now.astimezone(zone), lang, with_year=True)))
