"""Turn claimed notification rows into messages, read at send time: an item whose reason went away (the
step was done or moved, the customer was contacted) is skipped; nudges left unsent for a while (the bot was
down, or the window was closed) are merged into one "while I was away" message per user."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain import followups as rules
from bot.domain.deals import DealRecord
from bot.domain.followup_settings import TeamRules
from bot.domain.notifications import OutboxItem, Outgoing, Rows
from bot.i18n import Raw, format_datetime, t, t_plain
from bot.scheduler.render_morning import morning_facts, morning_messages
from bot.services.ports import UnitOfWork

Message = tuple[str, Rows]


class Renderer:
    """The outbox's `render`: one instance per application, holding the configured cadence defaults."""

    def __init__(self, defaults: Mapping[str, int]) -> None:
        self.defaults = dict(defaults)

    async def __call__(self, uow: UnitOfWork, items: list[OutboxItem], now: datetime) -> list[Outgoing]:
        """Messages for the claimed items; items left out are skipped by the outbox."""
        async with uow:
            teams = await uow.followups.team_rules(self.defaults)
            team_of = await uow.followups.teams_of({item.user_id for item in items})
        out: list[Outgoing] = []
        by_user: dict[int, list[OutboxItem]] = defaultdict(list)
        for item in items:
            by_user[item.user_id].append(item)
        for user_items in by_user.values():
            team = teams.get(team_of.get(user_items[0].user_id) or 0) or TeamRules(None, self.defaults)
            stale = [i for i in user_items if i.kind in rules.NUDGE_KINDS and now - i.created_at > rules.STALE_AFTER]
            merged = stale if len(stale) >= 2 else []
            if merged:
                message = await self._away(uow, merged, now)
                if message is not None:
                    out.append(Outgoing(merged[0].chat_id, message[0], message[1], tuple(i.id for i in merged)))
            for item in user_items:
                if item in merged:
                    continue
                for text, rows in await self._one(uow, item, team, now):
                    out.append(Outgoing(item.chat_id, text, rows, (item.id,)))
        return out

    async def _one(self, uow: UnitOfWork, item: OutboxItem, team: TeamRules, now: datetime) -> list[Message]:
        lang = item.language
        if item.kind == "morning":
            facts = await morning_facts(uow, item, team, now)
            return morning_messages(facts, lang, now=now, timezone=item.timezone, cadence=team.cadence)
        if item.kind == "review":
            return _review(await _review_deals(uow, item.user_id, now), lang)
        line = await self._line(uow, item, now)
        if line is None:
            return []
        return [line]

    async def _line(self, uow: UnitOfWork, item: OutboxItem, now: datetime) -> Message | None:
        """A nudge, an escalation, a milestone or a complaint reminder; None when it no longer applies."""
        lang, zone = item.language, ZoneInfo(item.timezone)
        local_now = now.astimezone(zone)
        async with uow:
            if item.kind in ("due", "after"):
                action = await uow.next_actions.get(item.object_id or 0)
                key = rules.due_key if item.kind == "due" else rules.after_key
                if action is None or action.done or item.key != key(action.id, action.due_at):
                    return None  # done, or moved: a moved step has its own reminder
                customer = await uow.customers.get(action.customer_id)
                if customer is None or customer.deleted or (
                        item.kind == "after" and customer.last_contact_at is not None
                        and customer.last_contact_at >= action.due_at - timedelta(hours=1)):
                    return None
                when = format_datetime(action.due_at.astimezone(zone), lang, now=local_now)
                log = (t_plain(lang, "followup.btn_log", name=customer.name[:20]), f"log:c:{customer.id}")
                if item.kind == "due":
                    # Held back by quiet hours until after the step's time: say so instead of "coming up".
                    wording = "followup.due" if action.due_at > now else "followup.due_missed"
                    return (t(lang, wording, title=action.title, customer=customer.name, when=when),
                            [[log, (t_plain(lang, "followup.btn_reschedule"), f"na:rs:{action.id}")]])
                return (t(lang, "followup.after", customer=customer.name, title=action.title, when=when), [[log]])
            if item.kind == "cadence" or item.kind.startswith("escalation"):
                customer = await uow.customers.get(item.object_id or 0)
                if customer is None or customer.deleted or (
                        customer.last_contact_at is not None and customer.last_contact_at > item.created_at):
                    return None
                return _customer_line(item, customer.id, customer.name, str(item.payload.get("tier", customer.tier)),
                                      lang)  # the tier in force when it fell due (an override included)
            if item.kind == "milestone":
                found = [m for m in await uow.followups.milestones_due({item.day} if item.day else set())
                         if m.id == item.object_id]
                if not found:
                    return None
                m = found[0]
                return (t(lang, "followup.milestone", kind=t_plain(lang, f"followup.kind_{m.kind}"), deal=m.deal_title,
                          customer=m.customer_name, due=m.due_on.isoformat()),
                        [[(t_plain(lang, "followup.btn_contract", name=m.customer_name[:20]), f"ct:view:{m.deal_id}")]])
            if item.kind == "complaint":
                found_c = [c for c in await uow.followups.complaints_open(now, [item.user_id]) if c.id == item.object_id]
                if not found_c:
                    return None
                c = found_c[0]
                days = (now - c.received_at) // timedelta(days=1)
                return (t(lang, "followup.complaint", customer=c.customer_name, days=days, content=c.content[:120]),
                        [[(t_plain(lang, "followup.btn_complaint", name=c.customer_name[:20]), f"cp:view:{c.id}")]])
        return None

    async def _away(self, uow: UnitOfWork, items: list[OutboxItem], now: datetime) -> Message | None:
        """One message for nudges that waited: each still-valid one as a line, with its first button."""
        lines: list[str] = [t(items[0].language, "followup.away_title", count=len(items))]
        rows: Rows = []
        for item in items:
            one = await self._line(uow, item, now)
            if one is None:
                continue
            lines.append("• " + one[0])
            if one[1] and len(rows) < 20:
                rows.append(one[1][0][:2])
        return (Raw("\n".join(lines)), rows) if len(lines) > 1 else None


