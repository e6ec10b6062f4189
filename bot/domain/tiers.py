"""Priority tiers (客户分层) from urgency × likelihood, and the follow-up cadence per tier."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from bot.domain.enums import Tier

DEFAULT_CADENCE_DAYS: Mapping[Tier, int] = {Tier.A: 7, Tier.B: 14, Tier.C: 30, Tier.D: 90}


def classify(*, months_to_purchase: int | None, likelihood: int | None) -> Tier:
    """Tier from when the customer will buy (months, None = no plan) and the likelihood in percent.

    A: buys within 1 month and likelihood ≥ 70%. B: buys in 2–3 months and likelihood 40–70%.
    D: no clear need or no plan. C: everything else (later than 3 months, or likelihood < 40%).
    """
    if months_to_purchase is None or likelihood is None:
        return Tier.D
    if months_to_purchase <= 1 and likelihood >= 70:
        return Tier.A
    if months_to_purchase <= 3 and likelihood >= 40:
        return Tier.B
    return Tier.C


def cadence(tier: Tier, overrides: Mapping[str, int] | None = None) -> timedelta:
    """How often a customer of `tier` should be touched."""
    days = (overrides or {}).get(tier.value, DEFAULT_CADENCE_DAYS[tier])
    return timedelta(days=days)


def next_touch_due(tier: Tier, last_contact: datetime | None, *, now: datetime,
                   overrides: Mapping[str, int] | None = None) -> datetime:
    """When the customer is next due for a touch; `now` when never contacted."""
    if last_contact is None:
        return now
    return last_contact + cadence(tier, overrides)


def is_overdue(tier: Tier, last_contact: datetime | None, *, now: datetime,
               overrides: Mapping[str, int] | None = None) -> bool:
    """True when the customer has not been touched within the tier's cadence."""
    return next_touch_due(tier, last_contact, now=now, overrides=overrides) <= now
