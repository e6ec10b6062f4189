"""The guided log as one persistent ConversationHandler; which update goes where in each state."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from handlers import log_entry, log_review, log_steps
from handlers.log_draft import (
    ATTITUDE,
    CHANNEL,
    CONTACT_TIME,
    CUSTOMER,
    NEXT_WHAT,
    NEXT_WHEN,
    NO_NEXT_NOTE,
    REVIEW,
    SUMMARY,
)

TEXT = filters.TEXT & ~filters.COMMAND
# A GIF arrives with a `document` too; it is not an attachment of a log.
ATTACHMENT = (filters.VOICE | filters.AUDIO | filters.PHOTO | filters.Document.ALL | filters.VIDEO
              | filters.VIDEO_NOTE) & ~filters.ANIMATION
WRONG_CONTENT = filters.Sticker.ALL | filters.ANIMATION | filters.CONTACT


def _button(callback: object, action: str) -> CallbackQueryHandler:  # type: ignore[type-arg]
    """A button of the open draft: `l:<token>:<action>:…` (the token check happens in the step)."""
    return CallbackQueryHandler(callback, pattern=rf"^l:[0-9a-f]+:{action}:")  # type: ignore[arg-type]


def log_conversation(timeout_minutes: float) -> ConversationHandler:  # type: ignore[type-arg]
    """The /log flow. Persistent, so a half-finished log survives a restart of the bot."""
    review = [_button(log_review.review_button, "(save|time|chg|cancel|f)")]
    with warnings.catch_warnings():
        # Buttons are tied to the draft by its token, so per-message tracking is not needed.
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            name="log",
            persistent=True,
            allow_reentry=True,
            conversation_timeout=timedelta(minutes=timeout_minutes),
            entry_points=[
                CommandHandler("log", log_entry.log_command),
                CallbackQueryHandler(log_entry.log_for_customer, pattern=r"^log:c:\d+$"),
                CallbackQueryHandler(log_entry.done_then_log, pattern=r"^na:done:\d+$"),
                CallbackQueryHandler(log_entry.edit_saved, pattern=r"^lg:edit:\d+$"),
                CallbackQueryHandler(log_entry.resume, pattern=r"^log:resume$"),
                CallbackQueryHandler(log_entry.quick_edit, pattern=r"^q:edit:"),
            ],
            states={
                CUSTOMER: [MessageHandler(TEXT, log_steps.customer_text),
                           _button(log_steps.customer_button, "(cus|new)")],
                CHANNEL: [_button(log_steps.channel_button, "ch"), MessageHandler(TEXT, log_steps.channel_text)],
                SUMMARY: [MessageHandler(TEXT | ATTACHMENT, log_steps.summary_part),
                          _button(log_steps.summary_done, "sd")],
                ATTITUDE: [_button(log_steps.attitude_button, "att"), MessageHandler(TEXT, log_review.buttons_only)],
                NEXT_WHAT: [MessageHandler(TEXT, log_steps.next_what_text), _button(log_steps.no_next_button, "nn")],
                NO_NEXT_NOTE: [MessageHandler(TEXT, log_steps.no_next_note_text)],
                NEXT_WHEN: [MessageHandler(TEXT, log_steps.next_when_text),
                            _button(log_steps.next_when_button, "wh")],
                REVIEW: [*review, MessageHandler(TEXT, log_review.buttons_only)],
                CONTACT_TIME: [MessageHandler(TEXT, log_review.contact_time_text), *review],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, log_review.timed_out)],
            },
            fallbacks=[
                CommandHandler("cancel", log_review.cancel),
                MessageHandler(filters.LOCATION, log_review.location),
                MessageHandler(WRONG_CONTENT, log_review.wrong_content),
                MessageHandler(ATTACHMENT, log_review.attachment_elsewhere),
                _button(log_review.review_button, "(cancel|chg|f)"),
            ],
        )
