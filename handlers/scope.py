"""One unit of work (one session) per update or job run, reachable from any callback in it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from bot.domain.records import UserRecord
from bot.services.ports import UnitOfWork


@dataclass
class Scope:
    uow: UnitOfWork
    user: UserRecord | None = None
    extras: dict[str, object] = field(default_factory=dict)


_CURRENT: ContextVar[Scope | None] = ContextVar("crm_scope", default=None)


class NoScope(RuntimeError):
    """A callback ran outside an update or job scope."""


def current_scope() -> Scope:
    """The scope of the update or job being processed."""
    scope = _CURRENT.get()
    if scope is None:
        raise NoScope("no update scope: wrap the work in update_scope()")
    return scope


def current_uow() -> UnitOfWork:
    """The unit of work of the update or job being processed."""
    return current_scope().uow


@asynccontextmanager
async def update_scope(uow_factory: Callable[[], UnitOfWork]) -> AsyncIterator[Scope]:
    """Open a scope with a fresh unit of work and close its session at the end, whatever happens."""
    uow = uow_factory()
    scope = Scope(uow=uow)
    token = _CURRENT.set(scope)
    try:
        yield scope
    finally:
        _CURRENT.reset(token)
        close = getattr(uow, "close", None)
        if close is not None:
            await close()
