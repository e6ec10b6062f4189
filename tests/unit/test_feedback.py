"""Complaint statuses and the satisfaction trend rule (pure domain), and the catalog line of the card."""

from __future__ import annotations

import pytest

from bot.domain.feedback import (
    ComplaintStatus,
    FeedbackSummary,
    can_move,
    is_score,
    sources_of,
    summarize,
    trend,
)
from handlers.complaint_render import feedback_line


@pytest.mark.parametrize(("scores", "expected"), [
    ([], None), ([4], None),
    ([3, 4], "up"), ([4, 3], "down"), ([4, 4], "flat"),
    ([3, 4, 4], "up"),  # mean before 3.5, latest 4: exactly +0.5 counts as up
    ([4, 5, 4], "down"),  # mean before 4.5, latest 4: exactly -0.5 counts as down
    ([3, 4, 4, 4], "flat"),  # mean before 3.67: +0.33 is flat
    ([1, 5, 5, 5, 5], "flat"),  # only the 3 scores before the latest count: the 1 is out of the window
    ([5, 1, 1, 1, 2], "up"),
])
def test_trend_compares_the_latest_with_the_mean_of_up_to_three_before(scores: list[int],
                                                                        expected: str | None) -> None:
    assert trend(scores) == expected


def test_summary_has_latest_count_average_and_trend() -> None:
    assert summarize([]) is None
    assert summarize([4]) == FeedbackSummary(latest=4, count=1, average=4.0, trend=None)
    assert summarize([4, 2]) == FeedbackSummary(latest=2, count=2, average=3.0, trend="down")


def test_scores_are_one_to_five() -> None:
    assert [n for n in range(-1, 8) if is_score(n)] == [1, 2, 3, 4, 5]


def test_status_moves_forward_only() -> None:
    assert can_move("open", "in_progress") and can_move("open", "resolved") and can_move("in_progress", "resolved")
    assert not can_move("in_progress", "open")
    assert not any(can_move("resolved", s) for s in ("open", "in_progress", "resolved"))
    assert not can_move("open", "open") and not can_move("bogus", "resolved") and not can_move("open", "bogus")
    assert sources_of(ComplaintStatus.RESOLVED) == {"open", "in_progress"}
    assert sources_of(ComplaintStatus.IN_PROGRESS) == {"open"}
    assert sources_of(ComplaintStatus.OPEN) == frozenset()


def test_card_line_shows_score_trend_and_count() -> None:
    assert feedback_line(FeedbackSummary(4, 3, 3.67, "up"), "zh") == "满意度 4/5 ↑（共 3 次）"
    assert feedback_line(FeedbackSummary(2, 2, 3.0, "down"), "en") == "Satisfaction 2/5 ↓ (2 in total)"
    assert feedback_line(FeedbackSummary(5, 1, 5.0, None), "zh") == "满意度 5/5（共 1 次）"
