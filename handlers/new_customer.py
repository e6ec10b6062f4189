"""/new: the guided new-customer form, the duplicate check and review.

The form lives in user_data (handlers/forms.py): its buttons carry the form's token and step
(nc:<token>:<step>:<action>[:<arg>]), so a button of an older form or an earlier question changes nothing.
"""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from handlers import new_customer_steps as steps
from handlers.customer_common import alert, answer
from handlers.deps import Context
from handlers.forms import Form, add_form_handlers, current_form, open_form
from handlers.new_customer_render import KIND
from handlers.review import register_review
from handlers.settings import register_settings

MAX_MESSAGE = 4000
KINDS = (KIND,)


async def new_command(update: Update, context: Context) -> None:
    """/new [name]: start the form (a name typed after the command answers the first question)."""
    form = open_form(context, KIND, "name", ack=[])
    name = " ".join(context.args or [])
    if name:
        await steps.take_name(update, context, form, name)
    else:
        await steps.ask(update, context, form)


async def form_text(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed answer while the form is open."""
    await steps.typed(update, context, form, text)


async def form_button(update: Update, context: Context) -> None:
    """nc:<token>:<step>:<action>[:<arg>]: a button of the open form; anything else has expired."""
    query = update.callback_query
    parts = ((query.data if query else "") or "").split(":")
    form = current_form(context, KIND, parts[1]) if len(parts) >= 4 else None
    if form is None:
        await alert(update, "newcust.expired")
        return
    step, action, arg = parts[2], parts[3], parts[4] if len(parts) > 4 else ""
    if step != form["step"] and action != "x":
        await alert(update, "newcust.old_step")
        return
    await answer(update)
    await steps.pressed(update, context, form, action, arg)
    after = current_form(context, KIND)
    if after is None or after["step"] != step:
        await _drop_buttons(update)


async def _drop_buttons(update: Update) -> None:
    """The question is answered: its buttons go, so they can't be pressed twice."""
    if update.callback_query is None or update.callback_query.message is None:
        return
    with contextlib.suppress(TelegramError):  # the message may be too old to edit; the step check still holds
        await update.callback_query.edit_message_reply_markup(None)  # type: ignore[union-attr]


def register_new_customer(app: Application) -> None:  # type: ignore[type-arg]
    """/new and its form, /review with its buttons, /settings."""
    app.add_handler(CommandHandler("new", new_command))
    add_form_handlers(app, KINDS, form_text, cancelled="newcust.cancelled", text_only="newcust.text_only",
                      too_long="newcust.message_too_long", limit=MAX_MESSAGE)
    app.add_handler(CallbackQueryHandler(form_button, pattern=r"^nc:"))
    register_review(app)
    register_settings(app)
