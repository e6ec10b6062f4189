"""The log draft as kept in user_data (JSON only, so it persists), and which step comes next."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from bot.domain.enums import Attitude, Channel, NoNextReason
from bot.domain.logs import AttachmentRef, LogDraft

DRAFT_KEY = "log"
PAUSED_KEY = "log_paused"
QUICK_KEY = "quick"  # the card proposed for a plain message, until Save / Edit / Cancel

# Conversation states, in the order a log is built.
CUSTOMER, CHANNEL, SUMMARY, ATTITUDE, NEXT_WHAT, NO_NEXT_NOTE, NEXT_WHEN, REVIEW, CONTACT_TIME = range(9)
STEP_NAMES = {CUSTOMER: "customer", CHANNEL: "channel", SUMMARY: "summary", ATTITUDE: "attitude",
              NEXT_WHAT: "next_what", NO_NEXT_NOTE: "no_next_note", NEXT_WHEN: "next_when",
              REVIEW: "review", CONTACT_TIME: "contact_time"}
Draft = dict[str, Any]


def new_draft(*, now: datetime) -> Draft:
    """An empty draft with a token that ties its buttons to it."""
    return {"tok": secrets.token_hex(3), "started": now.isoformat(), "summary": [], "attachments": []}


def next_step(draft: Draft) -> int:
    """The first step still missing; REVIEW when everything is there."""
    if draft.get("customer_id") is None and not draft.get("new_customer"):
        return CUSTOMER
    if draft.get("channel") is None:
        return CHANNEL
    if not draft.get("summary_done"):
        return SUMMARY
    if draft.get("attitude") is None and not draft.get("attitude_skipped"):
        return ATTITUDE
    reason = draft.get("no_next_reason")
    if reason is None and not draft.get("next_title"):
        return NEXT_WHAT
    if reason == NoNextReason.OTHER.value and not draft.get("no_next_note"):
        return NO_NEXT_NOTE
    if reason is None and draft.get("next_due") is None:
        return NEXT_WHEN
    return REVIEW


def summary_text(draft: Draft) -> str:
    """All the summary messages, joined."""
    return "\n".join(part for part in draft.get("summary", []) if part)


def clear_field(draft: Draft, field: str) -> None:
    """Forget one part of the draft so the flow asks for it again."""
    groups = {
        "customer": ("customer_id", "customer_name", "tier", "customer_lat", "customer_lon", "new_customer"),
        "channel": ("channel",),
        "summary": ("summary_done",),
        "attitude": ("attitude", "attitude_skipped"),
        "next": ("next_title", "next_due", "no_next_reason", "no_next_note"),
    }
    for key in groups.get(field, ()):
        draft.pop(key, None)
    if field == "summary":
        draft["summary"], draft["attachments"] = [], []


def to_log_draft(draft: Draft, *, now: datetime) -> LogDraft:
    """The draft as the service takes it; the contact time defaults to now."""
    occurred = draft.get("occurred_at")
    return LogDraft(
        customer_id=int(draft.get("customer_id") or 0),  # 0 while a new customer waits to be created
        channel=Channel(draft["channel"]),
        summary=summary_text(draft),
        occurred_at=datetime.fromisoformat(occurred) if occurred else now,
        attitude=Attitude(draft["attitude"]) if draft.get("attitude") else None,
        next_title=draft.get("next_title") if not draft.get("no_next_reason") else None,
        next_due=(datetime.fromisoformat(draft["next_due"])
                  if draft.get("next_due") and not draft.get("no_next_reason") else None),
        no_next_reason=NoNextReason(draft["no_next_reason"]) if draft.get("no_next_reason") else None,
        no_next_note=draft.get("no_next_note"),
        attachments=tuple(AttachmentRef(**a) for a in draft.get("attachments", [])),
        latitude=draft.get("lat"),
        longitude=draft.get("lon"),
    )


def from_log_draft(log: LogDraft, *, customer_name: str, tier: str, now: datetime, editing_id: int) -> Draft:
    """A draft prefilled from a saved log, for editing it."""
    draft = new_draft(now=now)
    draft.update({
        "customer_id": log.customer_id, "customer_name": customer_name, "tier": tier,
        "channel": log.channel.value, "summary": [log.summary] if log.summary else [], "summary_done": True,
        "attachments": [a.__dict__ for a in log.attachments], "attitude": log.attitude.value if log.attitude else None,
        "attitude_skipped": log.attitude is None, "next_title": log.next_title,
        "next_due": log.next_due.isoformat() if log.next_due else None,
        "no_next_reason": log.no_next_reason.value if log.no_next_reason else None,
        "no_next_note": log.no_next_note, "occurred_at": log.occurred_at.isoformat(),
        "lat": log.latitude, "lon": log.longitude, "editing_id": editing_id,
    })
    return draft


def button(draft: Draft, action: str, arg: str = "") -> str:
    """Callback data of a button that only works while this draft is open: `l:<tok>:<action>:<arg>`."""
    return f"l:{draft['tok']}:{action}:{arg}"


def parse_button(data: str | None, draft: Draft | None) -> tuple[str, str] | None:
    """(action, arg) of a button of this draft; None when it belongs to another (stale) one."""
    if not data or draft is None:
        return None
    parts = data.split(":", 3)
    if len(parts) != 4 or parts[0] != "l" or parts[1] != draft.get("tok"):
        return None
    return parts[2], parts[3]
