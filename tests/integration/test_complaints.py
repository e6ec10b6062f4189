"""Complaint and feedback services against real SQLite and PostgreSQL: scope, escalation, status moves, scores."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.domain.enums import Role
from bot.domain.feedback import ComplaintStatus
from bot.domain.records import UserRecord
from bot.services import complaints, customers
from bot.services.complaints import feedback_summary, record_feedback
from bot.services.errors import NotAllowed
from bot.services.feedback import BadScore
from storage.migrate import upgrade_to_head
from tests.conftest import Database
from tests.e2e.seeding import unit_of_work


async def _people(database: Database, now: datetime) -> dict[str, UserRecord]:
    await upgrade_to_head(database.url, schema=database.schema)
    async with unit_of_work(database) as uow, uow:
        east = await uow.teams.get_or_create("East", now=now)
        west = await uow.teams.get_or_create("West", now=now)
        north = await uow.teams.get_or_create("North", now=now)
        made = {}
        for number, (key, role, team) in enumerate((
                ("admin", Role.ADMIN, None), ("boss", Role.MANAGER, east), ("li", Role.REP, east),
                ("zhao", Role.REP, east), ("west_boss", Role.MANAGER, west), ("tom", Role.REP, west),
                ("solo", Role.REP, north))):
            made[key] = await uow.users.add(telegram_id=9100 + number, name=key, username=None, role=role,
                                            team_id=team, timezone="Asia/Shanghai", language="en", now=now)
        await uow.commit()
    return made


async def test_high_complaint_escalates_to_the_team_manager_and_moves_forward_once(
        database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    li, boss, zhao = people["li"], people["boss"], people["zhao"]
    async with unit_of_work(database) as uow:
        acme = await customers.create(uow, li, "Acme Robotics", now=frozen_now)
        choices = await complaints.handler_choices(uow, li, acme.id)
        assert [c.name for c in choices] == ["li", "boss", "zhao"]  # owner first; never the West manager
        with pytest.raises(complaints.BadChoice):
            await complaints.record_complaint(uow, li, acme.id, content="late delivery", severity="high",
                                              handler_id=people["west_boss"].id, now=frozen_now)
        with pytest.raises(complaints.BadText):
            await complaints.record_complaint(uow, li, acme.id, content="x" * 2001, severity="high",
                                              handler_id=li.id, now=frozen_now)
        saved = await complaints.record_complaint(uow, li, acme.id, content="  late delivery  ", severity="high",
                                                  handler_id=li.id, now=frozen_now)
        assert [m.name for m in saved.notify] == ["boss"]
        record = saved.complaint
        assert (record.content, record.status, record.handler_name, record.created_by_name) == (
            "late delivery", "open", "li", "li")
        low = await complaints.record_complaint(uow, li, acme.id, content="rude driver", severity="low",
                                                handler_id=zhao.id, now=frozen_now + timedelta(hours=1))
        assert low.notify == ()

        # zhao handles the low one (and sees it) though the customer is li's; he does not see the high one.
        assert [c.id for c in await complaints.open_complaints(uow, zhao)] == [low.complaint.id]
        with pytest.raises(complaints.ComplaintNotFound):
            await complaints.get_complaint(uow, zhao, record.id)
        with pytest.raises(complaints.ComplaintNotFound):
            await complaints.get_complaint(uow, people["tom"], record.id)
        assert [c.id for c in await complaints.open_complaints(uow, boss)] == [record.id, low.complaint.id]

        later = frozen_now + timedelta(days=1)
        moved = await complaints.start_handling(uow, li, record.id, now=later)
        assert moved.status == "in_progress"
        with pytest.raises(complaints.ChangedMeanwhile):  # a second press of the same button
            await complaints.start_handling(uow, boss, record.id, now=later)
        async with uow:
            assert not await uow.complaints.move(record.id, sources={"open"}, status="in_progress", now=later)
        done = await complaints.resolve(uow, boss, record.id, "re-delivered with a discount", now=later)
        assert (done.status, done.resolution, done.resolved_at) == ("resolved", "re-delivered with a discount", later)
        with pytest.raises(complaints.AlreadyResolved):
            await complaints.start_handling(uow, li, record.id, now=later)
        with pytest.raises(complaints.AlreadyResolved):
            await complaints.resolve(uow, li, record.id, "again", now=later)
        assert [c.id for c in await complaints.open_complaints(uow, boss)] == [low.complaint.id]


async def test_escalation_falls_back_to_admins_and_skips_the_author(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    async with unit_of_work(database) as uow:
        north = await customers.create(uow, people["solo"], "Polar Foods", now=frozen_now)
        saved = await complaints.record_complaint(uow, people["solo"], north.id, content="wrong invoice",
                                                  severity="high", handler_id=people["solo"].id, now=frozen_now)
        assert [m.name for m in saved.notify] == ["admin"]  # North has no manager
        east = await customers.create(uow, people["li"], "Acme Robotics", now=frozen_now)
        by_boss = await complaints.record_complaint(uow, people["boss"], east.id, content="broken part",
                                                    severity="high", handler_id=people["li"].id, now=frozen_now)
        assert by_boss.notify == ()  # the only manager recorded it himself
        with pytest.raises(complaints.ComplaintNotFound):  # another team's manager does not even see it
            await complaints.check_changeable(uow, people["west_boss"], by_boss.complaint.id,
                                              ComplaintStatus.RESOLVED)
        async with uow:  # a next step handed to zhao lets him see li's customer, but not change its complaints
            await uow.next_actions.add(customer_id=east.id, interaction_id=None, owner_id=people["zhao"].id,
                                       title="call back", due_at=frozen_now + timedelta(days=1), now=frozen_now)
            await uow.commit()
        assert (await complaints.get_complaint(uow, people["zhao"], by_boss.complaint.id)).content == "broken part"
        with pytest.raises(NotAllowed):
            await complaints.start_handling(uow, people["zhao"], by_boss.complaint.id, now=frozen_now)


async def test_feedback_summary_counts_scores_in_order(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    async with unit_of_work(database) as uow:
        acme = await customers.create(uow, people["li"], "Acme Robotics", now=frozen_now)
        assert await feedback_summary(uow, acme.id) is None
        with pytest.raises(BadScore):
            await record_feedback(uow, people["li"], acme.id, 6, None, now=frozen_now)
        first = await record_feedback(uow, people["li"], acme.id, 4, "quick support", now=frozen_now)
        assert (first.latest, first.count, first.trend) == (4, 1, None)
        second = await record_feedback(uow, people["li"], acme.id, 2, None, now=frozen_now + timedelta(days=3))
        assert (second.latest, second.count, second.average, second.trend) == (2, 2, 3.0, "down")
        assert await feedback_summary(uow, acme.id) == second
        assert await complaints.open_complaints(uow, people["li"]) == []  # feedback is never an open complaint
