"""Contracts against real SQLite and PostgreSQL: milestones, payment → paid_on, scope, sale lines, customer value."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.domain.enums import Role
from bot.domain.records import UserRecord
from bot.services import contracts, customers, sale_results
from bot.services.deal_access import DealNotFound
from storage.migrate import upgrade_to_head
from storage.uow import SqlUnitOfWork
from tests.conftest import Database
from tests.e2e.seeding import unit_of_work

TODAY = date(2026, 11, 25)


async def _people(database: Database, now: datetime) -> dict[str, UserRecord]:
    await upgrade_to_head(database.url, schema=database.schema)
    async with unit_of_work(database) as uow, uow:
        east = await uow.teams.get_or_create("East", now=now)
        made = {}
        for number, (key, role) in enumerate((("boss", Role.MANAGER), ("li", Role.REP), ("zhao", Role.REP))):
            made[key] = await uow.users.add(telegram_id=9100 + number, name=key, username=None, role=role,
                                            team_id=east, timezone="Asia/Shanghai", language="en", now=now)
        await uow.commit()
    return made


async def _won_deal(uow: SqlUnitOfWork, owner: UserRecord, name: str, now: datetime, *, number: str | None,
                    amount: int = 500_000_00, signed: date | None = None) -> tuple[int, int]:
    """A won deal of a new customer of `owner`, with a contract when `number` is given."""
    customer = await customers.create(uow, owner, name, now=now)
    async with uow:
        deal_id = await uow.deals.add(customer_id=customer.id, owner_id=owner.id, title=f"{name} ERP",
                                      amount_cents=amount, currency="CNY", expected_close=None, stage="won",
                                      probability=100, tier="A", now=now)
        if number is not None:
            await uow.contracts.add(deal_id=deal_id, customer_id=customer.id, number=number, amount_cents=amount,
                                    currency="CNY", signed_on=signed, signer="王总", summary="ERP licences",
                                    user_id=owner.id, now=now)
        await uow.commit()
    return customer.id, deal_id


async def test_payment_milestone_done_marks_the_deal_paid(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    async with unit_of_work(database) as uow:
        _, deal_id = await _won_deal(uow, people["li"], "Acme Robotics", frozen_now, number="HT-2026-001")
        async with uow:
            assert await uow.contracts.number_taken("ht-2026-001") and await uow.contracts.number_taken("HT-2026-001")
            assert not await uow.contracts.number_taken("HT-2026-002")
        with pytest.raises(contracts.DueInPast):
            await contracts.add_milestone(uow, people["li"], deal_id, "invoice", TODAY - timedelta(days=1),
                                          today=TODAY)
        invoice = await contracts.add_milestone(uow, people["li"], deal_id, "invoice", TODAY, today=TODAY)
        payment = await contracts.add_milestone(uow, people["li"], deal_id, "payment", TODAY + timedelta(days=9),
                                                today=TODAY)
        with pytest.raises(contracts.MilestoneNotFound):  # another rep does not even see it
            await contracts.complete_milestone(uow, people["zhao"], invoice.id, today=TODAY)
        with pytest.raises(contracts.MilestoneNotFound):
            await contracts.complete_milestone(uow, people["li"], 999_999, today=TODAY)
        by_boss = await contracts.complete_milestone(uow, people["boss"], invoice.id, today=TODAY)
        assert by_boss.paid_on is None  # an invoice is not the payment
        with pytest.raises(contracts.AlreadyDone):
            await contracts.complete_milestone(uow, people["li"], invoice.id, today=TODAY)

        paid = await contracts.complete_milestone(uow, people["li"], payment.id, today=TODAY)
        assert paid.paid_on == TODAY
        async with uow:
            deal = await uow.deals.get(deal_id)
            stored = await uow.contracts.milestone(payment.id)
        assert deal is not None and deal.paid_on == TODAY and deal.status == "won"
        assert stored is not None and stored.done_on == TODAY and stored.done_by_name == "li"
        with pytest.raises(contracts.AlreadyPaid):
            await contracts.record_payment(uow, people["li"], deal_id, today=TODAY)
        view = await contracts.contract_view(uow, people["li"], deal_id)
        assert [(m.kind, m.done_by_name) for m in view.milestones] == [("invoice", "boss"), ("payment", "li")]


async def test_payment_received_without_milestone_adds_a_done_one(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    async with unit_of_work(database) as uow:
        _, deal_id = await _won_deal(uow, people["li"], "Acme Robotics", frozen_now, number="HT-7")
        _, bare_id = await _won_deal(uow, people["li"], "Bare Foods", frozen_now, number=None)
        with pytest.raises(DealNotFound):  # another rep's deal is not even there for them
            await contracts.record_payment(uow, people["zhao"], deal_id, today=TODAY)
        deal = await contracts.record_payment(uow, people["li"], deal_id, today=TODAY)
        assert deal.paid_on == TODAY
        view = await contracts.contract_view(uow, people["li"], deal_id)
        assert [(m.kind, m.done_on, m.due_on) for m in view.milestones] == [("payment", TODAY, None)]

        bare = await contracts.contract_view(uow, people["li"], bare_id)
        assert bare.contract is None and bare.milestones == ()
        with pytest.raises(contracts.NoContract):
            await contracts.add_milestone(uow, people["li"], bare_id, "delivery", TODAY, today=TODAY)
        async with uow:
            await uow.deals.update_if_version(bare_id, 1, {"stage": "negotiation", "probability": 90}, now=frozen_now)
            await uow.commit()
        with pytest.raises(contracts.NotWon):
            await contracts.record_payment(uow, people["li"], bare_id, today=TODAY)
        with pytest.raises(contracts.NotWon):
            await sale_results.sale_deal(uow, people["li"], bare_id)


async def test_open_milestones_follow_scope_and_due_order(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    async with unit_of_work(database) as uow:
        _, li_deal = await _won_deal(uow, people["li"], "Acme Robotics", frozen_now, number="HT-1")
        gone_customer, gone_deal = await _won_deal(uow, people["li"], "Gone Ltd", frozen_now, number="HT-2")
        _, zhao_deal = await _won_deal(uow, people["zhao"], "Zhao Foods", frozen_now, number="HT-3")
        for deal_id, kind, due in ((li_deal, "payment", None), (li_deal, "delivery", TODAY + timedelta(days=3)),
                                   (zhao_deal, "invoice", TODAY + timedelta(days=1)),
                                   (gone_deal, "invoice", TODAY)):
            owner = people["zhao"] if deal_id == zhao_deal else people["li"]
            await contracts.add_milestone(uow, owner, deal_id, kind, due, today=TODAY)
        async with uow:
            await uow.customers.soft_delete(gone_customer, by=people["li"].id, now=frozen_now)
            await uow.commit()

        def names(items: list[contracts.OpenMilestone]) -> list[tuple[str, str]]:
            return [(i.customer_name, i.milestone.kind) for i in items]

        assert names(await contracts.open_milestones(uow, people["li"])) == [
            ("Acme Robotics", "delivery"), ("Acme Robotics", "payment")]  # undated last, deleted customer gone
        assert names(await contracts.open_milestones(uow, people["zhao"])) == [("Zhao Foods", "invoice")]
        assert names(await contracts.open_milestones(uow, people["boss"])) == [
            ("Zhao Foods", "invoice"), ("Acme Robotics", "delivery"), ("Acme Robotics", "payment")]
        assert len(await contracts.open_milestones(uow, people["boss"], limit=2)) == 2
        with pytest.raises(DealNotFound):
            await contracts.contract_view(uow, people["zhao"], li_deal)


async def test_sale_lines_and_purchase_summary(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    li = people["li"]
    async with unit_of_work(database) as uow:
        customer_id, first = await _won_deal(uow, li, "Acme Robotics", frozen_now, number="HT-1",
                                             signed=date(2024, 11, 25))
        line = await sale_results.add_sale(uow, li, first, product="Robot arm", quantity=3,
                                           unit_price_cents=12_000_00, currency="CNY", payment_method="cash",
                                           delivery="partial", now=frozen_now)
        assert (line.amount_cents, line.payment_method, line.delivery) == (36_000_00, "cash", "partial")
        with pytest.raises(sale_results.BadQuantity):
            await sale_results.add_sale(uow, li, first, product="x", quantity=0, unit_price_cents=1, currency="CNY",
                                        payment_method="cash", delivery="pending", now=frozen_now)
        assert await contracts.purchase_summary(uow, customer_id, today=TODAY) is None  # won, but not paid yet
        await contracts.record_payment(uow, li, first, today=date(2024, 12, 1))
        async with uow:  # a second purchase by the same customer: no contract, no sale lines
            second = await uow.deals.add(customer_id=customer_id, owner_id=li.id, title="Spare parts",
                                         amount_cents=64_000_00, currency="CNY", expected_close=None, stage="won",
                                         probability=100, tier="A", now=frozen_now)
            await uow.deals.set_paid(second, date(2026, 10, 8))
            await uow.commit()
        summary = await contracts.purchase_summary(uow, customer_id, today=TODAY)
    assert summary is not None
    assert (summary.count, summary.total_cents, summary.first_on, summary.last_on) == (
        2, 100_000_00, date(2024, 11, 25), date(2026, 10, 8))
    assert summary.per_year == pytest.approx(1.0, abs=0.01)
