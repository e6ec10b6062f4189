"""Deal amounts as reps type them: every accepted form, every refusal reason, currencies."""

from __future__ import annotations

import pytest

from bot.domain.amounts import AmountError, Money, parse_amount, parse_money

ACCEPTED: list[tuple[str, int]] = [
    # plain numbers, separators, decimals
    ("120000", 12_000_000),
    ("  120000  ", 12_000_000),
    ("1,200", 120_000),
    ("120,000.50", 12_000_050),
    ("1,234,567.89", 123_456_789),
    ("1.200", 120),  # the dot is always the decimal point
    ("99.9", 9_990),
    ("0.01", 1),
    ("1.500", 150),  # trailing zeros are not extra decimals
    # Chinese units with Arabic digits
    ("50万", 50_000_000),
    ("1.2亿", 12_000_000_000),
    ("3千", 300_000),
    ("12 万元", 12_000_000),
    ("50万元", 50_000_000),
    ("1.5千万", 1_500_000_000),
    ("3百万", 300_000_000),
    ("1亿2000万", 12_000_000_000),
    ("3千5百", 350_000),
    ("1万2千", 1_200_000),
    ("1万5", 1_500_000),  # shorthand: 1万5 = 15000
    ("3千5", 350_000),
    ("1万2000", 1_200_000),
    ("1,200万", 1_200_000_000),
    ("1.2345万", 1_234_500),
    ("1.234567万", 1_234_567),
    ("50万5", 50_500_000),
    # Western multipliers
    ("80k", 8_000_000),
    ("80K", 8_000_000),
    ("1.5m", 150_000_000),
    ("1.5M", 150_000_000),
    ("1.5 million", 150_000_000),
    ("1.5mn", 150_000_000),
    ("2 thousand", 200_000),
    ("1.2bn", 120_000_000_000),
    ("1.2 billion", 120_000_000_000),
    ("50w", 50_000_000),
    ("50W", 50_000_000),
    # currencies around the number
    ("¥120,000", 12_000_000),
    ("￥120,000.50", 12_000_050),
    ("RMB 50万", 50_000_000),
    ("CNY 1,200", 120_000),
    ("人民币50万元", 50_000_000),
    ("50万元人民币", 50_000_000),
    ("50万块", 50_000_000),
    ("$1,200", 120_000),
    ("US$ 80k", 8_000_000),
    ("€80k", 8_000_000),
    ("80k EUR", 8_000_000),
    ("1.5 million USD", 150_000_000),
    ("10万美元", 10_000_000),
    # full-width
    ("５０万", 50_000_000),
    ("１２０，０００．５０", 12_000_050),
    ("　５０万元　", 50_000_000),
    # Chinese numerals
    ("五十万", 50_000_000),
    ("一百二十万", 120_000_000),
    ("十万", 10_000_000),
    ("十五万", 15_000_000),
    ("两万", 2_000_000),
    ("三千", 300_000),
    ("一万五", 1_500_000),
    ("三千五", 350_000),
    ("一百二", 12_000),
    ("二十五", 2_500),
    ("一万零五", 1_000_500),
    ("一千零五十", 105_000),
    ("一亿二千万", 12_000_000_000),
    ("十二万三千四百五十六", 12_345_600),
    ("一点五万", 1_500_000),
    ("两点五亿", 25_000_000_000),
    ("伍拾万", 50_000_000),
    ("壹佰贰拾萬", 120_000_000),
    # the upper limit itself
    ("1000000000000", 100_000_000_000_000),
    ("10000亿", 100_000_000_000_000),
]


