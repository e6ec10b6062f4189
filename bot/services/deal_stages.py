"""Moving a deal through the funnel: stage, probability, close date, won with a contract, lost with a
reason, reopen and "confirm stage". Every change checks the deal's version (someone else may just have
moved it), records a stage change and recomputes the tiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.domain.deals import MAX_COMPETITOR, DealRecord, LostReason
from bot.domain.enums import Stage
from bot.domain.records import UserRecord
from bot.domain.stages import OPEN_STAGES, STAGE_RULES, ProbabilityOutOfRange, check_probability
from bot.services.customer_file import clean_reason
from bot.services.deal_access import DealNotFound, changeable_deal
from bot.services.deal_tiers import local_today, retier_customer, tier_for
from bot.services.deals import MAX_CENTS, BadAmount
from bot.services.errors import ServiceError
from bot.services.ports import UnitOfWork

MAX_NUMBER = 64
MAX_SIGNER = 100
MAX_SUMMARY = 2000


class StageConflict(ServiceError):
    """Someone changed the deal after this button was shown; params: stage, probability (current)."""

    key = "deal.conflict"


class DealClosed(ServiceError):
    key = "deal.closed"


class SameStage(ServiceError):
    key = "deal.same_stage"


class ProbabilityRefused(ServiceError):
    """params: probability, stage, low, high."""

    key = "deal.probability_range"


class NotLost(ServiceError):
    key = "deal.not_lost"


class ContractNumberTaken(ServiceError):
    key = "deal.contract_taken"


class BadContract(ServiceError):
    """params: field."""

    key = "deal.contract_bad"


@dataclass(frozen=True)
class ContractInput:
    number: str
    amount_cents: int
    signed_on: date
    signer: str
    summary: str | None = None


async def _apply(uow: UnitOfWork, user: UserRecord, deal: DealRecord, version: int, *, stage: str,
                 probability: int, now: datetime, note: str | None, cause: str,
                 extra: dict[str, Any] | None = None) -> DealRecord:
    """Write one change of a deal (inside a block): version check, stage change row, tiers."""
    values: dict[str, Any] = {"stage": stage, "probability": probability, **(extra or {})}
    close = values.get("expected_close", deal.expected_close)
    tier = tier_for(stage=stage, probability=probability, close=close, today=local_today(user, now),
                    current=deal.tier)
    values["tier"] = tier
    if stage != deal.stage:
        values["stage_reviewed_at"] = now
    if not await uow.deals.update_if_version(deal.id, version, values, now=now):
        current = await uow.deals.get(deal.id)
        if current is None:
            raise DealNotFound()
        raise StageConflict(stage=current.stage, probability=current.probability)
    if stage != deal.stage or probability != deal.probability:
        await uow.deals.add_stage_change(deal_id=deal.id, from_stage=deal.stage, to_stage=stage,
                                         from_probability=deal.probability, to_probability=probability,
                                         user_id=user.id, now=now, note=note)
    if tier != deal.tier:
        await uow.deals.add_tier_change(customer_id=deal.customer_id, deal_id=deal.id, from_tier=deal.tier,
                                        to_tier=tier, cause=cause, reason=None, user_id=user.id, now=now)
    await retier_customer(uow, deal.customer_id, cause=cause, user_id=user.id, now=now)
    await uow.commit()
    after = await uow.deals.get(deal.id)
    assert after is not None
    return after


async def change_stage(uow: UnitOfWork, user: UserRecord, deal_id: int, *, version: int, stage: Stage,
                       now: datetime) -> DealRecord:
    """Move an open deal to another open stage, at that stage's default probability."""
    deal = await changeable_deal(uow, user, deal_id)
    if stage not in OPEN_STAGES or not deal.is_open:
        raise DealClosed(stage=deal.stage)
    if stage.value == deal.stage:
        raise SameStage(stage=deal.stage)
    async with uow:
        return await _apply(uow, user, deal, version, stage=stage.value,
                            probability=STAGE_RULES[stage].default, now=now, note=None, cause="stage")


async def set_probability(uow: UnitOfWork, user: UserRecord, deal_id: int, *, version: int, probability: int,
                          now: datetime) -> DealRecord:
    """Another probability, only inside the stage's range."""
    deal = await changeable_deal(uow, user, deal_id)
    if not deal.is_open:
        raise DealClosed(stage=deal.stage)
    try:
        check_probability(Stage(deal.stage), probability)
    except ProbabilityOutOfRange as exc:
        raise ProbabilityRefused(probability=probability, stage=deal.stage, low=exc.low, high=exc.high) from None
    async with uow:
        return await _apply(uow, user, deal, version, stage=deal.stage, probability=probability, now=now,
                            note=None, cause="probability")


