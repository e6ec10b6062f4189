"""What handlers need from the composition root, kept in bot_data under one key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.domain.industries import DEFAULT_INDUSTRIES, Industry
from bot.services.access import language_from_telegram
from bot.services.ports import UnitOfWork
from handlers.scope import current_scope

DEPS_KEY = "crm_deps"


@dataclass(frozen=True)
class HandlerDeps:
    uow_factory: Callable[[], UnitOfWork]
    clock: Callable[[], datetime]
    admin_ids: frozenset[int]
    default_timezone: str
    default_language: str
    cadence_days: dict[str, int]
    conversation_timeout_minutes: float = 30
    industries: tuple[Industry, ...] = DEFAULT_INDUSTRIES


Context = ContextTypes.DEFAULT_TYPE


def get_deps(context: Any) -> HandlerDeps:
    """The handler dependencies installed by the composition root."""
    deps: HandlerDeps = context.application.bot_data[DEPS_KEY]
    return deps


def user_language(update: object, context: Any) -> str:
    """The registered user's language, else Telegram's language_code, else the default."""
    try:
        user = current_scope().user
    except RuntimeError:
        user = None
    if user is not None:
        return user.language
    default = get_deps(context).default_language
    if isinstance(update, Update) and update.effective_user is not None:
        return language_from_telegram(update.effective_user.language_code, default)
    return default
