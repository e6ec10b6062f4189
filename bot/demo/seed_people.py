"""The demo team's people: the seeded team and user rows, and what the terminal knows about them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.demo import seed_data as data
from bot.demo.seed_context import SeedContext
from storage.tables import Team, User


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


async def add_team_and_people(ctx: SeedContext, session: AsyncSession) -> None:
    """The team row and one user row per person, flushed so they have ids."""
    team = Team(name=data.TEAM_NAME, created_at=ctx.now - timedelta(days=420))
    session.add(team)
    await session.flush()
    for person in data.PEOPLE:
        user = User(telegram_id=person.telegram_id, name=person.name, username=person.username,
                    role=person.role, team_id=team.id, timezone=data.TIMEZONE, language=person.language,
                    active=True, created_at=team.created_at + timedelta(days=ctx.rng.randint(0, 30)))
        ctx.users[person.key] = user
        session.add(user)
    await session.flush()


def demo_team(ctx: SeedContext) -> DemoTeam:
    """The summary of a finished seeding run."""
    users = tuple(DemoUser(name=p.name, latin_name=p.latin, username=p.username, telegram_id=p.telegram_id,
                           role=p.role, language=p.language) for p in data.PEOPLE)
    return DemoTeam(team_name=data.TEAM_NAME, users=users, customers=len(ctx.plans),
                    deals=ctx.counts["deals"], interactions=ctx.counts["interactions"])
