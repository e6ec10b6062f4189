"""Organisation settings an admin changes in chat (for now: whether new customers need review)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.enums import Role
from bot.domain.records import UserRecord
from bot.services.errors import NotAllowed
from bot.services.ports import UnitOfWork

REVIEW_KEY = "review_new_customers"  # {"on": bool}


@dataclass(frozen=True)
class OrgSettings:
    review_new_customers: bool = False


async def load(uow: UnitOfWork) -> OrgSettings:
    """The current organisation settings (defaults where nothing was stored)."""
    async with uow:
        review = await uow.settings.get(REVIEW_KEY) or {}
    return OrgSettings(review_new_customers=bool(review.get("on", False)))


async def set_review(uow: UnitOfWork, admin: UserRecord, on: bool, *, now: datetime) -> OrgSettings:
    """Turn the review of new customers on or off (admins only)."""
    if admin.role != Role.ADMIN:
        raise NotAllowed()
    async with uow:
        await uow.settings.put(REVIEW_KEY, {"on": on}, user_id=admin.id, now=now)
        await uow.commit()
    return await load(uow)
