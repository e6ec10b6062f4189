"""Urgency of a deal: calendar months to the expected close, and the tier it gives."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.enums import Tier
from bot.domain.urgency import add_months, deal_tier, months_until

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 11, 25), 1, date(2026, 12, 25)),
    (date(2026, 11, 25), 2, date(2027, 1, 25)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to the month's last day
    (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
    (date(2026, 12, 15), 0, date(2026, 12, 15)),
])
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(("close", "today", "months"), [
    (date(2026, 10, 1), TODAY, 0),  # overdue close: urgent
    (date(2026, 11, 24), TODAY, 0),
    (TODAY, TODAY, 0),  # closes today
    (date(2026, 11, 26), TODAY, 1),  # tomorrow
    (date(2026, 11, 30), TODAY, 1),  # later this month
    (date(2026, 12, 24), TODAY, 1),
    (date(2026, 12, 25), TODAY, 1),  # exactly one month: still within 1 month
    (date(2026, 12, 26), TODAY, 2),  # one day more
    (date(2027, 1, 25), TODAY, 2),
    (date(2027, 1, 26), TODAY, 3),
    (date(2027, 2, 25), TODAY, 3),  # exactly three months
    (date(2027, 2, 26), TODAY, 4),
    (date(2027, 11, 25), TODAY, 12),
    (date(2026, 2, 28), date(2026, 1, 31), 1),  # end-of-month clamping
    (date(2026, 3, 1), date(2026, 1, 31), 2),
    (date(2026, 2, 1), date(2026, 1, 31), 1),
    (date(2027, 1, 1), date(2026, 12, 31), 1),  # across the year
])
def test_months_until(close: date, today: date, months: int) -> None:
    assert months_until(close, today) == months


@pytest.mark.parametrize(("close", "probability", "tier"), [
    (date(2026, 12, 25), 70, Tier.A),  # exactly 70% and exactly 1 month
    (date(2026, 12, 25), 69, Tier.B),  # 69% is not A
    (date(2026, 12, 26), 70, Tier.B),  # a day past 1 month is not A
    (date(2026, 12, 1), 95, Tier.A),
    (date(2026, 10, 1), 80, Tier.A),  # overdue close counts as within 1 month
    (TODAY, 70, Tier.A),
    (date(2027, 2, 25), 40, Tier.B),  # exactly 3 months, exactly 40%
    (date(2027, 2, 25), 39, Tier.C),
    (date(2027, 2, 26), 90, Tier.C),  # later than 3 months
    (date(2026, 12, 10), 20, Tier.C),  # soon but unlikely
    (None, 95, Tier.D),  # no close date: no plan
    (None, 0, Tier.D),
])
def test_deal_tier(close: date | None, probability: int, tier: Tier) -> None:
    assert deal_tier(expected_close=close, probability=probability, today=TODAY) is tier
