"""Import from .xlsx/.csv and /export."""

from __future__ import annotations

from telegram.ext import Application


def register_spreadsheets(app: Application) -> None:  # type: ignore[type-arg]
    """Install the handlers of this feature."""
