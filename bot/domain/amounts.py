"""Deal amounts as reps type them ("50万", "1.2亿", "80k", "¥120,000", "五十万") -> exact integer cents.

Reading rules (everything is exact ``Decimal`` arithmetic, never float):

- The text is NFKC-normalised first, so full-width digits and signs (``５０万``, ``￥``, ``，``) read
  like their ASCII forms; case is ignored; spaces between the parts are allowed (``12 万元``).
- The dot is always the decimal point: ``1.200`` is 1.2 and ``1.5万`` is 15 000. A comma is only a
  thousands separator and must split groups of exactly three digits: ``1,200`` is 1200, ``120,000.50``
  is 120000.5, and ``1,2`` / ``1,20`` / ``1.200.000`` are unreadable (European style is not guessed).
- Chinese units 十 百 千 万 亿 (also 拾 佰 仟 萬 億) work with Arabic or Chinese digits and combine
  the usual way: ``3千``, ``1.5千万``, ``1亿2000万``, ``五十万``, ``一百二十万``, ``一万零五`` (10005).
  A single digit right after a unit is the colloquial shorthand for the next lower place:
  ``一万五`` / ``1万5`` is 15 000, ``三千五`` is 3500, ``一百二`` is 120.
  ``一点五万`` reads 1.5万. A fraction is allowed only in the first number (``1.2亿``, not ``1亿2.5万``).
- Western multipliers after one plain number: ``k``/``thousand`` 10³, ``m``/``mn``/``million`` 10⁶,
  ``b``/``bn``/``billion`` 10⁹, and ``w`` (the Chinese chat shorthand for 万) 10⁴.
- Currency may come before the number (``$``, ``USD``, ``€``, ``EUR``, ``¥``, ``RMB``, ``CNY``, ``人民币``)
  and/or after it (the same words, plus ``元``, ``块``, ``美元``, ``欧元``); both ends must agree.
- Refusals (``AmountError.reason``): ``unreadable`` for empty text, other words ("about 50万",
  "50万左右"), ranges ("50-80万", "50到80万": ask for one number) and malformed numbers; ``zero``;
  ``negative`` (a leading ``-`` or ``负``); ``too_large`` above 10¹² currency units;
  ``too_many_decimals`` when the value still has more than 2 decimals after the unit is applied
  (``1.234`` is refused, ``1.2345万`` = 12 345 is fine).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Literal

__all__ = ["MAX_UNITS", "AmountError", "Money", "Reason", "parse_amount", "parse_money"]

Reason = Literal["unreadable", "negative", "zero", "too_large", "too_many_decimals"]

MAX_UNITS = Decimal(10) ** 12  # the largest accepted amount, in currency units
MAX_LEN = 64

_MESSAGES: dict[str, str] = {
    "unreadable": "not an amount",
    "negative": "the amount is negative",
    "zero": "the amount is zero",
    "too_large": "the amount is larger than 10^12",
    "too_many_decimals": "the amount has more than 2 decimals",
}


class AmountError(ValueError):
    """Text that cannot be taken as a deal amount; `reason` says why."""

    def __init__(self, reason: Reason, text: str, detail: str = "") -> None:
        super().__init__(f"{_MESSAGES[reason]}{': ' + detail if detail else ''}: {text!r}")
        self.reason: Reason = reason
        self.text = text
        self.detail = detail


@dataclass(frozen=True)
class Money:
    """An amount in integer cents and its ISO currency code."""

    cents: int
    currency: str


_CURRENCY_WORDS: dict[str, str] = {
    "us$": "USD", "usd": "USD", "$": "USD", "美元": "USD", "美金": "USD",
    "eur": "EUR", "€": "EUR", "欧元": "EUR",
    "rmb": "CNY", "cny": "CNY", "¥": "CNY", "人民币": "CNY", "元": "CNY", "块": "CNY",
}
_CURRENCY_SUFFIX_ONLY = frozenset({"元", "块", "美元", "欧元"})  # "元50万" is not how anyone writes
_WESTERN: dict[str, int] = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "w": 10**4,
}
_CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

_NONZERO_CN = "".join(k for k, v in _CN_DIGITS.items() if v)
_ALL_CN = "".join(_CN_DIGITS)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<num>[0-9]+(?:,[0-9]+)*(?:\.[0-9]+)?)
  | (?P<cnfrac>[{_ALL_CN}]点[{_ALL_CN}]+)
  | (?P<cur>{_alternation(_CURRENCY_WORDS)})(?![a-z])
  | (?P<west>{_alternation(_WESTERN)})(?![a-z])
  | (?P<cndigit>[{_ALL_CN}])
  | (?P<small>[{"".join(_SMALL_UNITS)}])
  | (?P<big>[{"".join(_BIG_UNITS)}])
  | (?P<sign>[-−负])
  | (?P<range>[~〜—–]|到|至|to(?![a-z]))
    """,
    re.VERBOSE,
)
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str


def parse_amount(text: str) -> int:
    """The amount in `text` as integer cents, whatever currency is written; see the module docstring."""
    return parse_money(text).cents


def parse_money(text: str, default_currency: str = "CNY") -> Money:
    """The amount and currency in `text`; `default_currency` when none is written."""
    tokens = _tokenize(text)
    currency, negative, body = _split(tokens, text)
    with localcontext() as ctx:
        ctx.prec = 100  # MAX_LEN bounds the digits, so every product and comparison is exact
        cents = _checked_cents(_value(body, text), negative, text)
    return Money(cents, currency or default_currency)


