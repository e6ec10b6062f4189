"""Complaints (客户投诉) and satisfaction scores (满意度评分): severities, statuses, the score trend.

Trend rule: compare the latest score with the mean of up to 3 scores before it. A difference of at
least 0.5 points is "up" or "down", anything smaller is "flat"; with a single score there is no trend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Severity(StrEnum):
    LOW = "low"  # 低
    NORMAL = "normal"  # 一般
    HIGH = "high"  # 高


class ComplaintStatus(StrEnum):
    OPEN = "open"  # 待处理
    IN_PROGRESS = "in_progress"  # 处理中
    RESOLVED = "resolved"  # 已解决


# Forward only: a resolved complaint is never reopened here (a new complaint is recorded instead).
TRANSITIONS: dict[ComplaintStatus, frozenset[ComplaintStatus]] = {
    ComplaintStatus.OPEN: frozenset({ComplaintStatus.IN_PROGRESS, ComplaintStatus.RESOLVED}),
    ComplaintStatus.IN_PROGRESS: frozenset({ComplaintStatus.RESOLVED}),
    ComplaintStatus.RESOLVED: frozenset(),
}

SEVERITY_RANK = {Severity.HIGH.value: 0, Severity.NORMAL.value: 1, Severity.LOW.value: 2}
MIN_SCORE, MAX_SCORE = 1, 5
MIN_TEXT, MAX_TEXT = 2, 2000
TREND_WINDOW = 3  # scores before the latest that the trend compares with
TREND_STEP = 0.5  # the smallest difference that counts as a change


def can_move(current: str, target: str) -> bool:
    """Whether a complaint in status `current` may move to `target`."""
    try:
        return ComplaintStatus(target) in TRANSITIONS[ComplaintStatus(current)]
    except ValueError:
        return False


def sources_of(target: ComplaintStatus) -> frozenset[str]:
    """The statuses from which a complaint may move to `target` (for a conditional update)."""
    return frozenset(s.value for s, allowed in TRANSITIONS.items() if target in allowed)


def is_score(value: int) -> bool:
    """A satisfaction score on the 1–5 scale."""
    return MIN_SCORE <= value <= MAX_SCORE


def trend(scores: Sequence[int]) -> str | None:
    """'up', 'down' or 'flat' for scores oldest first (see the module docstring); None with fewer than 2."""
    if len(scores) < 2:
        return None
    before = scores[-1 - TREND_WINDOW:-1]
    difference = scores[-1] - sum(before) / len(before)
    if difference >= TREND_STEP:
        return "up"
    if difference <= -TREND_STEP:
        return "down"
    return "flat"


@dataclass(frozen=True)
class FeedbackSummary:
    latest: int
    count: int
    average: float
    trend: str | None


def summarize(scores: Sequence[int]) -> FeedbackSummary | None:
    """The card's satisfaction line from all scores of a customer, oldest first; None without any."""
    if not scores:
        return None
    return FeedbackSummary(latest=scores[-1], count=len(scores), average=round(sum(scores) / len(scores), 2),
                           trend=trend(scores))


@dataclass(frozen=True)
class ComplaintRecord:
    id: int
    customer_id: int
    customer_name: str
    owner_id: int
    content: str
    severity: str | None
    handler_id: int | None
    handler_name: str | None
    status: str
    resolution: str | None
    received_at: datetime
    resolved_at: datetime | None
    created_by_name: str | None
