"""Close months as reps type them, deal status and the review mark, customer tier and overrides."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.close_dates import CloseDateError, months_ahead, parse_close
from bot.domain.deals import DealRecord, DealStatus, TierInfo, TierOverride, customer_tier
from bot.domain.enums import Tier

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("2027-03", date(2027, 3, 31)), ("2027年3月", date(2027, 3, 31)), ("2027/3", date(2027, 3, 31)),
    ("3月", date(2027, 3, 31)), ("三月份", date(2027, 3, 31)), ("12月", date(2026, 12, 31)),
    ("十二月", date(2026, 12, 31)), ("March 2027", date(2027, 3, 31)), ("mar", date(2027, 3, 31)),
    ("Dec", date(2026, 12, 31)), ("01/2027", date(2027, 1, 31)), ("2027-02", date(2027, 2, 28)),
    ("2028-02", date(2028, 2, 29)), ("2027-01-15", date(2027, 1, 15)), ("1月15日", date(2027, 1, 15)),
    ("12月3日", date(2026, 12, 3)), ("12月2日", date(2027, 12, 2)), ("2026-12", date(2026, 12, 31)),
])
def test_close_months_mean_the_end_of_the_month_and_dates_stay(text: str, expected: date) -> None:
    assert parse_close(text, today=TODAY) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("soon", "unreadable"), ("下个季度", "unreadable"), ("13月", "unreadable"), ("2月30日", "unreadable"),
    ("2026-11", "past"), ("2026-12-01", "past"), ("2032-01", "too_far"), ("", "unreadable"),
])
def test_vague_past_and_far_closes_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(CloseDateError) as caught:
        parse_close(text, today=TODAY)
    assert caught.value.reason == reason


def test_quick_months_are_month_ends_from_this_month_on() -> None:
    assert [months_ahead(date(2027, 1, 31), n) for n in range(3)] == [
        date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31)]


def _deal(stage: str, *, paid: date | None = None, reviewed: datetime | None = None) -> DealRecord:
    return DealRecord(1, 1, "c", 1, "o", "t", 100, "CNY", None, stage, 50, "B", 1, reviewed, None, None, None, paid,
                      NOW - timedelta(days=30))


def test_won_counts_only_once_paid() -> None:
    assert _deal("won").status is DealStatus.WON_UNPAID
    assert _deal("won", paid=TODAY).status is DealStatus.WON
    assert _deal("lost").status is DealStatus.LOST and _deal("proposal").status is DealStatus.OPEN


def test_review_mark_from_14_days_on_open_deals_only() -> None:
    assert _deal("proposal", reviewed=NOW - timedelta(days=14)).needs_review(NOW)
    assert not _deal("proposal", reviewed=NOW - timedelta(days=13, hours=23)).needs_review(NOW)
    assert _deal("proposal").needs_review(NOW)  # never reviewed: counted from creation, 30 days ago
    assert not _deal("won", reviewed=NOW - timedelta(days=40)).needs_review(NOW)


def test_customer_tier_is_the_best_open_deal_tier_or_d() -> None:
    assert customer_tier(["C", "B", "D"]) is Tier.B
    assert customer_tier([]) is Tier.D


def test_override_holds_until_its_end_then_the_computed_tier_returns() -> None:
    until = NOW + timedelta(days=30)
    info = TierInfo("C", TierOverride("A", "big order", until, "李伟"))
    assert info.effective(NOW) == "A" and info.effective(until - timedelta(seconds=1)) == "A"
    assert info.effective(until) == "C"
    assert TierInfo("C", TierOverride("D", "on hold", None, "x")).effective(NOW + timedelta(days=999)) == "D"
    assert TierInfo("B", None).effective(NOW) == "B"
