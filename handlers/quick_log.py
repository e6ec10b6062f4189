"""A plain message read as a log: propose a card; nothing is saved before Save."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode

from bot.domain.matching import pick
from bot.domain.mentions import longer_name
from bot.domain.quicklog import QuickLogDraft, read_quick_log
from bot.i18n import t
from bot.services import customers, logbook
from bot.services.errors import LogIncomplete, ServiceError
from handlers.deps import Context
from handlers.log_common import choose_customer, local_now, me, new_customer, now
from handlers.log_dates import GRACE
from handlers.log_draft import QUICK_KEY, Draft, new_draft, to_log_draft
from handlers.log_entry import offer_resume
from handlers.log_render import saved_card
from handlers.quick_render import is_complete, quick_card
from handlers.replies import keyboard, reply
from handlers.scope import current_scope


async def quick_text(update: Update, context: Context) -> None:
    """Read a free message as a log and propose it as a card."""
    message, user = update.effective_message, me()
    if message is None or not message.text:
        return
    await offer_resume(update, context)
    index = await customers.customer_index(current_scope().uow, user)
    read = read_quick_log(message.text, now=local_now(context), index=index)
    if read is None:
        await reply(update, t(user.language, "unknown.text"))
        return
    draft = await _draft_from(read, message.text, context)
    assert context.user_data is not None
    context.user_data[QUICK_KEY] = draft
    choices = read.matches if draft.get("customer_id") is None else ()
    text, rows = quick_card(draft, user.language, now=now(context), zone=user.timezone, choices=choices)
    await reply(update, text, rows)


async def _draft_from(read: QuickLogDraft, text: str, context: Context) -> Draft:
    draft = new_draft(now=now(context))
    due = read.next_action_due
    if due is not None and due < local_now(context) - GRACE:
        due = None  # "今天上午9点" said at 10:00: the card asks for a date instead of storing a past one
    draft.update({
        "channel": read.channel.value if read.channel else None, "summary": [read.summary], "summary_done": True,
        "attitude": read.attitude.value if read.attitude else None, "attitude_skipped": read.attitude is None,
        "next_title": read.next_action, "next_due": due.isoformat() if due else None,
        "customer_query": read.customer_query, "choices": [m.customer.id for m in read.matches],
    })
    if abs((read.contact_time - local_now(context)).total_seconds()) > 60:
        draft["occurred_at"] = read.contact_time.isoformat()
    picked = pick(read.matches)
    longer = (longer_name(text, read.customer_query, picked.customer.name)
              if picked is not None and read.customer_query else None)
    if picked is not None and longer is None:
        choose_customer(draft, await customers.get_visible(current_scope().uow, me(), picked.customer.id))
    elif longer or read.customer_query:
        draft["pending_name"] = longer or read.customer_query  # offered for creation next to near matches
    return draft


def _card_draft(update: Update, context: Context) -> tuple[Draft | None, list[str]]:
    """The quick draft a card button belongs to, or None when the card is stale."""
    query = update.callback_query
    parts = (query.data or "").split(":") if query else []
    draft = context.user_data.get(QUICK_KEY) if context.user_data else None
    if len(parts) < 3 or draft is None or parts[2] != draft.get("tok"):
        return None, parts
    return draft, parts


async def quick_button(update: Update, context: Context) -> None:
    """Save, pick a customer, create the customer, or cancel the proposed card."""
    query, user = update.callback_query, me()
    if query is None:
        return
    draft, parts = _card_draft(update, context)
    if draft is None:
        await query.answer(t(user.language, "error.expired"), show_alert=True)
        return
    action, uow = parts[1], current_scope().uow
    try:
        if action == "cancel":
            context.user_data.pop(QUICK_KEY, None)  # type: ignore[union-attr]
            await query.answer()
            await query.edit_message_text(t(user.language, "log.cancelled"), parse_mode=ParseMode.HTML)
            return
        if action == "pick" and len(parts) == 4 and parts[3].isdigit() and int(parts[3]) in draft.get("choices", []):
            choose_customer(draft, await customers.get_visible(uow, user, int(parts[3])))
        elif action == "new" and draft.get("pending_name"):
            new_customer(draft, draft["pending_name"])  # created only when the log is saved
        elif action == "save" and is_complete(draft):
            await _save(update, context, draft)
            return
        else:
            await query.answer(t(user.language, "error.expired"), show_alert=True)
            return
    except LogIncomplete as exc:
        await query.answer(t(user.language, f"log.incomplete_{exc.params.get('field')}"), show_alert=True)
        return
    except ServiceError as exc:
        await query.answer(t(user.language, exc.key, **exc.params), show_alert=True)
        return
    await query.answer()
    text, rows = quick_card(draft, user.language, now=now(context), zone=user.timezone)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard(rows))


async def _save(update: Update, context: Context, draft: Draft) -> None:
    query, user = update.callback_query, me()
    assert query is not None
    saved = await logbook.save_log(current_scope().uow, user, to_log_draft(draft, now=now(context)),
                                   now=now(context), new_customer=draft.get("new_customer"))
    context.user_data.pop(QUICK_KEY, None)  # type: ignore[union-attr]
    text, rows = saved_card(saved, user.language, now=now(context), zone=user.timezone)
    await query.answer(t(user.language, "quick.saved_hint"))
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard(rows))
