"""Reading an uploaded .xlsx or .csv into rows of text: format and encoding are detected, never asked."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from bot.domain.sheet_cells import cell_text
from bot.domain.sheet_headers import HeaderMap, map_headers

MAX_BYTES = 20 * 1024 * 1024  # Telegram lets a bot download up to 20 MB
MAX_ROWS = 50_000
HEADER_SCAN = 5  # a title row or two above the headers is common in Chinese templates
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # password-protected .xlsx and old .xls
ZIP = b"PK\x03\x04"
ENCODINGS = ("utf-8", "gb18030")  # GB18030 is a superset of GBK and GB2312


class SheetProblem(ValueError):
    """Why a file cannot be imported; `key` names the catalog text (sheet.err_<key>)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Sheet:
    """The header map, and the data rows as (line number in the file, cells as text)."""

    header: HeaderMap
    rows: list[tuple[int, list[str]]]
    encoding: str  # xlsx, utf-8, utf-8-sig or gb18030


def read_sheet(data: bytes, file_name: str, *, max_rows: int = MAX_ROWS) -> Sheet:
    """Parse the file or raise SheetProblem (not_sheet, protected, empty, no_name, too_many_rows, too_big)."""
    if len(data) > MAX_BYTES:
        raise SheetProblem("too_big", limit=MAX_BYTES // (1024 * 1024))
    if data.startswith(OLE2):
        raise SheetProblem("protected")
    if data.startswith(ZIP):
        try:
            return _to_sheet(_xlsx_rows(data), "xlsx", max_rows)
        except SheetProblem:
            raise
        except Exception:  # a .docx, a broken zip, odd XML: whatever openpyxl trips on, it is no sheet for us
            raise SheetProblem("not_sheet") from None
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        raise SheetProblem("not_sheet")
    text, encoding = decode_text(data)
    return _to_sheet(_csv_rows(text), encoding, max_rows)


def decode_text(data: bytes) -> tuple[str, str]:
    """CSV bytes → text: a UTF-8 BOM, else strict UTF-8, else GB18030 (Chinese Excel saves CSV as GBK)."""
    if b"\x00" in data[:65536]:
        raise SheetProblem("not_sheet")  # UTF-16 or a binary file: neither is a CSV Excel writes by default
    if data.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    else:
        encodings = ENCODINGS
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    raise SheetProblem("not_sheet")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return controls <= len(sample) // 100


def _csv_rows(text: str) -> Iterator[list[str]]:
    first_line = text[:4096].splitlines()[0] if text.strip() else ""
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield [cell_text(cell) for cell in row]
    except csv.Error:
        raise SheetProblem("not_sheet") from None


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # import on first use: openpyxl costs ~100 ms to import

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise SheetProblem("empty")
        for row in sheet.iter_rows(values_only=True):
            yield [cell_text(value) for value in row]
    finally:
        book.close()


def _to_sheet(rows: Iterator[list[str]], encoding: str, max_rows: int) -> Sheet:
    header: HeaderMap | None = None
    first: HeaderMap | None = None
    body: list[tuple[int, list[str]]] = []
    for line, cells in enumerate(rows, start=1):
        if header is None:
            if not any(cells):
                continue
            candidate = map_headers(cells)
            first = first or candidate
            if "name" in candidate.columns:
                header = candidate
            elif line >= HEADER_SCAN:
                break
            continue
        if not any(cells):
            continue
        if len(body) >= max_rows:
            raise SheetProblem("too_many_rows", limit=max_rows)
        body.append((line, cells))
    if first is None:
        raise SheetProblem("empty")
    if header is None:
        raise SheetProblem("no_name", headers=", ".join(h for h in first.headers if h)[:300] or "—")
    if not body:
        raise SheetProblem("empty")
    return Sheet(header, body, encoding)
