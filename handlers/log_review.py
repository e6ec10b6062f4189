"""The end of the log: review, save, change a part, contact time, cancel, location, timeout."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ConversationHandler

from bot.domain.geo import valid_coordinates
from bot.i18n import t
from bot.services import logbook
from bot.services.errors import LogIncomplete, ServiceError
from handlers.deps import Context
from handlers.log_common import get_draft, go_next, local_now, mark_chosen, me, now, require_draft
from handlers.log_dates import read_contact_time
from handlers.log_draft import CONTACT_TIME, DRAFT_KEY, PAUSED_KEY, clear_field, parse_button, to_log_draft
from handlers.log_render import change_rows, saved_card
from handlers.replies import keyboard, reply
from handlers.reschedule import forget_reschedule
from handlers.scope import current_scope

END = ConversationHandler.END
FIELDS = ("customer", "channel", "summary", "attitude", "next")


async def review_button(update: Update, context: Context) -> int | None:
    """Save, change a part, set the contact time, or cancel."""
    draft = require_draft(context)
    query = update.callback_query
    action, arg = parse_button(query.data if query else None, draft) or ("", "")
    lang = me().language
    if action == "save":
        return await _save(update, context)
    if action == "cancel":
        return await cancel(update, context)
    if action == "time":
        await mark_chosen(update, t(lang, "log.btn_time"))
        await reply(update, t(lang, "log.ask_contact_time"))
        return CONTACT_TIME
    if action == "chg":
        if query:
            await query.answer()
        await reply(update, t(lang, "log.change_which"), change_rows(draft, lang))
        return None
    if action == "f" and arg in FIELDS:
        clear_field(draft, arg)
        await mark_chosen(update, t(lang, f"log.btn_f_{arg}"))
        return await go_next(update, context)
    if query:
        await query.answer(t(lang, "error.expired"), show_alert=True)
    return None


async def _save(update: Update, context: Context) -> int | None:
    draft, user, query = require_draft(context), me(), update.callback_query
    try:
        saved = await logbook.save_log(current_scope().uow, user, to_log_draft(draft, now=now(context)),
                                       now=now(context), replacing=draft.get("editing_id"),
                                       new_customer=draft.get("new_customer"))
    except LogIncomplete as exc:
        field = str(exc.params.get("field"))
        if query:
            await query.answer(t(user.language, f"log.incomplete_{field}"), show_alert=True)
        if field.startswith("occurred_at"):
            draft.pop("occurred_at", None)
            await reply(update, t(user.language, "log.ask_contact_time"))
            return CONTACT_TIME
        return await go_next(update, context)
    except ServiceError as exc:
        if query:
            await query.answer(t(user.language, exc.key, **exc.params), show_alert=True)
        return None
    context.user_data.pop(DRAFT_KEY, None)  # type: ignore[union-attr]
    text, rows = saved_card(saved, user.language, now=now(context), zone=user.timezone)
    if query is not None and query.message is not None:
        await query.answer()
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard(rows))
    else:
        await reply(update, text, rows)
    return END


async def contact_time_text(update: Update, context: Context) -> int | None:
    """When the contact happened (back-dating): must be in the past and within 60 days."""
    draft, lang = require_draft(context), me().language
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    when, problem = read_contact_time(text, local_now=local_now(context))
    if when is None:
        await reply(update, t(lang, problem or "log.date_unreadable", text=text[:100], when=""))
        return None
    draft["occurred_at"] = when.isoformat()
    return await go_next(update, context)


async def location(update: Update, context: Context) -> None:
    """A shared location goes on the draft; the review shows the distance to the customer."""
    draft, message, lang = get_draft(context), update.effective_message, me().language
    if message is None or message.location is None:
        return
    if draft is None:
        await reply(update, t(lang, "log.location_outside"))
        return
    lat, lon = message.location.latitude, message.location.longitude
    if not valid_coordinates(lat, lon):
        await reply(update, t(lang, "log.location_invalid"))
        return
    draft["lat"], draft["lon"] = lat, lon
    await reply(update, t(lang, "log.location_added"))


async def cancel(update: Update, context: Context) -> int:
    """Drop the draft; nothing is saved."""
    lang = me().language
    had_log = context.user_data is not None and context.user_data.pop(DRAFT_KEY, None) is not None
    had_reschedule = forget_reschedule(context)
    if update.callback_query is not None:
        await mark_chosen(update, t(lang, "log.btn_cancel"))
    key = "log.cancelled" if had_log else "next.rs_cancelled" if had_reschedule else "log.nothing_to_cancel"
    await reply(update, t(lang, key))
    return END


async def wrong_content(update: Update, context: Context) -> None:
    """Stickers, GIFs and contacts can't be part of a log: say so, keep the step."""
    await reply(update, t(me().language, "log.hint_text_step"))


async def attachment_elsewhere(update: Update, context: Context) -> None:
    """A file outside the summary step (or outside any log): say where it belongs; nothing is kept."""
    key = "log.attachment_step" if get_draft(context) is not None else "log.attachment_outside"
    await reply(update, t(me().language, key))


async def buttons_only(update: Update, context: Context) -> None:
    """Text where a button is expected."""
    await reply(update, t(me().language, "log.hint_buttons"))


async def timed_out(update: object, context: Context) -> None:
    """Idle too long: keep the draft aside so the next message can offer to continue it."""
    data = context.user_data
    if data is not None and data.get(DRAFT_KEY):
        data[PAUSED_KEY] = data.pop(DRAFT_KEY)
