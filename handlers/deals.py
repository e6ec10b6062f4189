"""Deals: create, stage changes, probability, close month, tiers and overrides in chat."""

from __future__ import annotations

from telegram.ext import Application


def register_deals(app: Application) -> None:  # type: ignore[type-arg]
    """Commands, buttons and form answers of this feature."""
