"""A believable demo team written straight into the tables: people, customers, deals and 90 days of history.

Deterministic: the same ``now`` and ``rng_seed`` give the same rows.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.demo import seed_data as data
from bot.domain.codes import INDUSTRIES, customer_code
from bot.domain.enums import Stage
from bot.domain.stages import STAGE_RULES
from storage.tables import (
    ChangeLog,
    Complaint,
    Contact,
    Contract,
    ContractMilestone,
    Customer,
    Deal,
    Interaction,
    Need,
    NextAction,
    SaleResult,
    StageChange,
    Team,
    User,
)

HISTORY_DAYS = 90
FUNNEL: tuple[Stage, ...] = (Stage.LEAD, Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION, Stage.WON)
STAGE_POOLS: dict[str, tuple[tuple[Stage, ...], ...]] = {
    # per tier: the pool for the first deal, then the pool for the second one
    "A": ((Stage.NEGOTIATION, Stage.PROPOSAL, Stage.NEGOTIATION), (Stage.WON, Stage.WON, Stage.PROPOSAL)),
    "B": ((Stage.QUALIFIED, Stage.PROPOSAL, Stage.LEAD), (Stage.WON, Stage.QUALIFIED, Stage.LOST)),
    "C": ((Stage.LEAD, Stage.QUALIFIED, Stage.LOST),),
    "D": ((Stage.LEAD, Stage.LOST),),
}
AMOUNT_RANGE_CNY: dict[str, tuple[int, int]] = {
    "A": (300_000, 2_000_000), "B": (100_000, 800_000), "C": (50_000, 300_000), "D": (30_000, 150_000),
}
INTERACTIONS_PER_TIER = {"A": 18, "B": 12, "C": 7, "D": 3}
CHANNEL_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {
    "A": (("phone", 5), ("visit", 4), ("meeting", 1), ("message", 3), ("email", 2)),
    "B": (("phone", 4), ("visit", 2), ("email", 4), ("message", 3), ("meeting", 1)),
    "C": (("phone", 2), ("email", 4), ("message", 4), ("meeting", 1)),
    "D": (("email", 3), ("message", 3), ("phone", 1)),
}
ATTITUDE_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {
    "A": (("positive", 12), ("hesitant", 5), ("rejected", 0)),
    "B": (("positive", 8), ("hesitant", 6), ("rejected", 1)),
    "C": (("positive", 4), ("hesitant", 6), ("rejected", 2)),
    "D": (("positive", 1), ("hesitant", 3), ("rejected", 2)),
}
# How each rep's open next actions are spread, so every rep sees overdue, today and future items.
DUE_CYCLE = ("overdue", "today", "future", "future", "overdue", "future", "today")


@dataclass(frozen=True)
class DemoUser:
    """One seeded person the terminal can speak as."""

    name: str
    latin_name: str
    username: str
    telegram_id: int
    role: str
    language: str

    def matches(self, query: str) -> bool:
        """True when ``query`` is part of the name, the latin name or the username (case-insensitive)."""
        needle = query.strip().casefold()
        if not needle:
            return False
        return any(needle in hay.casefold() for hay in (self.name, self.latin_name, self.username))

    @property
    def label(self) -> str:
        """Name plus latin name when they differ, e.g. 李伟 (Li Wei)."""
        return self.name if self.name == self.latin_name else f"{self.name} ({self.latin_name})"


@dataclass(frozen=True)
class DemoTeam:
    """What was seeded: the team's people and the size of its book."""

    team_name: str
    users: tuple[DemoUser, ...]
    customers: int
    deals: int
    interactions: int

    @property
    def reps(self) -> tuple[DemoUser, ...]:
        """The sales reps, in seeding order."""
        return tuple(u for u in self.users if u.role == "rep")

    @property
    def default_user(self) -> DemoUser:
        """Who the terminal speaks as first: the first rep."""
        return self.reps[0] if self.reps else self.users[0]

    def find(self, query: str) -> list[DemoUser]:
        """Users matching ``query``; an exact name match wins over partial ones."""
        needle = query.strip().casefold()
        exact = [u for u in self.users
                 if needle in (u.name.casefold(), u.latin_name.casefold(), u.username.casefold())]
        return exact or [u for u in self.users if u.matches(query)]


