"""Lifecycle phase and active/dormant status derived from plain customer facts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.enums import CustomerStatus, Lifecycle
from bot.domain.lifecycle import CustomerFacts, Outcome, derive, derive_phase, derive_status

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
CREATED = NOW - timedelta(days=365)


def facts(stages: tuple[str, ...] = (), outcome: Outcome | None = None, *,
          last_contact: datetime | None = NOW, created: datetime = CREATED, cadence: int = 14) -> CustomerFacts:
    return CustomerFacts(last_contact_at=last_contact, created_at=created, deal_stages=stages,
                         last_deal_outcome=outcome, cadence_days=cadence)


@pytest.mark.parametrize(("stages", "outcome", "phase"), [
    ((), None, Lifecycle.ACQUISITION),  # no deals yet
    (("lead",), None, Lifecycle.ACQUISITION),
    (("lead", "lead"), None, Lifecycle.ACQUISITION),
    (("qualified",), None, Lifecycle.CULTIVATION),
    (("lead", "proposal"), None, Lifecycle.CULTIVATION),
    (("negotiation",), None, Lifecycle.CULTIVATION),
    (("won",), "won", Lifecycle.RETENTION),
    (("won", "lead"), "won", Lifecycle.RETENTION),  # a won customer with a new lead
    (("won", "negotiation"), "won", Lifecycle.RETENTION),  # retention wins over cultivation
    (("lost", "won"), "won", Lifecycle.RETENTION),  # lost once, then won
    (("lost",), "lost", Lifecycle.WINBACK),
    (("won", "lost"), "lost", Lifecycle.WINBACK),  # the last closed deal was lost
    (("lost", "lead"), "lost", Lifecycle.ACQUISITION),  # re-acquiring: a new lead is open
    (("won", "lost", "lead"), "lost", Lifecycle.ACQUISITION),
    (("lost", "qualified"), "lost", Lifecycle.CULTIVATION),  # a new deal past the lead stage
    (("lost",), None, Lifecycle.ACQUISITION),  # no outcome recorded: the facts decide
])
def test_phase(stages: tuple[str, ...], outcome: Outcome | None, phase: Lifecycle) -> None:
    assert derive_phase(facts(stages, outcome)) is phase


@pytest.mark.parametrize(("last_contact", "created", "cadence", "status"), [
    (NOW, CREATED, 14, CustomerStatus.ACTIVE),
    (NOW - timedelta(days=27), CREATED, 14, CustomerStatus.ACTIVE),
    (NOW - timedelta(days=28) + timedelta(seconds=1), CREATED, 14, CustomerStatus.ACTIVE),
    (NOW - timedelta(days=28), CREATED, 14, CustomerStatus.DORMANT),  # exactly 2 × cadence
    (NOW - timedelta(days=100), CREATED, 14, CustomerStatus.DORMANT),
    (NOW - timedelta(days=100), CREATED, 90, CustomerStatus.ACTIVE),  # tier D cadence is long
    (NOW - timedelta(days=14), CREATED, 7, CustomerStatus.DORMANT),
    (None, NOW - timedelta(days=10), 14, CustomerStatus.ACTIVE),  # never contacted: from creation
    (None, NOW - timedelta(days=28), 14, CustomerStatus.DORMANT),
    (None, NOW - timedelta(days=27, hours=23), 14, CustomerStatus.ACTIVE),
])
def test_status(last_contact: datetime | None, created: datetime, cadence: int,
                status: CustomerStatus) -> None:
    assert derive_status(facts(last_contact=last_contact, created=created, cadence=cadence), now=NOW) is status


def test_derive_returns_phase_and_status_independently() -> None:
    dormant_client = facts(("won",), "won", last_contact=NOW - timedelta(days=200), cadence=30)
    assert derive(dormant_client, now=NOW) == (Lifecycle.RETENTION, CustomerStatus.DORMANT)
    assert derive(facts(("qualified",)), now=NOW) == (Lifecycle.CULTIVATION, CustomerStatus.ACTIVE)


@pytest.mark.parametrize("cadence", [0, -7])
def test_cadence_must_be_positive(cadence: int) -> None:
    with pytest.raises(ValueError, match="cadence"):
        derive_status(facts(cadence=cadence), now=NOW)


def test_unknown_stage_is_refused() -> None:
    with pytest.raises(ValueError):
        derive_phase(facts(("closing",)))


def test_facts_are_frozen() -> None:
    f = facts()
    with pytest.raises(AttributeError):
        f.cadence_days = 3  # type: ignore[misc]
