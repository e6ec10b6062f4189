"""Contracts (合同), their execution milestones (合同执行) and sale results (销售结果), as plain records.

A milestone is overdue when it is still open and its due day is before today (in the user's zone): due
today is not overdue yet. A customer's value (购买频率、购买金额) is read off its paid won deals: each
counts once, for the sum of its sale results when it has any, else its contract amount, else the deal
amount; the purchase day is the contract's signed date, else the day the payment arrived.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

MAX_QUANTITY = 1_000_000
MAX_PRODUCT = 200
MAX_LINE_CENTS = 10**12 * 100  # the same ceiling as a typed amount: 10¹² currency units
LIST_LIMIT = 15
DAYS_PER_YEAR = 365.25


class MilestoneKind(StrEnum):
    DELIVERY = "delivery"  # 交付
    ACCEPTANCE = "acceptance"  # 验收
    INVOICE = "invoice"  # 开票
    PAYMENT = "payment"  # 款项到账


class PaymentMethod(StrEnum):
    BANK_TRANSFER = "bank_transfer"  # 银行转账
    CASH = "cash"  # 现金
    INSTALLMENTS = "installments"  # 分期
    OTHER = "other"  # 其他


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # 待发货
    PARTIAL = "partial"  # 部分交付
    DELIVERED = "delivered"  # 已交付


@dataclass(frozen=True)
class ContractRecord:
    id: int
    deal_id: int | None
    customer_id: int
    number: str
    amount_cents: int
    currency: str
    signed_on: date | None
    signer: str | None
    summary: str | None
    created_at: datetime


def is_overdue(due_on: date | None, done_on: date | None, today: date) -> bool:
    """Open, with a due day before today (due today is not overdue yet)."""
    return due_on is not None and done_on is None and due_on < today


@dataclass(frozen=True)
class MilestoneRecord:
    id: int
    contract_id: int
    deal_id: int | None
    kind: str
    due_on: date | None
    done_on: date | None
    done_by_name: str | None

    @property
    def done(self) -> bool:
        """Done (a done day is recorded)."""
        return self.done_on is not None

    def overdue(self, today: date) -> bool:
        """See is_overdue."""
        return is_overdue(self.due_on, self.done_on, today)


@dataclass(frozen=True)
class OpenMilestone:
    """An open milestone in a /contracts listing, with what names it."""

    milestone: MilestoneRecord
    deal_id: int
    contract_number: str
    customer_name: str


def by_due(items: Iterable[OpenMilestone]) -> list[OpenMilestone]:
    """Soonest due first, those without a due day last."""
    return sorted(items, key=lambda o: (o.milestone.due_on is None, o.milestone.due_on or date.min, o.milestone.id))


@dataclass(frozen=True)
class SaleLine:
    id: int
    deal_id: int
    product: str
    quantity: int
    unit_price_cents: int
    amount_cents: int
    currency: str
    payment_method: str | None
    delivery: str | None
    created_at: datetime


def quantity_ok(quantity: int) -> bool:
    """A positive whole number up to a million."""
    return 0 < quantity <= MAX_QUANTITY


def line_amount(quantity: int, unit_price_cents: int) -> int | None:
    """quantity × unit price in cents; None when the result is beyond any real sale."""
    amount = quantity * unit_price_cents
    return amount if 0 < amount <= MAX_LINE_CENTS else None


@dataclass(frozen=True)
class DealPurchase:
    """What storage knows of one paid won deal; `sales` are (currency, cents) sums of its sale results."""

    deal_id: int
    deal_amount_cents: int
    deal_currency: str
    paid_on: date | None
    contract_amount_cents: int | None
    contract_currency: str | None
    signed_on: date | None
    sales: tuple[tuple[str, int], ...]

    def amounts(self) -> tuple[tuple[str, int], ...]:
        """Sale results when there are any, else the contract amount, else the deal amount."""
        if self.sales:
            return self.sales
        if self.contract_amount_cents is not None:
            return ((self.contract_currency or self.deal_currency, self.contract_amount_cents),)
        return ((self.deal_currency, self.deal_amount_cents),)

    @property
    def day(self) -> date | None:
        """The contract's signed date, else the day the payment arrived."""
        return self.signed_on or self.paid_on


@dataclass(frozen=True)
class PurchaseSummary:
    """购买频率、购买金额: `totals` are (currency, cents), largest first."""

    count: int
    totals: tuple[tuple[str, int], ...]
    first_on: date
    last_on: date
    per_year: float

    @property
    def currency(self) -> str:
        """The currency most of the money came in."""
        return self.totals[0][0]

    @property
    def total_cents(self) -> int:
        """The total in the main currency."""
        return self.totals[0][1]


def summarize_purchases(purchases: Sequence[DealPurchase], *, today: date) -> PurchaseSummary | None:
    """Count, totals, first and last purchase and purchases per year; None when nothing was bought.

    Per year is taken over the span from the first purchase to today, at least one year, so a
    customer who bought twice this month is not "24 a year" and one who stopped buying drifts down.
    """
    dated = [p for p in purchases if p.day is not None]
    if not dated:
        return None
    totals: Counter[str] = Counter()
    for purchase in dated:
        for currency, cents in purchase.amounts():
            totals[currency] += cents
    days = [p.day for p in dated if p.day is not None]
    first, last = min(days), max(days)
    years = max((today - first).days / DAYS_PER_YEAR, 1.0)
    ordered = tuple(sorted(totals.items(), key=lambda item: (-item[1], item[0])))
    return PurchaseSummary(len(dated), ordered, first, last, round(len(dated) / years, 2))
