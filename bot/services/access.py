"""Who gets in: admins from the configuration, everyone else by a one-time invite."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.enums import Role
from bot.domain.records import InviteRecord, UserRecord
from bot.domain.roles import can_invite
from bot.services.errors import InvalidLanguage, InvalidTimezone, InviteInvalid, NotAllowed, UnknownUser
from bot.services.ports import UnitOfWork

INVITE_LIFETIME = timedelta(days=7)
LANGUAGES = ("zh", "en")


class StartOutcome(StrEnum):
    WELCOME_BACK = "welcome_back"
    REGISTERED_ADMIN = "registered_admin"
    REGISTERED_BY_INVITE = "registered_by_invite"


@dataclass(frozen=True)
class StartResult:
    outcome: StartOutcome
    user: UserRecord


@dataclass(frozen=True)
class Newcomer:
    """What Telegram tells us about a person who pressed /start."""

    telegram_id: int
    name: str
    username: str | None
    language_code: str | None


def language_from_telegram(code: str | None, default: str) -> str:
    """zh for any Chinese locale, en for any other known one, else the configured default."""
    if not code:
        return default
    return "zh" if code.lower().startswith("zh") else "en"


async def start(uow: UnitOfWork, person: Newcomer, *, payload: str | None, admin_ids: frozenset[int],
                default_timezone: str, default_language: str, now: datetime) -> StartResult:
    """Register an admin or an invitee, or greet a known user; refuse anyone else."""
    async with uow:
        known = await uow.users.get_by_telegram_id(person.telegram_id)
        if known is not None:
            if not known.active:
                raise UnknownUser()
            await uow.users.mark_reachable(known.id)  # unblocking the bot in Telegram sends /start
            await uow.commit()
            return StartResult(StartOutcome.WELCOME_BACK, known)
        language = language_from_telegram(person.language_code, default_language)
        if person.telegram_id in admin_ids:
            user = await uow.users.add(telegram_id=person.telegram_id, name=person.name,
                                       username=person.username, role=Role.ADMIN, team_id=None,
                                       timezone=default_timezone, language=language, now=now)
            await uow.commit()
            return StartResult(StartOutcome.REGISTERED_ADMIN, user)
        if not payload:
            raise UnknownUser()
        claimed = await uow.invites.claim(payload, now=now)
        if claimed is None:
            raise InviteInvalid()
        role, team_id = claimed
        user = await uow.users.add(telegram_id=person.telegram_id, name=person.name, username=person.username,
                                   role=role, team_id=team_id, timezone=default_timezone,
                                   language=language, now=now)
        await uow.invites.mark_used(payload, user_id=user.id, now=now)
        await uow.commit()
        return StartResult(StartOutcome.REGISTERED_BY_INVITE, user)


async def create_invite(uow: UnitOfWork, *, inviter_telegram_id: int, role: Role, team_name: str | None,
                        now: datetime) -> InviteRecord:
    """A one-time invite code for `role`, optionally into a team (created on first use)."""
    async with uow:
        inviter = await _require_user(uow, inviter_telegram_id)
        if not can_invite(inviter.role, role):
            raise NotAllowed()
        team_id = await uow.teams.get_or_create(team_name, now=now) if team_name else inviter.team_id
        invite = await uow.invites.add(code=secrets.token_urlsafe(12), role=role, team_id=team_id,
                                       created_by=inviter.id, now=now, expires_at=now + INVITE_LIFETIME)
        await uow.commit()
        return invite


async def current_user(uow: UnitOfWork, telegram_id: int) -> UserRecord | None:
    """The active user behind a Telegram id, or None."""
    async with uow:
        user = await uow.users.get_by_telegram_id(telegram_id)
    return user if user is not None and user.active else None


async def set_language(uow: UnitOfWork, *, telegram_id: int, language: str) -> str:
    """Switch the user's language to zh or en."""
    if language not in LANGUAGES:
        raise InvalidLanguage()
    async with uow:
        user = await _require_user(uow, telegram_id)
        await uow.users.set_language(user.id, language)
        await uow.commit()
    return language


async def set_timezone(uow: UnitOfWork, *, telegram_id: int, timezone: str) -> str:
    """Set the user's IANA time zone (e.g. Asia/Shanghai); reject unknown names."""
    name = _normalise_zone(timezone)
    async with uow:
        user = await _require_user(uow, telegram_id)
        await uow.users.set_timezone(user.id, name)
        await uow.commit()
    return name


def _normalise_zone(text: str) -> str:
    candidate = text.strip()
    aliases = {"beijing": "Asia/Shanghai", "北京": "Asia/Shanghai", "shanghai": "Asia/Shanghai",
               "上海": "Asia/Shanghai", "utc": "UTC", "hongkong": "Asia/Hong_Kong", "香港": "Asia/Hong_Kong",
               "singapore": "Asia/Singapore", "新加坡": "Asia/Singapore", "london": "Europe/London",
               "tokyo": "Asia/Tokyo", "东京": "Asia/Tokyo", "new york": "America/New_York"}
    candidate = aliases.get(candidate.lower(), candidate)
    if not candidate or len(candidate) > 64 or ".." in candidate or candidate.startswith("/"):
        raise InvalidTimezone(value=text[:64])
    try:
        ZoneInfo(candidate)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidTimezone(value=text[:64]) from None
    return candidate


async def _require_user(uow: UnitOfWork, telegram_id: int) -> UserRecord:
    user = await uow.users.get_by_telegram_id(telegram_id)
    if user is None or not user.active:
        raise UnknownUser()
    return user
