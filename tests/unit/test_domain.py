"""The pure domain core: stages, tiers and cadence, the forecast, customer codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.codes import code_prefix, customer_code, industry_abbreviation, parse_code
from bot.domain.enums import Role, Stage, Tier
from bot.domain.forecast import DealFigures, forecast, weighted_cents
from bot.domain.roles import can_invite, commands_for
from bot.domain.stages import ProbabilityOutOfRange, check_probability, default_probability, is_open
from bot.domain.tiers import cadence, classify, is_overdue, next_touch_due

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(("stage", "default"), [
    (Stage.LEAD, 20), (Stage.QUALIFIED, 40), (Stage.PROPOSAL, 65), (Stage.NEGOTIATION, 85),
    (Stage.WON, 100), (Stage.LOST, 0),
])
def test_each_stage_has_a_default_inside_its_range(stage: Stage, default: int) -> None:
    assert default_probability(stage) == default
    assert check_probability(stage, None) == default


@pytest.mark.parametrize(("stage", "ok", "bad"), [
    (Stage.LEAD, [10, 30], [9, 31]), (Stage.QUALIFIED, [30, 50], [29, 51]),
    (Stage.PROPOSAL, [50, 80], [49, 81]), (Stage.NEGOTIATION, [80, 95], [79, 96]),
    (Stage.WON, [100], [99]), (Stage.LOST, [0], [1]),
])
def test_probability_must_stay_inside_the_stage_range(stage: Stage, ok: list[int], bad: list[int]) -> None:
    for value in ok:
        assert check_probability(stage, value) == value
    for value in bad:
        with pytest.raises(ProbabilityOutOfRange) as info:
            check_probability(stage, value)
        assert info.value.stage is stage


def test_open_stages() -> None:
    assert is_open(Stage.NEGOTIATION) and not is_open(Stage.WON) and not is_open(Stage.LOST)


@pytest.mark.parametrize(("months", "likelihood", "tier"), [
    (1, 70, Tier.A), (0, 95, Tier.A), (1, 69, Tier.B), (2, 40, Tier.B), (3, 70, Tier.B),
    (3, 39, Tier.C), (4, 90, Tier.C), (12, 10, Tier.C), (None, 80, Tier.D), (2, None, Tier.D),
])
def test_tier_rule(months: int | None, likelihood: int | None, tier: Tier) -> None:
    assert classify(months_to_purchase=months, likelihood=likelihood) is tier


def test_cadence_defaults_and_overrides() -> None:
    assert [cadence(t).days for t in Tier] == [7, 14, 30, 90]
    assert cadence(Tier.A, {"A": 5}).days == 5
    assert cadence(Tier.B, {"A": 5}).days == 14


def test_overdue_against_cadence_with_frozen_now() -> None:
    last = NOW - timedelta(days=7)
    assert next_touch_due(Tier.A, last, now=NOW) == NOW
    assert is_overdue(Tier.A, last, now=NOW)
    assert not is_overdue(Tier.B, last, now=NOW)
    assert is_overdue(Tier.D, None, now=NOW)
    assert not is_overdue(Tier.A, last + timedelta(seconds=1), now=NOW)


def test_weighted_forecast_is_exact_and_grouped_by_stage() -> None:
    deals = [
        DealFigures(Stage.LEAD, 100_000_00, 20),
        DealFigures(Stage.LEAD, 50_000_00, 10),
        DealFigures(Stage.NEGOTIATION, 333_333, 85),
        DealFigures(Stage.WON, 10_000_00, 100),
        DealFigures(Stage.LOST, 99_999_00, 0),
    ]
    result = forecast(deals)
    lead = next(line for line in result.lines if line.stage is Stage.LEAD)
    assert (lead.count, lead.amount_cents, lead.weighted_cents) == (2, 150_000_00, 25_000_00)
    assert weighted_cents(333_333, 85) == 283_333  # 283,333.05 rounds half up to whole cents
    assert result.weighted_cents == 25_000_00 + 283_333 + 10_000_00
    assert result.total_cents == 150_000_00 + 333_333 + 10_000_00
    assert [line.stage for line in result.lines][:4] == [Stage.LEAD, Stage.QUALIFIED, Stage.PROPOSAL,
                                                         Stage.NEGOTIATION]


def test_forecast_of_nothing_is_zero() -> None:
    assert forecast([]).weighted_cents == 0


def test_customer_codes() -> None:
    assert customer_code("IT", 2026, 1) == "IT2026001"
    assert customer_code("education", 2026, 42) == "ED2026042"
    assert customer_code("unknown-industry", 2026, 1000) == "OT20261000"
    assert code_prefix("it", 2026) == "IT2026"
    assert industry_abbreviation("Logistics") == "LG"
    assert parse_code("it2026001") == ("IT", 2026, 1)
    assert parse_code("hello") is None
    with pytest.raises(ValueError):
        customer_code("IT", 2026, 0)


def test_roles() -> None:
    assert "invite" in commands_for(Role.MANAGER) and "invite" not in commands_for(Role.REP)
    assert can_invite(Role.ADMIN, Role.MANAGER) and can_invite(Role.MANAGER, Role.REP)
    assert not can_invite(Role.REP, Role.REP) and not can_invite(Role.MANAGER, Role.ADMIN)
