"""Card, edit with history, contacts, delete and reassign."""

from __future__ import annotations

from telegram.ext import Application


def register_customer_file(app: Application) -> None:  # type: ignore[type-arg]
    """Install the handlers of this feature."""
