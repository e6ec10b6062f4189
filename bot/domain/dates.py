"""Free-text dates for reps: "明天下午2点", "下周三", "next monday 9am" -> an aware datetime.

``parse_when`` tries the fast regex rules of :mod:`bot.domain.dates_rules` first (microseconds,
covers the everyday Chinese and English phrases dateparser misses), then falls back to dateparser
with the languages fixed to zh + en (auto-detection is an order of magnitude slower).

Conventions: a day without a time of day is 09:00; 上午/morning 09:00, 中午/noon 12:00,
下午/afternoon 14:00, 晚上/evening/tonight 19:00; an hour after 下午/晚上 is pm; a bare hour 1-6
without 上午/am/"0" prefix ("3点", "at 3", "3:15") is read as the afternoon (business hours).
Vague words ("尽快", "soon"), ambiguous slash dates ("12/8") and anything not understood give None.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from bot.domain.dates_rules import VAGUE, DaySpec, Parts, normalise, scan

__all__ = ["parse_when", "warm_up"]

MAX_LEN = 200
DEFAULT_TIME = (9, 0)
_PERIOD_HOUR = {"morning": 9, "noon": 12, "afternoon": 14, "evening": 19}
_PREFERS = ("future", "past")


class _NoMatch(Exception):
    """Internal: the parts do not make a valid date."""


def parse_when(text: str, *, now: datetime, prefer: str = "future") -> datetime | None:
    """Parse a rep's date phrase relative to ``now``; aware result in now's zone, or None.

    ``prefer="future"`` for follow-ups (the coming Friday), ``"past"`` for contact times (the
    last 12月8日). Raises ValueError only for a naive ``now`` or an unknown ``prefer``.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("parse_when needs a timezone-aware now")
    if prefer not in _PREFERS:
        raise ValueError(f"prefer must be 'future' or 'past', not {prefer!r}")
    if not isinstance(text, str) or not text or len(text) > MAX_LEN:
        return None
    try:
        norm = normalise(text)
        if not norm:
            return None
        parts = scan(norm)
        if parts is not None:
            return None if parts.ambiguous else _resolve(parts, now, prefer)
    except (_NoMatch, ValueError, OverflowError, KeyError):
        return None
    if VAGUE.search(norm):
        return None
    return _fallback(norm, now, prefer)


# --- resolution of the fast-path parts -------------------------------------------------------


def _time_of_day(p: Parts) -> tuple[int, int] | None:
    if p.hour is None:
        if p.period is None:
            return None
        if p.period not in _PERIOD_HOUR:  # 凌晨 alone is no concrete time
            raise _NoMatch
        return _PERIOD_HOUR[p.period], 0
    h, m = p.hour, p.minute
    if m > 59 or h > 24 or (p.meridiem and not 1 <= h <= 12):
        raise _NoMatch
    if p.meridiem == "p":
        h = h % 12 + 12
    elif p.meridiem == "a":
        h %= 12
    elif p.period in ("afternoon", "evening"):
        h = h + 12 if h < 12 or (h == 12 and p.period == "evening") else h
    elif p.period == "noon":
        h = h + 12 if h < 5 else h
    elif p.period is None and not p.explicit24 and 1 <= h <= 6:
        h += 12  # "3点" / "at 3" in a sales CRM means 15:00
    if h == 24 and m:
        raise _NoMatch
    return h, m


def _at(day: date, hm: tuple[int, int], tz: tzinfo) -> datetime:
    extra, hour = divmod(hm[0], 24)  # 晚上12点 -> 00:00 of the next day
    day += timedelta(days=extra)
    return datetime(day.year, day.month, day.day, hour, hm[1], tzinfo=tz)


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    y, m0 = divmod(month - 1 + k, 12)
    return year + y, m0 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _resolve(p: Parts, now: datetime, prefer: str) -> datetime:
    tz = now.tzinfo
    assert tz is not None
    if p.delta is not None:
        if p.day is not None or p.hour is not None or p.period is not None:
            raise _NoMatch
        return (now.astimezone(UTC) + p.delta).astimezone(tz)
    hm = _time_of_day(p)
    today = now.date()
    if p.day is None:  # a time alone: the next (or last) such time
        assert hm is not None
        cand = _at(today, hm, tz)
        if prefer == "future" and cand <= now:
            cand = _at(today + timedelta(days=1), hm, tz)
        elif prefer == "past" and cand > now:
            cand = _at(today - timedelta(days=1), hm, tz)
        return cand
    hm = hm or DEFAULT_TIME
    if p.day[0] == "wd":
        return _weekday(p.day, now, hm, prefer)
    return _at(_day(p.day, today, prefer), hm, tz)


