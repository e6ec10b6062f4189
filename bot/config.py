"""Settings read once from the environment (and an optional .env) by the entry point."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.domain.industries import Industry, parse_industries

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/crm.db"
TELEGRAM_API = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    """Everything the bot can be configured with."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str = ""
    database_url: str = DEFAULT_DATABASE_URL
    telegram_base_url: str = TELEGRAM_API
    telegram_base_file_url: str = ""
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_timezone: str = "Asia/Shanghai"
    default_language: Literal["zh", "en"] = "zh"
    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: str = ""
    max_concurrent_updates: int = Field(default=32, ge=1, le=1024)
    cadence_days_a: int = Field(default=7, ge=1)
    cadence_days_b: int = Field(default=14, ge=1)
    cadence_days_c: int = Field(default=30, ge=1)
    cadence_days_d: int = Field(default=90, ge=1)
    # The follow-up engine (morning reminders, nudges, escalations). Tests switch it off unless they test it.
    followups_enabled: bool = True
    conversation_timeout_minutes: float = Field(default=30, gt=0)
    industries: str = ""  # "IT=信息技术/IT;MF=制造业/Manufacturing"; empty = the built-in list

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p]
            return frozenset(int(p) for p in parts)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("industries")
    @classmethod
    def _industries(cls, value: str) -> str:
        parse_industries(value)  # ValueError names the bad part
        return value

    @field_validator("database_url")
    @classmethod
    def _db_url(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("telegram_base_url", "telegram_base_file_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and (urlparse(value).scheme not in ("http", "https") or not urlparse(value).netloc):
            raise ValueError(f"not an http(s) URL: {value!r}")
        return value

    @property
    def base_file_url(self) -> str:
        """The file download URL that belongs to the configured Bot API server."""
        if self.telegram_base_file_url:
            return self.telegram_base_file_url
        if self.telegram_base_url.endswith("/bot"):
            return self.telegram_base_url[: -len("/bot")] + "/file/bot"
        return self.telegram_base_url

    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None for PostgreSQL and in-memory databases."""
        if not self.database_url.startswith("sqlite"):
            return None
        path = self.database_url.split(":///", 1)[1] if ":///" in self.database_url else ""
        return Path(path) if path and path != ":memory:" else None

    def industry_list(self) -> tuple[Industry, ...]:
        """The industries reps choose from, with their code abbreviations."""
        return parse_industries(self.industries)

    def cadence_days(self) -> dict[str, int]:
        """Follow-up cadence in days per tier."""
        return {"A": self.cadence_days_a, "B": self.cadence_days_b, "C": self.cadence_days_c, "D": self.cadence_days_d}


class ConfigError(Exception):
    """The configuration cannot be used; the message is one line for the operator."""


def load_settings(*, require_token: bool = True, **overrides: object) -> Settings:
    """Read the settings; raise ConfigError with one clear line when they are unusable."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]).upper() or "settings"
        raise ConfigError(f"invalid {field}: {first['msg']}") from None
    if require_token and not settings.bot_token:
        raise ConfigError("BOT_TOKEN is not set (run `crm-bot demo` to try the bot without one)")
    return settings


def exit_on_config_error(exc: ConfigError) -> None:
    """Print the one-line reason and stop with status 2."""
    print(f"crm-bot: configuration error: {exc}", file=sys.stderr)
    raise SystemExit(2)
