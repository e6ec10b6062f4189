"""Every handler, in order. Group -1 is the gate; the order inside group 0 matters (see comments)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers.complaints import register_complaints
from handlers.contracts import register_contracts
from handlers.customer_file import register_customer_file
from handlers.deals import register_deals
from handlers.errors import on_error
from handlers.fallback import stale_button, unknown_command
from handlers.find import find_command
from handlers.followup_buttons import register_followup_buttons
from handlers.gate import gate
from handlers.help import help_command
from handlers.invite import invite
from handlers.log_conversation import ATTACHMENT, WRONG_CONTENT, log_conversation
from handlers.log_entry import discard, undo
from handlers.log_review import attachment_elsewhere, cancel, location, wrong_content
from handlers.new_customer import register_new_customer
from handlers.next_actions import register_next_actions
from handlers.persist import flush_persistence
from handlers.preferences import lang_button, lang_command, tz_command
from handlers.quick_log import quick_button, quick_text
from handlers.spreadsheets import register_spreadsheets
from handlers.start import start

GATE_GROUP = -1
FLUSH_GROUP = 99


def register(app: Application, *, conversation_timeout_minutes: float = 30) -> None:  # type: ignore[type-arg]
    """Install all handlers on `app`."""
    app.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", help_command))
    app.add_handler(CommandHandler("invite", invite))
    app.add_handler(CommandHandler("lang", lang_command))
    app.add_handler(CommandHandler("tz", tz_command))
    app.add_handler(CommandHandler("find", find_command))
    app.add_handler(CallbackQueryHandler(lang_button, pattern=r"^lang:"))
    # Rescheduling comes first: it is short, and while it waits for a date that date must not land
    # in a half-finished log; the log conversation comes before everything else that reads free
    # text, so that inside a log a message is a step answer and not a quick log.
    register_next_actions(app)
    # Forms (new customer, edits, contacts, reassign) come before the log conversation too: while a
    # form is open, a typed answer belongs to it; /log closes any form.
    register_new_customer(app)
    register_customer_file(app)
    register_deals(app)
    register_contracts(app)
    register_complaints(app)
    register_followup_buttons(app)
    app.add_handler(log_conversation(conversation_timeout_minutes))
    # After the log: inside a log, a file is an attachment of the log, not a spreadsheet to import.
    register_spreadsheets(app)
    app.add_handler(CallbackQueryHandler(undo, pattern=r"^lg:undo:\d+$"))
    app.add_handler(CallbackQueryHandler(discard, pattern=r"^log:discard$"))
    app.add_handler(CallbackQueryHandler(quick_button, pattern=r"^q:(save|pick|new|cancel):"))
    app.add_handler(CommandHandler("cancel", cancel))  # outside any flow: "nothing to cancel"
    # Fallbacks last: anything the handlers above did not take.
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, quick_text))
    app.add_handler(MessageHandler(filters.LOCATION, location))
    app.add_handler(MessageHandler(WRONG_CONTENT, wrong_content))
    app.add_handler(MessageHandler(ATTACHMENT, attachment_elsewhere))
    app.add_handler(CallbackQueryHandler(stale_button))
    app.add_handler(TypeHandler(Update, flush_persistence), group=FLUSH_GROUP)
    app.add_error_handler(on_error)