def _tokenize(text: str) -> list[_Tok]:
    norm = unicodedata.normalize("NFKC", text).strip().lower()
    if not norm or len(norm) > MAX_LEN:
        raise AmountError("unreadable", text, "empty" if not norm else "too long")
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(norm):
        m = _TOKEN.match(norm, pos)
        if m is None:
            raise AmountError("unreadable", text, f"unexpected {norm[pos:]!r}")
        pos = m.end()
        kind = m.lastgroup or ""
        if kind != "space":
            tokens.append(_Tok(kind, m.group(kind)))
    return tokens


def _split(tokens: list[_Tok], text: str) -> tuple[str | None, bool, list[_Tok]]:
    """Peel the currency words and the sign off both ends; what remains is the number."""
    currencies: list[str] = []
    negative = False
    start = 0
    while start < len(tokens) and tokens[start].kind in ("cur", "sign"):
        tok = tokens[start]
        if tok.kind == "sign":
            if negative:
                raise AmountError("unreadable", text, "two signs")
            negative = True
        elif tok.text in _CURRENCY_SUFFIX_ONLY:
            raise AmountError("unreadable", text, f"{tok.text} goes after the number")
        else:
            currencies.append(_CURRENCY_WORDS[tok.text])
        start += 1
    end = len(tokens)
    while end > start and tokens[end - 1].kind == "cur":
        currencies.append(_CURRENCY_WORDS[tokens[end - 1].text])
        end -= 1
    body = tokens[start:end]
    if any(t.kind in ("sign", "range") for t in body):
        raise AmountError("unreadable", text, "a range: give one number")
    if any(t.kind == "cur" for t in body):
        raise AmountError("unreadable", text, "currency in the middle")
    if not body:
        raise AmountError("unreadable", text, "no number")
    if len(set(currencies)) > 1:
        raise AmountError("unreadable", text, "two different currencies")
    return (currencies[0] if currencies else None), negative, body


def _value(body: list[_Tok], text: str) -> Decimal:
    """The number the body tokens spell, in currency units."""
    if body[-1].kind == "west":
        if len(body) != 2 or body[0].kind != "num":
            raise AmountError("unreadable", text, "k/m/w follow one plain number")
        return _arabic(body[0].text, text) * _WESTERN[body[-1].text]
    return _chinese(body, text)


def _arabic(number: str, text: str) -> Decimal:
    if not _GROUPED.fullmatch(number):
        raise AmountError("unreadable", text, "commas must separate groups of three digits")
    return Decimal(number.replace(",", ""))


def _chinese(body: list[_Tok], text: str) -> Decimal:
    """Numbers with Chinese place units, written in Arabic or Chinese digits ("1亿2000万", "一万五")."""

    def bad(detail: str) -> AmountError:
        return AmountError("unreadable", text, detail)

    total = Decimal(0)
    section = Decimal(0)
    pending: Decimal | None = None
    pending_single = False  # one digit, eligible for the "一万五" shorthand
    last_small: int | None = None  # last small unit in the current section
    last_big: int | None = None  # last big unit so far
    prev_unit: int | None = None  # the unit right before the pending number, None after 零
    fraction_seen = False
    for i, tok in enumerate(body):
        if tok.kind in ("num", "cnfrac", "cndigit"):
            if pending is not None:
                raise bad("two numbers in a row")
            if fraction_seen:
                raise bad("only units may follow a fraction")
            if tok.kind == "num":
                pending = _arabic(tok.text, text)
                pending_single = len(tok.text) == 1
            elif tok.kind == "cnfrac":
                whole, frac = tok.text.split("点")
                pending = Decimal("".join(str(_CN_DIGITS[c]) for c in whole) + "."
                                  + "".join(str(_CN_DIGITS[c]) for c in frac))
                pending_single = False
            else:
                digit = _CN_DIGITS[tok.text]
                if digit == 0:  # 零 only marks a skipped place: "一万零五"
                    if pending is not None or 0 < i == len(body) - 1:
                        raise bad("a misplaced 零")
                    prev_unit = None
                    continue
                pending = Decimal(digit)
                pending_single = True
            if pending != pending.to_integral_value():
                if i > 0:
                    raise bad("a fraction only in the first number")
                fraction_seen = True
        elif tok.kind == "small":
            unit = _SMALL_UNITS[tok.text]
            if last_small is not None and unit >= last_small:
                raise bad("units out of order")
            if pending is None:
                if i > 0:  # "十万" means 一十万, but only at the start
                    raise bad("a unit without a number")
                pending = Decimal(1)
            elif last_small is not None and pending >= 10:
                raise bad("one digit per place")
            section += pending * unit
            pending, last_small, prev_unit = None, unit, unit
        elif tok.kind == "big":
            unit = _BIG_UNITS[tok.text]
            if pending is not None:
                if prev_unit is not None and pending >= prev_unit:
                    raise bad("units out of order")
                section += pending
            if section == 0:
                raise bad("a unit without a number")
            if last_big is not None and (unit >= last_big or section >= last_big // unit):
                raise bad("units out of order")
            total += section * unit
            section, pending, last_small, last_big, prev_unit = Decimal(0), None, None, unit, unit
        else:
            raise bad(f"unexpected {tok.text!r}")
    if pending is not None:
        if prev_unit is not None and pending >= prev_unit:
            raise bad("units out of order")
        if pending_single and prev_unit is not None and prev_unit >= 10:
            pending *= prev_unit // 10  # "一万五" = 15000, "三千五" = 3500
        section += pending
    if last_big is not None and section >= last_big:
        raise bad("units out of order")
    return total + section


def _checked_cents(value: Decimal, negative: bool, text: str) -> int:
    if value == 0:
        raise AmountError("zero", text)
    if negative:
        raise AmountError("negative", text)
    if value > MAX_UNITS:
        raise AmountError("too_large", text)
    cents = value * 100
    if cents != cents.to_integral_value():
        raise AmountError("too_many_decimals", text)
    return int(cents)
