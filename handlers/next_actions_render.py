"""Pure rendering for next steps and /today: records in, HTML text and (label, callback_data) rows out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.records import NextActionRecord, SavedLog, UserRecord
from bot.i18n import Raw, format_date, format_datetime, format_time, t
from handlers.log_dates import cadence_due, next_monday_morning, tomorrow_morning

ButtonRows = list[list[tuple[str, str]]]

LIST_LIMIT = 10  # /next sends one message per action; more would flood the chat
TODAY_LIMIT = 12  # per section, so /today stays well under Telegram's 4096 characters
SHORT = 60
MORNING = time(9, 0)
SUGGESTIONS = {"tmr": "next.rs_tomorrow", "mon": "next.rs_monday", "7d": "next.rs_week"}


def is_overdue(action: NextActionRecord, now: datetime) -> bool:
    """Due before now."""
    return action.due_at < now


def _short(text: str, limit: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _when(moment: datetime, lang: str, zone: ZoneInfo, now: datetime) -> str:
    return format_datetime(moment.astimezone(zone), lang, now=now.astimezone(zone))


def header_text(actions: Sequence[NextActionRecord], lang: str, *, now: datetime,
                shown: int = LIST_LIMIT) -> str:
    """The count of open steps and how many are overdue; the empty state points to /log."""
    if not actions:
        return t(lang, "next.none")
    overdue = sum(is_overdue(action, now) for action in actions)
    text = t(lang, "next.header_overdue" if overdue else "next.header", count=len(actions), overdue=overdue)
    if len(actions) > shown:
        return Raw(f"{text}\n{t(lang, 'next.header_more', shown=shown)}")
    return text


def action_text(action: NextActionRecord, lang: str, *, now: datetime, zone: ZoneInfo) -> str:
    """One open step: customer, title, due time in the user's zone, overdue marked."""
    key = "next.item_overdue" if is_overdue(action, now) else "next.item"
    return t(lang, key, customer=action.customer_name, title=action.title,
             due=_when(action.due_at, lang, zone, now))


def action_rows(action_id: int, lang: str, *, manager: bool) -> ButtonRows:
    """Done and Reschedule for everyone; Reassign for managers."""
    row: list[tuple[str, str]] = [(t(lang, "next.btn_done"), f"na:done:{action_id}"),
                                  (t(lang, "next.btn_reschedule"), f"na:rs:{action_id}")]
    if manager:
        row.append((t(lang, "next.btn_reassign"), f"na:ra:{action_id}"))
    return [row]


def done_text(action: NextActionRecord, lang: str) -> str:
    """The step struck through."""
    return t(lang, "next.done", customer=action.customer_name, title=action.title)


def rescheduled_text(action: NextActionRecord, lang: str, *, now: datetime, zone: ZoneInfo) -> str:
    """Confirmation with the new date in words."""
    return t(lang, "next.rs_done", customer=action.customer_name, title=action.title,
             due=_when(action.due_at, lang, zone, now))


def reassigned_text(action: NextActionRecord, owner: str, lang: str, *, now: datetime, zone: ZoneInfo) -> str:
    """The step with its new owner."""
    return t(lang, "next.reassigned", customer=action.customer_name, title=action.title,
             due=_when(action.due_at, lang, zone, now), owner=owner)


def member_rows(action_id: int, members: Sequence[UserRecord], lang: str) -> ButtonRows:
    """Team members two per row, then a way back to the step's own buttons."""
    buttons = [(_short(member.name, 30), f"na:rt:{action_id}:{member.id}") for member in members]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    return [*rows, [(t(lang, "next.btn_back"), f"na:rb:{action_id}")]]


def suggested_due(code: str, local_now: datetime) -> datetime | None:
    """09:00 tomorrow, on the coming Monday, or in seven days, in local_now's zone."""
    choices = {"tmr": tomorrow_morning, "mon": next_monday_morning, "7d": lambda now: cadence_due(now, 7)}
    pick = choices.get(code)
    return pick(local_now) if pick is not None else None


def suggestion_rows(lang: str, local_now: datetime) -> ButtonRows:
    """One button per suggestion, labelled with the date it stands for."""
    rows: ButtonRows = []
    for code, key in SUGGESTIONS.items():
        due = suggested_due(code, local_now)
        assert due is not None
        rows.append([(t(lang, key, when=format_datetime(due, lang, now=local_now)), f"na:rw:{code}")])
    return rows


def day_bounds(now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Start and end of the user's local day containing `now`, in UTC."""
    day = now.astimezone(zone).date()
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def _today_action(action: NextActionRecord, lang: str, now: datetime, zone: ZoneInfo) -> str:
    due = action.due_at.astimezone(zone)
    local_now = now.astimezone(zone)
    when = format_time(due) if due.date() == local_now.date() else format_datetime(due, lang, now=local_now)
    key = "next.today_action_overdue" if is_overdue(action, now) else "next.today_action"
    return t(lang, key, time=when, customer=_short(action.customer_name, 40), title=_short(action.title))


def _section(lines: list[str], items: Sequence[str], lang: str, empty_key: str) -> None:
    lines.extend(items[:TODAY_LIMIT] or [t(lang, empty_key)])
    if len(items) > TODAY_LIMIT:
        lines.append(t(lang, "next.today_more", count=len(items) - TODAY_LIMIT))


def today_text(actions: Sequence[NextActionRecord], visits: Sequence[SavedLog], lang: str, *,
               now: datetime, zone: ZoneInfo) -> str:
    """Today's open steps (overdue marked) and today's logged visits, in one message."""
    date = format_date(now.astimezone(zone), lang)
    if not actions and not visits:
        return t(lang, "next.today_empty", date=date)
    lines: list[str] = [t(lang, "next.today_header", date=date), "", t(lang, "next.today_actions",
                                                                        count=len(actions))]
    _section(lines, [_today_action(action, lang, now, zone) for action in actions], lang,
             "next.today_no_actions")
    lines += ["", t(lang, "next.today_visits", count=len(visits))]
    _section(lines, [t(lang, "next.today_visit", time=format_time(visit.occurred_at.astimezone(zone)),
                       customer=_short(visit.customer_name, 40), summary=_short(visit.summary))
                     for visit in visits], lang, "next.today_no_visits")
    return Raw("\n".join(lines))
