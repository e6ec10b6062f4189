"""Update de-duplication: a redelivered update (webhook retry, restart) is processed once."""

from __future__ import annotations

from datetime import datetime

from bot.services.ports import UnitOfWork


async def first_delivery(uow: UnitOfWork, update_id: int, *, now: datetime) -> bool:
    """Record the update id; False when it was processed before."""
    async with uow:
        fresh = await uow.updates.record(update_id, now=now)
        await uow.commit()
    return fresh
