"""Complaints and satisfaction feedback in chat."""

from __future__ import annotations

from telegram.ext import Application


def register_complaints(app: Application) -> None:  # type: ignore[type-arg]
    """Commands, buttons and form answers of this feature."""
