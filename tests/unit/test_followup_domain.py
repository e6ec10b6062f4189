"""The working window in the user's time zone, the escalation ladder, and the morning reminder's split."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.domain.followup_records import MorningFacts, OverdueCustomer
from bot.domain.followups import days_overdue, escalation
from bot.domain.schedule import WorkWindow, parse_days, parse_hhmm
from bot.scheduler.render_morning import LIMIT, morning_messages

SHANGHAI = WorkWindow("Asia/Shanghai")


def _utc(local: str, zone: str = "Asia/Shanghai") -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def test_window_is_open_on_working_days_between_start_and_end_only() -> None:
    assert SHANGHAI.is_open(_utc("2026-11-27 08:00")) and SHANGHAI.is_open(_utc("2026-11-27 19:59"))
    assert not SHANGHAI.is_open(_utc("2026-11-27 20:00")) and not SHANGHAI.is_open(_utc("2026-11-27 07:59"))
    assert not SHANGHAI.is_open(_utc("2026-11-28 10:00"))  # Saturday


def test_next_open_skips_the_weekend_and_respects_the_zone() -> None:
    assert SHANGHAI.next_open(_utc("2026-11-27 20:30")) == _utc("2026-11-30 08:00")
    berlin = WorkWindow("Europe/Berlin")
    assert berlin.next_open(_utc("2026-11-26 08:30")) == _utc("2026-11-26 08:00", "Europe/Berlin")


def test_a_window_over_midnight_belongs_to_the_day_it_starts() -> None:
    night = WorkWindow("Asia/Shanghai", time(22, 0), time(6, 0), frozenset({5}))  # Friday night shift
    assert night.is_open(_utc("2026-11-27 23:00")) and night.is_open(_utc("2026-11-28 05:59"))
    assert not night.is_open(_utc("2026-11-28 06:00")) and not night.is_open(_utc("2026-11-26 23:00"))


def test_morning_is_due_from_the_reminder_time_while_the_window_is_open() -> None:
    assert not SHANGHAI.morning_due(_utc("2026-11-27 08:29"))
    assert SHANGHAI.morning_due(_utc("2026-11-27 08:30")) and SHANGHAI.morning_due(_utc("2026-11-27 19:00"))
    assert not SHANGHAI.morning_due(_utc("2026-11-27 20:30")) and not SHANGHAI.morning_due(_utc("2026-11-28 09:00"))


@pytest.mark.parametrize(("text", "ok"), [("8:30", True), ("08:30", True), ("20.00", True), ("24:00", False),
                                          ("8", False), ("", False)])
def test_times_of_day(text: str, ok: bool) -> None:
    if ok:
        assert isinstance(parse_hhmm(text), time)
    else:
        with pytest.raises(ValueError):
            parse_hhmm(text)


def test_days() -> None:
    assert parse_days("12345") == frozenset({1, 2, 3, 4, 5})
    for bad in ("", "8", "113", "1a"):
        with pytest.raises(ValueError):
            parse_days(bad)


@pytest.mark.parametrize(("tier", "days", "level", "rep", "manager"), [
    ("A", 2, None, False, False), ("A", 3, 1, True, False), ("A", 4, 1, True, False), ("A", 5, 2, True, True),
    ("A", 7, 3, False, True), ("A", 30, 3, False, True), ("B", 5, None, False, False), ("B", 6, 1, True, False),
    ("B", 10, 2, True, True), ("B", 14, 3, False, True), ("C", 60, None, False, False), ("D", 400, None, False, False),
])
def test_escalation_ladder(tier: str, days: int, level: int | None, rep: bool, manager: bool) -> None:
    step = escalation(tier, days)
    if level is None:
        assert step is None
    else:
        assert step is not None and (step.level, step.to_rep, step.to_manager) == (level, rep, manager)


def test_days_overdue_counts_whole_days_since_due() -> None:
    now = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)
    assert days_overdue(now - timedelta(days=10), 7, now) == 3
    assert days_overdue(now - timedelta(days=9, hours=23), 7, now) == 2
    assert days_overdue(now - timedelta(days=5), 7, now) < 0


def test_a_long_morning_is_split_under_4096_characters_most_urgent_first() -> None:
    now = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)
    customers = tuple(OverdueCustomer(i, f"客户{i:03d}" + "有限公司" * 5, 1, "A" if i < 50 else "C",
                                       now - timedelta(days=40)) for i in range(150))
    messages = morning_messages(MorningFacts(overdue_customers=customers), "zh", now=now, timezone="Asia/Shanghai",
                                cadence={"A": 7, "B": 14, "C": 30, "D": 90})
    assert len(messages) > 1 and all(len(text) <= LIMIT and len(rows) <= 20 for text, rows in messages)
    joined = "\n".join(text for text, _ in messages)
    assert joined.index("客户000") < joined.index("客户049") < joined.index("客户050")
    assert sum(len(rows) for _, rows in messages) == 150  # every item keeps its buttons
