"""One callback per step of the guided log: customer, channel, summary, attitude, next step."""

from __future__ import annotations

import html

from telegram import Update

from bot.domain.enums import Attitude, Channel, NoNextReason
from bot.domain.matching import pick
from bot.domain.quicklog_lexicon import CHANNEL_RE, CHANNELS
from bot.i18n import format_datetime, t, t_plain
from bot.services import customers
from bot.services.errors import ServiceError
from handlers.deps import Context, get_deps
from handlers.log_common import (
    choose_customer,
    go_next,
    local_now,
    mark_chosen,
    me,
    new_customer,
    require_draft,
)
from handlers.log_dates import cadence_due, next_monday_morning, read_due, tomorrow_morning
from handlers.log_draft import button, parse_button
from handlers.log_render import summary_rows
from handlers.replies import reply
from handlers.scope import current_scope

MAX_TITLE = 500


def channel_from_word(text: str) -> Channel | None:
    """The channel a typed word names (电话, visit, 微信…), using the quick-log vocabulary."""
    found = CHANNEL_RE.search(text.strip().lower()[:100])
    if found is None or found.lastgroup is None:
        return None
    return CHANNELS[int(found.lastgroup[1:])][0]


async def customer_text(update: Update, context: Context) -> int | None:
    """Search the typed name, code or contact."""
    text = (update.effective_message.text or "") if update.effective_message else ""
    return await search_customer(update, context, text)


async def search_customer(update: Update, context: Context, query: str) -> int | None:
    """Pick the customer when the match is unambiguous, else offer choices or creating it."""
    draft, lang = require_draft(context), me().language
    query = query.strip()
    if len(query) < 2:
        await reply(update, t(lang, "log.customer_too_short"))
        return None
    matches = await customers.search(current_scope().uow, me(), query[:200])
    picked = pick(matches)
    if picked is not None:
        choose_customer(draft, await customers.get_visible(current_scope().uow, me(), picked.customer.id))
        return await go_next(update, context)
    draft["pending_name"] = " ".join(query.split())[:200]
    create = [(t_plain(lang, "log.btn_create", name=draft["pending_name"][:30]), button(draft, "new"))]
    if not matches:
        await reply(update, t(lang, "log.customer_unknown", query=query[:200]), [create])
        return None
    rows = [[(f"{m.customer.name[:40]} · {m.customer.code}", button(draft, "cus", str(m.customer.id)))]
            for m in matches]
    await reply(update, t(lang, "log.customer_choices"), [*rows, create])
    return None


async def customer_button(update: Update, context: Context) -> int | None:
    """A customer picked from the buttons, or a new one created from the typed name."""
    draft = require_draft(context)
    action, arg = parse_button(update.callback_query.data if update.callback_query else None, draft) or ("", "")
    if action == "new" and draft.get("pending_name"):
        name = new_customer(draft, draft["pending_name"])  # created only when the log is saved
    elif action == "cus" and arg.isdigit():
        try:
            customer = await customers.get_visible(current_scope().uow, me(), int(arg))
        except ServiceError as exc:
            if update.callback_query:
                await update.callback_query.answer(t(me().language, exc.key), show_alert=True)
            return None
        choose_customer(draft, customer)
        name = customer.name
    else:
        return await _stale(update, context)
    await mark_chosen(update, html.escape(name, quote=False))
    return await go_next(update, context)


async def channel_button(update: Update, context: Context) -> int | None:
    """The channel from its button."""
    draft = require_draft(context)
    action, arg = parse_button(update.callback_query.data if update.callback_query else None, draft) or ("", "")
    if action != "ch" or arg not in {c.value for c in Channel}:
        return await _stale(update, context)
    draft["channel"] = arg
    await mark_chosen(update, t(me().language, f"channel.{arg}"))
    return await go_next(update, context)


async def channel_text(update: Update, context: Context) -> int | None:
    """The channel typed as a word (电话, visit…); otherwise point at the buttons."""
    draft = require_draft(context)
    text = update.effective_message.text if update.effective_message else None
    channel = channel_from_word(text or "")
    if channel is None:
        await reply(update, t(me().language, "log.hint_buttons"))
        return None
    draft["channel"] = channel.value
    return await go_next(update, context)


