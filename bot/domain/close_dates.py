"""The expected close (预计成交时间) as reps type it: a month, never "soon" (避免模糊表述).

A month alone ("2027-03", "2027年3月", "3月", "March 2027", "Mar") means the last day of that month: the
deal is expected to close by then. A month name without a year is its next occurrence, the current month
included. A full date ("2027-03-15", "3月15日") is kept as it is. Past months and dates more than five years
ahead are refused, with the reason.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from bot.domain.urgency import add_months

MAX_YEARS_AHEAD = 5
_MONTHS_EN = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS_EN.update({m.lower(): i for i, m in enumerate(calendar.month_name) if m})
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12}


class CloseDateError(ValueError):
    """`reason` is unreadable, past or too_far."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def end_of_month(year: int, month: int) -> date:
    """The last day of the month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def months_ahead(today: date, months: int) -> date:
    """The end of the month `months` after today's month (0 = this month)."""
    first = add_months(today.replace(day=1), months)
    return end_of_month(first.year, first.month)


def parse_close(text: str, *, today: date) -> date:
    """The expected close date typed by a rep; CloseDateError when it can't be used."""
    raw = " ".join(text.strip().lower().replace("／", "/").split())
    found = _full_date(raw) or _day_in_year(raw, today) or _month(raw, today)
    if found is None:
        raise CloseDateError("unreadable")
    if found < today.replace(day=1) or (found < today and not _is_month_only(raw)):
        raise CloseDateError("past")
    if found > add_months(today, 12 * MAX_YEARS_AHEAD):
        raise CloseDateError("too_far")
    return found


def _is_month_only(raw: str) -> bool:
    return _full_date(raw) is None and re.fullmatch(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]?", raw) is None


def _day_in_year(raw: str, today: date) -> date | None:
    """3月15日: the next such day, today included."""
    m = re.fullmatch(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?", raw)
    if m is None:
        return None
    for year in (today.year, today.year + 1):
        try:
            found = date(year, int(m[1]), int(m[2]))
        except ValueError:
            return None
        if found >= today:
            return found
    return None


def _full_date(raw: str) -> date | None:
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?", raw)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _month(raw: str, today: date) -> date | None:
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(份)?", raw)
    if m:
        return _checked(int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(份)?(底)?", raw)
    if m:
        month = int(m[1]) if m[1].isdigit() else _CN_NUM.get(m[1], 0)
        return _next_occurrence(month, today)
    m = re.fullmatch(r"([a-z]+)\.?(?:\s+(\d{4}))?", raw) or re.fullmatch(r"(\d{1,2})/(\d{4})", raw)
    if m and m[1].isdigit():
        return _checked(int(m[2]), int(m[1]))
    if m and m[1] in _MONTHS_EN:
        return _checked(int(m[2]), _MONTHS_EN[m[1]]) if m[2] else _next_occurrence(_MONTHS_EN[m[1]], today)
    return None


def _checked(year: int, month: int) -> date | None:
    return end_of_month(year, month) if 1 <= month <= 12 and 1900 < year < 3000 else None


def _next_occurrence(month: int, today: date) -> date | None:
    if not 1 <= month <= 12:
        return None
    year = today.year if month >= today.month else today.year + 1
    return end_of_month(year, month)
