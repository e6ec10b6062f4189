"""/new: the guided new-customer form, the duplicate check and review."""

from __future__ import annotations

from telegram.ext import Application


def register_new_customer(app: Application) -> None:  # type: ignore[type-arg]
    """Install the handlers of this feature."""