async def summary_part(update: Update, context: Context) -> int | None:
    """Collect one text or attachment of the summary; long texts are kept whole."""
    draft, message = require_draft(context), update.effective_message
    if message is None:
        return None
    attachment = _attachment(message)
    if attachment is not None:
        draft["attachments"].append(attachment)
    text = message.text or message.caption
    if text:
        draft["summary"].append(text)
    parts = len(draft["summary"]) + len(draft["attachments"])
    await reply(update, t(me().language, "log.summary_added", parts=parts), summary_rows(draft, me().language))
    return None


def _attachment(message: object) -> dict[str, str | None] | None:
    for kind in ("voice", "audio", "video", "video_note", "document"):
        item = getattr(message, kind, None)
        if item is not None:
            return {"kind": kind, "file_id": item.file_id, "file_unique_id": item.file_unique_id,
                    "file_name": getattr(item, "file_name", None), "mime_type": getattr(item, "mime_type", None)}
    photos = getattr(message, "photo", None)
    if photos:
        best = photos[-1]
        return {"kind": "photo", "file_id": best.file_id, "file_unique_id": best.file_unique_id,
                "file_name": None, "mime_type": "image/jpeg"}
    return None


async def summary_done(update: Update, context: Context) -> int | None:
    """Close the summary; it needs at least some text or an attachment."""
    draft = require_draft(context)
    if parse_button(update.callback_query.data if update.callback_query else None, draft) is None:
        return await _stale(update, context)
    if not draft["summary"] and not draft["attachments"]:
        if update.callback_query:
            await update.callback_query.answer(t(me().language, "log.summary_empty"), show_alert=True)
        return None
    draft["summary_done"] = True
    await mark_chosen(update, t(me().language, "log.btn_done"))
    return await go_next(update, context)


async def attitude_button(update: Update, context: Context) -> int | None:
    """The customer's attitude."""
    draft = require_draft(context)
    action, arg = parse_button(update.callback_query.data if update.callback_query else None, draft) or ("", "")
    if action != "att" or arg not in {a.value for a in Attitude}:
        return await _stale(update, context)
    draft["attitude"] = arg
    await mark_chosen(update, t(me().language, f"attitude.{arg}"))
    return await go_next(update, context)


async def next_what_text(update: Update, context: Context) -> int | None:
    """What the next step is."""
    draft = require_draft(context)
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    if not text:
        return None
    draft["next_title"] = text[:MAX_TITLE]
    draft.pop("no_next_reason", None)
    return await go_next(update, context)


async def no_next_button(update: Update, context: Context) -> int | None:
    """Ending without a next step, for a stated reason."""
    draft = require_draft(context)
    action, arg = parse_button(update.callback_query.data if update.callback_query else None, draft) or ("", "")
    if action != "nn" or arg not in {r.value for r in NoNextReason}:
        return await _stale(update, context)
    draft.update({"no_next_reason": arg, "next_title": None, "next_due": None})
    await mark_chosen(update, t(me().language, f"nonext.{arg}"))
    return await go_next(update, context)


async def no_next_note_text(update: Update, context: Context) -> int | None:
    """The free-text reason for 'other'."""
    draft = require_draft(context)
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    if not text:
        return None
    draft["no_next_note"] = text[:MAX_TITLE]
    return await go_next(update, context)


async def next_when_text(update: Update, context: Context) -> int | None:
    """A typed date: ask again with examples when it can't be read."""
    draft, lang = require_draft(context), me().language
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    due, problem = read_due(text, local_now=local_now(context))
    if due is None or problem is not None:
        when = format_datetime(due, lang) if due is not None else ""
        await reply(update, t(lang, problem or "log.date_unreadable", text=text[:100], when=when))
        return None
    draft["next_due"] = due.isoformat()
    return await go_next(update, context)


async def next_when_button(update: Update, context: Context) -> int | None:
    """A suggested date: the tier's cadence, tomorrow morning or next Monday morning."""
    draft = require_draft(context)
    action, arg = parse_button(update.callback_query.data if update.callback_query else None, draft) or ("", "")
    base = local_now(context)
    days = get_deps(context).cadence_days.get(draft.get("tier") or "C", 30)
    choices = {"cad": cadence_due(base, days), "tmr": tomorrow_morning(base), "mon": next_monday_morning(base)}
    if action != "wh" or arg not in choices:
        return await _stale(update, context)
    draft["next_due"] = choices[arg].isoformat()
    if update.callback_query:
        await update.callback_query.answer()
    return await go_next(update, context)


async def _stale(update: Update, context: Context) -> int | None:
    """A button of another (older) draft: say it expired and stay where we are."""
    if update.callback_query is not None:
        await update.callback_query.answer(t(me().language, "error.expired"), show_alert=True)
    return None
