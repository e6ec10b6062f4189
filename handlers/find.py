"""/find <text>, the customer card, its history, its next step and its deals' stages."""

from __future__ import annotations

from telegram import Update

from bot.i18n import format_datetime, t, t_plain
from bot.services import customer_file
from bot.services.contracts import purchase_summary
from bot.services.customer_search import find_customers
from bot.services.errors import ServiceError
from handlers import customer_render as render
from handlers import next_actions_render as next_render
from handlers.contract_render import purchase_text
from handlers.customer_common import (
    alert,
    answer,
    card_or_refuse,
    clock,
    me,
    number,
    pressed_id,
    refuse,
    zone,
)
from handlers.deps import Context, get_deps
from handlers.replies import reply
from handlers.scope import current_scope

PAGE = 10
HISTORY_PAGE = 10
FIND_KEY = "find_query"  # user_data: the last /find query, for "more"


async def find_command(update: Update, context: Context) -> None:
    """Search by name, code, contact, phone digits or pinyin initials; results open the card."""
    user = me()
    query = " ".join(context.args or []).strip()[:100]
    if len(query) < 2:
        await reply(update, t(user.language, "find.usage"))
        return
    if context.user_data is not None:
        context.user_data[FIND_KEY] = query
    await _results(update, query, offset=0)


async def find_more(update: Update, context: Context) -> None:
    """cu:more:<offset>: the next page of the last search."""
    query = (context.user_data or {}).get(FIND_KEY)
    if not query:
        await alert(update, "error.expired")
        return
    await answer(update)
    await _results(update, query, offset=number(update.callback_query.data if update.callback_query else "", 2))


async def _results(update: Update, query: str, *, offset: int) -> None:
    user, scope = me(), current_scope()
    result = await find_customers(scope.uow, user, query, limit=PAGE, offset=offset)
    if not result.items:
        await reply(update, t(user.language, "find.none", query=query))
        return
    key = "find.results" if offset == 0 else "cust.find_more"
    await reply(update, t(user.language, key, query=query, count=len(result.items)),
                render.find_rows(result, user.language, offset=offset))


async def open_card(update: Update, context: Context) -> None:
    """cu:open:<id>: the customer card with its buttons (a forged id is 'not found')."""
    await show_card(update, context, number(update.callback_query.data if update.callback_query else "", 2))


async def show_card(update: Update, context: Context, customer_id: int) -> None:
    """Send the card of a customer the user may see."""
    user, card = me(), await card_or_refuse(update, customer_id)
    if card is None:
        return
    deps, now = get_deps(context), clock(context)
    bought = await purchase_summary(current_scope().uow, customer_id, today=now.astimezone(zone(user)).date())
    text = render.card_text(card, user.language, industries=deps.industries, zone=zone(user), now=now,
                            cadence_days=deps.cadence_days,
                            value_line=purchase_text(bought, user.language) if bought else None)
    await reply(update, text, render.card_rows(customer_id, user.language, user=user))


async def history(update: Update, context: Context) -> None:
    """cu:hist:<id>:<offset>: the change log, ten at a time."""
    user, scope = me(), current_scope()
    data = update.callback_query.data if update.callback_query else ""
    customer_id, offset = number(data, 2), number(data, 3)
    try:
        card = await customer_file.card(scope.uow, user, customer_id)
        changes = await customer_file.history(scope.uow, user, customer_id, offset=offset, limit=HISTORY_PAGE)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    text = render.history_text(card.profile.fields.name, changes, user.language, zone=zone(user),
                               now=clock(context), offset=offset)
    rows: render.ButtonRows = []
    if len(changes) == HISTORY_PAGE:
        rows.append([(t_plain(user.language, "cust.btn_older"), f"cu:hist:{customer_id}:{offset + HISTORY_PAGE}")])
    rows.append([(t_plain(user.language, "cust.btn_back"), f"cu:open:{customer_id}")])
    await reply(update, text, rows)


async def next_step(update: Update, context: Context) -> None:
    """cu:next:<id>: the open next step with Done / Reschedule, or an invitation to log one."""
    user, card = me(), await card_or_refuse(update, pressed_id(update))
    if card is None:
        return
    customer_id = card.profile.id
    step, lang = card.extras.next_step, user.language
    if step is None:
        await reply(update, t(lang, "cust.next_none_log", name=card.profile.fields.name),
                    [[(t_plain(lang, "cust.btn_log"), f"log:c:{customer_id}")]])
        return
    await reply(update, t(lang, "cust.next_detail", name=card.profile.fields.name, title=step.title,
                          due=format_datetime(step.due_at.astimezone(zone(user)), lang,
                                                             now=clock(context).astimezone(zone(user))),
                          owner=step.owner_name),
                next_render.action_rows(step.id, lang, manager=user.is_manager))
