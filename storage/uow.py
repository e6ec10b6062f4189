"""The unit of work: owns one session and is the only thing that commits."""

from __future__ import annotations

from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.repositories.customers import SqlCustomerRepository
from storage.repositories.logs import SqlChangeLogRepository, SqlInteractionRepository, SqlNextActionRepository
from storage.repositories.system import SqlStateStore, SqlUpdateLedger
from storage.repositories.users import SqlInviteRepository, SqlTeamRepository, SqlUserRepository


class SqlUnitOfWork:
    """Re-enterable within one update or job run: one session, many service calls.

    Leaving a block without commit rolls back; `close()` ends the session at the end of the update.
    """

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._factory = session_factory
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            self._session = self._factory()
            self.users = SqlUserRepository(self._session)
            self.teams = SqlTeamRepository(self._session)
            self.invites = SqlInviteRepository(self._session)
            self.updates = SqlUpdateLedger(self._session)
            self.states = SqlStateStore(self._session)
            self.customers = SqlCustomerRepository(self._session)
            self.interactions = SqlInteractionRepository(self._session)
            self.next_actions = SqlNextActionRepository(self._session)
            self.changes = SqlChangeLogRepository(self._session)
        return self._session

    async def __aenter__(self) -> Self:
        _ = self.session
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.rollback()

    async def commit(self) -> None:
        """Make the work of this block durable."""
        await self.session.commit()

    async def rollback(self) -> None:
        """Drop whatever was not committed."""
        if self._session is not None:
            await self._session.rollback()

    async def close(self) -> None:
        """End the session; the unit of work can be entered again afterwards."""
        if self._session is not None:
            await self._session.close()
            self._session = None
