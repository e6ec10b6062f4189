"""Both catalogs have every key, placeholders agree, and parameters are escaped."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.i18n import Raw, en, format_date, format_datetime, format_money, format_month, format_number, t, zh

PLACEHOLDER = re.compile(r"{(\w+)}")


def test_both_languages_have_every_key() -> None:
    assert set(zh.TEXTS) == set(en.TEXTS)


def test_placeholders_match_between_languages() -> None:
    for key, text in en.TEXTS.items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(zh.TEXTS[key])), key


def test_user_text_is_escaped_but_raw_fragments_are_not() -> None:
    assert t("en", "unknown.command", command="<b>&") == (
        "I don't know the command &lt;b&gt;&amp;. Type /help to see what you can do."
    )
    assert "<b>x</b>" in t("en", "access.welcome_invited", name="A", role="r", team=Raw("<b>x</b>"))


def test_unknown_language_falls_back_to_english() -> None:
    assert t("fr", "lang.set") == en.TEXTS["lang.set"]


def test_locale_formatting() -> None:
    moment = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert format_date(moment, "zh") == "12月1日 周二"
    assert format_date(moment, "en") == "Tue 1 Dec"
    assert format_datetime(moment, "en") == "Tue 1 Dec 10:00"
    assert format_datetime(moment, "zh", now=moment.replace(year=2025)) == "2026年12月1日 周二 10:00"
    assert format_money(1_234_567_00, "zh") == "¥1,234,567"
    assert format_money(1_234_50, "en") == "¥1,234.50"
    assert format_money(-5_00, "en") == "-¥5"
    assert format_money(30_000_00, "en", "USD") == "$30,000" and format_money(1_00, "zh", "JPY") == "JPY 1"
    assert (format_month(date(2027, 1, 5), "zh"), format_month(date(2027, 1, 5), "en")) == ("2027年1月", "Jan 2027")
    assert format_number(1234567, "en") == "1,234,567"


def test_feature_fragments_do_not_overwrite_each_other() -> None:
    from bot.i18n.texts import core_en, core_zh, log_en, log_zh, next_en, next_zh

    for fragments in ((core_en, log_en, next_en), (core_zh, log_zh, next_zh)):
        keys = [key for fragment in fragments for key in fragment.TEXTS]
        assert len(keys) == len(set(keys))
