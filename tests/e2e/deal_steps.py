"""Shared steps of the deal tests: a rep with a customer, a deal created by chat, reading deals back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from bot.fake_telegram import BotMessage, FakeUser
from storage.tables import Customer, Deal, StageChange, TierChange
from tests.e2e.customer_seed import full_customer
from tests.e2e.harness import Harness, ask, register
from tests.e2e.seeding import unit_of_work

HUAXING = "华星精密制造有限公司"


async def rep_with_customer(bot: Harness, admin: FakeUser, user_id: int, *, name: str = "李伟",
                            team: str = "East", lang: str = "zh") -> tuple[FakeUser, int]:
    """A registered rep owning HUAXING (a contact and a logged call, no deal yet)."""
    rep = await register(bot.server, admin, user_id=user_id, name=name, team=team, language_code=lang)
    await rep.drain(quiet=0.1)
    customer = await full_customer(bot.database, user_id, HUAXING, now=bot.clock.now, deal=None)
    return rep, customer.id


async def create_deal(rep: FakeUser, *, title: str = "ERP 升级", amount: str = "50万", month: str = "2026年12月",
                      stage: str = "方案认可") -> BotMessage:
    """/deal 华星 → title → amount → month button → stage button; returns the deal card."""
    await ask(rep, "/deal 华星")
    await ask(rep, title)
    months = await ask(rep, amount)
    await rep.press(months, month)
    stages = await rep.next_reply()
    await rep.press(stages, stage)
    assert "已为" in (await rep.next_reply()).plain_text
    return await rep.next_reply()


async def fetch(bot: Harness, query: Select[Any]) -> list[Any]:
    """Rows as stored now, detached so they can be read after the session is gone."""
    async with unit_of_work(bot.database) as uow, uow:
        found = list(await uow.session.scalars(query))
        uow.session.expunge_all()
    return found


async def deal_row(bot: Harness, deal_id: int | None = None) -> Deal:
    """The deal (the latest one when no id is given) as stored."""
    query = select(Deal).order_by(Deal.id.desc()) if deal_id is None else select(Deal).where(Deal.id == deal_id)
    found = await fetch(bot, query.limit(1))
    assert found
    return found[0]


async def stage_changes(bot: Harness, deal_id: int) -> list[StageChange]:
    """The deal's recorded stage changes, oldest first."""
    return await fetch(bot, select(StageChange).where(StageChange.deal_id == deal_id).order_by(StageChange.id))


async def tier_changes(bot: Harness, customer_id: int) -> list[TierChange]:
    """The customer's recorded tier changes (its deals' and its own), oldest first."""
    return await fetch(bot, select(TierChange).where(TierChange.customer_id == customer_id).order_by(TierChange.id))


async def customer_row(bot: Harness, customer_id: int) -> Customer:
    """The customer as stored."""
    return (await fetch(bot, select(Customer).where(Customer.id == customer_id)))[0]
