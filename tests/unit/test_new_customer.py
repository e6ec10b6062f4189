"""The /new form without Telegram: checking typed values, the questions, and the 撞单 warning."""

from __future__ import annotations

import pytest

from bot.domain.industries import DEFAULT_INDUSTRIES
from bot.services.onboarding import Match
from bot.services.onboarding_fields import (
    BadEmail,
    BadName,
    BadPhone,
    TooLong,
    clean_email,
    clean_name,
    clean_phone,
    clean_text,
)
from handlers import new_customer_render as render


def test_names_are_trimmed_and_html_or_emoji_are_just_text() -> None:
    assert clean_name("  上海<b>华星</b>\n科技 🚀 ") == "上海<b>华星</b> 科技 🚀"
    for bad in ("", " x ", "y" * 201):
        with pytest.raises(BadName):
            clean_name(bad)


def test_phones_become_e164_and_bad_ones_say_what_was_typed() -> None:
    assert clean_phone("139-1234-5678").e164 == "+8613912345678"
    assert clean_phone("+49 30 1234567").e164 == "+49301234567"
    with pytest.raises(BadPhone) as caught:
        clean_phone("12345")
    assert caught.value.params == {"value": "12345"}
    assert clean_email(" Wang@Example.COM ") == "wang@example.com"
    with pytest.raises(BadEmail):
        clean_email("wang at example")


def test_free_text_has_the_card_limits() -> None:
    assert clean_text("background", "  line one\nline two ") == "line one\nline two"
    assert clean_text("region", " 上海   浦东 ") == "上海 浦东"
    with pytest.raises(TooLong) as caught:
        clean_text("source", "x" * 41)
    assert caught.value.params == {"limit": 40}


def test_each_optional_question_has_skip_save_now_and_cancel() -> None:
    form = {"step": "size", "token": "abc123", "data": {"name": "Acme", "industry": "IT"}}
    text, rows = render.prompt(form, "en", DEFAULT_INDUSTRIES)
    assert text.startswith("(1/10) Company size")
    assert [label for label, _ in rows[0]] == ["<50 staff", "50–200 staff"]
    assert rows[-2] == [("Skip ›", "nc:abc123:size:skip"), ("💾 Save now", "nc:abc123:size:save")]
    assert rows[-1] == [("✖ Cancel", "nc:abc123:size:x")]
    _, industry_rows = render.prompt({**form, "step": "industry"}, "zh", DEFAULT_INDUSTRIES)
    assert industry_rows[0][0] == ("信息技术", "nc:abc123:industry:ind:IT")
    assert all(len(data.encode()) <= 64 for row in industry_rows for _, data in row)


def test_the_duplicate_warning_tells_nothing_about_another_reps_customer() -> None:
    matches = [Match(1, "华星科技有限公司", "李伟", True, "name", "IT2026001"),
               Match(2, "东方精工 <script>", "赵敏", False, "phone")]
    text = render.duplicate_text(matches, "zh", name="华星科技", at_save=True)
    assert "华星科技有限公司</b> · IT2026001 · 负责人：李伟（名称相似）" in text
    assert "东方精工 &lt;script&gt;</b> —— 赵敏 的客户（电话相同）" in text
    rows = render.duplicate_rows(matches, "zh", "abc123", "dup_save")
    assert [data for row in rows for _, data in row] == ["cu:open:1", "nc:abc123:dup_save:go", "nc:abc123:dup_save:x"]
