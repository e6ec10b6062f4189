"""Pure rendering of deals: the deal card with its stage buttons, deal lists, tiers with their cadence."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.domain.deals import DealRecord, DealStatus
from bot.domain.enums import Stage
from bot.domain.stages import STAGE_RULES
from bot.i18n import Raw, format_date, format_money, t, t_plain
from handlers.customer_render import ButtonRows, short

STAGE_ORDER = tuple(STAGE_RULES)  # lead … negotiation, won, lost


def money(cents: int, currency: str, lang: str) -> str:
    """¥500,000 / $80,000; "—" when the amount is not known yet."""
    return format_money(cents, lang, currency) if cents else "—"


def close_label(close: date | None, lang: str) -> str:
    """2027年3月31日 / "—"."""
    return format_date(datetime.combine(close, time(), tzinfo=UTC), lang, with_year=True) if close else "—"


def stage_label(stage: str, lang: str) -> str:
    """潜在客户 (10–30%)."""
    rule = STAGE_RULES[Stage(stage)]
    return t_plain(lang, "deal.stage_range", stage=t_plain(lang, f"stage.{stage}"), low=rule.low, high=rule.high)


def status_line(deal: DealRecord, lang: str, *, now: datetime) -> str:
    """Open (with the review mark), won awaiting payment, won, or lost with its reason."""
    status = deal.status
    if status is DealStatus.LOST:
        reason = t_plain(lang, f"deal.why_{deal.lost_reason_code or 'other'}")
        extra = " · ".join(p for p in (deal.competitor, short(deal.lost_reason, 80)) if p)
        return t(lang, "deal.status_lost", reason=reason + (f" · {extra}" if extra else ""))
    if status is DealStatus.OPEN and deal.needs_review(now):
        return t(lang, "deal.status_review")
    return t(lang, f"deal.status_{status.value}", paid=close_label(deal.paid_on, lang))


def deal_text(deal: DealRecord, lang: str, *, now: datetime, zone: ZoneInfo) -> str:
    """The deal card: customer, amount, close, stage and probability, tier, status."""
    lines = [t(lang, "deal.card_title", title=deal.title, customer=deal.customer_name),
             t(lang, "deal.card_amount", amount=money(deal.amount_cents, deal.currency, lang),
               close=close_label(deal.expected_close, lang)),
             t(lang, "deal.card_stage", stage=stage_label(deal.stage, lang), probability=deal.probability),
             t(lang, "deal.card_tier", tier=t_plain(lang, f"tier.{deal.tier}"), owner=deal.owner_name),
             status_line(deal, lang, now=now)]
    return Raw("\n".join(lines))


def deal_rows(deal: DealRecord, lang: str, *, now: datetime) -> ButtonRows:
    """Open: the other stages (current one marked), probability, close, confirm. Won/lost: what comes next."""
    d, v = deal.id, deal.version
    rows: ButtonRows = []
    if deal.is_open:
        stages = [(("● " if s.value == deal.stage else "") + t_plain(lang, f"stage.{s.value}"),
                   f"dl:st:{d}:{v}:{s.value}") for s in STAGE_ORDER]
        rows += [stages[0:2], stages[2:4], stages[4:6]]
        rows.append([(t_plain(lang, "deal.btn_probability"), f"dl:pr:{d}:{v}"),
                     (t_plain(lang, "deal.btn_close"), f"dl:cl:{d}:{v}")])
        if deal.needs_review(now):
            rows.append([(t_plain(lang, "deal.btn_confirm"), f"dl:ok:{d}")])
    elif deal.status is DealStatus.LOST:
        rows.append([(t_plain(lang, "deal.btn_reopen"), f"dl:re:{d}:{v}")])
    else:
        rows.append([(t_plain(lang, "deal.btn_contract"), f"ct:view:{d}"),
                     (t_plain(lang, "deal.btn_sale"), f"ct:sale:{d}")])
        if deal.status is DealStatus.WON_UNPAID:
            rows.append([(t_plain(lang, "deal.btn_paid"), f"ct:pay:{d}")])
    rows.append([(t_plain(lang, "deal.btn_customer"), f"cu:open:{deal.customer_id}")])
    return rows


def list_text(deals: Sequence[DealRecord], lang: str, *, now: datetime, title_key: str) -> str:
    """One line per deal: tier, stage and probability, amount, close, the review mark."""
    lines = [t(lang, title_key, count=len(deals))]
    for deal in deals:
        mark = t_plain(lang, "deal.mark_review") if deal.needs_review(now) else ""
        lines.append(t(lang, "deal.list_line", tier=deal.tier, title=short(deal.title, 40),
                       customer=short(deal.customer_name, 30), stage=t_plain(lang, f"stage.{deal.stage}"),
                       probability=deal.probability, amount=money(deal.amount_cents, deal.currency, lang),
                       close=close_label(deal.expected_close, lang), mark=mark))
    return Raw("\n".join(lines))


def list_rows(deals: Sequence[DealRecord], lang: str, *, more: str | None = None) -> ButtonRows:
    """One button per deal (opens the deal card), and "more" when there is a next page."""
    rows: ButtonRows = [[(t_plain(lang, "deal.btn_item", tier=d.tier, title=short(d.title, 30),
                                  customer=short(d.customer_name, 20)), f"dl:open:{d.id}")] for d in deals]
    if more:
        rows.append([(t_plain(lang, "cust.btn_more"), more)])
    return rows