def _weekday(spec: DaySpec, now: datetime, hm: tuple[int, int], prefer: str) -> datetime:
    _, wd, shift, mode = spec
    assert isinstance(wd, int) and now.tzinfo is not None
    today = now.date()
    if isinstance(shift, int):  # calendar weeks, starting Monday
        monday = today - timedelta(days=today.weekday())
        return _at(monday + timedelta(days=7 * shift + wd), hm, now.tzinfo)
    if (mode or prefer) == "past":
        back = (today.weekday() - wd) % 7 or (7 if mode else 0)  # "last friday" is never today
        cand = _at(today - timedelta(days=back), hm, now.tzinfo)
        return cand if cand <= now else _at(today - timedelta(days=back + 7), hm, now.tzinfo)
    ahead = (wd - today.weekday()) % 7
    cand = _at(today + timedelta(days=ahead), hm, now.tzinfo)
    return cand if cand > now else _at(today + timedelta(days=ahead + 7), hm, now.tzinfo)


def _day(spec: DaySpec, today: date, prefer: str) -> date:
    kind = spec[0]
    if kind == "off":
        assert isinstance(spec[1], int)
        return today + timedelta(days=spec[1])
    if kind == "md":
        year, month, day = spec[1], spec[2], spec[3]
        assert isinstance(month, int) and isinstance(day, int)
        if isinstance(year, int):
            return date(year, month, day)
        step = 1 if prefer == "future" else -1
        for k in range(9):  # 2月29日 may be up to 8 years away
            y = today.year + k * step
            if day <= _last_day(y, month):
                cand = date(y, month, day)
                if (cand >= today) if step > 0 else (cand <= today):
                    return cand
        raise _NoMatch
    if kind == "dom":
        day, shift = spec[1], spec[2]
        assert isinstance(day, int)
        if isinstance(shift, int):
            y, m = _add_months(today.year, today.month, shift)
            return date(y, m, day)
        step = 1 if prefer == "future" else -1
        for k in range(13):  # 31号 skips the short months
            y, m = _add_months(today.year, today.month, k * step)
            passed = day < today.day if step > 0 else day > today.day
            if day <= _last_day(y, m) and not (k == 0 and passed):
                return date(y, m, day)
        raise _NoMatch
    if kind == "mon":
        assert isinstance(spec[1], int)
        y, m = _add_months(today.year, today.month, spec[1])
        return date(y, m, min(today.day, _last_day(y, m)))
    shift = spec[1]
    if kind == "mend":
        assert isinstance(shift, int)
        y, m = _add_months(today.year, today.month, shift)
        return date(y, m, _last_day(y, m))
    if shift is None:  # 月初 alone: the next (or last) 1st of a month
        shift = 0 if (today.day == 1 or prefer == "past") else 1
    assert isinstance(shift, int)
    y, m = _add_months(today.year, today.month, shift)
    return date(y, m, 1)


# --- dateparser fallback -----------------------------------------------------------------------

_LANGUAGES = ["zh", "en"]


@lru_cache(maxsize=2)
def _base_settings(prefer: str) -> dict[str, Any]:
    return {"PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first"}  # "3pm EST" comes back aware


@lru_cache(maxsize=64)
def _parser(prefer: str, base: datetime) -> Any:
    """One DateDataParser per (prefer, minute): rebuilt only when the clock moves on."""
    from dateparser.date import DateDataParser  # deferred: ~40 ms import, only the fallback needs it

    return DateDataParser(languages=_LANGUAGES, settings=_base_settings(prefer) | {"RELATIVE_BASE": base})


_SLACK = timedelta(days=1)


def _fallback(text: str, now: datetime, prefer: str) -> datetime | None:
    tz = now.tzinfo
    assert tz is not None
    base = now.replace(tzinfo=None, second=0, microsecond=0)
    try:
        data = _parser(prefer, base).get_date_data(text)
        obj = data["date_obj"]
        parts = getattr(data, "parts", None) or ("year", "month", "day", "time")
        if obj is None or data["period"] not in ("day", "time") or not {"month", "day"} <= set(parts):
            return None  # "may", "2027", "next month", "last week", "monday 15" (a bare day): no concrete day
        if "time" not in parts:
            obj = obj.replace(hour=DEFAULT_TIME[0], minute=DEFAULT_TIME[1], second=0, microsecond=0)
        result: datetime = obj.astimezone(tz) if obj.tzinfo is not None else obj.replace(tzinfo=tz)
        # dateparser reads "12月8日前" as "8 days ago": an answer on the wrong side of now is a misreading.
        wrong_side = result < now - _SLACK if prefer == "future" else result > now + _SLACK
        return None if wrong_side else result
    except Exception:  # dateparser can raise on odd input; parse_when must not
        return None


def warm_up() -> None:
    """Compile the rules and load dateparser's zh/en locale data (~70 ms) before the first rep."""
    now = datetime(2026, 1, 7, 10, 0, tzinfo=UTC)
    for phrase in ("明天下午3点", "下周二", "next monday 9am", "in 2 hours", "12月8日", "尽快"):
        parse_when(phrase, now=now)
    for prefer in _PREFERS:
        for phrase in ("December 8, 2026 at 3:00 PM", "2026年12月8日", "Tuesday, Dec 8", "明天"):
            _fallback(phrase, now, prefer)
    _parser.cache_clear()
