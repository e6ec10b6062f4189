"""What the follow-up settings (per user and per team) need from storage."""

from __future__ import annotations

from typing import Protocol


class FollowupSettingsRepository(Protocol):
    pass
