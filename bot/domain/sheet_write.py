"""Writing spreadsheets for people: the /export workbook and the CSV of rows an import left out."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from bot.domain.sheet_cells import neutralise

Cell = str | int | float | datetime | date | None
UTF8_BOM = "\ufeff"


def _safe(value: Cell) -> Any:
    return neutralise(value) if isinstance(value, str) else value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """A CSV Excel opens correctly on any locale: UTF-8 with a BOM, CRLF, no cell runs as a formula."""
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else _safe(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str,
               widths: Sequence[int] = ()) -> bytes:
    """An .xlsx with a bold, frozen header row; text cells are neutralised and never become formulas."""
    from openpyxl import Workbook  # import on first use: openpyxl costs ~100 ms to import
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths):
        sheet.column_dimensions[_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralise(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_safe(value))
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would treat a leading "=" as a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
