"""The unit of work: owns one session and is the only thing that commits."""

from __future__ import annotations

from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.ports import (
    CardRepository,
    ChangeLogRepository,
    ContactRepository,
    CustomerRepository,
    InteractionRepository,
    InviteRepository,
    NextActionRepository,
    SettingsRepository,
    SpreadsheetRepository,
    StateStore,
    TeamRepository,
    UpdateLedger,
    UserRepository,
)
from bot.services.ports_complaints import ComplaintRepository
from bot.services.ports_contracts import ContractRepository
from bot.services.ports_deals import DealRepository
from bot.services.ports_followup_settings import FollowupSettingsRepository
from bot.services.ports_followups import FollowupRepository
from bot.services.ports_notifications import NotificationRepository
from storage.repositories.cards import SqlCardRepository
from storage.repositories.complaints import SqlComplaintRepository
from storage.repositories.contacts import SqlContactRepository
from storage.repositories.contracts import SqlContractRepository
from storage.repositories.customers import SqlCustomerRepository
from storage.repositories.deals import SqlDealRepository
from storage.repositories.followup_settings import SqlFollowupSettingsRepository
from storage.repositories.followups import SqlFollowupRepository
from storage.repositories.logs import (
    SqlChangeLogRepository,
    SqlInteractionRepository,
    SqlNextActionRepository,
)
from storage.repositories.notifications import SqlNotificationRepository
from storage.repositories.settings import SqlSettingsRepository
from storage.repositories.spreadsheets import SqlSpreadsheetRepository
from storage.repositories.system import SqlStateStore, SqlUpdateLedger
from storage.repositories.users import SqlInviteRepository, SqlTeamRepository, SqlUserRepository


class SqlUnitOfWork:
    """Re-enterable within one update or job run: one session, many service calls.

    Leaving the outermost block without commit rolls back; `close()` ends the session at the end of the
    update.
    A session does not connect before its first query, so an unused unit of work costs nothing.
    """

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._factory = session_factory
        self._open()

    def _open(self) -> None:
        self.session: AsyncSession = self._factory()
        self._closed = False
        self._depth = 0
        self.users: UserRepository = SqlUserRepository(self.session)
        self.teams: TeamRepository = SqlTeamRepository(self.session)
        self.invites: InviteRepository = SqlInviteRepository(self.session)
        self.updates: UpdateLedger = SqlUpdateLedger(self.session)
        self.states: StateStore = SqlStateStore(self.session)
        self.customers: CustomerRepository = SqlCustomerRepository(self.session)
        self.contacts: ContactRepository = SqlContactRepository(self.session)
        self.cards: CardRepository = SqlCardRepository(self.session)
        self.settings: SettingsRepository = SqlSettingsRepository(self.session)
        self.spreadsheets: SpreadsheetRepository = SqlSpreadsheetRepository(self.session)
        self.interactions: InteractionRepository = SqlInteractionRepository(self.session)
        self.next_actions: NextActionRepository = SqlNextActionRepository(self.session)
        self.changes: ChangeLogRepository = SqlChangeLogRepository(self.session)
        self.deals: DealRepository = SqlDealRepository(self.session)
        self.contracts: ContractRepository = SqlContractRepository(self.session)
        self.complaints: ComplaintRepository = SqlComplaintRepository(self.session)
        self.notifications: NotificationRepository = SqlNotificationRepository(self.session)
        self.followup_settings: FollowupSettingsRepository = SqlFollowupSettingsRepository(self.session)
        self.followups: FollowupRepository = SqlFollowupRepository(self.session)

    async def __aenter__(self) -> Self:
        if self._closed:
            self._open()
        self._depth += 1
        return self

    async def __aexit__(self, *exc: object) -> None:
        # A service called from inside another one's block must not roll back the outer work.
        self._depth -= 1
        if self._depth == 0:
            await self.rollback()

    async def commit(self) -> None:
        """Make the work of this block durable."""
        await self.session.commit()

    async def rollback(self) -> None:
        """Drop whatever was not committed."""
        await self.session.rollback()

    async def close(self) -> None:
        """End the session; entering the unit of work again opens a new one."""
        await self.session.close()
        self._closed = True