@pytest.mark.parametrize(("text", "cents"), ACCEPTED)
def test_accepted_forms(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


@pytest.mark.parametrize(("text", "money"), [
    ("50万", Money(50_000_000, "CNY")),
    ("¥50万", Money(50_000_000, "CNY")),
    ("￥50万", Money(50_000_000, "CNY")),
    ("RMB 50万", Money(50_000_000, "CNY")),
    ("cny 1,200", Money(120_000, "CNY")),
    ("50万元", Money(50_000_000, "CNY")),
    ("$1.5m", Money(150_000_000, "USD")),
    ("USD 80k", Money(8_000_000, "USD")),
    ("80k usd", Money(8_000_000, "USD")),
    ("10万美元", Money(10_000_000, "USD")),
    ("€80k", Money(8_000_000, "EUR")),
    ("EUR 1,200.50", Money(120_050, "EUR")),
    ("10万欧元", Money(10_000_000, "EUR")),
    ("¥50万元", Money(50_000_000, "CNY")),  # both ends, same currency
])
def test_currency_is_detected(text: str, money: Money) -> None:
    assert parse_money(text) == money


def test_default_currency_applies_only_when_none_is_written() -> None:
    assert parse_money("80k", default_currency="USD") == Money(8_000_000, "USD")
    assert parse_money("¥80k", default_currency="USD") == Money(8_000_000, "CNY")
    assert parse_money("80k") == Money(8_000_000, "CNY")


REFUSED: list[tuple[str, str]] = [
    # unreadable: empty, words, ranges, malformed numbers, misplaced parts
    ("", "unreadable"),
    ("   ", "unreadable"),
    ("about 50万", "unreadable"),
    ("大约50万", "unreadable"),
    ("50万左右", "unreadable"),
    ("50多万", "unreadable"),
    ("50-80万", "unreadable"),
    ("50~80万", "unreadable"),
    ("50～80万", "unreadable"),
    ("50到80万", "unreadable"),
    ("50至80万", "unreadable"),
    ("50k to 80k", "unreadable"),
    ("50 80万", "unreadable"),
    ("1 200", "unreadable"),
    ("1,2", "unreadable"),
    ("1,20", "unreadable"),
    ("12,34,567", "unreadable"),
    ("1.200.000", "unreadable"),
    ("1e5", "unreadable"),
    (".5", "unreadable"),
    ("万", "unreadable"),
    ("k", "unreadable"),
    ("¥", "unreadable"),
    ("五五万", "unreadable"),
    ("五零", "unreadable"),
    ("1万20000", "unreadable"),
    ("3千5000", "unreadable"),
    ("5百3千", "unreadable"),
    ("1万1亿", "unreadable"),
    ("1亿2.5万", "unreadable"),
    ("1.5万5", "unreadable"),
    ("50万k", "unreadable"),
    ("$50元", "unreadable"),  # two different currencies
    ("元50", "unreadable"),
    ("50$万", "unreadable"),
    ("--50", "unreadable"),
    ("x" * 100, "unreadable"),
    # zero
    ("0", "zero"),
    ("0.00", "zero"),
    ("零", "zero"),
    ("¥0", "zero"),
    # negative
    ("-50万", "negative"),
    ("¥-50", "negative"),
    ("-¥50", "negative"),
    ("−1,200", "negative"),
    ("负50万", "negative"),
    ("－５０万", "negative"),
    # too large: above 10^12 currency units
    ("1000000000000.01", "too_large"),
    ("1000000000001", "too_large"),
    ("10001亿", "too_large"),
    ("2000bn", "too_large"),
    # more than 2 decimals after the unit is applied
    ("1.234", "too_many_decimals"),
    ("0.001", "too_many_decimals"),
    ("1.23456789万", "too_many_decimals"),
    ("1.234567k", "too_many_decimals"),
    ("1.00000000000000000000000000000001", "too_many_decimals"),
]


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_refusals_carry_a_reason(text: str, reason: str) -> None:
    with pytest.raises(AmountError) as info:
        parse_amount(text)
    assert info.value.reason == reason
    assert isinstance(info.value, ValueError)


def test_a_range_is_explained() -> None:
    with pytest.raises(AmountError) as info:
        parse_amount("50-80万")
    assert "range" in info.value.detail