def _customer_line(item: OutboxItem, customer_id: int, name: str, tier: str, lang: str) -> Message:
    days = int(item.payload.get("days", 0))
    log = (t_plain(lang, "followup.btn_log", name=name[:20]), f"log:c:{customer_id}")
    snooze = (t_plain(lang, "followup.btn_snooze"), f"fu:snz:{customer_id}")
    if item.kind == "cadence":
        return t(lang, "followup.cadence", customer=name, tier=t_plain(lang, f"tier.{tier}")), [[log, snooze]]
    if item.payload.get("manager"):
        return (t(lang, "followup.escalate_manager", customer=name, days=days, tier=tier,
                  rep=str(item.payload.get("rep_name", ""))),
                [[(t_plain(lang, "followup.btn_nudge"), f"fu:ndg:{customer_id}"),
                  (t_plain(lang, "followup.btn_reassign"), f"ra:card:{customer_id}")]])
    return t(lang, "followup.escalate_rep", customer=name, days=days, tier=tier), [[log, snooze]]


async def _review_deals(uow: UnitOfWork, user_id: int, now: datetime) -> list[DealRecord]:
    async with uow:
        deals = await uow.deals.listing([user_id], open_only=True, limit=200, offset=0)
    return [d for d in deals if d.owner_id == user_id and d.needs_review(now)]


def _review(deals: list[DealRecord], lang: str) -> list[Message]:
    """Monday: the deals whose stage was not confirmed for 14 days, each opening its stage buttons."""
    if not deals:
        return []
    lines = [t(lang, "followup.review_title", count=len(deals))]
    lines += [t(lang, "followup.review_line", title=d.title, customer=d.customer_name,
                stage=t_plain(lang, f"stage.{d.stage}"), probability=d.probability) for d in deals[:30]]
    rows: Rows = [[(f"{d.tier} · {d.title[:30]}", f"dl:open:{d.id}")] for d in deals[:20]]
    return [(Raw("\n".join(lines)), rows)]
