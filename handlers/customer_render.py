"""Pure rendering of the customer card, its history, contacts and /find results (text + button rows)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.deals import TierInfo
from bot.domain.industries import Industry
from bot.domain.phones import Phone, national_digits
from bot.domain.records import ChangeRecord, ContactRecord, UserRecord
from bot.i18n import Raw, format_date, format_datetime, format_money, t, t_plain
from bot.services.customer_file import Card
from bot.services.customer_search import FindResult

ButtonRows = list[list[tuple[str, str]]]
SHORT = 80
PROFILE_ORDER = ("industry", "size", "revenue", "region", "address", "source", "background")
EDITABLE = ("name", *PROFILE_ORDER)


def short(text: str | None, limit: int = SHORT) -> str:
    """One line, cut with an ellipsis."""
    line = " ".join((text or "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def industry_label(code: str, industries: Sequence[Industry], lang: str) -> str:
    """The industry's name in the user's language (its code when unknown)."""
    found = next((i for i in industries if i.code == code), None)
    return found.label(lang) if found else code


def phone_text(e164: str | None) -> str:
    """+86 139 1234 5678 (as stored when it can't be formatted)."""
    if not e164:
        return ""
    try:
        return Phone(e164, national_digits(e164)).display()
    except Exception:
        return e164


def tier_text(info: TierInfo, lang: str, *, now: datetime, zone: ZoneInfo) -> str:
    """A · 每周跟进, plus the override: who set it, why and until when."""
    shown = t_plain(lang, f"tier.{info.effective(now)}")
    override = info.override
    if override is None or not override.active(now):
        return shown
    until = (format_date(override.until.astimezone(zone), lang, with_year=True) if override.until
             else t_plain(lang, "tier.until_cleared"))
    return t_plain(lang, "tier.overridden", tier=shown, computed=info.computed, reason=short(override.reason, 60),
                   who=override.by_name, until=until)


def contact_line(contact: ContactRecord, lang: str) -> str:
    """★ 王经理 · 采购经理 · +86 139… · wang@x.cn (离职)."""
    parts = [contact.name, contact.title, phone_text(contact.phone), contact.email]
    body = " · ".join(p for p in parts if p)
    key = "cust.contact_left" if contact.left_at else "cust.contact_primary" if contact.is_primary else "cust.contact"
    return t(lang, key, text=body)


def card_text(card: Card, lang: str, *, industries: Sequence[Industry], zone: ZoneInfo, now: datetime,
              cadence_days: Mapping[str, int], value_line: str | None = None) -> str:
    """The customer card: profile, tier, lifecycle, contacts, open deals, last contacts, next step, complaints."""
    p, x = card.profile, card.extras
    phase, status = card.lifecycle(now=now, cadence_days=cadence_days)
    lines = [t(lang, "cust.card_title", name=p.fields.name, code=p.code),
             t(lang, "cust.card_owner", owner=p.owner_name, tier=tier_text(card.tier, lang, now=now, zone=zone),
               status=t_plain(lang, f"cust.status_{status.value}")),
             t(lang, "cust.card_lifecycle", phase=t_plain(lang, f"lifecycle.{phase.value}"))]
    if value_line:
        lines.append(value_line)
    if card.feedback is not None:
        trend = t_plain(lang, f"complaint.trend_{card.feedback.trend}") if card.feedback.trend else ""
        lines.append(t(lang, "complaint.card_feedback", score=card.feedback.latest, trend=Raw(trend),
                       count=card.feedback.count))
    if p.review_status == "pending":
        lines.append(t(lang, "cust.card_pending"))
    for field in PROFILE_ORDER:
        value = getattr(p.fields, field)
        if value:
            shown = industry_label(value, industries, lang) if field == "industry" else short(value, 200)
            lines.append(t(lang, "cust.field_line", label=t_plain(lang, f"cust.f_{field}"), value=shown))
    current = [c for c in p.contacts if c.left_at is None]
    lines.append(t(lang, "cust.card_contacts", count=len(current)))
    lines.extend(contact_line(c, lang) for c in current[:5])
    lines.append(t(lang, "cust.card_deals", count=len(x.deals)))
    lines.extend(t(lang, "cust.deal_line", title=short(d.title, 60), stage=t_plain(lang, f"stage.{d.stage}"),
                   probability=d.probability, tier=d.tier,
                   amount=format_money(d.amount_cents, lang, d.currency)
                   if d.amount_cents else "—")
                 for d in x.deals)
    lines.append(t(lang, "cust.card_recent", count=len(x.recent)))
    lines.extend(t(lang, "cust.recent_line", when=format_datetime(r.occurred_at.astimezone(zone), lang,
                                                                   now=now.astimezone(zone)),
                   channel=t_plain(lang, f"channel.{r.channel}"), summary=short(r.summary, 90), who=r.user_name)
                 for r in x.recent)
    if x.next_step is not None:
        due = format_datetime(x.next_step.due_at.astimezone(zone), lang, now=now.astimezone(zone))
        key = "cust.next_overdue" if x.next_step.due_at < now else "cust.next_line"
        lines.append(t(lang, key, title=short(x.next_step.title, 80), due=due, owner=x.next_step.owner_name))
    else:
        lines.append(t(lang, "cust.next_none"))
    if x.complaints:
        lines.append(t(lang, "cust.card_complaints", count=len(x.complaints)))
        lines.extend(t(lang, "cust.complaint_line", content=short(c.content, 80),
                       severity=t_plain(lang, f"cust.severity_{c.severity or 'normal'}")) for c in x.complaints)
    return Raw("\n".join(lines))


def card_rows(customer_id: int, lang: str, *, user: UserRecord) -> ButtonRows:
    """Log, Stage, Next action / New deal, Complaint, Feedback / Edit, Contacts, History / Tier (+ Reassign)."""
    c = customer_id
    rows: ButtonRows = [
        [(t_plain(lang, "cust.btn_log"), f"log:c:{c}"), (t_plain(lang, "cust.btn_stage"), f"cu:stage:{c}"),
         (t_plain(lang, "cust.btn_next"), f"cu:next:{c}")],
        [(t_plain(lang, "deal.btn_new"), f"dl:new:{c}"), (t_plain(lang, "cust.btn_complaint"), f"cp:new:{c}"),
         (t_plain(lang, "cust.btn_feedback"), f"fb:new:{c}")],
        [(t_plain(lang, "cust.btn_edit"), f"cu:edit:{c}"), (t_plain(lang, "cust.btn_contacts"), f"cu:ct:{c}"),
         (t_plain(lang, "cust.btn_history"), f"cu:hist:{c}:0")],
    ]
    last = [(t_plain(lang, "cust.btn_tier"), f"ti:menu:{c}")]
    if user.is_manager:
        last.append((t_plain(lang, "cust.btn_reassign"), f"ra:card:{c}"))
    rows.append(last)
    return rows


def find_rows(result: FindResult, lang: str, *, offset: int) -> ButtonRows:
    """One button per customer (opens its card), best first; "more" when there are further results."""
    rows: ButtonRows = [[(t_plain(lang, "cust.find_item", name=short(f.name, 40), code=f.code), f"cu:open:{f.id}")]
                        for f in result.items]
    if result.more:
        rows.append([(t_plain(lang, "cust.btn_more"), f"cu:more:{offset + len(result.items)}")])
    return rows


def history_text(name: str, changes: Sequence[ChangeRecord], lang: str, *, zone: ZoneInfo, now: datetime,
                 offset: int) -> str:
    """更新记录: who, when, field, old → new, reason."""
    if not changes:
        return t(lang, "cust.history_empty" if offset == 0 else "cust.history_end", name=name)
    lines = [t(lang, "cust.history_title", name=name)]
    for change in changes:
        label = t_plain(lang, f"cust.f_{change.field}") if f"cust.f_{change.field}" in _FIELD_KEYS else change.field
        lines.append(t(lang, "cust.history_line",
                       when=format_datetime(change.changed_at.astimezone(zone), lang, now=now.astimezone(zone)),
                       who=change.changed_by, field=label, old=short(change.old, 60) or "—",
                       new=short(change.new, 60) or "—", reason=short(change.reason, 80) or "—"))
    return Raw("\n".join(lines))


_FIELD_KEYS = {f"cust.f_{name}" for name in (*EDITABLE, "owner", "created", "deleted", "contact_added",
                                             "contact.name", "contact.title", "contact.phone", "contact.email",
                                             "contact.primary", "contact.left", "review_status")}


def contacts_text(name: str, contacts: Sequence[ContactRecord], lang: str) -> str:
    """Every contact of the customer, those who left included (marked)."""
    if not contacts:
        return t(lang, "cust.contacts_none", name=name)
    return Raw("\n".join([t(lang, "cust.contacts_title", name=name), *(contact_line(c, lang) for c in contacts)]))


def contacts_rows(customer_id: int, contacts: Sequence[ContactRecord], lang: str) -> ButtonRows:
    """One button per current contact (its menu), plus Add and Back to the card."""
    rows: ButtonRows = [[(t_plain(lang, "cust.btn_contact", name=short(c.name, 30)), f"cu:cm:{c.id}")]
                        for c in contacts if c.left_at is None]
    rows.append([(t_plain(lang, "cust.btn_add_contact"), f"cu:ca:{customer_id}"),
                 (t_plain(lang, "cust.btn_back"), f"cu:open:{customer_id}")])
    return rows
