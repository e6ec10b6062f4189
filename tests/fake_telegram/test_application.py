"""A real telegram.ext.Application polling the fake Bot API end to end."""

from __future__ import annotations

import html
import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.fake_telegram import FakeTelegramServer

from .conftest import TOKEN

AGAIN = InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_user is not None
    await update.effective_message.reply_html(f"Hi <b>{html.escape(update.effective_user.first_name)}</b>")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_html(f"<i>echo:</i> {html.escape(update.message.text)}", reply_markup=AGAIN)


async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(f"pressed {query.data}")
    await query.edit_message_text("done")


async def test_application_polls_echoes_and_handles_callbacks(server: FakeTelegramServer) -> None:
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(on_press))
    alice = server.user(2001, "Alice & Co")
    bob = server.user(2002, "Li Wei", username="liwei", language_code="zh")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0)  # default 10 s long poll
        assert app.bot.username == "crm_test_bot"

        await alice.send("/start")
        assert (await alice.next_reply()).plain_text == "Hi Alice & Co"
        await bob.send("a < b & c")
        await alice.send("hello")
        reply = await bob.next_reply()
        assert reply.plain_text == "echo: a < b & c" and reply.parse_mode == "HTML"
        assert (await alice.next_reply()).plain_text == "echo: hello"

        answer = await bob.press(reply, "Again")
        assert answer.text == "pressed again" and not answer.show_alert
        edit = await bob.next_edit()
        assert edit.message_id == reply.message_id and edit.text == "done" and edit.buttons == []
        assert await bob.drain(quiet=0.1) == []

        started = time.monotonic()
        await app.updater.stop()
        await app.stop()
    assert time.monotonic() - started < 3
    assert any(name == "deleteWebhook" for name, _ in server.calls)
