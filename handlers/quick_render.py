"""The quick-log card: what was read from one message, and the buttons that finish it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.matching import Match
from bot.i18n import t, t_plain
from handlers.log_draft import REVIEW, Draft, next_step
from handlers.log_render import Rows, draft_lines

MAX_CHOICES = 5


def quick_card(draft: Draft, lang: str, *, now: datetime, zone: str,
               choices: Sequence[Match] = ()) -> tuple[str, Rows]:
    """Card text and buttons: pick the customer, create it, or Save / Edit / Cancel."""
    tok = draft["tok"]
    lines = [t(lang, "quick.card_header"), *draft_lines(draft, lang, now=now, zone=zone)]
    rows: Rows = []
    cancel = (t(lang, "log.btn_cancel"), f"q:cancel:{tok}")
    edit = (t(lang, "quick.btn_edit"), f"q:edit:{tok}")
    undecided = draft.get("customer_id") is None and not draft.get("new_customer")
    create = [(t_plain(lang, "quick.btn_create_save", name=draft.get("pending_name", "")[:30]), f"q:new:{tok}")]
    if undecided and choices:
        lines.append(t(lang, "quick.choose_customer", query=draft.get("customer_query") or ""))
        rows += [[(f"{m.customer.name[:40]} · {m.customer.code}", f"q:pick:{tok}:{m.customer.id}")]
                 for m in choices[:MAX_CHOICES]]
        if draft.get("pending_name"):
            rows.append(create)
        rows.append([edit, cancel])
        return "\n".join(lines), rows
    if undecided and draft.get("pending_name"):
        lines.append(t(lang, "quick.new_customer", query=draft["pending_name"]))
        rows.append(create)
    missing = _missing(draft)
    if missing:
        lines.append(t(lang, "quick.missing", fields="、".join(t(lang, f"quick.missing_{m}") for m in missing)
                       if lang == "zh" else ", ".join(t(lang, f"quick.missing_{m}") for m in missing)))
        rows.append([edit, cancel])
    else:
        rows.append([(t(lang, "log.btn_save"), f"q:save:{tok}"), edit, cancel])
    return "\n".join(lines), rows


def _missing(draft: Draft) -> list[str]:
    missing = []
    if draft.get("customer_id") is None and not draft.get("new_customer"):
        missing.append("customer")
    if draft.get("channel") is None:
        missing.append("channel")
    if not draft.get("no_next_reason") and not (draft.get("next_title") and draft.get("next_due")):
        missing.append("next")
    return missing


def is_complete(draft: Draft) -> bool:
    """True when one tap on Save can store it."""
    return next_step(draft) == REVIEW
