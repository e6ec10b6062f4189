"""Urgency of a deal (需求紧急度): calendar months until the expected close, and the deal's tier.

``months_until`` counts whole calendar months rounding up: it is the smallest n ≥ 0 such that the
close date is on or before ``today`` + n calendar months. So:

- a close date today or in the past (an overdue close) is 0: urgent, "within 1 month";
- tomorrow up to and including the same day next month is 1 (exactly one month counts as within 1
  month, DOMAIN.md's tier A window); one day more is 2;
- 2 and 3 are DOMAIN.md's "2–3 months" (tier B window); 4 and more are "later than 3 months".

Adding calendar months keeps the day of month and clamps it to the month's last day: from Jan 31,
one month on is Feb 28 (29 in a leap year), so Feb 28 is 1 month away and Mar 1 is 2.
"""

from __future__ import annotations

import calendar
from datetime import date

from bot.domain.enums import Tier
from bot.domain.tiers import classify

__all__ = ["add_months", "deal_tier", "months_until"]


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months, the day clamped to the target month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_until(close: date, today: date) -> int:
    """Whole calendar months from `today` to `close`, rounded up; 0 when `close` is today or past."""
    if close <= today:
        return 0
    months = (close.year - today.year) * 12 + close.month - today.month
    return months if close <= add_months(today, months) else months + 1


def deal_tier(*, expected_close: date | None, probability: int, today: date) -> Tier:
    """The tier of an open deal from its expected close date and probability; D without a close date."""
    if expected_close is None:
        return classify(months_to_purchase=None, likelihood=probability)
    return classify(months_to_purchase=months_until(expected_close, today), likelihood=probability)
