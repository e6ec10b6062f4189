"""What spreadsheet import and export need from storage (bulk writes, job rows, export rows)."""

from __future__ import annotations

from typing import Protocol


class SpreadsheetRepository(Protocol):
    """Filled in by the import/export work."""
