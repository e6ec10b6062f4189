"""PTB persistence in the CRM database, so a rep's half-finished log survives a restart."""

from __future__ import annotations

import json
from collections.abc import Callable
from copy import deepcopy
from datetime import datetime
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.services.ports import UnitOfWork

USER_DATA = "user_data"


def _conv_name(name: str) -> str:
    return f"conv:{name}"


class DbPersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Keeps user_data and conversation states in the conversation_states table.

    Values must be JSON-serialisable. Writes are skipped when nothing changed since the last save,
    so flushing after every update costs nothing for updates that did not touch a conversation.
    """

    def __init__(self, uow_factory: Callable[[], UnitOfWork], clock: Callable[[], datetime],
                 update_interval: float = 60) -> None:
        super().__init__(store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True,
                                                     callback_data=False), update_interval=update_interval)
        self._uow_factory = uow_factory
        self._clock = clock
        self._saved: dict[tuple[str, str], str] = {}

    async def _load(self, name: str) -> dict[str, Any]:
        uow = self._uow_factory()
        try:
            async with uow:
                return await uow.states.load_all(name)
        finally:
            await getattr(uow, "close", _noop)()

    async def _store(self, name: str, key: str, value: Any) -> None:
        encoded = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        if self._saved.get((name, key)) == encoded:
            return
        uow = self._uow_factory()
        try:
            async with uow:
                if value is None:
                    await uow.states.delete(name, key)
                else:
                    await uow.states.save(name, key, json.loads(encoded), now=self._clock())
                await uow.commit()
        finally:
            await getattr(uow, "close", _noop)()
        self._saved[(name, key)] = encoded

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        """All users' data, by Telegram user id."""
        stored = await self._load(USER_DATA)
        for key, value in stored.items():
            self._saved[(USER_DATA, key)] = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        return {int(key): dict(value or {}) for key, value in stored.items()}

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        """Save one user's data."""
        await self._store(USER_DATA, str(user_id), deepcopy(data) if data else None)

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's data."""
        await self._store(USER_DATA, str(user_id), None)

    async def get_conversations(self, name: str) -> ConversationDict:
        """The states of one ConversationHandler, by conversation key."""
        stored = await self._load(_conv_name(name))
        result: dict[ConversationKey, object] = {}
        for key, value in stored.items():
            self._saved[(_conv_name(name), key)] = json.dumps(value, sort_keys=True, ensure_ascii=False)
            result[tuple(json.loads(key))] = value["state"] if isinstance(value, dict) else value
        return result

    async def update_conversation(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        """Save (or, when the conversation ended, delete) one conversation's state."""
        await self._store(_conv_name(name), json.dumps(list(key)),
                          None if new_state is None else {"state": new_state})

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        return None

    async def get_bot_data(self) -> dict[Any, Any]:
        return {}

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        return None

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def flush(self) -> None:
        """Every write is immediate; nothing is buffered."""


async def _noop() -> None:
    return None
