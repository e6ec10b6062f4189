"""What the follow-up engine sends and when: idempotency keys, the escalation ladder, staleness.

Keys make each notification unique: one morning reminder per user and local day, one cadence nudge per
customer and day, one due reminder per next action and due time (a rescheduled step gets a new one), one
after-meeting prompt per next action and due time, one escalation per customer, overdue episode, level and
recipient, one stage review per user and Monday, one reminder per milestone and due date, one per open
complaint and day.

Escalation (A and B tiers only, and only when the team has it on): days overdue on cadence
A: 3 → the rep; 5 → the rep and the manager; 7 → the manager (with "nudge rep" and "reassign").
B: the same steps at 6, 10 and 14 days. C and D never escalate. Only the highest level reached is sent,
so after downtime nobody gets the lower rungs late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

ESCALATION_DAYS = {"A": (3, 5, 7), "B": (6, 10, 14)}
STALE_AFTER = timedelta(minutes=15)  # a nudge still unsent after this is merged into "while I was away"
AFTER_MEETING_WINDOW = timedelta(hours=24)  # older planned meetings are not asked about any more
COMPLAINT_OPEN_DAYS = 3
NUDGE_KINDS = ("cadence", "due", "after")


def morning_key(user_id: int, day: date) -> str:
    return f"morning:{user_id}:{day.isoformat()}"


def cadence_key(customer_id: int, day: date) -> str:
    return f"cadence:{customer_id}:{day.isoformat()}"


def due_key(action_id: int, due_at: datetime) -> str:
    return f"due:{action_id}:{due_at:%Y%m%dT%H%M}"


def after_key(action_id: int, due_at: datetime) -> str:
    return f"after:{action_id}:{due_at:%Y%m%dT%H%M}"


def escalation_key(customer_id: int, since: date, level: int, recipient_id: int) -> str:
    return f"esc{level}:{customer_id}:{since.isoformat()}:{recipient_id}"


def review_key(user_id: int, day: date) -> str:
    return f"review:{user_id}:{day.isoformat()}"


def milestone_key(milestone_id: int, due_on: date) -> str:
    return f"milestone:{milestone_id}:{due_on.isoformat()}"


def complaint_key(complaint_id: int, day: date) -> str:
    return f"complaint:{complaint_id}:{day.isoformat()}"


@dataclass(frozen=True)
class Escalation:
    level: int  # 1, 2 or 3
    to_rep: bool
    to_manager: bool


def escalation(tier: str, days_overdue: int) -> Escalation | None:
    """The highest rung of the ladder reached after `days_overdue` whole days; None below the first."""
    steps = ESCALATION_DAYS.get(tier)
    if steps is None:
        return None
    level = sum(1 for day in steps if days_overdue >= day)
    if level == 0:
        return None
    return Escalation(level, to_rep=level < 3, to_manager=level >= 2)


def days_overdue(last_touch: datetime, cadence_days: int, now: datetime) -> int:
    """Whole days since the customer fell due (last touch + cadence); negative when not yet due."""
    return (now - (last_touch + timedelta(days=cadence_days))) // timedelta(days=1)
