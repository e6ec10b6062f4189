"""Write conversation state through to the database after every update, not once a minute."""

from __future__ import annotations

from telegram import Update

from handlers.deps import Context


async def flush_persistence(update: Update, context: Context) -> None:
    """Persist what this update changed (a rep's draft, a conversation step) right away."""
    if context.application.persistence is not None:
        await context.application.update_persistence()
