"""The follow-up engine's tick: find what is due and write one notification row per (user, kind, object,
day or slot) in the same transaction. Delivery is the outbox's job (bot/scheduler/outbox.py).

Once per user and working day, when the morning reminder falls due (at the user's reminder time, inside
their window; after downtime, as soon as the bot is back that day): the morning reminder with the customers
overdue on cadence at that moment, the Monday stage review, escalations, milestones due tomorrow and
complaints open beyond 3 days. Every tick: due reminders (N minutes before a next action) and after-meeting
prompts (a planned step passed by the team's delay with nothing logged). Every `sweep_minutes`: customers
that fell overdue later in the day, nudged once each. Nothing is written twice: the keys are unique.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain import followups as rules
from bot.domain.deals import REVIEW_AFTER
from bot.domain.followup_records import Recipient
from bot.domain.followup_settings import TeamRules
from bot.domain.notifications import NewNotification
from bot.services.ports import UnitOfWork

MAX_LEAD = timedelta(hours=2)  # due reminders are looked for this far ahead (the largest lead offered)
SWEEP_MINUTES = 10


@dataclass
class TickPlan:
    rows: list[NewNotification]
    morning: int = 0
    cadence: int = 0
    due: int = 0
    after: int = 0
    escalations: int = 0
    reviews: int = 0
    milestones: int = 0
    complaints: int = 0


async def tick(uow: UnitOfWork, *, now: datetime, defaults: Mapping[str, int],
               sweep_minutes: int = SWEEP_MINUTES) -> TickPlan:
    """Decide what is due now and write it (idempotently); returns what was found due."""
    async with uow:
        people = await uow.followups.recipients()
        teams = await uow.followups.team_rules(defaults)
        plan = TickPlan([])
        await _mornings(uow, plan, people, teams, dict(defaults), now)
        await _due_steps(uow, plan, people, teams, dict(defaults), now)
        if sweep_minutes <= 1 or now.minute % sweep_minutes == 0:
            await _late_cadence(uow, plan, people, teams, dict(defaults), now)
        await uow.notifications.add_missing(plan.rows, now=now)
        await uow.commit()
    return plan


def _rules_of(person: Recipient, teams: Mapping[int, TeamRules], defaults: dict[str, int]) -> TeamRules:
    return teams.get(person.team_id or 0) or TeamRules(person.team_id, defaults)


Overdue = tuple[int, int, str, datetime | None]  # customer id, owner, tier, last touch (escalation candidates)
LADDER = {tier: steps[0] for tier, steps in rules.ESCALATION_DAYS.items()}


async def _overdue_by_owner(uow: UnitOfWork, people: Sequence[Recipient], teams: Mapping[int, TeamRules],
                            defaults: dict[str, int], now: datetime) -> dict[int, list[Overdue]]:
    """Overdue customers of these people, one query per distinct cadence table."""
    groups: dict[tuple[tuple[str, int], ...], list[int]] = defaultdict(list)
    for person in people:
        groups[tuple(sorted(_rules_of(person, teams, defaults).cadence.items()))].append(person.user_id)
    found: dict[int, list[Overdue]] = defaultdict(list)
    for cadence, owner_ids in groups.items():
        for customer in await uow.followups.overdue_keys(owner_ids, dict(cadence), now=now, ladder=LADDER):
            found[customer[1]].append(customer)
    return found


async def _mornings(uow: UnitOfWork, plan: TickPlan, people: Sequence[Recipient], teams: Mapping[int, TeamRules],
                    defaults: dict[str, int], now: datetime) -> None:
    due = {rules.morning_key(p.user_id, p.window.today(now)): p for p in people if p.window.morning_due(now)}
    if not due:
        return
    present = await uow.followups.statuses(list(due))
    fresh = [p for key, p in due.items() if key not in present]
    if not fresh:
        return
    overdue = await _overdue_by_owner(uow, fresh, teams, defaults, now)
    by_id = {p.user_id: p for p in people}
    managers = await uow.followups.managers_of({p.team_id for p in fresh if p.team_id is not None})
    mondays = [p.user_id for p in fresh if p.window.today(now).isoweekday() == 1]
    stale = await uow.followups.owners_with_stale_deals(mondays, reviewed_before=now - REVIEW_AFTER)
    for person in fresh:
        day = person.window.today(now)
        mine = overdue.get(person.user_id, [])
        plan.rows.append(NewNotification(rules.morning_key(person.user_id, day), person.user_id, "morning", now,
                                          day=day, payload={"overdue": [c[0] for c in mine]}))
        plan.morning += 1
        if person.user_id in stale:
            plan.rows.append(NewNotification(rules.review_key(person.user_id, day), person.user_id, "review", now,
                                              day=day))
            plan.reviews += 1
        team = _rules_of(person, teams, defaults)
        if team.escalation:
            _escalate(plan, person, mine, team, managers.get(person.team_id or 0, []), by_id, now)
    await _morning_extras(uow, plan, fresh, now)


def _escalate(plan: TickPlan, rep: Recipient, overdue: Sequence[Overdue], team: TeamRules,
              managers: Sequence[int], people: Mapping[int, Recipient], now: datetime) -> None:
    for customer_id, _, tier, touch in overdue:
        if touch is None:  # not on the ladder yet (or C/D, which never escalate)
            continue
        days = rules.days_overdue(touch, team.cadence[tier], now)
        step = rules.escalation(tier, days)
        if step is None:
            continue
        since = (touch + timedelta(days=team.cadence[tier])).date()
        targets = ([rep.user_id] if step.to_rep else []) + (list(managers) if step.to_manager else [])
        for target in targets:
            who = people.get(target)
            if who is None:
                continue
            plan.rows.append(NewNotification(
                rules.escalation_key(customer_id, since, step.level, target), target, f"escalation{step.level}",
                who.window.next_open(now), object_id=customer_id, day=since,
                payload={"days": days, "rep": rep.user_id, "rep_name": rep.name, "tier": tier,
                         "manager": target != rep.user_id}))
            plan.escalations += 1


async def _morning_extras(uow: UnitOfWork, plan: TickPlan, fresh: Sequence[Recipient], now: datetime) -> None:
    """Milestones due tomorrow and complaints open beyond 3 days, once a day with the morning."""
    ids = {p.user_id: p for p in fresh}
    tomorrow = {p.user_id: p.window.today(now) + timedelta(days=1) for p in fresh}
    for milestone in await uow.followups.milestones_due(set(tomorrow.values())):
        person = ids.get(milestone.owner_id)
        if person is not None and tomorrow[person.user_id] == milestone.due_on:
            plan.rows.append(NewNotification(rules.milestone_key(milestone.id, milestone.due_on), person.user_id,
                                              "milestone", now, object_id=milestone.id, day=milestone.due_on))
            plan.milestones += 1
    cut = now - timedelta(days=rules.COMPLAINT_OPEN_DAYS)
    for complaint in await uow.followups.complaints_open(cut, list(ids)):
        person = ids[complaint.recipient_id]
        day = person.window.today(now)
        plan.rows.append(NewNotification(rules.complaint_key(complaint.id, day), person.user_id, "complaint", now,
                                          object_id=complaint.id, day=day))
        plan.complaints += 1


async def _due_steps(uow: UnitOfWork, plan: TickPlan, people: Sequence[Recipient], teams: Mapping[int, TeamRules],
                     defaults: dict[str, int], now: datetime) -> None:
    """Due reminders ahead of next actions, and after-meeting prompts for the ones that passed unlogged."""
    by_id = {p.user_id: p for p in people}
    for action in await uow.followups.actions_due(now, now + MAX_LEAD):
        person = by_id.get(action.owner_id)
        if person is None or action.due_at - timedelta(minutes=person.lead_minutes) > now:
            continue
        plan.rows.append(NewNotification(rules.due_key(action.id, action.due_at), person.user_id, "due",
                                          person.window.next_open(now), object_id=action.id,
                                          day=person.window.today(action.due_at)))
        plan.due += 1
    delays = {p.user_id: timedelta(minutes=_rules_of(p, teams, defaults).after_meeting_minutes) for p in people}
    shortest = min(delays.values(), default=timedelta(hours=1))
    for action in await uow.followups.actions_due(now - rules.AFTER_MEETING_WINDOW,
                                                  now - shortest + timedelta(seconds=1), unlogged_since_due=True):
        person = by_id.get(action.owner_id)
        if person is None or action.due_at + delays[person.user_id] > now:
            continue
        plan.rows.append(NewNotification(rules.after_key(action.id, action.due_at), person.user_id, "after",
                                          person.window.next_open(now), object_id=action.id,
                                          day=person.window.today(action.due_at)))
        plan.after += 1


async def _late_cadence(uow: UnitOfWork, plan: TickPlan, people: Sequence[Recipient],
                        teams: Mapping[int, TeamRules], defaults: dict[str, int], now: datetime) -> None:
    """Customers that fell overdue after this morning's reminder: one nudge each, today only."""
    open_now = [p for p in people if p.window.is_open(now)]
    mornings = await uow.followups.morning_payloads([rules.morning_key(p.user_id, p.window.today(now))
                                                     for p in open_now])
    done = [p for p in open_now if rules.morning_key(p.user_id, p.window.today(now)) in mornings]
    if not done:
        return
    overdue = await _overdue_by_owner(uow, done, teams, defaults, now)
    candidates: dict[str, tuple[Recipient, Overdue]] = {}
    for person in done:
        day = person.window.today(now)
        listed = set(mornings[rules.morning_key(person.user_id, day)])
        for customer in overdue.get(person.user_id, []):
            if customer[0] not in listed:
                candidates[rules.cadence_key(customer[0], day)] = (person, customer)
    present = await uow.followups.statuses(list(candidates))
    for key, (person, customer) in candidates.items():
        if key not in present:
            plan.rows.append(NewNotification(key, person.user_id, "cadence", now, object_id=customer[0],
                                              day=person.window.today(now), payload={"tier": customer[2]}))
            plan.cadence += 1
