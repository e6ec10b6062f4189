"""Pure rendering of the log flow: prompts, the review card and the saved card (text + button rows)."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.enums import Attitude, Channel, NoNextReason
from bot.domain.geo import distance_m, is_verified
from bot.domain.records import SavedLog
from bot.i18n import Raw, format_datetime, t
from handlers.log_draft import Draft, button, summary_text

PREVIEW = 600
Rows = list[list[tuple[str, str]]]


def preview(text: str, limit: int = PREVIEW) -> str:
    """The first `limit` characters, with a note of how long the whole text is."""
    text = text.strip()
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)})"


def channel_rows(draft: Draft, lang: str) -> Rows:
    """One button per channel."""
    names = [c.value for c in Channel]
    buttons = [(t(lang, f"channel.{name}"), button(draft, "ch", name)) for name in names]
    return [buttons[:2], buttons[2:4], buttons[4:]]


def attitude_rows(draft: Draft, lang: str) -> Rows:
    """The three attitudes of the templates."""
    return [[(t(lang, f"attitude.{a.value}"), button(draft, "att", a.value)) for a in Attitude]]


def no_next_rows(draft: Draft, lang: str) -> Rows:
    """Reasons for ending without a next step."""
    return [[(t(lang, f"nonext.{r.value}"), button(draft, "nn", r.value)) for r in NoNextReason]]


def when_rows(draft: Draft, lang: str, cadence_days: int) -> Rows:
    """Date suggestions: the tier's cadence, tomorrow morning, next Monday morning."""
    tier = draft.get("tier") or "C"
    return [[(t(lang, "log.when_cadence", days=cadence_days, tier=tier), button(draft, "wh", "cad"))],
            [(t(lang, "log.when_tomorrow"), button(draft, "wh", "tmr")),
             (t(lang, "log.when_next_monday"), button(draft, "wh", "mon"))]]


def summary_rows(draft: Draft, lang: str) -> Rows:
    """The Done button of the summary step."""
    return [[(t(lang, "log.btn_done"), button(draft, "sd"))]]


def _location_line(draft: Draft, lang: str) -> str | None:
    lat, lon = draft.get("lat"), draft.get("lon")
    if lat is None or lon is None:
        return None
    clat, clon = draft.get("customer_lat"), draft.get("customer_lon")
    if clat is None or clon is None:
        value = t(lang, "log.location_first" if draft.get("channel") == "visit" else "log.location_shared")
    else:
        meters = distance_m(clat, clon, lat, lon)
        key = "log.location_verified" if is_verified(meters) and draft.get("channel") == "visit" \
            else "log.location_distance"
        value = t(lang, key, meters=meters)
    return t(lang, "log.field_location", value=Raw(value))


def draft_lines(draft: Draft, lang: str, *, now: datetime, zone: str) -> list[str]:
    """The draft's fields, one line each (parts not known yet are left out)."""
    tz = ZoneInfo(zone)
    local_now = now.astimezone(tz)
    occurred = datetime.fromisoformat(draft["occurred_at"]).astimezone(tz) if draft.get("occurred_at") else local_now
    lines = []
    if draft.get("customer_name"):
        key = "log.field_customer_new" if draft.get("new_customer") else "log.field_customer"
        lines.append(t(lang, key, value=draft["customer_name"]))
    if draft.get("channel"):
        lines.append(t(lang, "log.field_channel", value=t(lang, f"channel.{draft['channel']}")))
    lines.append(t(lang, "log.field_time", value=format_datetime(occurred, lang, now=local_now)))
    text = summary_text(draft)
    if text:
        lines.append(t(lang, "log.field_summary", value=preview(text)))
    if draft.get("attachments"):
        lines.append(t(lang, "log.field_attachments", count=len(draft["attachments"])))
    if draft.get("attitude"):
        lines.append(t(lang, "log.field_attitude", value=t(lang, f"attitude.{draft['attitude']}")))
    if draft.get("no_next_reason") or (draft.get("next_title") and draft.get("next_due")):
        lines.append(_next_line(draft, lang, tz, local_now))
    location = _location_line(draft, lang)
    if location:
        lines.append(location)
    if (local_now - occurred).total_seconds() > 24 * 3600:
        lines.append(t(lang, "log.field_late"))
    return lines


def review_card(draft: Draft, lang: str, *, now: datetime, zone: str) -> tuple[str, Rows]:
    """The whole draft for a last look, with Save / contact time / change / cancel."""
    lines = [t(lang, "log.review_header"), *draft_lines(draft, lang, now=now, zone=zone)]
    rows = [[(t(lang, "log.btn_save"), button(draft, "save"))],
            [(t(lang, "log.btn_time"), button(draft, "time")), (t(lang, "log.btn_change"), button(draft, "chg"))],
            [(t(lang, "log.btn_cancel"), button(draft, "cancel"))]]
    return "\n".join(lines), rows


def _next_line(draft: Draft, lang: str, tz: ZoneInfo, local_now: datetime) -> str:
    reason = draft.get("no_next_reason")
    if reason:
        label = t(lang, f"nonext.{reason}")
        if reason == NoNextReason.OTHER.value and draft.get("no_next_note"):
            label = Raw(f"{label} — {html.escape(draft['no_next_note'], quote=False)}")
        return t(lang, "log.field_no_next", value=label)
    due = datetime.fromisoformat(draft["next_due"]).astimezone(tz)
    return t(lang, "log.field_next", title=draft.get("next_title") or "",
             when=format_datetime(due, lang, now=local_now))


def change_rows(draft: Draft, lang: str) -> Rows:
    """Which part of the draft to change."""
    fields = ["customer", "channel", "summary", "attitude", "next"]
    buttons = [(t(lang, f"log.btn_f_{name}"), button(draft, "f", name)) for name in fields]
    return [buttons[:3], buttons[3:], [(t(lang, "log.btn_cancel"), button(draft, "cancel"))]]


def saved_card(saved: SavedLog, lang: str, *, now: datetime, zone: str) -> tuple[str, Rows]:
    """The stored record, with Edit and Undo."""
    tz = ZoneInfo(zone)
    local_now = now.astimezone(tz)
    lines = [t(lang, "log.saved"),
             t(lang, "log.field_customer", value=saved.customer_name),
             t(lang, "log.field_channel", value=t(lang, f"channel.{saved.channel}")),
             t(lang, "log.field_time", value=format_datetime(saved.occurred_at.astimezone(tz), lang, now=local_now))]
    if saved.summary:
        lines.append(t(lang, "log.field_summary", value=preview(saved.summary)))
    if saved.attachments:
        lines.append(t(lang, "log.field_attachments", count=saved.attachments))
    if saved.attitude:
        lines.append(t(lang, "log.field_attitude", value=t(lang, f"attitude.{saved.attitude}")))
    if saved.next_title and saved.next_due:
        lines.append(t(lang, "log.field_next", title=saved.next_title,
                       when=format_datetime(saved.next_due.astimezone(tz), lang, now=local_now)))
    elif saved.no_next_reason:
        lines.append(t(lang, "log.field_no_next", value=t(lang, f"nonext.{saved.no_next_reason}")))
    if saved.distance_m is not None:
        key = "log.location_verified" if saved.location_verified else "log.location_distance"
        lines.append(t(lang, "log.field_location", value=t(lang, key, meters=saved.distance_m)))
    if saved.logged_late:
        lines.append(t(lang, "log.saved_late"))
    rows = [[(t(lang, "log.btn_edit"), f"lg:edit:{saved.interaction_id}"),
             (t(lang, "log.btn_undo"), f"lg:undo:{saved.interaction_id}")]]
    return "\n".join(lines), rows
