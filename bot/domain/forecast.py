"""The funnel forecast (销售漏斗预测): Σ amount × probability, and the same by stage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bot.domain.enums import Stage
from bot.domain.stages import STAGE_RULES


@dataclass(frozen=True)
class DealFigures:
    """The plain numbers of a deal the forecast needs."""

    stage: Stage
    amount_cents: int
    probability: int  # percent


@dataclass(frozen=True)
class StageLine:
    stage: Stage
    count: int
    amount_cents: int
    weighted_cents: int


@dataclass(frozen=True)
class Forecast:
    lines: tuple[StageLine, ...]
    total_cents: int
    weighted_cents: int


def weighted_cents(amount_cents: int, probability: int) -> int:
    """amount × probability, rounded half up to whole cents."""
    value = Decimal(amount_cents) * Decimal(probability) / Decimal(100)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def forecast(deals: Iterable[DealFigures]) -> Forecast:
    """Weighted forecast over deals, with one line per stage in funnel order."""
    buckets: dict[Stage, list[int]] = {stage: [0, 0, 0] for stage in Stage}
    for deal in deals:
        bucket = buckets[deal.stage]
        bucket[0] += 1
        bucket[1] += deal.amount_cents
        bucket[2] += weighted_cents(deal.amount_cents, deal.probability)
    ordered = sorted(Stage, key=lambda s: STAGE_RULES[s].order)
    lines = tuple(StageLine(s, *buckets[s]) for s in ordered)
    open_lines = [line for line in lines if line.stage not in (Stage.LOST,)]
    return Forecast(
        lines=lines,
        total_cents=sum(line.amount_cents for line in open_lines),
        weighted_cents=sum(line.weighted_cents for line in open_lines),
    )
