"""Pure rendering of a contract view, the /contracts listing and the customer-value line (text + button rows)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from bot.domain.contracts import (
    DeliveryStatus,
    MilestoneKind,
    MilestoneRecord,
    OpenMilestone,
    PaymentMethod,
    PurchaseSummary,
    SaleLine,
)
from bot.domain.enums import Stage
from bot.i18n import Raw, format_money, format_number, t, t_plain
from bot.services.contracts import ContractView

ButtonRows = list[list[tuple[str, str]]]


def money(cents: int, currency: str, lang: str) -> str:
    """¥36,000 / $500 (an unknown currency shows its code)."""
    return format_money(cents, lang, currency)


def day(value: date | None, lang: str) -> str:
    """2026-10-08, or "no date"."""
    return value.isoformat() if value else t_plain(lang, "contract.no_due")


def kind_label(kind: str, lang: str) -> str:
    """交付 / 验收 / 开票 / 款项到账."""
    return t_plain(lang, f"contract.kind_{kind}") if kind in set(MilestoneKind) else kind


def method_label(code: str | None, lang: str) -> str:
    """银行转账 / 现金 / 分期 / 其他."""
    return t_plain(lang, f"sale.pay_{code}") if code in set(PaymentMethod) else (code or "—")


def delivery_label(code: str | None, lang: str) -> str:
    """待发货 / 部分交付 / 已交付."""
    return t_plain(lang, f"sale.dl_{code}") if code in set(DeliveryStatus) else (code or "—")


def milestone_line(m: MilestoneRecord, lang: str, today: date) -> str:
    """One milestone: open, overdue (⚠️) or done with the day and who."""
    kind = kind_label(m.kind, lang)
    if m.done:
        return t(lang, "contract.ms_done", kind=kind, done=day(m.done_on, lang), who=m.done_by_name or "—")
    key = "contract.ms_overdue" if m.overdue(today) else "contract.ms_open"
    return t(lang, key, kind=kind, due=day(m.due_on, lang))


def sale_line(s: SaleLine, lang: str) -> str:
    """product × quantity @ price = amount · payment · delivery."""
    return t(lang, "contract.sale_line", product=s.product, quantity=format_number(s.quantity, lang),
             price=money(s.unit_price_cents, s.currency, lang), amount=money(s.amount_cents, s.currency, lang),
             method=method_label(s.payment_method, lang), delivery=delivery_label(s.delivery, lang))


def _status(view: ContractView, lang: str) -> str:
    deal = view.deal
    if deal.stage == Stage.WON:
        if deal.paid_on is not None:
            return t(lang, "contract.status_won", day=day(deal.paid_on, lang))
        return t(lang, "contract.status_unpaid")
    return t(lang, "contract.status_other", stage=t_plain(lang, f"stage.{deal.stage}"))


def view_text(view: ContractView, lang: str, today: date) -> str:
    """The contract: number, amount, signed, signer, summary, status, milestones and sale results."""
    lines = [t(lang, "contract.deal_head", customer=view.deal.customer_name, deal=view.deal.title)]
    contract = view.contract
    if contract is None:
        lines.append(t(lang, "contract.none"))
    else:
        lines.append(t(lang, "contract.head", number=contract.number,
                       amount=money(contract.amount_cents, contract.currency, lang)))
        lines.append(t(lang, "contract.signed", day=day(contract.signed_on, lang), signer=contract.signer or "—"))
        if contract.summary:
            lines.append(t(lang, "contract.summary", summary=contract.summary))
    lines.append(_status(view, lang))
    if contract is not None:
        if view.milestones:
            lines.append(t(lang, "contract.milestones", count=len(view.milestones)))
            lines.extend(milestone_line(m, lang, today) for m in view.milestones)
        else:
            lines.append(t(lang, "contract.milestones_none"))
    if view.sales:
        lines.append(t(lang, "contract.sales", count=len(view.sales)))
        lines.extend(sale_line(s, lang) for s in view.sales)
    return Raw("\n".join(lines))


def view_rows(view: ContractView, lang: str) -> ButtonRows:
    """Add milestone, Done per open milestone, Payment received, Sale result (who may change), Back."""
    deal, rows = view.deal, []
    if view.can_change and view.contract is not None:
        rows.append([(t_plain(lang, "contract.btn_add"), f"ct:ms:{deal.id}")])
        rows.extend([(t_plain(lang, "contract.btn_done", kind=kind_label(m.kind, lang),
                              due=day(m.due_on, lang) if m.due_on else "").rstrip(), f"ct:done:{m.id}")]
                    for m in view.milestones if not m.done)
    if view.can_change and deal.stage == Stage.WON:
        first = [(t_plain(lang, "contract.btn_sale"), f"ct:sale:{deal.id}")]
        if deal.paid_on is None:
            first.insert(0, (t_plain(lang, "contract.btn_pay"), f"ct:pay:{deal.id}"))
        rows.append(first)
    rows.append([(t_plain(lang, "contract.btn_back"), f"dl:open:{deal.id}")])
    return rows


def listing(items: Sequence[OpenMilestone], lang: str, today: date) -> tuple[str, ButtonRows]:
    """The /contracts text and one button per milestone opening its contract."""
    if not items:
        return t(lang, "contract.list_none"), []
    lines = [t(lang, "contract.list_title", count=len(items))]
    rows: ButtonRows = []
    for n, item in enumerate(items, 1):
        m, kind = item.milestone, kind_label(item.milestone.kind, lang)
        flag = t_plain(lang, "contract.overdue_flag") if m.overdue(today) else ""
        lines.append(t(lang, "contract.list_line", n=n, flag=flag, due=day(m.due_on, lang), kind=kind,
                       customer=item.customer_name, number=item.contract_number))
        rows.append([(t_plain(lang, "contract.list_btn", n=n, customer=item.customer_name[:30], kind=kind),
                      f"ct:view:{item.deal_id}")])
    return Raw("\n".join(lines)), rows


def purchase_text(summary: PurchaseSummary, lang: str) -> str:
    """购买 3 次 · 累计 ¥1,200,000 · 最近 2026-10-08 (for the customer card)."""
    total = " + ".join(money(cents, currency, lang) for currency, cents in summary.totals)
    rate = format_number(Decimal(str(round(summary.per_year, 1))).normalize(), lang)
    return Raw(t(lang, "contract.card_value", count=summary.count, total=total, last=summary.last_on.isoformat())
               + " · " + t(lang, "contract.card_rate", rate=rate))
