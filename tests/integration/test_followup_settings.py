"""Follow-up settings against real SQLite and PostgreSQL: defaults, a user's schedule, a team's rules."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import select

from bot.domain.enums import Role
from bot.domain.records import UserRecord
from bot.services import followup_settings as fs
from bot.services.errors import NotAllowed, UnknownUser
from storage.migrate import upgrade_to_head
from storage.tables import TeamSetting, User
from tests.conftest import Database
from tests.e2e.seeding import unit_of_work

DEFAULTS = {"A": 7, "B": 14, "C": 30, "D": 90}


async def _people(database: Database, now: datetime) -> dict[str, UserRecord]:
    await upgrade_to_head(database.url, schema=database.schema)
    async with unit_of_work(database) as uow, uow:
        east = await uow.teams.get_or_create("East", now=now)
        made = {}
        for number, (key, role, team) in enumerate((("boss", Role.MANAGER, east), ("li", Role.REP, east),
                                                     ("solo", Role.MANAGER, None))):
            made[key] = await uow.users.add(telegram_id=9100 + number, name=key, username=None, role=role,
                                            team_id=team, timezone="Europe/Berlin", language="en", now=now)
        await uow.commit()
    return made


async def test_a_new_user_has_the_default_schedule(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    async with unit_of_work(database) as uow:
        schedule = await fs.user_schedule(uow, people["li"].id)
        assert (schedule.reminder, schedule.start, schedule.end, schedule.days, schedule.due_lead_minutes) == (
            time(8, 30), time(8), time(20), {1, 2, 3, 4, 5}, 15)
        assert (schedule.timezone, schedule.language) == ("Europe/Berlin", "en")
        with pytest.raises(UnknownUser):
            await fs.user_schedule(uow, 999_999)


async def test_schedule_changes_are_stored_and_read_back(database: Database, frozen_now: datetime) -> None:
    li = (await _people(database, frozen_now))["li"]
    async with unit_of_work(database) as uow:
        await fs.set_reminder_time(uow, li, "9:15")
        with pytest.raises(fs.ReminderOutsideWindow):
            await fs.set_reminder_time(uow, li, "21:00")
        assert not (await fs.set_work_window(uow, li, "09:00-18:00")).reminder_moved
        await fs.toggle_work_day(uow, li, 6)
        await fs.toggle_work_day(uow, li, 1)
        await fs.set_due_lead(uow, li, 30)
        with pytest.raises(fs.BadSetting):
            await fs.set_due_lead(uow, li, 999)
    async with unit_of_work(database) as uow:
        schedule = await fs.user_schedule(uow, li.id)
        assert (schedule.reminder, schedule.start, schedule.end, schedule.days, schedule.due_lead_minutes) == (
            time(9, 15), time(9), time(18), {2, 3, 4, 5, 6}, 30)
        async with uow:
            row = await uow.session.scalar(select(User).where(User.id == li.id))
            assert row is not None
            assert (row.reminder_time, row.quiet_start, row.quiet_end, row.work_days) == ("09:15", "09:00", "18:00",
                                                                                         "23456")
        night = await fs.set_work_window(uow, li, "22:00-06:00")  # the reminder moves into the night window
        assert night.reminder_moved and night.schedule.reminder == time(22)
        assert (await fs.set_reminder_time(uow, li, "5:30")).reminder == time(5, 30)


async def test_team_rules_default_then_changed_by_the_manager_only(database: Database, frozen_now: datetime) -> None:
    people = await _people(database, frozen_now)
    boss, li, solo = people["boss"], people["li"], people["solo"]
    async with unit_of_work(database) as uow:
        rules = await fs.team_rules(uow, boss.team_id, defaults=DEFAULTS)
        assert (dict(rules.cadence), rules.escalation, rules.after_meeting_minutes, rules.custom) == (
            DEFAULTS, True, 60, frozenset())
        assert (await fs.team_rules(uow, None, defaults=DEFAULTS)).cadence == DEFAULTS
        for attempt in (fs.set_escalation(uow, li, False, defaults=DEFAULTS, now=frozen_now),
                        fs.set_escalation(uow, solo, False, defaults=DEFAULTS, now=frozen_now)):
            with pytest.raises(NotAllowed):
                await attempt
        await fs.set_cadence(uow, boss, "A", "5", defaults=DEFAULTS, now=frozen_now)
        await fs.set_cadence(uow, boss, "c", "45天", defaults=DEFAULTS, now=frozen_now)
        await fs.set_escalation(uow, boss, False, defaults=DEFAULTS, now=frozen_now)
        await fs.set_after_meeting(uow, boss, 120, defaults=DEFAULTS, now=frozen_now)
        for tier, text in (("E", "5"), ("B", "0"), ("B", "366")):
            with pytest.raises(fs.BadSetting):
                await fs.set_cadence(uow, boss, tier, text, defaults=DEFAULTS, now=frozen_now)
    async with unit_of_work(database) as uow:
        rules = await fs.team_rules(uow, boss.team_id, defaults=DEFAULTS)
        assert dict(rules.cadence) == {"A": 5, "B": 14, "C": 45, "D": 90} and rules.custom == {"A", "C"}
        assert (rules.escalation, rules.after_meeting_minutes, rules.updated_by) == (False, 120, boss.id)
        assert rules.updated_at == frozen_now
        back = await fs.set_cadence(uow, boss, "A", None, defaults={**DEFAULTS, "A": 6}, now=frozen_now)
        assert back.cadence["A"] == 6 and back.is_default("A")
        async with uow:
            row = await uow.session.get(TeamSetting, boss.team_id)
            assert row is not None and (row.cadence_a, row.cadence_c, row.escalation) == (None, 45, False)
