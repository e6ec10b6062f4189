"""A log of a contact (跟进记录): the draft a rep builds, and the rules it must satisfy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.domain.enums import Attitude, Channel, NoNextReason

LATE_AFTER = timedelta(hours=24)  # 24小时内完成跟进记录
MAX_BACKDATE = timedelta(days=60)


@dataclass(frozen=True)
class AttachmentRef:
    kind: str  # voice / photo / document / audio / video
    file_id: str
    file_unique_id: str | None = None
    file_name: str | None = None
    mime_type: str | None = None


@dataclass(frozen=True)
class LogDraft:
    """Everything needed to save one interaction and its next step."""

    customer_id: int
    channel: Channel
    summary: str
    occurred_at: datetime
    attitude: Attitude | None = None
    next_title: str | None = None
    next_due: datetime | None = None
    no_next_reason: NoNextReason | None = None
    no_next_note: str | None = None
    attachments: tuple[AttachmentRef, ...] = field(default_factory=tuple)
    latitude: float | None = None
    longitude: float | None = None


class DraftIncomplete(ValueError):
    """The draft misses something the templates require; `field` names it."""

    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field = field_name


def check_draft(draft: LogDraft, *, now: datetime) -> None:
    """Raise DraftIncomplete unless the draft can be saved as it is."""
    if not draft.summary.strip() and not draft.attachments:
        raise DraftIncomplete("summary")
    if draft.occurred_at > now + timedelta(minutes=5):
        raise DraftIncomplete("occurred_at_future")
    if draft.occurred_at < now - MAX_BACKDATE:
        raise DraftIncomplete("occurred_at_too_old")
    has_next = bool(draft.next_title and draft.next_title.strip()) and draft.next_due is not None
    if not has_next and draft.no_next_reason is None:
        raise DraftIncomplete("next_action")
    if draft.no_next_reason is NoNextReason.OTHER and not (draft.no_next_note or "").strip():
        raise DraftIncomplete("no_next_note")


def is_logged_late(occurred_at: datetime, logged_at: datetime) -> bool:
    """True when the log was written more than 24 hours after the contact."""
    return logged_at - occurred_at > LATE_AFTER
