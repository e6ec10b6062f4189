"""Numbers, money and dates per locale: ¥1,234,567; 12月1日 周二 / Tue 1 Dec."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date as babel_date
from babel.numbers import format_decimal

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}
DATE_PATTERNS = {"zh": "M月d日 EEE", "en": "EEE d MMM"}
DATE_YEAR_PATTERNS = {"zh": "yyyy年M月d日 EEE", "en": "EEE d MMM yyyy"}
MONTH_PATTERNS = {"zh": "yyyy年M月", "en": "MMM yyyy"}


def format_number(value: int | Decimal, lang: str) -> str:
    """1234567 → 1,234,567."""
    return format_decimal(value, locale=LOCALES.get(lang, "en_GB"))


SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€"}


def format_money(cents: int, lang: str, currency: str = "CNY") -> str:
    """Integer cents of an ISO currency → ¥1,234,567 / $1,234.50 (an unknown currency shows its code)."""
    currency_symbol = SYMBOLS.get(currency, f"{currency} ")
    amount = Decimal(cents) / 100
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    return f"{sign}{currency_symbol}{format_decimal(amount, format=pattern, locale=LOCALES.get(lang, 'en_GB'))}"


def format_date(moment: datetime, lang: str, *, with_year: bool = False) -> str:
    """12月1日 周二 / Tue 1 Dec, in the moment's own zone."""
    patterns = DATE_YEAR_PATTERNS if with_year else DATE_PATTERNS
    return babel_date(moment.date(), format=patterns.get(lang, patterns["en"]), locale=LOCALES.get(lang, "en_GB"))


def format_time(moment: datetime) -> str:
    """24-hour HH:MM."""
    return moment.strftime("%H:%M")


def format_datetime(moment: datetime, lang: str, *, now: datetime | None = None) -> str:
    """Date and time; the year only when it differs from `now`'s."""
    with_year = now is not None and moment.year != now.year
    return f"{format_date(moment, lang, with_year=with_year)} {format_time(moment)}"


def format_month(day: date, lang: str) -> str:
    """2027年1月 / Jan 2027."""
    return babel_date(day, MONTH_PATTERNS.get(lang, MONTH_PATTERNS["en"]), locale=LOCALES.get(lang, "en_GB"))
