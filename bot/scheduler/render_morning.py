"""The morning reminder (每日提醒): today's steps and visits, overdue steps, customers overdue on cadence,
open complaints, milestones due, yesterday's logs and cadence compliance. Each item has buttons; a long
list is split under Telegram's 4,096 characters, most urgent first."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.followup_records import MorningFacts
from bot.domain.followup_settings import TeamRules
from bot.domain.notifications import OutboxItem, Rows
from bot.i18n import Raw, format_date, format_datetime, format_time, t, t_plain
from bot.services.ports import UnitOfWork

LIMIT = 3900  # under 4,096 with room for the "continued" line
MAX_BUTTON_ROWS = 20
LOOKBACK = timedelta(days=60)


async def morning_facts(uow: UnitOfWork, item: OutboxItem, team: TeamRules, now: datetime) -> MorningFacts:
    """What the reminder lists, read when it is sent (steps done since the decision are gone)."""
    zone = ZoneInfo(item.timezone)
    day = now.astimezone(zone).date()
    start = datetime.combine(day, time(), tzinfo=zone)
    user = item.user_id
    listed = set(item.payload.get("overdue", []))
    async with uow:
        today = await uow.followups.actions_due(max(start, now - timedelta(hours=1)), start + timedelta(days=1),
                                                [user])
        late = await uow.followups.actions_due(now - LOOKBACK, min(start, now), [user])
        overdue = [c for c in await uow.followups.overdue([user], team.cadence, now=now) if c.id in listed]
        complaints = await uow.followups.complaints_open(now, [user])
        milestones = [m for m in await uow.followups.milestones_due({day, day + timedelta(days=1)})
                      if m.owner_id == user]
        logs = await uow.followups.logs_between(user, start - timedelta(days=1), start)
        owned = await uow.followups.owned(user)
    return MorningFacts(tuple(today), tuple(late), tuple(overdue), tuple(complaints), tuple(milestones), logs,
                        (owned - len(overdue), owned))


def morning_messages(facts: MorningFacts, lang: str, *, now: datetime, timezone: str,
                     cadence: Mapping[str, int]) -> list[tuple[str, Rows]]:
    """The reminder as one or more messages, each with the buttons of the items it lists."""
    zone = ZoneInfo(timezone)
    local_now = now.astimezone(zone)
    done, owned = facts.compliance
    rate = round(100 * done / owned) if owned else 100
    header = t(lang, "followup.morning_title", date=format_date(local_now, lang),
               logs=facts.logs_yesterday, rate=rate)
    items: list[tuple[str, list[tuple[str, str]]]] = []
    for a in facts.overdue_actions:
        items.append((t(lang, "followup.m_late", title=a.title, customer=a.customer_name,
                        when=format_datetime(a.due_at.astimezone(zone), lang, now=local_now)),
                      [(t_plain(lang, "followup.btn_log", name=a.customer_name[:20]), f"log:c:{a.customer_id}"),
                       (t_plain(lang, "followup.btn_reschedule"), f"na:rs:{a.id}")]))
    for a in facts.today:
        items.append((t(lang, "followup.m_today", title=a.title, customer=a.customer_name,
                        time=format_time(a.due_at.astimezone(zone))),
                      [(t_plain(lang, "followup.btn_log", name=a.customer_name[:20]), f"log:c:{a.customer_id}"),
                       (t_plain(lang, "followup.btn_reschedule"), f"na:rs:{a.id}")]))
    for c in facts.overdue_customers:
        days = (now - c.last_touch) // timedelta(days=1)
        items.append((t(lang, "followup.m_cadence", customer=c.name, tier=t_plain(lang, f"tier.{c.tier}"),
                        days=days, cadence=cadence.get(c.tier, 30)),
                      [(t_plain(lang, "followup.btn_log", name=c.name[:20]), f"log:c:{c.id}"),
                       (t_plain(lang, "followup.btn_snooze"), f"fu:snz:{c.id}")]))
    for k in facts.complaints:
        items.append((t(lang, "followup.m_complaint", customer=k.customer_name, content=k.content[:80]),
                      [(t_plain(lang, "followup.btn_complaint", name=k.customer_name[:20]), f"cp:view:{k.id}")]))
    for m in facts.milestones:
        items.append((t(lang, "followup.m_milestone", kind=t_plain(lang, f"followup.kind_{m.kind}"),
                        deal=m.deal_title, customer=m.customer_name, due=m.due_on.isoformat()),
                      [(t_plain(lang, "followup.btn_contract", name=m.customer_name[:20]), f"ct:view:{m.deal_id}")]))
    if not items:
        return [(Raw(header + "\n\n" + t(lang, "followup.m_nothing")), [])]
    return _split(header, items, lang)


def _split(header: str, items: list[tuple[str, list[tuple[str, str]]]], lang: str) -> list[tuple[str, Rows]]:
    messages: list[tuple[str, Rows]] = []
    lines: list[str] = [header]
    rows: Rows = []
    for text, buttons in items:
        if len("\n".join(lines)) + len(text) + 1 > LIMIT or len(rows) >= MAX_BUTTON_ROWS:
            messages.append((Raw("\n".join(lines)), rows))
            lines, rows = [t(lang, "followup.m_continued")], []
        lines.append(text)
        rows.append(buttons)
    messages.append((Raw("\n".join(lines)), rows))
    return messages
