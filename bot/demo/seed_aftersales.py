"""Seeded business after the sale: contracts and their milestones, complaints and feedback."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.demo import seed_data as data
from bot.demo.seed_context import CustomerPlan, SeedContext
from bot.domain.enums import Stage
from storage.tables import Complaint, Contract, ContractMilestone, SaleResult


def add_contracts(ctx: SeedContext, session: AsyncSession) -> None:
    """A contract for every won deal, and a sale result for the first three."""
    rng = ctx.rng
    sale_results = 0
    for plan in ctx.plans:
        for deal in plan.deals:
            if deal.stage != Stage.WON.value or deal.expected_close is None:
                continue
            signed = deal.expected_close
            contract = Contract(number=f"HT-{signed.year}-{len(ctx.contracts) + 1:04d}", deal_id=deal.id,
                                customer_id=plan.row.id, amount_cents=deal.amount_cents, signed_on=signed,
                                signer=plan.contacts[0].name, summary=rng.choice(data.CONTRACT_SUMMARIES),
                                created_at=deal.updated_at)
            session.add(contract)
            ctx.contracts.append((contract, signed, deal.amount_cents))
            if sale_results < 3:
                sale_results += 1
                quantity = rng.choice((1, 10, 20, 50))
                unit = deal.amount_cents // quantity
                session.add(SaleResult(deal_id=deal.id, product=deal.title, quantity=quantity,
                                       unit_price_cents=unit, amount_cents=unit * quantity,
                                       payment_method=rng.choice(data.PAYMENT_METHODS),
                                       delivery=rng.choice(data.DELIVERY_TEXTS),
                                       created_at=deal.updated_at))


def add_milestones(ctx: SeedContext, session: AsyncSession) -> None:
    """Payment, delivery, acceptance and invoice milestones of every contract, done up to today."""
    today = ctx.local_now.date()
    for contract, signed, amount in ctx.contracts:
        first = amount * 3 // 10
        steps = (("payment", 7, first, "首付款30%"), ("delivery", 30, None, "部署上线"),
                 ("acceptance", 45, None, "客户验收"), ("invoice", 50, None, "开具发票"),
                 ("payment", 60, amount - first, "尾款70%到账"))
        for kind, offset, cents, note in steps:
            due = signed + timedelta(days=offset)
            done = due + timedelta(days=ctx.rng.randint(-3, 5))
            session.add(ContractMilestone(contract_id=contract.id, kind=kind, due_on=due,
                                          done_on=done if done <= today else None, amount_cents=cents,
                                          note=note))


def add_complaints(ctx: SeedContext, session: AsyncSession) -> None:
    """The scripted complaints and feedback, spread over important customers of the matching language."""
    rng = ctx.rng
    by_language: dict[str, list[CustomerPlan]] = defaultdict(list)
    for plan in ctx.plans:
        if plan.row.lifecycle == "retention" or plan.spec.tier in ("A", "B"):
            by_language[plan.spec.language].append(plan)
    used: set[int] = set()
    entries: list[tuple[str, str, str | None, str | None, str]] = [
        (lang, content, severity, resolution, "complaint")
        for lang, content, severity, resolution in data.COMPLAINTS]
    entries += [(lang, content, None, None, "feedback") for lang, content in data.FEEDBACK]
    for lang, content, severity, resolution, kind in entries:
        choices = [p for p in by_language[lang] if id(p) not in used] or by_language[lang]
        plan = rng.choice(choices)
        used.add(id(plan))
        received = ctx.work_time(rng.randint(3, 80))
        resolved: datetime | None = None
        score: int | None = None
        if kind == "feedback":
            score, resolved = rng.randint(4, 5), received
        elif resolution is not None:
            resolved = min(received + timedelta(days=rng.randint(1, 10), hours=rng.randint(1, 6)), ctx.now)
            score = rng.randint(2, 4) if severity == "high" else rng.randint(3, 5)
        session.add(Complaint(customer_id=plan.row.id, received_at=received, kind=kind, content=content,
                              severity=severity, handler_id=plan.row.owner_id, resolution=resolution,
                              resolved_at=resolved, satisfaction=score,
                              status="resolved" if resolved is not None else "open"))
