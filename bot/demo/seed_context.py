"""The state shared by the seeding steps: the clock, the random source and the rows written so far."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.demo import seed_data as data
from bot.domain.enums import Stage
from storage.tables import Contact, Contract, Customer, Deal, Interaction, User


@dataclass
class CustomerPlan:
    """One seeded customer: its spec, its row and the rows hanging off it."""

    spec: data.CustomerSpec
    row: Customer
    contacts: list[Contact]
    deals: list[Deal]
    coords: tuple[float, float] | None


@dataclass
class SeedContext:
    """Everything one seeding run shares; the steps read and extend it in a fixed order."""

    now: datetime  # aware, UTC
    rng: random.Random
    zone: ZoneInfo = field(init=False)
    local_now: datetime = field(init=False)
    users: dict[str, User] = field(default_factory=dict)  # person key → row
    plans: list[CustomerPlan] = field(default_factory=list)
    interactions: dict[int, list[Interaction]] = field(
        default_factory=lambda: defaultdict(list))  # customer index → rows
    counts: dict[str, int] = field(default_factory=lambda: {"deals": 0, "interactions": 0})
    stage_paths: list[tuple[Deal, list[Stage], list[int], list[datetime], User]] = field(default_factory=list)
    contracts: list[tuple[Contract, date, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.zone = ZoneInfo(data.TIMEZONE)
        self.local_now = self.now.astimezone(self.zone)

    def local(self, day: date, hour: int, minute: int) -> datetime:
        """A local wall-clock moment on ``day``, in UTC."""
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone).astimezone(UTC)

    def work_time(self, days_ago: int) -> datetime:
        """A moment during office hours ``days_ago`` local days back, never later than now."""
        day = self.local_now.date() - timedelta(days=days_ago)
        moment = self.local(day, self.rng.randint(9, 17), self.rng.randint(0, 59))
        if moment > self.now - timedelta(minutes=20):
            moment -= timedelta(days=1)
        return moment
