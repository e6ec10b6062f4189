"""Seeded audit trail: tier, status, owner, address, phone and amount changes with their reasons."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.demo.seed_context import SeedContext
from bot.domain.enums import Stage
from storage.tables import ChangeLog


def add_change_log(ctx: SeedContext, session: AsyncSession) -> None:
    """A handful of believable edits on customers, contacts and deals."""
    rng, plans = ctx.rng, ctx.plans
    manager = ctx.users["wang"]
    tier_up = [p for p in plans if p.spec.tier == "A"][:3]
    for plan in tier_up:
        zh = plan.spec.language == "zh"
        session.add(ChangeLog(entity="customer", entity_id=plan.row.id, field="tier", old_value="B",
                              new_value="A", changed_by=plan.row.owner_id,
                              reason="客户确认一个月内采购，升级为A类重点跟进" if zh
                              else "Buying within a month, moved to tier A",
                              changed_at=ctx.work_time(rng.randint(20, 60))))
    for plan in [p for p in plans if p.spec.tier == "D"][:2]:
        session.add(ChangeLog(entity="customer", entity_id=plan.row.id, field="status", old_value="active",
                              new_value=plan.row.status, changed_by=plan.row.owner_id,
                              reason="暂无采购计划，转为季度跟进" if plan.spec.language == "zh"
                              else "No purchase plan, quarterly follow-up",
                              changed_at=ctx.work_time(rng.randint(30, 80))))
    moved = next(p for p in plans if p.spec.owner == "li" and p.spec.tier == "C")
    session.add(ChangeLog(entity="customer", entity_id=moved.row.id, field="owner_id",
                          old_value=str(ctx.users["chen"].id), new_value=str(ctx.users["li"].id),
                          reason="区域调整：上海区域客户统一由李伟负责", changed_by=manager.id,
                          changed_at=moved.row.created_at + timedelta(days=10)))
    for plan in plans[:3]:
        session.add(ChangeLog(entity="customer", entity_id=plan.row.id, field="address",
                              old_value="（未填写）" if plan.spec.language == "zh" else "(not set)",
                              new_value=plan.spec.address, changed_by=plan.row.owner_id,
                              reason="拜访时核实地址" if plan.spec.language == "zh" else "Verified at visit",
                              changed_at=plan.row.created_at + timedelta(days=2)))
        contact = plan.contacts[0]
        session.add(ChangeLog(entity="contact", entity_id=contact.id, field="phone", old_value=None,
                              new_value=contact.phone, changed_by=plan.row.owner_id,
                              reason="客户名片" if plan.spec.language == "zh" else "From business card",
                              changed_at=plan.row.created_at + timedelta(days=2)))
    for deal in [d for p in plans for d in p.deals if d.stage == Stage.NEGOTIATION.value][:2]:
        old = deal.amount_cents + 50_000 * 100
        session.add(ChangeLog(entity="deal", entity_id=deal.id, field="amount_cents", old_value=str(old),
                              new_value=str(deal.amount_cents), changed_by=deal.owner_id,
                              reason="谈判让价 / discount agreed in negotiation",
                              changed_at=max(deal.updated_at, ctx.now - timedelta(days=3))))
