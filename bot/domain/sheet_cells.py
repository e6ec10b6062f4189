"""Spreadsheet cells: what a cell says as text, and export cells that cannot run as a formula."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from decimal import Decimal

# A cell starting with one of these is read as a formula (or DDE) by Excel, WPS and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: object) -> str:
    """The text of a cell as a person reads it: 13912345678.0 → "13912345678", dates as ISO, None → ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value).replace("\u00a0", " ").strip()
    return text if "\n" in text else " ".join(text.split())  # keep a note's lines, squeeze a name's spaces


def neutralise(value: str | None) -> str:
    """Text safe to put in an exported cell: a leading = + - @ tab or CR gets a ' so it stays text."""
    if not value:
        return ""
    return "'" + value if value.startswith(FORMULA_START) else value