@dataclass
class _CustomerPlan:
    spec: data.CustomerSpec
    row: Customer
    contacts: list[Contact]
    deals: list[Deal]
    coords: tuple[float, float] | None


async def seed_demo(session_factory: async_sessionmaker[AsyncSession], *, now: datetime,
                    rng_seed: int = 7) -> DemoTeam:
    """Write the demo team into an empty, migrated database in one transaction."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    seeder = _Seeder(now.astimezone(UTC), random.Random(rng_seed))
    async with session_factory() as session:
        team = await seeder.run(session)
        await session.commit()
    return team


class _Seeder:
    def __init__(self, now: datetime, rng: random.Random) -> None:
        self.now = now
        self.rng = rng
        self.zone = ZoneInfo(data.TIMEZONE)
        self.local_now = now.astimezone(self.zone)
        self.users: dict[str, User] = {}
        self.plans: list[_CustomerPlan] = []
        self.interactions: dict[int, list[Interaction]] = defaultdict(list)  # customer index → rows
        self.counts = {"deals": 0, "interactions": 0}
        self.stage_paths: list[tuple[Deal, list[Stage], list[int], list[datetime], User]] = []
        self.contracts: list[tuple[Contract, date, int]] = []

    # ------------------------------------------------------------------ helpers
    def _weighted(self, weights: Sequence[tuple[str, int]]) -> str:
        names = [name for name, _ in weights]
        return self.rng.choices(names, weights=[w for _, w in weights])[0]

    def _probability(self, stage: Stage) -> int:
        rule = STAGE_RULES[stage]
        steps = [p for p in range(rule.low, rule.high + 1) if p % 5 == 0] or [rule.default]
        return self.rng.choice(steps)

    def _local(self, day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone).astimezone(UTC)

    def _work_time(self, days_ago: int) -> datetime:
        """A moment during office hours ``days_ago`` local days back, never later than now."""
        day = self.local_now.date() - timedelta(days=days_ago)
        moment = self._local(day, self.rng.randint(9, 17), self.rng.randint(0, 59))
        if moment > self.now - timedelta(minutes=20):
            moment -= timedelta(days=1)
        return moment

    @staticmethod
    def _month(day: date, months_ahead: int) -> str:
        index = day.year * 12 + day.month - 1 + months_ahead
        return f"{index // 12:04d}-{index % 12 + 1:02d}"

    # ------------------------------------------------------------------ run
    async def run(self, session: AsyncSession) -> DemoTeam:
        team = Team(name=data.TEAM_NAME, created_at=self.now - timedelta(days=420))
        session.add(team)
        await session.flush()
        for person in data.PEOPLE:
            user = User(telegram_id=person.telegram_id, name=person.name, username=person.username,
                        role=person.role, team_id=team.id, timezone=data.TIMEZONE, language=person.language,
                        active=True, created_at=team.created_at + timedelta(days=self.rng.randint(0, 30)))
            self.users[person.key] = user
            session.add(user)
        await session.flush()

        self._customers(session)
        await session.flush()
        self._contacts_and_needs(session)
        self._deals(session)
        await session.flush()
        self._stage_changes(session)
        self._interactions(session)
        await session.flush()
        self._next_actions(session)
        self._contracts(session)
        self._complaints(session)
        self._change_log(session)
        await session.flush()
        self._milestones(session)
        await session.flush()

        users = tuple(DemoUser(name=p.name, latin_name=p.latin, username=p.username, telegram_id=p.telegram_id,
                               role=p.role, language=p.language) for p in data.PEOPLE)
        return DemoTeam(team_name=data.TEAM_NAME, users=users, customers=len(self.plans),
                        deals=self.counts["deals"], interactions=self.counts["interactions"])

    # ------------------------------------------------------------------ customers
    def _customers(self, session: AsyncSession) -> None:
        created: list[datetime] = []
        for index in range(len(data.CUSTOMERS)):
            recent = index % 9 == 4  # a few customers acquired during the last quarter
            days = self.rng.randint(25, 75) if recent else self.rng.randint(100, 700)
            created.append(self._work_time(days))
        order = sorted(range(len(data.CUSTOMERS)), key=lambda i: (created[i], i))
        sequences: dict[tuple[str, int], int] = defaultdict(int)
        codes: dict[int, str] = {}
        for i in order:
            spec = data.CUSTOMERS[i]
            year = created[i].astimezone(self.zone).year
            sequences[(spec.industry, year)] += 1
            codes[i] = customer_code(spec.industry, year, sequences[(spec.industry, year)])
        for index, spec in enumerate(data.CUSTOMERS):
            coords: tuple[float, float] | None = None
            if spec.tier in ("A", "B") or self.rng.random() < 0.3:
                base = data.CITY_COORDS[spec.region]
                coords = (round(base[0] + self.rng.uniform(-0.05, 0.05), 6),
                          round(base[1] + self.rng.uniform(-0.05, 0.05), 6))
            dormant = spec.tier == "D" and self.rng.random() < 0.6
            row = Customer(
                code=codes[index], name=spec.name, industry=INDUSTRIES[spec.industry], size=spec.size,
                region=spec.region, address=spec.address, background=spec.background, source=spec.source,
                owner_id=self.users[spec.owner].id, status="dormant" if dormant else "active",
                lifecycle="acquisition", tier=spec.tier,
                latitude=coords[0] if coords else None, longitude=coords[1] if coords else None,
                created_at=created[index], updated_at=created[index],
            )
            session.add(row)
            self.plans.append(_CustomerPlan(spec=spec, row=row, contacts=[], deals=[], coords=coords))

    def _contacts_and_needs(self, session: AsyncSession) -> None:
        pools = {"zh": list(data.ZH_CONTACTS), "en": list(data.EN_CONTACTS)}
        for pool in pools.values():
            self.rng.shuffle(pool)
        cursor = {"zh": 0, "en": 0}
        for plan in self.plans:
            lang, spec = plan.spec.language, plan.spec
            titles = data.ZH_TITLES if lang == "zh" else data.EN_TITLES
            howmany = 2 if spec.tier in ("A", "B") and self.rng.random() < 0.7 else self.rng.choice((1, 1, 2))
            for n in range(howmany):
                messaging: str | None
                name, handle = pools[lang][cursor[lang] % len(pools[lang])]
                cursor[lang] += 1
                if lang == "zh":
                    phone = f"1{self.rng.choice('35789')}{self.rng.randint(0, 9)}{self.rng.randint(10**7, 10**8 - 1)}"
                    messaging = f"微信 {handle.replace('.', '_')}{self.rng.randint(10, 99)}"
                else:
                    phone = f"+86 21 {self.rng.randint(5000, 6999)} {self.rng.randint(1000, 9999)}"
                    messaging = f"WeChat {handle.replace('.', '')}" if self.rng.random() < 0.5 else None
                contact = Contact(customer_id=plan.row.id, name=name, title=self.rng.choice(titles), phone=phone,
                                  email=f"{handle}@{spec.domain}", messaging=messaging, is_primary=n == 0)
                plan.contacts.append(contact)
                session.add(contact)
            if spec.tier in ("A", "B") or (spec.tier == "C" and self.rng.random() < 0.5):
                low = self.rng.choice((5, 8, 10, 15, 20, 30, 50, 80, 120)) * 10_000 * 100
                high = low * self.rng.choice((12, 15, 20)) // 10
                ahead = {"A": self.rng.randint(0, 1), "B": self.rng.randint(2, 3)}.get(spec.tier,
                                                                                       self.rng.randint(4, 8))
                session.add(Need(
                    customer_id=plan.row.id, core_need=self.rng.choice(data.NEED_TEXTS[lang]),
                    budget_low_cents=low, budget_high_cents=high,
                    purchase_month=self._month(self.local_now.date(), ahead),
                    decision_process=self.rng.choice(data.DECISION_TEXTS[lang]),
                    preferences=self.rng.choice(data.PREFERENCE_TEXTS[lang]),
                    created_at=plan.row.created_at + timedelta(days=self.rng.randint(1, 10)),
                ))

    # ------------------------------------------------------------------ deals
    def _deal_stages(self) -> list[list[Stage]]:
        """Stages of each customer's deals, with every stage present at least once."""
        stages: list[list[Stage]] = []
        b_seen = 0
        for plan in self.plans:
            pools = STAGE_POOLS[plan.spec.tier]
            count = len(pools)
            if plan.spec.tier == "B":
                count = 1 + b_seen % 2
                b_seen += 1
            stages.append([self.rng.choice(pools[k]) for k in range(count)])
        flat = [s for group in stages for s in group]
        for missing in [s for s in Stage if s not in flat]:
            for group in stages:
                donor = next((i for i, s in enumerate(group) if flat.count(s) > 2), None)
                if donor is not None:
                    flat.remove(group[donor])
                    group[donor] = missing
                    flat.append(missing)
                    break
        return stages

    def _deals(self, session: AsyncSession) -> None:
        for plan, stages in zip(self.plans, self._deal_stages(), strict=True):
            spec = plan.spec
            products = self.rng.sample(data.PRODUCTS[spec.industry], k=len(stages))
            for stage, product in zip(stages, products, strict=True):
                self._deal(session, plan, stage, product[0] if spec.language == "zh" else product[1])

    def _deal(self, session: AsyncSession, plan: _CustomerPlan, stage: Stage, title: str) -> None:
        spec, owner = plan.spec, self.users[plan.spec.owner]
        earliest = plan.row.created_at + timedelta(days=1)
        if stage in (Stage.WON, Stage.LOST):
            end = self.now - timedelta(days=self.rng.randint(5, 40), hours=self.rng.randint(0, 8))
            start = end - timedelta(days=self.rng.randint(30, 120))
        else:
            end = self.now - timedelta(days=self.rng.randint(1, 12), hours=self.rng.randint(0, 8))
            start = end - timedelta(days=self.rng.randint(10, 150))
        start = max(start, earliest)
        end = max(end, start + timedelta(hours=2))
        if stage is Stage.LOST:
            reached = FUNNEL.index(self.rng.choice((Stage.LEAD, Stage.QUALIFIED, Stage.PROPOSAL)))
            path = [*FUNNEL[: reached + 1], Stage.LOST]
        else:
            path = list(FUNNEL[: FUNNEL.index(stage) + 1])
        span = (end - start) / max(len(path) - 1, 1)
        moments = [start + span * k for k in range(len(path))]
        probabilities = [self._probability(s) for s in path]
        lo, hi = AMOUNT_RANGE_CNY[spec.tier]
        amount = self.rng.randint(lo // 1000, hi // 1000) * 1000 * 100
        if stage in (Stage.WON, Stage.LOST):
            expected = moments[-1].astimezone(self.zone).date()
        else:
            ahead = self.rng.randint(5, 35) if spec.tier == "A" else self.rng.randint(20, 120)
            expected = self.local_now.date() + timedelta(days=ahead)
        lang = spec.language
        deal = Deal(customer_id=plan.row.id, owner_id=owner.id, title=title, amount_cents=amount, currency="CNY",
                    expected_close=expected, stage=stage.value, probability=probabilities[-1], tier=spec.tier,
                    lost_reason=self.rng.choice(data.LOST_REASONS[lang]) if stage is Stage.LOST else None,
                    created_at=start, updated_at=moments[-1])
        session.add(deal)
        plan.deals.append(deal)
        self.counts["deals"] += 1
        self.stage_paths.append((deal, path, probabilities, moments, owner))

    # ------------------------------------------------------------------ interactions
    def _stage_changes(self, session: AsyncSession) -> None:
        for deal, path, probabilities, moments, owner in self.stage_paths:
            previous: tuple[str | None, int | None] = (None, None)
            for stage, probability, moment in zip(path, probabilities, moments, strict=True):
                session.add(StageChange(deal_id=deal.id, from_stage=previous[0], to_stage=stage.value,
                                        from_probability=previous[1], to_probability=probability,
                                        changed_by=owner.id, changed_at=moment))
                previous = (stage.value, probability)

    def _interactions(self, session: AsyncSession) -> None:
        manager = self.users["wang"]
        for index, plan in enumerate(self.plans):
            spec = plan.spec
            lang = spec.language
            available = (self.now - plan.row.created_at).days - 1
            max_days = max(0, min(HISTORY_DAYS - 2, available))
            count = max(1, INTERACTIONS_PER_TIER[spec.tier] + self.rng.randint(-2, 2))
            if max_days < HISTORY_DAYS - 2:
                count = max(2, count * max_days // (HISTORY_DAYS - 2))
            quiet = 20 if plan.row.status == "dormant" and max_days > 20 else 0  # dormant: nothing lately
            moments = sorted(self._work_time(self.rng.randint(quiet, max_days)) for _ in range(count))
            moments = [m for m in moments if m >= plan.row.created_at] or [self.now - timedelta(hours=3)]
            all_lost = all(d.stage == Stage.LOST.value for d in plan.deals)
            for position, occurred in enumerate(moments):
                channel = self._weighted(CHANNEL_WEIGHTS[spec.tier])
                attitude = self._weighted(ATTITUDE_WEIGHTS[spec.tier])
                if all_lost and position == len(moments) - 1:
                    attitude = "rejected"
                contact = self.rng.choice(plan.contacts).name
                candidates = [d for d in plan.deals if d.created_at <= occurred]
                linked = self.rng.choice(candidates) if candidates else None
                product = linked.title if linked else self.rng.choice(data.PRODUCTS[spec.industry])[
                    0 if lang == "zh" else 1]
                summary = (data.CHANNEL_PREFIX[lang][channel].format(contact=contact)
                           + self.rng.choice(data.SUMMARIES[lang][attitude]).format(contact=contact,
                                                                                    product=product))
                if lang == "en":
                    prefix, _, rest = summary.partition(": ")
                    summary = f"{prefix}: {rest[:1].upper()}{rest[1:]}"
                late = self.rng.random() < 0.07
                delay = (timedelta(hours=self.rng.randint(25, 72)) if late
                         else timedelta(minutes=self.rng.randint(5, 300)))
                logged = min(occurred + delay, self.now)
                user = manager if spec.tier == "A" and channel in ("visit", "meeting") and \
                    self.rng.random() < 0.3 else self.users[spec.owner]
                row = Interaction(customer_id=plan.row.id, deal_id=linked.id if linked else None, user_id=user.id,
                                  occurred_at=occurred, logged_at=logged, channel=channel, summary=summary,
                                  attitude=attitude, logged_late=logged - occurred > timedelta(hours=24),
                                  location_verified=False)
                if channel == "visit" and plan.coords is not None:
                    distance = self.rng.choice((35, 60, 80, 120, 150, 210, 1450))
                    row.latitude = round(plan.coords[0] + self.rng.uniform(-0.0008, 0.0008), 6)
                    row.longitude = round(plan.coords[1] + self.rng.uniform(-0.0008, 0.0008), 6)
                    row.distance_m = distance
                    row.location_verified = distance <= 300
                session.add(row)
                self.interactions[index].append(row)
                self.counts["interactions"] += 1
            plan.row.last_contact_at = moments[-1]
            plan.row.updated_at = max(plan.row.updated_at, self.interactions[index][-1].logged_at)
            has_won = any(d.stage == Stage.WON.value for d in plan.deals)
            if has_won:
                plan.row.lifecycle = "retention"
            elif all_lost:
                plan.row.lifecycle = "winback"
            elif plan.row.created_at > self.now - timedelta(days=HISTORY_DAYS):
                plan.row.lifecycle = "acquisition"
            else:
                plan.row.lifecycle = "cultivation"

    # ------------------------------------------------------------------ next actions
    def _due(self, kind: str, occurred: datetime) -> datetime:
        if kind == "overdue" and occurred < self.now - timedelta(hours=30):
            due = occurred + timedelta(days=self.rng.randint(1, 3))
            due = due.astimezone(self.zone).replace(hour=self.rng.choice((10, 14, 16)), minute=0)
            due = due.astimezone(UTC)
            if occurred < due < self.now - timedelta(hours=1):
                return due
        if kind in ("overdue", "today"):
            if self.local_now.hour < 17:
                return self._local(self.local_now.date(), 17, self.rng.choice((0, 30)))
            end_of_day = datetime.combine(self.local_now.date(), time(23, 59), tzinfo=self.zone)
            return min(self.now + timedelta(minutes=30), end_of_day.astimezone(UTC))
        day = self.local_now.date() + timedelta(days=self.rng.randint(1, 14))
        return self._local(day, self.rng.randint(9, 17), self.rng.choice((0, 30)))

    def _next_actions(self, session: AsyncSession) -> None:
        cycles: dict[int, int] = defaultdict(int)
        for index, plan in enumerate(self.plans):
            rows = self.interactions[index]
            lang = plan.spec.language
            owner = self.users[plan.spec.owner]
            for current, following in itertools.pairwise(rows):
                due = max(current.occurred_at + timedelta(days=self.rng.randint(1, 7)), current.logged_at)
                session.add(NextAction(customer_id=plan.row.id, interaction_id=current.id, owner_id=owner.id,
                                       title=self.rng.choice(data.NEXT_ACTIONS[lang]), due_at=due, done=True,
                                       done_at=max(following.occurred_at, current.logged_at),
                                       created_at=current.logged_at))
            last = rows[-1]
            open_deals = [d for d in plan.deals if d.stage not in (Stage.WON.value, Stage.LOST.value)]
            if plan.row.status == "dormant" or not open_deals or last.attitude == "rejected":
                if not open_deals and any(d.stage == Stage.WON.value for d in plan.deals):
                    last.no_next_reason = "won"
                elif plan.row.status == "dormant":
                    last.no_next_reason = "paused"
                else:
                    last.no_next_reason = "lost"
                last.no_next_note = ("客户暂无需求，按季度发送行业资讯" if lang == "zh"
                                     else "No need for now; quarterly industry updates only")
                continue
            kind = DUE_CYCLE[cycles[owner.id] % len(DUE_CYCLE)]
            cycles[owner.id] += 1
            session.add(NextAction(customer_id=plan.row.id, interaction_id=last.id, owner_id=owner.id,
                                   title=self.rng.choice(data.NEXT_ACTIONS[lang]), due_at=self._due(kind, last.occurred_at),
                                   done=False, done_at=None, created_at=last.logged_at))

    # ------------------------------------------------------------------ won business
    def _contracts(self, session: AsyncSession) -> None:
        sale_results = 0
        for plan in self.plans:
            for deal in plan.deals:
                if deal.stage != Stage.WON.value or deal.expected_close is None:
                    continue
                signed = deal.expected_close
                contract = Contract(number=f"HT-{signed.year}-{len(self.contracts) + 1:04d}", deal_id=deal.id,
                                    customer_id=plan.row.id, amount_cents=deal.amount_cents, signed_on=signed,
                                    signer=plan.contacts[0].name, summary=self.rng.choice(data.CONTRACT_SUMMARIES),
                                    created_at=deal.updated_at)
                session.add(contract)
                self.contracts.append((contract, signed, deal.amount_cents))
                if sale_results < 3:
                    sale_results += 1
                    quantity = self.rng.choice((1, 10, 20, 50))
                    unit = deal.amount_cents // quantity
                    session.add(SaleResult(deal_id=deal.id, product=deal.title, quantity=quantity,
                                           unit_price_cents=unit, amount_cents=unit * quantity,
                                           payment_method=self.rng.choice(data.PAYMENT_METHODS),
                                           delivery=self.rng.choice(data.DELIVERY_TEXTS),
                                           created_at=deal.updated_at))

    def _milestones(self, session: AsyncSession) -> None:
        today = self.local_now.date()
        for contract, signed, amount in self.contracts:
            first = amount * 3 // 10
            steps = (("payment", 7, first, "首付款30%"), ("delivery", 30, None, "部署上线"),
                     ("acceptance", 45, None, "客户验收"), ("invoice", 50, None, "开具发票"),
                     ("payment", 60, amount - first, "尾款70%到账"))
            for kind, offset, cents, note in steps:
                due = signed + timedelta(days=offset)
                done = due + timedelta(days=self.rng.randint(-3, 5))
                session.add(ContractMilestone(contract_id=contract.id, kind=kind, due_on=due,
                                              done_on=done if done <= today else None, amount_cents=cents,
                                              note=note))

    # ------------------------------------------------------------------ complaints and change log
    def _complaints(self, session: AsyncSession) -> None:
        by_language: dict[str, list[_CustomerPlan]] = defaultdict(list)
        for plan in self.plans:
            if plan.row.lifecycle == "retention" or plan.spec.tier in ("A", "B"):
                by_language[plan.spec.language].append(plan)
        used: set[int] = set()
        entries: list[tuple[str, str, str | None, str | None, str]] = [
            (lang, content, severity, resolution, "complaint")
                   for lang, content, severity, resolution in data.COMPLAINTS]
        entries += [(lang, content, None, None, "feedback") for lang, content in data.FEEDBACK]
        for lang, content, severity, resolution, kind in entries:
            choices = [p for p in by_language[lang] if id(p) not in used] or by_language[lang]
            plan = self.rng.choice(choices)
            used.add(id(plan))
            received = self._work_time(self.rng.randint(3, 80))
            resolved: datetime | None = None
            score: int | None = None
            if kind == "feedback":
                score = self.rng.randint(4, 5)
            elif resolution is not None:
                resolved = min(received + timedelta(days=self.rng.randint(1, 10), hours=self.rng.randint(1, 6)),
                               self.now)
                score = self.rng.randint(2, 4) if severity == "high" else self.rng.randint(3, 5)
            session.add(Complaint(customer_id=plan.row.id, received_at=received, kind=kind, content=content,
                                  severity=severity, handler_id=plan.row.owner_id, resolution=resolution,
                                  resolved_at=resolved, satisfaction=score))

    def _change_log(self, session: AsyncSession) -> None:
        manager = self.users["wang"]
        tier_up = [p for p in self.plans if p.spec.tier == "A"][:3]
        for plan in tier_up:
            zh = plan.spec.language == "zh"
            session.add(ChangeLog(entity="customer", entity_id=plan.row.id, field="tier", old_value="B",
                                  new_value="A", changed_by=plan.row.owner_id,
                                  reason="客户确认一个月内采购，升级为A类重点跟进" if zh
                                  else "Buying within a month, moved to tier A",
                                  changed_at=self._work_time(self.rng.randint(20, 60))))
        for plan in [p for p in self.plans if p.spec.tier == "D"][:2]:
            session.add(ChangeLog(entity="customer", entity_id=plan.row.id, field="status", old_value="active",
                                  new_value=plan.row.status, changed_by=plan.row.owner_id,
                                  reason="暂无采购计划，转为季度跟进" if plan.spec.language == "zh"
                                  else "No purchase plan, quarterly follow-up",
                                  changed_at=self._work_time(self.rng.randint(30, 80))))
        moved = next(p for p in self.plans if p.spec.owner == "li" and p.spec.tier == "C")
        session.add(ChangeLog(entity="customer", entity_id=moved.row.id, field="owner_id",
                              old_value=str(self.users["chen"].id), new_value=str(self.users["li"].id),
                              reason="区域调整：上海区域客户统一由李伟负责", changed_by=manager.id,
                              changed_at=moved.row.created_at + timedelta(days=10)))
        for plan in self.plans[:3]:
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
        for deal in [d for p in self.plans for d in p.deals if d.stage == Stage.NEGOTIATION.value][:2]:
            old = deal.amount_cents + 50_000 * 100
            session.add(ChangeLog(entity="deal", entity_id=deal.id, field="amount_cents", old_value=str(old),
                                  new_value=str(deal.amount_cents), changed_by=deal.owner_id,
                                  reason="谈判让价 / discount agreed in negotiation",
                                  changed_at=max(deal.updated_at, self.now - timedelta(days=3))))
