"""Seeded customers, their contacts and their recorded needs."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.demo import seed_data as data
from bot.demo.seed_context import CustomerPlan, SeedContext
from bot.domain.codes import customer_code, industry_abbreviation
from bot.domain.company import name_key
from bot.domain.phones import parse_phone
from bot.domain.search_text import search_text
from storage.tables import Contact, Customer, Need


def _month(day: date, months_ahead: int) -> str:
    index = day.year * 12 + day.month - 1 + months_ahead
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def add_customers(ctx: SeedContext, session: AsyncSession) -> None:
    """One customer row per spec, coded in order of acquisition, each with its plan."""
    rng = ctx.rng
    created: list[datetime] = []
    for index in range(len(data.CUSTOMERS)):
        recent = index % 9 == 4  # a few customers acquired during the last quarter
        days = rng.randint(25, 75) if recent else rng.randint(100, 700)
        created.append(ctx.work_time(days))
    order = sorted(range(len(data.CUSTOMERS)), key=lambda i: (created[i], i))
    sequences: dict[tuple[str, int], int] = defaultdict(int)
    codes: dict[int, str] = {}
    for i in order:
        spec = data.CUSTOMERS[i]
        year = created[i].astimezone(ctx.zone).year
        sequences[(spec.industry, year)] += 1
        codes[i] = customer_code(spec.industry, year, sequences[(spec.industry, year)])
    for index, spec in enumerate(data.CUSTOMERS):
        coords: tuple[float, float] | None = None
        if spec.tier in ("A", "B") or rng.random() < 0.3:
            base = data.CITY_COORDS[spec.region]
            coords = (round(base[0] + rng.uniform(-0.05, 0.05), 6),
                      round(base[1] + rng.uniform(-0.05, 0.05), 6))
        dormant = spec.tier == "D" and rng.random() < 0.6
        row = Customer(
            code=codes[index], name=spec.name, industry=industry_abbreviation(spec.industry), size=spec.size,
            region=spec.region, address=spec.address, background=spec.background, source=spec.source,
            owner_id=ctx.users[spec.owner].id, status="dormant" if dormant else "active",
            lifecycle="acquisition", tier=spec.tier,
            latitude=coords[0] if coords else None, longitude=coords[1] if coords else None,
            created_at=created[index], updated_at=created[index],
        )
        session.add(row)
        ctx.plans.append(CustomerPlan(spec=spec, row=row, contacts=[], deals=[], coords=coords))


MOBILE_PREFIXES = ("35", "36", "37", "38", "39", "50", "51", "58", "59", "77", "86", "87", "88", "89")


def add_contacts_and_needs(ctx: SeedContext, session: AsyncSession) -> None:
    """One or two contacts per customer, and a need for the better tiers."""
    rng = ctx.rng
    pools = {"zh": list(data.ZH_CONTACTS), "en": list(data.EN_CONTACTS)}
    for pool in pools.values():
        rng.shuffle(pool)
    cursor = {"zh": 0, "en": 0}
    for plan in ctx.plans:
        lang, spec = plan.spec.language, plan.spec
        titles = data.ZH_TITLES if lang == "zh" else data.EN_TITLES
        howmany = 2 if spec.tier in ("A", "B") and rng.random() < 0.7 else rng.choice((1, 1, 2))
        for n in range(howmany):
            messaging: str | None
            name, handle = pools[lang][cursor[lang] % len(pools[lang])]
            cursor[lang] += 1
            if lang == "zh":
                phone = f"1{rng.choice(MOBILE_PREFIXES)}{rng.randint(10**7, 10**8 - 1)}"
                messaging = f"微信 {handle.replace('.', '_')}{rng.randint(10, 99)}"
            else:
                phone = f"+86 21 {rng.randint(5000, 6999)} {rng.randint(1000, 9999)}"
                messaging = f"WeChat {handle.replace('.', '')}" if rng.random() < 0.5 else None
            parsed = parse_phone(phone)
            contact = Contact(customer_id=plan.row.id, name=name, title=rng.choice(titles), phone=parsed.e164,
                              phone_digits=parsed.digits, email=f"{handle}@{spec.domain}", messaging=messaging,
                              is_primary=n == 0, created_at=plan.row.created_at)
            plan.contacts.append(contact)
            session.add(contact)
        plan.row.name_key = name_key(spec.name)
        plan.row.search_text = search_text(name=spec.name, code=plan.row.code,
                                           contacts=[c.name for c in plan.contacts],
                                           phones=[c.phone_digits for c in plan.contacts if c.phone_digits])
        if spec.tier in ("A", "B") or (spec.tier == "C" and rng.random() < 0.5):
            low = rng.choice((5, 8, 10, 15, 20, 30, 50, 80, 120)) * 10_000 * 100
            high = low * rng.choice((12, 15, 20)) // 10
            ahead = {"A": rng.randint(0, 1), "B": rng.randint(2, 3)}.get(spec.tier, rng.randint(4, 8))
            session.add(Need(
                customer_id=plan.row.id, core_need=rng.choice(data.NEED_TEXTS[lang]),
                budget_low_cents=low, budget_high_cents=high,
                purchase_month=_month(ctx.local_now.date(), ahead),
                decision_process=rng.choice(data.DECISION_TEXTS[lang]),
                preferences=rng.choice(data.PREFERENCE_TEXTS[lang]),
                created_at=plan.row.created_at + timedelta(days=rng.randint(1, 10)),
            ))
