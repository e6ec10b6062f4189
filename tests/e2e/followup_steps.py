"""Shared steps of the follow-up engine tests: the engine bound to the running bot, local times, seeded
customers with a last contact and next steps, and delivering what a tick decided."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from bot.fake_telegram import FakeUser
from bot.scheduler.engine import FollowupEngine
from bot.services import customers
from handlers.deps import DEPS_KEY
from storage.tables import Customer, NextAction, NotificationLog, User
from tests.e2e.customer_seed import user_of
from tests.e2e.harness import Harness, register
from tests.e2e.seeding import unit_of_work

SHANGHAI = ZoneInfo("Asia/Shanghai")


def engine_for(bot: Harness, *, sweep_minutes: int = 1) -> FollowupEngine:
    """A follow-up engine on the running bot (the tests tick it by hand instead of waiting a minute)."""
    deps = bot.app.bot_data[DEPS_KEY]
    return FollowupEngine(bot.app.bot, deps.uow_factory, bot.clock, deps.cadence_days, sweep_minutes=sweep_minutes)


def at(bot: Harness, local: str, zone: ZoneInfo = SHANGHAI) -> datetime:
    """Move the clock to a wall-clock time ("2026-11-25 08:30") in `zone`; returns it in UTC."""
    bot.clock.now = datetime.fromisoformat(local).replace(tzinfo=zone).astimezone(ZoneInfo("UTC"))
    return bot.clock.now


async def deliver(engine: FollowupEngine) -> int:
    """One tick, then send everything that is due; returns how many messages went out."""
    await engine.tick()
    sent = 0
    while (batch := await engine.outbox.drain_once()) > 0:
        sent += batch
    return sent


async def rep(bot: Harness, admin: FakeUser, user_id: int, name: str, *, role: str = "rep", team: str = "East",
              timezone: str | None = None, lang: str = "zh") -> FakeUser:
    """A registered user (optionally in another time zone), their welcome messages drained."""
    user = await register(bot.server, admin, user_id=user_id, name=name, role=role, team=team, language_code=lang)
    if timezone:
        async with unit_of_work(bot.database) as uow, uow:
            await uow.session.execute(update(User).where(User.telegram_id == user_id).values(timezone=timezone))
            await uow.commit()
    await user.drain(quiet=0.1)
    return user


async def customer(bot: Harness, owner_tid: int, name: str, *, tier: str, days_since_contact: float | None,
                   next_in: timedelta | None = None, next_title: str = "回访") -> int:
    """A customer of `owner_tid` with its tier, a last contact that many days ago, maybe an open next step."""
    owner = await user_of(bot.database, owner_tid)
    now = bot.clock.now
    async with unit_of_work(bot.database) as uow, uow:
        record = await customers.add_customer(uow, owner, name, now=now - timedelta(days=400), tier=tier)
        last = now - timedelta(days=days_since_contact) if days_since_contact is not None else None
        await uow.session.execute(update(Customer).where(Customer.id == record.id).values(last_contact_at=last))
        if next_in is not None:
            uow.session.add(NextAction(customer_id=record.id, owner_id=owner.id, title=next_title,
                                       due_at=now + next_in, done=False, created_at=now))
        await uow.commit()
    return record.id


async def rows(bot: Harness, kind: str | None = None) -> list[NotificationLog]:
    """The notification rows (of one kind), oldest first, detached."""
    async with unit_of_work(bot.database) as uow, uow:
        query = select(NotificationLog).order_by(NotificationLog.id)
        if kind is not None:
            query = query.where(NotificationLog.kind == kind)
        found = list(await uow.session.scalars(query))
        uow.session.expunge_all()
    return found
