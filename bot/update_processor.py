"""Concurrent across users, strictly ordered per user, one session per update."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.services.ports import UnitOfWork
from bot.services.updates import first_delivery
from handlers.scope import update_scope

log = logging.getLogger(__name__)


def ordering_key(update: object) -> object:
    """Updates of one user (or, without a user, one chat) share a key; others run in parallel."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
    return ("global", None)


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Bounded concurrency overall; a per-key FIFO lock keeps each user's updates in order.

    The per-user lock is taken before the global semaphore, so a slow user's queued updates
    wait without holding any of the shared slots.
    """

    def __init__(self, max_concurrent_updates: int = 32, *,
                 uow_factory: Callable[[], UnitOfWork] | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self.uow_factory = uow_factory
        self.clock = clock
        self._locks: dict[object, asyncio.Lock] = {}
        self._waiting: dict[object, int] = {}

    # PTB marks process_update final; overriding it is the only way to queue per user *before*
    # taking one of the shared slots, which is what keeps a slow user from starving the others.
    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:  # type: ignore[misc]
        """Take the user's lock, then a shared slot, then run the update."""
        key = ordering_key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await super().process_update(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if self._waiting[key] == 0:
                del self._waiting[key]
                self._locks.pop(key, None)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update inside its own scope, once per update id."""
        if self.uow_factory is None or self.clock is None:
            await coroutine
            return
        async with update_scope(self.uow_factory) as scope:
            if isinstance(update, Update) and not await first_delivery(scope.uow, update.update_id,
                                                                       now=self.clock()):
                log.info("skipping redelivered update %s", update.update_id)
                _close_unawaited(coroutine)
                return
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def _close_unawaited(coroutine: Awaitable[Any]) -> None:
    close = getattr(coroutine, "close", None)
    if close is not None:
        close()
