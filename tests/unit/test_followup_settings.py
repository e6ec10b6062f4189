"""Follow-up settings values: times, windows (over midnight too), working days, choices, cadence bounds."""

from __future__ import annotations

from datetime import time

import pytest

from bot.domain import followup_settings as fs
from bot.domain.followup_settings import SettingValueError, TeamOverrides
from bot.i18n import t_plain
from handlers import settings_render

DEFAULTS = {"A": 7, "B": 14, "C": 30, "D": 90}


def reason(call: object, *args: object) -> str:
    with pytest.raises(SettingValueError) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value.reason


@pytest.mark.parametrize(("text", "expected"), [("8:45", time(8, 45)), ("08:30", time(8, 30)),
                                                ("9：05", time(9, 5)), (" 20.00 ", time(20, 0))])
def test_times_are_read(text: str, expected: time) -> None:
    assert fs.parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "8", "24:00", "8:60", "eight", "8:5", "08:30-09:00"])
def test_unreadable_times_are_refused(text: str) -> None:
    assert reason(fs.parse_time, text) == "time"


@pytest.mark.parametrize(("text", "expected"), [
    ("08:00-20:00", (time(8), time(20))), ("8:00～19:30", (time(8), time(19, 30))),
    ("9:00 – 18:00", (time(9), time(18))), ("22:00-06:00", (time(22), time(6))),
    ("8:00至17:00", (time(8), time(17))), ("7:30 to 16:00", (time(7, 30), time(16))),
])
def test_windows_are_read(text: str, expected: tuple[time, time]) -> None:
    assert fs.parse_window(text) == expected


def test_bad_windows_are_refused() -> None:
    for text in ("08:00", "8-20", "08:00-25:00", "08:00-12:00-14:00", "morning"):
        assert reason(fs.parse_window, text) == "window", text
    assert reason(fs.parse_window, "9:00-09:00") == "window_same"


def test_in_window_also_over_midnight() -> None:
    assert fs.in_window(time(8), time(8), time(20)) and not fs.in_window(time(20), time(8), time(20))
    assert not fs.in_window(time(7, 59), time(8), time(20))
    night = (time(22), time(6))
    assert fs.in_window(time(23), *night) and fs.in_window(time(5, 59), *night) and fs.in_window(time(22), *night)
    assert not fs.in_window(time(6), *night) and not fs.in_window(time(12), *night)


def test_days_toggle_and_one_stays_on() -> None:
    week = frozenset({1, 2, 3, 4, 5})
    assert fs.toggled_days(week, 6) == {1, 2, 3, 4, 5, 6}
    assert fs.toggled_days(week, 1) == {2, 3, 4, 5}
    assert reason(fs.toggled_days, frozenset({3}), 3) == "days_empty"
    assert reason(fs.toggled_days, week, 8) == "choice" and reason(fs.toggled_days, week, 0) == "choice"
    assert fs.days_text(frozenset({7, 1, 3})) == "137"


def test_stored_values_that_cannot_be_read_fall_back_to_the_defaults() -> None:
    assert fs.stored_time("25:99", time(8, 30)) == time(8, 30) and fs.stored_time("07:15", time(8)) == time(7, 15)
    assert fs.stored_days("") == {1, 2, 3, 4, 5} and fs.stored_days("90") == {1, 2, 3, 4, 5}
    assert fs.stored_days("67") == {6, 7}


def test_choices_tiers_and_cadence_bounds() -> None:
    assert fs.check_choice(30, fs.LEAD_CHOICES) == 30
    assert reason(fs.check_choice, 999, fs.LEAD_CHOICES) == "choice"
    assert reason(fs.check_choice, 45, fs.AFTER_MEETING_CHOICES) == "choice"
    assert fs.check_tier("a") == "A" and reason(fs.check_tier, "E") == "choice" and reason(fs.check_tier, "AB") == "choice"
    assert fs.parse_cadence("5") == 5 and fs.parse_cadence("12天") == 12 and fs.parse_cadence(" 365 days") == 365
    assert fs.parse_cadence("1") == 1
    for text in ("0", "366", "-3", "five", "", "7.5"):
        assert reason(fs.parse_cadence, text) == "cadence", text


def test_team_rules_fill_in_the_defaults() -> None:
    rules = TeamOverrides(cadence={"A": 5, "B": None}, escalation=False, after_meeting_minutes=120).rules(3, DEFAULTS)
    assert rules.cadence == {"A": 5, "B": 14, "C": 30, "D": 90}
    assert not rules.is_default("A") and rules.is_default("B") and rules.custom == {"A"}
    assert fs.NO_OVERRIDES.rules(None, DEFAULTS).cadence == DEFAULTS


def test_schedule_is_the_schedulers_window() -> None:
    schedule = fs.UserSchedule(1, "Europe/Berlin", "en", start=time(22), end=time(6), days=frozenset({6}))
    window = schedule.window
    assert (window.timezone, window.start, window.end, window.days, window.reminder) == (
        "Europe/Berlin", time(22), time(6), {6}, time(8, 30))


def test_rendered_menus_mark_the_current_values() -> None:
    schedule = fs.UserSchedule(1, "Asia/Shanghai", "zh", days=frozenset({1, 3, 6}), due_lead_minutes=30)
    text, _ = settings_render.personal("zh", schedule)
    assert "工作日：一 三 六" in text and "提前 30 分钟" in text and "中文" in text
    _, day_rows = settings_render.days_menu("zh", schedule)
    assert [label for row in day_rows[:2] for label, _ in row] == ["✅一", "二", "✅三", "四", "五", "✅六", "日"]
    _, lead_rows = settings_render.lead_menu("en", schedule)
    assert lead_rows[0][3] == ("✅30 min", "st:me:lead:30")
    team = TeamOverrides(cadence={"A": 5}).rules(1, DEFAULTS)
    text, _ = settings_render.team("en", "East", team)
    assert "A every 5 d · B every 14 d (default)" in text
    assert t_plain("zh", "settings.team_tier_default", tier="B", days=14) in settings_render.team("zh", "East", team)[0]
