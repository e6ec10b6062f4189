"""Pure rendering of complaints and satisfaction scores: texts and button rows from plain records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.feedback import (
    MAX_SCORE,
    MIN_SCORE,
    ComplaintRecord,
    ComplaintStatus,
    FeedbackSummary,
    Severity,
)
from bot.domain.records import UserRecord
from bot.i18n import Raw, format_datetime, t, t_plain
from handlers.customer_render import short

ButtonRows = list[list[tuple[str, str]]]
ALERT_SHORT = 300
SEVERITIES = frozenset(s.value for s in Severity)


def severity_label(severity: str | None, lang: str) -> str:
    """low / normal / high in the user's language (older rows may hold other words: shown as they are)."""
    return t_plain(lang, f"complaint.sev_{severity}") if severity in SEVERITIES else (severity or "—")


def mark(severity: str | None) -> str:
    """The coloured dot of a severity."""
    return t_plain("en", f"complaint.mark_{severity}") if severity in SEVERITIES else "⚪"


def complaint_text(c: ComplaintRecord, lang: str, *, zone: ZoneInfo, now: datetime) -> str:
    """The complaint view: customer, content, severity, handler, status, received (and how it was resolved)."""
    local_now = now.astimezone(zone)
    text = t(lang, "complaint.view", id=c.id, customer=c.customer_name, content=c.content,
             severity=f"{mark(c.severity)} {severity_label(c.severity, lang)}", handler=c.handler_name or "—",
             status=t_plain(lang, f"complaint.status_{c.status}"),
             received=format_datetime(c.received_at.astimezone(zone), lang, now=local_now))
    if c.status == ComplaintStatus.RESOLVED.value:
        resolved = format_datetime(c.resolved_at.astimezone(zone), lang, now=local_now) if c.resolved_at else "—"
        text += t(lang, "complaint.view_resolved", resolution=c.resolution or "—", resolved=resolved)
    return Raw(text)


def complaint_rows(c: ComplaintRecord, lang: str) -> ButtonRows:
    """Start handling / Resolve while unresolved, and the customer card."""
    rows: ButtonRows = []
    if c.status == ComplaintStatus.OPEN.value:
        rows.append([(t_plain(lang, "complaint.btn_start"), f"cp:go:{c.id}"),
                     (t_plain(lang, "complaint.btn_resolve"), f"cp:res:{c.id}")])
    elif c.status == ComplaintStatus.IN_PROGRESS.value:
        rows.append([(t_plain(lang, "complaint.btn_resolve"), f"cp:res:{c.id}")])
    rows.append([(t_plain(lang, "complaint.btn_card"), f"cu:open:{c.customer_id}")])
    return rows


def list_rows(found: Sequence[ComplaintRecord], lang: str) -> ButtonRows:
    """One button per open complaint."""
    return [[(t_plain(lang, "complaint.list_item", mark=mark(c.severity), customer=short(c.customer_name, 24),
                      content=short(c.content, 30)), f"cp:view:{c.id}")] for c in found]


def severity_rows(token: str, lang: str) -> ButtonRows:
    """Low / Normal / High, and Cancel."""
    return [[(t_plain(lang, "complaint.btn_sev", mark=mark(s.value), label=severity_label(s.value, lang)),
              f"cp:{token}:sev:{s.value}") for s in Severity],
            [(t_plain(lang, "complaint.btn_cancel"), f"cp:{token}:x")]]


def handler_rows(token: str, choices: Sequence[UserRecord], lang: str) -> ButtonRows:
    """The owner first (the default), then the other team members, two a row; and Cancel."""
    labels = [(t_plain(lang, "complaint.btn_owner" if i == 0 else "complaint.btn_member", name=short(u.name, 30)),
               f"cp:{token}:h:{u.id}") for i, u in enumerate(choices)]
    return [labels[:1], *(labels[i:i + 2] for i in range(1, len(labels), 2)),
            [(t_plain(lang, "complaint.btn_cancel"), f"cp:{token}:x")]]


def score_rows(token: str, lang: str) -> ButtonRows:
    """1–5 in one row, and Cancel."""
    return [[(f"{n} ⭐", f"fb:{token}:s:{n}") for n in range(MIN_SCORE, MAX_SCORE + 1)],
            [(t_plain(lang, "complaint.btn_cancel"), f"fb:{token}:x")]]


def feedback_line(summary: FeedbackSummary, lang: str) -> str:
    """'满意度 4/5 ↑（共 3 次）': the card's satisfaction line (HTML-safe)."""
    trend = t_plain(lang, f"complaint.trend_{summary.trend}") if summary.trend else ""
    return t(lang, "complaint.card_feedback", score=summary.latest, trend=Raw(trend), count=summary.count)


def alert_text(c: ComplaintRecord, author: str, lang: str) -> str:
    """The message a manager gets at once about a high-severity complaint."""
    return t(lang, "complaint.alert_high", customer=c.customer_name, content=short(c.content, ALERT_SHORT),
             author=author)
