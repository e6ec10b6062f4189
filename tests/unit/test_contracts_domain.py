"""Contract rules: the overdue rule, listing order, sale line maths and the customer-value summary."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.contracts import (
    DealPurchase,
    MilestoneRecord,
    OpenMilestone,
    by_due,
    is_overdue,
    line_amount,
    quantity_ok,
    summarize_purchases,
)
from bot.i18n import t
from bot.services import sale_results
from handlers.contract_render import purchase_text

TODAY = date(2026, 11, 25)


def _purchase(deal_id: int, *, paid: date | None = None, signed: date | None = None, deal: int = 100_00,
              contract: int | None = None, sales: tuple[tuple[str, int], ...] = ()) -> DealPurchase:
    return DealPurchase(deal_id, deal, "CNY", paid, contract, "CNY" if contract is not None else None, signed, sales)


def test_due_today_is_not_overdue_but_yesterday_is() -> None:
    assert not is_overdue(TODAY, None, TODAY)
    assert is_overdue(date(2026, 11, 24), None, TODAY)
    assert not is_overdue(date(2026, 11, 24), date(2026, 11, 24), TODAY)  # done is never overdue
    assert not is_overdue(None, None, TODAY)  # no due date, nothing to be late for
    milestone = MilestoneRecord(1, 1, 1, "payment", date(2026, 11, 24), None, None)
    assert milestone.overdue(TODAY) and not milestone.overdue(date(2026, 11, 24))


def test_listing_is_by_due_date_with_undated_last() -> None:
    def item(mid: int, due: date | None) -> OpenMilestone:
        return OpenMilestone(MilestoneRecord(mid, 1, 1, "invoice", due, None, None), 1, "HT-1", "Acme")

    ordered = by_due([item(1, None), item(2, date(2026, 12, 1)), item(3, date(2026, 11, 1))])
    assert [o.milestone.id for o in ordered] == [3, 2, 1]


def test_sale_line_maths_and_input_checks() -> None:
    assert line_amount(3, 12_000_00) == 36_000_00
    assert line_amount(1_000_000, 10**12 * 100) is None  # beyond any real sale
    assert quantity_ok(1) and quantity_ok(1_000_000) and not quantity_ok(0) and not quantity_ok(1_000_001)
    assert sale_results.read_quantity(" 1,200 ") == 1200 and sale_results.read_quantity("３") == 3
    for bad in ("0", "-3", "2.5", "abc", "1000001", "1e3", "3 pcs"):
        with pytest.raises(sale_results.BadQuantity):
            sale_results.read_quantity(bad)
    price, amount = sale_results.read_unit_price("1.2万", quantity=3, default_currency="CNY")
    assert (price.cents, price.currency, amount) == (12_000_00, "CNY", 36_000_00)
    for bad in ("abc", "-5", "0"):
        with pytest.raises(sale_results.BadPrice):
            sale_results.read_unit_price(bad, quantity=3, default_currency="CNY")
    with pytest.raises(sale_results.LineTooLarge):
        sale_results.read_unit_price("9亿", quantity=1_000_000, default_currency="CNY")


def test_purchase_summary_counts_sums_and_rates() -> None:
    assert summarize_purchases([], today=TODAY) is None
    summary = summarize_purchases([
        _purchase(1, paid=date(2024, 12, 1), signed=date(2024, 11, 25), deal=1, contract=500_000_00),
        _purchase(2, paid=date(2025, 6, 1), deal=300_000_00),  # no contract: the deal amount, the paid day
        _purchase(3, paid=date(2026, 10, 9), signed=date(2026, 10, 8), contract=999,
                  sales=(("CNY", 400_000_00),)),  # sale results beat the contract amount
    ], today=TODAY)
    assert summary is not None
    assert (summary.count, summary.total_cents, summary.currency) == (3, 1_200_000_00, "CNY")
    assert (summary.first_on, summary.last_on) == (date(2024, 11, 25), date(2026, 10, 8))
    assert summary.per_year == pytest.approx(3 / (730 / 365.25), abs=0.01)  # two years since the first purchase
    assert t("zh", "contract.card_value", count=3, total="¥1,200,000", last="2026-10-08") == (
        "购买 3 次 · 累计 ¥1,200,000 · 最近 2026-10-08")
    assert purchase_text(summary, "zh") == "购买 3 次 · 累计 ¥1,200,000 · 最近 2026-10-08 · 约 1.5 次/年"


def test_one_recent_purchase_is_once_a_year_not_more() -> None:
    summary = summarize_purchases([_purchase(1, paid=date(2026, 11, 20))], today=TODAY)
    assert summary is not None and summary.per_year == 1.0 and summary.first_on == summary.last_on


def test_mixed_currencies_are_totalled_apart_largest_first() -> None:
    summary = summarize_purchases([
        _purchase(1, paid=date(2026, 1, 5), sales=(("CNY", 100_00), ("USD", 900_00))),
        _purchase(2, paid=date(2026, 2, 5), deal=50_00),
    ], today=TODAY)
    assert summary is not None and summary.totals == (("USD", 900_00), ("CNY", 150_00))
    assert purchase_text(summary, "en").startswith("Bought 2× · total $900 + ¥150 · last 2026-02-05")

