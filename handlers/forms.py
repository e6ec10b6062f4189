"""Short multi-step forms (new customer, edit a field, add a contact, reassign) kept in user_data.

A form is not a ConversationHandler: it is one dict in user_data (persisted like a log draft), and
its message handlers match only while it is open and fresh. Its handlers are registered before the
log conversation, so while a form is open a typed answer belongs to it; a form left alone for the
conversation timeout stops matching, and /log, /cancel or another form closes it.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.i18n import t
from handlers.deps import DEPS_KEY, Context, get_deps
from handlers.replies import reply
from handlers.reschedule import forget_reschedule
from handlers.scope import current_scope

FORM_KEY = "form"  # user_data: {"kind", "step", "token", "since", "data"}
Form = dict[str, Any]


def _fresh(form: Form | None, now: datetime, timeout: timedelta) -> bool:
    return bool(form) and now - datetime.fromisoformat(form["since"]) <= timeout  # type: ignore[index]


class WhileForm(MessageHandler):  # type: ignore[type-arg]
    """A message handler that applies only while the sender has a fresh form open (of `kinds`, if given)."""

    def __init__(self, app: Application, message_filter: filters.BaseFilter, callback: Any,  # type: ignore[type-arg]
                 *, kinds: tuple[str, ...] = ()) -> None:
        super().__init__(message_filter, callback)
        self._app, self._kinds = app, kinds

    def check_update(self, update: object) -> Any:
        """Match only when a form of this user is open, fresh and of the right kind."""
        if not isinstance(update, Update) or update.effective_user is None:
            return None
        form = self._app.user_data.get(update.effective_user.id, {}).get(FORM_KEY)
        deps = self._app.bot_data[DEPS_KEY]
        if not _fresh(form, deps.clock(), timedelta(minutes=deps.conversation_timeout_minutes)):
            return None
        if self._kinds and form["kind"] not in self._kinds:
            return None
        return super().check_update(update)


def open_form(context: Context, kind: str, step: str, **data: Any) -> Form:
    """Start a form (closing any other form and a pending reschedule); returns it for the caller to fill."""
    forget_reschedule(context)
    assert context.user_data is not None
    form: Form = {"kind": kind, "step": step, "token": secrets.token_hex(3),
                  "since": get_deps(context).clock().isoformat(), "data": dict(data)}
    context.user_data[FORM_KEY] = form
    return form


def current_form(context: Context, kind: str | None = None, token: str | None = None) -> Form | None:
    """The open, fresh form (of `kind`, with `token` when given), else None."""
    form = (context.user_data or {}).get(FORM_KEY)
    deps = get_deps(context)
    if not _fresh(form, deps.clock(), timedelta(minutes=deps.conversation_timeout_minutes)):
        return None
    assert form is not None
    if (kind is not None and form["kind"] != kind) or (token is not None and form["token"] != token):
        return None
    return form  # type: ignore[no-any-return]


def touch_form(context: Context, form: Form, step: str | None = None) -> None:
    """Record progress: a new step, and the idle timer starts again."""
    if step is not None:
        form["step"] = step
    form["since"] = get_deps(context).clock().isoformat()
    if context.user_data is not None:
        context.user_data[FORM_KEY] = form  # reassign so persistence sees the change


def close_form(context: Context) -> Form | None:
    """End the open form; returns it (or None when there was none)."""
    data = context.user_data
    return data.pop(FORM_KEY, None) if data is not None else None


TextAnswer = Callable[[Update, Context, Form, str], Awaitable[None]]


def add_form_handlers(app: Application, kinds: tuple[str, ...], on_text: TextAnswer, *,  # type: ignore[type-arg]
                      cancelled: str = "cust.form_cancelled", text_only: str = "cust.form_text_only",
                      too_long: str = "cust.too_long", limit: int = 4000) -> None:
    """While a form of `kinds` is open: /cancel closes it, typed text up to `limit` characters goes to
    `on_text(update, context, form, text)` (longer is refused with `too_long`), anything else (photo,
    sticker, file, location) is asked to be typed instead. Register before the log conversation."""

    async def typed(update: Update, context: Context) -> None:
        form, message = current_form(context), update.effective_message
        if form is None or message is None or message.text is None:
            return
        if len(message.text) > limit:
            await _say(update, too_long, limit=limit)
            return
        await on_text(update, context, form, message.text)

    async def cancel(update: Update, context: Context) -> None:
        close_form(context)
        await _say(update, cancelled)

    async def media(update: Update, context: Context) -> None:
        await _say(update, text_only)

    app.add_handler(WhileForm(app, filters.Regex(r"^/cancel(@\w+)?(\s|$)"), cancel, kinds=kinds))
    app.add_handler(WhileForm(app, filters.TEXT & ~filters.COMMAND, typed, kinds=kinds))
    app.add_handler(WhileForm(app, ~filters.TEXT & ~filters.StatusUpdate.ALL, media, kinds=kinds))


async def _say(update: Update, key: str, **params: object) -> None:
    user = current_scope().user
    await reply(update, t(user.language if user else "zh", key, **params))