async def set_close(uow: UnitOfWork, user: UserRecord, deal_id: int, *, version: int, close: date,
                    now: datetime) -> DealRecord:
    """A new expected close date (the tier follows)."""
    deal = await changeable_deal(uow, user, deal_id)
    if not deal.is_open:
        raise DealClosed(stage=deal.stage)
    async with uow:
        await uow.changes.add(entity="deal", entity_id=deal.id, field="expected_close",
                              old=deal.expected_close.isoformat() if deal.expected_close else None,
                              new=close.isoformat(), reason=None, user_id=user.id, now=now)
        return await _apply(uow, user, deal, version, stage=deal.stage, probability=deal.probability, now=now,
                            note=None, cause="close", extra={"expected_close": close})


def clean_contract(contract: ContractInput, *, today: date) -> ContractInput:
    """The contract as stored; BadContract names the field that can't be used."""
    number = " ".join(contract.number.split())
    signer = " ".join(contract.signer.split())
    summary = (contract.summary or "").strip() or None
    if not 2 <= len(number) <= MAX_NUMBER:
        raise BadContract(field="number")
    if not 0 < contract.amount_cents <= MAX_CENTS:
        raise BadAmount()
    if contract.signed_on > today:
        raise BadContract(field="signed_on")
    if not 1 <= len(signer) <= MAX_SIGNER:
        raise BadContract(field="signer")
    if summary is not None and len(summary) > MAX_SUMMARY:
        raise BadContract(field="summary")
    return ContractInput(number, contract.amount_cents, contract.signed_on, signer, summary)


async def win(uow: UnitOfWork, user: UserRecord, deal_id: int, *, version: int, contract: ContractInput,
              now: datetime) -> DealRecord:
    """成交: the contract is recorded and the deal is won (it counts once payment arrives)."""
    deal = await changeable_deal(uow, user, deal_id)
    if not deal.is_open:
        raise DealClosed(stage=deal.stage)
    signed = clean_contract(contract, today=local_today(user, now))
    async with uow:
        if await uow.contracts.number_taken(signed.number):
            raise ContractNumberTaken(number=signed.number)
        await uow.contracts.add(deal_id=deal.id, customer_id=deal.customer_id, number=signed.number,
                                amount_cents=signed.amount_cents, currency=deal.currency, signed_on=signed.signed_on,
                                signer=signed.signer, summary=signed.summary, user_id=user.id, now=now)
        return await _apply(uow, user, deal, version, stage=Stage.WON.value, probability=100, now=now,
                            note=signed.number, cause="stage")


async def lose(uow: UnitOfWork, user: UserRecord, deal_id: int, *, version: int, reason: LostReason,
               text: str | None, competitor: str | None, now: datetime) -> DealRecord:
    """暂停/丢单 with a reason from the list (and words for "other"), optionally the competitor."""
    deal = await changeable_deal(uow, user, deal_id)
    if not deal.is_open:
        raise DealClosed(stage=deal.stage)
    words = clean_reason(text or "") if reason is LostReason.OTHER or text else None
    rival = " ".join((competitor or "").split())[:MAX_COMPETITOR] or None
    note = " · ".join(p for p in (reason.value, rival, words) if p)
    async with uow:
        return await _apply(uow, user, deal, version, stage=Stage.LOST.value, probability=0, now=now, note=note,
                            cause="stage", extra={"lost_reason_code": reason.value, "lost_reason": words,
                                                  "competitor": rival})


async def reopen(uow: UnitOfWork, user: UserRecord, deal_id: int, *, version: int, now: datetime) -> DealRecord:
    """A lost deal comes back at the stage it was lost from (lead when unknown); recorded as reopened."""
    deal = await changeable_deal(uow, user, deal_id)
    if deal.stage != Stage.LOST:
        raise NotLost()
    async with uow:
        before = await uow.deals.stage_before_lost(deal.id)
        stage = Stage(before) if before in {s.value for s in OPEN_STAGES} else Stage.LEAD
        return await _apply(uow, user, deal, version, stage=stage.value, probability=STAGE_RULES[stage].default,
                            now=now, note="reopened", cause="stage",
                            extra={"lost_reason_code": None, "lost_reason": None, "competitor": None})


async def confirm_stage(uow: UnitOfWork, user: UserRecord, deal_id: int, *, now: datetime) -> DealRecord:
    """The weekly review: the stage still holds; the review mark goes and nothing else changes."""
    deal = await changeable_deal(uow, user, deal_id)
    if not deal.is_open:
        raise DealClosed(stage=deal.stage)
    async with uow:
        await uow.deals.mark_reviewed(deal.id, now=now)
        await uow.commit()
        after = await uow.deals.get(deal.id)
    assert after is not None
    return after
