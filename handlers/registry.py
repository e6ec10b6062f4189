"""Every handler, in order. Group -1 is the gate; the order inside group 0 matters (see comments)."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler, filters

from handlers.errors import on_error
from handlers.fallback import stale_button, unknown_command, unknown_text
from handlers.gate import gate
from handlers.help import help_command
from handlers.invite import invite
from handlers.preferences import lang_button, lang_command, tz_command
from handlers.start import start

GATE_GROUP = -1


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Install all handlers on `app`."""
    from telegram import Update

    app.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", help_command))
    app.add_handler(CommandHandler("invite", invite))
    app.add_handler(CommandHandler("lang", lang_command))
    app.add_handler(CommandHandler("tz", tz_command))
    app.add_handler(CallbackQueryHandler(lang_button, pattern=r"^lang:"))
    # Fallbacks last: anything the handlers above did not take.
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, unknown_text))
    app.add_handler(CallbackQueryHandler(stale_button))
    app.add_error_handler(on_error)
