"""Satisfaction feedback (满意度评分): a 1–5 score with an optional comment, and the customer's summary."""

from __future__ import annotations

from datetime import datetime

from bot.domain.feedback import MAX_TEXT, FeedbackSummary, is_score, summarize
from bot.domain.records import UserRecord
from bot.services.customers import get_visible
from bot.services.errors import ServiceError
from bot.services.ports import UnitOfWork

__all__ = ["BadScore", "FeedbackSummary", "feedback_summary", "record_feedback"]


class BadScore(ServiceError):
    key = "complaint.bad_score"


class CommentTooLong(ServiceError):
    key = "complaint.bad_text"


async def record_feedback(uow: UnitOfWork, user: UserRecord, customer_id: int, score: int, comment: str | None, *,
                          now: datetime) -> FeedbackSummary:
    """Save a score (and comment) on a visible customer; returns the customer's summary including it."""
    if not is_score(score):
        raise BadScore()
    text = (comment or "").strip()
    if len(text) > MAX_TEXT:
        raise CommentTooLong(limit=MAX_TEXT)
    await get_visible(uow, user, customer_id)
    async with uow:
        await uow.complaints.add_feedback(customer_id=customer_id, score=score, comment=text, created_by=user.id,
                                          now=now)
        await uow.commit()
    summary = await feedback_summary(uow, customer_id)
    assert summary is not None
    return summary


async def feedback_summary(uow: UnitOfWork, customer_id: int) -> FeedbackSummary | None:
    """Latest score, count, average and trend of the customer's satisfaction scores; None without any."""
    async with uow:
        return summarize(await uow.complaints.scores(customer_id))
