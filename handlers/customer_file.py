"""The customer file in chat: card buttons, field edits, contacts, delete/restore and /reassign.

Typed answers of this feature's forms (see handlers/forms.py) are routed here by form kind and step.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.i18n import t, t_plain
from handlers import customer_contacts as contacts
from handlers import customer_edit as editing
from handlers import deal_view, find, reassign_customers
from handlers.customer_common import alert, answer, me
from handlers.deps import Context
from handlers.forms import Form, add_form_handlers, close_form, current_form
from handlers.replies import reply

KINDS = ("cust_edit", "cust_delete", "contact_add", "contact_edit", "reassign")
MAX_ANSWER = 4000


async def form_text(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed answer while one of this feature's forms is open."""
    lang = me().language
    kind, step = form["kind"], form["step"]
    if kind == "cust_edit":
        await (editing.edit_value if step == "value" else editing.edit_reason)(update, context, form, text)
    elif kind == "cust_delete":
        await editing.delete_reason(update, context, form, text)
    elif kind == "contact_add":
        await contacts.add_value(update, context, form, text)
    elif kind == "contact_edit":
        await (contacts.edit_value if step == "value" else contacts.edit_reason)(update, context, form, text)
    elif kind == "reassign" and step == "search":
        await reassign_customers.search_text(update, context, form, text)
    else:
        await reply(update, t(lang, "cust.use_buttons"))


async def form_button(update: Update, context: Context) -> None:
    """cf:<token>:x|skip|ind:<code>|why:<n>: buttons of the open form; other tokens are stale."""
    query, lang = update.callback_query, me().language
    parts = ((query.data if query else "") or "").split(":")
    form = current_form(context, token=parts[1] if len(parts) > 2 else "")
    if query is None or form is None or form["kind"] not in KINDS:
        if query is not None:
            await alert(update, "error.expired")
        return
    await answer(update)
    action, arg = parts[2], parts[3] if len(parts) > 3 else ""
    if action == "x":
        close_form(context)
        await reply(update, t(lang, "cust.form_cancelled"))
    elif action == "skip" and form["kind"] == "contact_add":
        await contacts.add_value(update, context, form, None)
    elif action == "ind" and form["kind"] == "cust_edit" and form["step"] == "value":
        await editing.edit_value(update, context, form, arg)
    elif action == "why" and arg.isdigit() and int(arg) < len(editing.REASONS) and form["step"] == "reason":
        reason = t_plain(lang, editing.REASONS[int(arg)])
        handler = editing.edit_reason if form["kind"] == "cust_edit" else contacts.edit_reason
        await handler(update, context, form, reason)
    else:
        await reply(update, t(lang, "cust.use_buttons"))


def register_customer_file(app: Application) -> None:  # type: ignore[type-arg]
    """Card buttons, forms, /reassign and /deleted."""
    add_form_handlers(app, KINDS, form_text, limit=MAX_ANSWER)
    app.add_handler(CommandHandler("reassign", reassign_customers.reassign_command))
    app.add_handler(CommandHandler("deleted", editing.deleted_command))
    buttons = {
        r"^cu:open:\d+$": find.open_card, r"^cu:more:\d+$": find.find_more, r"^cu:hist:\d+:\d+$": find.history,
        r"^cu:next:\d+$": find.next_step, r"^cu:stage:\d+$": deal_view.customer_stages, r"^cu:edit:\d+$": editing.edit_menu,
        r"^cu:ef:\d+:\w+$": editing.edit_field_start, r"^cu:del:\d+$": editing.delete_start,
        r"^cu:rst:\d+$": editing.restore, r"^cu:ct:\d+$": contacts.list_contacts, r"^cu:cm:\d+$": contacts.contact_menu,
        r"^cu:ca:\d+$": contacts.add_start, r"^cu:ce:\d+:\w+$": contacts.edit_start,
        r"^cu:c[plx]:\d+$": contacts.primary_or_left, r"^cf:": form_button,
        r"^ra:card:\d+$": reassign_customers.from_card, r"^ra:left:\d+$": reassign_customers.mark_left,
        r"^ra:[0-9a-f]+:": reassign_customers.reassign_button,
    }
    for pattern, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=pattern))
