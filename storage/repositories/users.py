"""Users, teams and invites."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.enums import Role
from bot.domain.records import InviteRecord, UserRecord
from storage.tables import Invite, Team, User


def to_user_record(row: User, team_name: str | None) -> UserRecord:
    """Row → plain record."""
    return UserRecord(id=row.id, telegram_id=row.telegram_id, name=row.name, role=Role(row.role),
                      team_id=row.team_id, team_name=team_name, timezone=row.timezone,
                      language=row.language, active=row.active)


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_telegram_id(self, telegram_id: int) -> UserRecord | None:
        """The user with this Telegram id, with the team name joined in."""
        stmt = (select(User, Team.name).outerjoin(Team, Team.id == User.team_id)
                .where(User.telegram_id == telegram_id))
        found = (await self.session.execute(stmt)).first()
        return to_user_record(found[0], found[1]) if found else None

    async def get(self, user_id: int) -> UserRecord | None:
        """The user with this internal id."""
        stmt = select(User, Team.name).outerjoin(Team, Team.id == User.team_id).where(User.id == user_id)
        found = (await self.session.execute(stmt)).first()
        return to_user_record(found[0], found[1]) if found else None

    async def team_members(self, team_id: int | None, *, include_inactive: bool = False) -> list[UserRecord]:
        """Active users of a team (everyone active when team_id is None), by name; those who left on request."""
        stmt = select(User, Team.name).outerjoin(Team, Team.id == User.team_id).order_by(User.name)
        if not include_inactive:
            stmt = stmt.where(User.active.is_(True))
        if team_id is not None:
            stmt = stmt.where(User.team_id == team_id)
        return [to_user_record(row, team) for row, team in (await self.session.execute(stmt)).all()]

    async def add(self, *, telegram_id: int, name: str, username: str | None, role: Role,
                  team_id: int | None, timezone: str, language: str, now: datetime) -> UserRecord:
        """Insert a user."""
        row = User(telegram_id=telegram_id, name=name[:200], username=username, role=role.value,
                   team_id=team_id, timezone=timezone, language=language, active=True, created_at=now)
        self.session.add(row)
        await self.session.flush()
        team_name = await self.session.scalar(select(Team.name).where(Team.id == team_id)) if team_id else None
        return to_user_record(row, team_name)

    async def set_language(self, user_id: int, language: str) -> None:
        """Change the user's language."""
        await self.session.execute(update(User).where(User.id == user_id).values(language=language))

    async def set_active(self, user_id: int, active: bool) -> None:
        """Deactivate a user who left (they can no longer use the bot), or bring them back."""
        await self.session.execute(update(User).where(User.id == user_id).values(active=active))

    async def mark_reachable(self, user_id: int) -> None:
        """The user wrote to the bot again (after unblocking it): reminders reach them again."""
        await self.session.execute(update(User).where(User.id == user_id, User.unreachable_at.is_not(None))
                                   .values(unreachable_at=None))

    async def set_timezone(self, user_id: int, timezone: str) -> None:
        """Change the user's time zone."""
        await self.session.execute(update(User).where(User.id == user_id).values(timezone=timezone))


class SqlTeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_or_create(self, name: str, *, now: datetime) -> int:
        """The id of the team called `name`, created if new."""
        name = name.strip()[:100]
        found = await self.session.scalar(select(Team.id).where(Team.name == name))
        if found is not None:
            return found
        team = Team(name=name, created_at=now)
        self.session.add(team)
        await self.session.flush()
        return team.id


class SqlInviteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, code: str, role: Role, team_id: int | None, created_by: int,
                  now: datetime, expires_at: datetime) -> InviteRecord:
        """Store a new invite."""
        self.session.add(Invite(code=code, role=role.value, team_id=team_id, created_by=created_by,
                                created_at=now, expires_at=expires_at))
        await self.session.flush()
        team_name = await self.session.scalar(select(Team.name).where(Team.id == team_id)) if team_id else None
        return InviteRecord(code=code, role=role, team_name=team_name, expires_at=expires_at)

    async def claim(self, code: str, *, now: datetime) -> tuple[Role, int | None] | None:
        """Role and team of an unused, unexpired invite; None otherwise."""
        row = await self.session.scalar(select(Invite).where(Invite.code == code[:64]))
        if row is None or row.used_by is not None or row.expires_at <= now:
            return None
        return Role(row.role), row.team_id

    async def mark_used(self, code: str, *, user_id: int, now: datetime) -> None:
        """Burn the invite; the guard on used_by makes a race lose instead of double-using it."""
        result = await self.session.execute(
            update(Invite).where(Invite.code == code, Invite.used_by.is_(None)).values(used_by=user_id, used_at=now)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise LookupError("invite already used")
