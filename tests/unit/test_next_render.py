"""The pure renderer of next steps and /today: markers, escaping, both languages, suggestions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.enums import Role
from bot.domain.records import NextActionRecord, SavedLog, UserRecord
from handlers import next_actions_render as render

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # Wed 10:00 in Shanghai


def action(action_id: int = 7, *, due: timedelta = timedelta(hours=3), customer: str = "华星科技",
           title: str = "发报价") -> NextActionRecord:
    return NextActionRecord(id=action_id, customer_id=3, customer_name=customer, owner_id=1, title=title,
                            due_at=NOW + due, done=False)


def visit(customer: str, summary: str, at: datetime) -> SavedLog:
    return SavedLog(interaction_id=1, customer_id=3, customer_name=customer, channel="visit", summary=summary,
                    attitude=None, occurred_at=at, logged_late=False, next_action_id=None, next_title=None,
                    next_due=None, no_next_reason=None, distance_m=None, location_verified=False,
                    attachments=0)


def test_overdue_steps_carry_the_marker_in_both_languages() -> None:
    late = action(due=-timedelta(days=1))
    assert render.action_text(late, "zh", now=NOW, zone=SHANGHAI).startswith("⚠️ <b>逾期</b>")
    assert render.action_text(late, "en", now=NOW, zone=SHANGHAI).startswith("⚠️ <b>overdue</b>")
    on_time = render.action_text(action(), "en", now=NOW, zone=SHANGHAI)
    assert "overdue" not in on_time and on_time.endswith("📅 Wed 25 Nov 13:00")
    assert render.action_text(action(), "zh", now=NOW, zone=SHANGHAI).endswith("📅 11月25日 周三 13:00")


def test_html_in_names_and_titles_is_escaped() -> None:
    nasty = action(customer="<b>Acme & Co</b>", title="send <i>quote</i> & call")
    for lang in ("zh", "en"):
        text = render.action_text(nasty, lang, now=NOW, zone=SHANGHAI)
        assert "&lt;b&gt;Acme &amp; Co&lt;/b&gt;" in text
        assert "send &lt;i&gt;quote&lt;/i&gt; &amp; call" in text
        assert "<b>Acme" not in text
        assert render.done_text(nasty, lang) == "✓ <s><b>&lt;b&gt;Acme &amp; Co&lt;/b&gt;</b> — " \
                                                "send &lt;i&gt;quote&lt;/i&gt; &amp; call</s>"
    today = render.today_text([nasty], [visit("<Lab>", "a & b", NOW)], "en", now=NOW, zone=SHANGHAI)
    assert "&lt;b&gt;Acme &amp; Co&lt;/b&gt;" in today and "&lt;Lab&gt;" in today and "a &amp; b" in today


def test_header_counts_overdue_and_the_empty_state_points_to_log() -> None:
    actions = [action(1, due=-timedelta(days=2)), action(2, due=-timedelta(hours=1)), action(3)]
    assert render.header_text(actions, "en", now=NOW) == "<b>Your open next steps: 3</b> · ⚠️ 2 overdue"
    assert render.header_text(actions, "zh", now=NOW) == "<b>待办的下一步行动：3 项</b> · ⚠️ 逾期 2 项"
    assert render.header_text(actions[2:], "en", now=NOW) == "<b>Your open next steps: 1</b>"
    assert "/log" in render.header_text([], "en", now=NOW) and "/log" in render.header_text([], "zh", now=NOW)
    many = [action(i) for i in range(12)]
    assert "first 10" in render.header_text(many, "en", now=NOW)


def test_buttons_reassign_only_for_managers_and_callback_data_fits() -> None:
    rep = render.action_rows(2**62, "zh", manager=False)
    assert [label for label, _ in rep[0]] == ["✅ 完成", "📅 改期"]
    manager = render.action_rows(2**62, "en", manager=True)
    assert [data for _, data in manager[0]] == [f"na:done:{2**62}", f"na:rs:{2**62}", f"na:ra:{2**62}"]
    members = [UserRecord(id=2**62, telegram_id=1, name="x" * 80, role=Role.REP, team_id=1, team_name="East",
                          timezone="Asia/Shanghai", language="zh", active=True)]
    rows = render.member_rows(2**62, members, "en")
    assert rows[-1] == [("↩️ Back", f"na:rb:{2**62}")] and len(rows[0][0][0]) <= 30
    every = [data for row in [*rep, *manager, *rows] for _, data in row]
    assert all(len(data.encode()) <= 64 for data in every)


@pytest.mark.parametrize(("code", "expected"), [("tmr", datetime(2026, 11, 26, 9, 0)),
                                                ("mon", datetime(2026, 11, 30, 9, 0)),
                                                ("7d", datetime(2026, 12, 2, 9, 0))])
def test_suggestions_are_nine_in_the_morning_local(code: str, expected: datetime) -> None:
    local_now = NOW.astimezone(SHANGHAI)
    assert render.suggested_due(code, local_now) == expected.replace(tzinfo=SHANGHAI)
    assert render.suggested_due("bogus", local_now) is None


def test_on_a_monday_next_monday_is_a_week_away_and_labels_name_the_date() -> None:
    monday = datetime(2026, 11, 30, 8, 0, tzinfo=SHANGHAI)
    assert render.suggested_due("mon", monday) == datetime(2026, 12, 7, 9, 0, tzinfo=SHANGHAI)
    labels = [row[0][0] for row in render.suggestion_rows("zh", NOW.astimezone(SHANGHAI))]
    assert labels == ["明天 · 11月26日 周四 09:00", "下周一 · 11月30日 周一 09:00", "7天后 · 12月2日 周三 09:00"]


def test_day_bounds_are_the_local_day_in_utc() -> None:
    assert render.day_bounds(NOW, SHANGHAI) == (datetime(2026, 11, 24, 16, 0, tzinfo=UTC),
                                                datetime(2026, 11, 25, 16, 0, tzinfo=UTC))


def test_today_lists_steps_with_overdue_marked_and_visits_or_a_friendly_empty_state() -> None:
    steps = [action(1, due=-timedelta(days=1), title="回电"), action(2, due=timedelta(hours=5))]
    visits = [visit("华星科技", "演示顺利", NOW - timedelta(hours=1))]
    zh = render.today_text(steps, visits, "zh", now=NOW, zone=SHANGHAI)
    assert zh.splitlines() == [
        "<b>今天 11月25日 周三</b>", "", "<b>下一步行动（2）</b>",
        "• ⚠️ 11月24日 周二 10:00 <b>华星科技</b> — 回电（逾期）",
        "• 15:00 <b>华星科技</b> — 发报价", "", "<b>今日拜访（1）</b>", "• 09:00 <b>华星科技</b> — 演示顺利"]
    en = render.today_text([], visits, "en", now=NOW, zone=SHANGHAI)
    assert "Nothing due today." in en and "Visits logged (1)" in en
    assert "Nothing due and no visits" in render.today_text([], [], "en", now=NOW, zone=SHANGHAI)
    assert "今天没有到期的行动" in render.today_text([], [], "zh", now=NOW, zone=SHANGHAI)
    crowded = render.today_text([action(i) for i in range(20)], [], "en", now=NOW, zone=SHANGHAI)
    assert "… and 8 more" in crowded and len(crowded) < 4096
