"""Ways into a log: /log, a Log button on a customer, Done on a next action, Edit, Resume; and Undo."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode

from bot.i18n import t
from bot.services import customers, logbook
from bot.services.errors import ServiceError
from handlers.deps import Context
from handlers.forms import close_form
from handlers.log_common import choose_customer, go_next, mark_chosen, me, now
from handlers.log_draft import DRAFT_KEY, PAUSED_KEY, QUICK_KEY, Draft, from_log_draft, new_draft, next_step
from handlers.log_steps import search_customer
from handlers.next_actions import complete_action
from handlers.replies import reply
from handlers.reschedule import forget_reschedule
from handlers.scope import current_scope

RESUME_ROWS_KEYS = (("log.btn_resume", "log:resume"), ("log.btn_discard", "log:discard"))


def _open(context: Context, draft: Draft) -> Draft:
    """Make `draft` the open one; a log already under way is set aside (to be offered later), not lost."""
    data = context.user_data
    assert data is not None
    current = data.get(DRAFT_KEY)
    if current is not None and current is not draft and current.get("customer_id") is not None:
        data[PAUSED_KEY] = current
    data[DRAFT_KEY] = draft
    return draft


def _start(context: Context) -> Draft:
    forget_reschedule(context)  # the rep moved on: their next text belongs to the log
    close_form(context)
    return _open(context, new_draft(now=now(context)))


async def log_command(update: Update, context: Context) -> int | None:
    """/log [customer]: start a new log; with a name, search it straight away."""
    if await offer_resume(update, context):
        return None
    draft = _start(context)
    if context.args:
        moved = await search_customer(update, context, " ".join(context.args))
        return moved if moved is not None else next_step(draft)
    return await go_next(update, context)


async def log_for_customer(update: Update, context: Context) -> int | None:
    """A Log button (`log:c:<id>`) on a customer card, a reminder or a search result."""
    query = update.callback_query
    raw = query.data.rsplit(":", 1)[-1] if query and query.data else ""
    if not raw.isdigit():
        return None
    return await start_for_customer(update, context, int(raw))


async def start_for_customer(update: Update, context: Context, customer_id: int, *,
                             answer: bool = True) -> int | None:
    """Start a log with the customer already chosen."""
    try:
        customer = await customers.get_visible(current_scope().uow, me(), customer_id)
    except ServiceError as exc:
        if update.callback_query and answer:
            await update.callback_query.answer(t(me().language, exc.key), show_alert=True)
        return None
    if update.callback_query and answer:
        await update.callback_query.answer()
    choose_customer(_start(context), customer)
    return await go_next(update, context)


async def done_then_log(update: Update, context: Context) -> int | None:
    """Done on a next action: close it, then ask for the outcome as a log of that customer."""
    customer_id = await complete_action(update, context)
    if customer_id is None:
        return None
    return await start_for_customer(update, context, customer_id, answer=False)


async def edit_saved(update: Update, context: Context) -> int | None:
    """Edit a saved log: reopen it as a draft at the review; saving replaces the original."""
    query = update.callback_query
    raw = query.data.rsplit(":", 1)[-1] if query and query.data else ""
    if not raw.isdigit():
        return None
    try:
        draft, customer = await logbook.load_for_edit(current_scope().uow, me(), int(raw))
    except ServiceError as exc:
        if query:
            await query.answer(t(me().language, exc.key), show_alert=True)
        return None
    opened = _open(context, from_log_draft(draft, customer_name=customer.name, tier=customer.tier,
                                           now=now(context), editing_id=int(raw)))
    opened.update({"customer_lat": customer.latitude, "customer_lon": customer.longitude})
    await mark_chosen(update, t(me().language, "log.btn_edit"))
    return await go_next(update, context)


async def resume(update: Update, context: Context) -> int | None:
    """Continue the draft kept aside when the conversation timed out."""
    data = context.user_data
    paused = data.pop(PAUSED_KEY, None) if data is not None else None
    if paused is None or data is None:
        if update.callback_query:
            await update.callback_query.answer(t(me().language, "error.expired"), show_alert=True)
        return None
    _open(context, paused)
    await mark_chosen(update, t(me().language, "log.btn_resume"))
    customer = paused.get("customer_name") or t(me().language, "log.no_customer_yet")
    await reply(update, t(me().language, "log.resumed", customer=customer))
    return await go_next(update, context)


async def discard(update: Update, context: Context) -> None:
    """Throw the kept draft away."""
    data = context.user_data
    had = data is not None and data.pop(PAUSED_KEY, None) is not None
    if not had:
        if update.callback_query:
            await update.callback_query.answer(t(me().language, "error.expired"), show_alert=True)
        return
    await mark_chosen(update, t(me().language, "log.btn_discard"))
    await reply(update, t(me().language, "log.discarded"))


async def offer_resume(update: Update, context: Context) -> bool:
    """When a timed-out draft is kept, ask whether to continue it; True when offered."""
    paused = context.user_data.get(PAUSED_KEY) if context.user_data else None
    if not paused:
        return False
    lang = me().language
    customer = paused.get("customer_name") or t(lang, "log.no_customer_yet")
    rows = [[(t(lang, key), data) for key, data in RESUME_ROWS_KEYS]]
    await reply(update, t(lang, "log.resume_offer", customer=customer), rows)
    return True


async def undo(update: Update, context: Context) -> None:
    """Undo a saved log (within the hour): the interaction and its next action are deleted."""
    query = update.callback_query
    raw = query.data.rsplit(":", 1)[-1] if query and query.data else ""
    lang = me().language
    if not raw.isdigit() or query is None:
        return
    try:
        name = await logbook.undo_log(current_scope().uow, me(), int(raw), now=now(context))
    except ServiceError as exc:
        await query.answer(t(lang, exc.key), show_alert=True)
        return
    await query.answer()
    await query.edit_message_text(t(lang, "log.undone", customer=name), parse_mode=ParseMode.HTML)


async def quick_edit(update: Update, context: Context) -> int | None:
    """Edit on a quick-log card: continue it as a guided log, asking only for what is missing."""
    query = update.callback_query
    data = context.user_data
    draft = data.get(QUICK_KEY) if data is not None else None
    parts = (query.data or "").split(":") if query else []
    if data is None or draft is None or len(parts) < 3 or parts[2] != draft.get("tok"):
        if query:
            await query.answer(t(me().language, "error.expired"), show_alert=True)
        return None
    data.pop(QUICK_KEY)
    draft.pop("choices", None)
    _open(context, draft)
    await mark_chosen(update, t(me().language, "quick.btn_edit"))
    return await go_next(update, context)
