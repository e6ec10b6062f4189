"""parse_when: the shared corpus with frozen nows, time zones, and input that must never raise."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bench.date_corpus import CASES, NOWS
from bot.dates import parse_when, warm_up

NY = ZoneInfo("America/New_York")


def _expected(text: str | None, now: datetime) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=now.tzinfo)


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 70
    assert {prefer for _, _, prefer, _ in CASES} == {"future", "past"}


@pytest.mark.parametrize(("phrase", "now_key", "prefer", "expected"), CASES)
def test_corpus(phrase: str, now_key: str, prefer: str, expected: str | None) -> None:
    now = NOWS[now_key]
    got = parse_when(phrase, now=now, prefer=prefer)
    assert got == _expected(expected, now)
    if got is not None:  # same instant *and* same wall clock: the answer is in now's zone
        assert got.tzinfo is now.tzinfo
        assert got.strftime("%Y-%m-%d %H:%M") == expected


def test_naive_now_raises() -> None:
    with pytest.raises(ValueError):
        parse_when("明天", now=datetime(2026, 11, 25, 10, 0))


def test_unknown_prefer_raises() -> None:
    with pytest.raises(ValueError):
        parse_when("明天", now=NOWS["wed"], prefer="soonish")


@pytest.mark.parametrize("tz", [NY, UTC, timezone(timedelta(hours=-3, minutes=-30))])
@pytest.mark.parametrize(
    "phrase", ["明天下午2点", "tomorrow 10am", "in 2 hours", "下周三", "Tuesday, Dec 8", "3pm"]
)
def test_result_is_in_nows_zone(tz: timezone | ZoneInfo, phrase: str) -> None:
    now = datetime(2026, 11, 25, 10, 0, tzinfo=tz)
    got = parse_when(phrase, now=now)
    assert got is not None
    assert got.tzinfo is tz


def test_relative_hours_keep_the_exact_instant_across_dst() -> None:
    now = NOWS["ny"]  # 23:30 EST, the clocks jump at 02:00
    got = parse_when("in 3 hours", now=now)
    assert got is not None
    assert got.timestamp() - now.timestamp() == 3 * 3600
    assert got.utcoffset() == timedelta(hours=-4)


def test_relative_minutes_keep_seconds() -> None:
    now = datetime(2026, 11, 25, 10, 0, 42, tzinfo=UTC)
    assert parse_when("半小时后", now=now) == now + timedelta(minutes=30)


def test_same_answer_whatever_the_zone_of_the_server_clock() -> None:
    """The wall clock of `now` decides "tomorrow", not UTC: 07:00 in Shanghai is yesterday in UTC."""
    now = datetime(2026, 11, 25, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert parse_when("明天", now=now) == datetime(2026, 11, 26, 9, 0, tzinfo=now.tzinfo)


WEIRD = [
    "", " ", "\n\t", "，。！", "😀😀😀", "\x00", "\ud800", "明天" * 5000, "x" * 10_000, "1" * 300,
    "99:99", "13pm", "0点", "下周八", "十十十点", "12月32日", "2026-13-45", "9999-12-31", "0000-01-01",
    "in 99999 days", "in 999 months", "999天后", "1/2/3/4", "明天明天", "明天 后天", "下午上午3点",
    "3点3点", "at", "the", "next", "in", "周", "月", "号", "点", "午", "-1天后", "半天后",
    "mon mon", "2 days later later", "in half a day", "ｔｏｍｏｒｒｏｗ", "DROP TABLE dates;--",
]  # fmt: skip


@pytest.mark.parametrize("text", WEIRD)
@pytest.mark.parametrize("prefer", ["future", "past"])
def test_never_raises(text: str, prefer: str) -> None:
    got = parse_when(text, now=NOWS["wed"], prefer=prefer)
    assert got is None or got.tzinfo is NOWS["wed"].tzinfo


def test_fuzz_never_raises() -> None:
    rng = random.Random(20261125)
    alphabet = (
        "明天后下周一二三四五六日月号点半分钟小时前上午下午晚今早 0123456789:/-.,amp的inxyz😀０："
        + "nextdayweekmonth"
    )
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        for prefer in ("future", "past"):
            got = parse_when(text, now=NOWS["fri"], prefer=prefer)
            assert got is None or got.tzinfo is NOWS["fri"].tzinfo


def test_long_input_returns_none_quickly() -> None:
    start = time.perf_counter()
    assert parse_when("明天下午3点" + " " * 300, now=NOWS["wed"]) is None
    assert parse_when("a" * 10_000, now=NOWS["wed"]) is None
    assert time.perf_counter() - start < 0.05


def test_full_width_tomorrow_is_understood() -> None:
    assert parse_when("ｔｏｍｏｒｒｏｗ", now=NOWS["wed"]) == datetime(
        2026, 11, 26, 9, 0, tzinfo=NOWS["wed"].tzinfo
    )


def test_warm_up_runs_and_leaves_results_unchanged() -> None:
    warm_up()
    assert parse_when("明天下午2点", now=NOWS["wed"]) == datetime(
        2026, 11, 26, 14, 0, tzinfo=NOWS["wed"].tzinfo
    )
