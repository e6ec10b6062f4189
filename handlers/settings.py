"""/settings: one menu made of sections, each shown to the users it applies to.

A section renders its lines and buttons and handles its own presses (callback data st:<section>:<action>);
a press may answer with a sub-menu (its choices) shown in place of the menu. Values that are typed (a time,
a window, a cadence) arrive through the sections' forms (kinds settings_*), routed here by form kind.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.domain.records import UserRecord
from bot.i18n import Raw, t
from bot.services.errors import ServiceError
from handlers import settings_org, settings_personal, settings_team
from handlers.customer_common import alert, answer, me, refuse
from handlers.deps import Context
from handlers.forms import Form, add_form_handlers, close_form, current_form
from handlers.replies import edit, reply
from handlers.settings_render import Rendered

KINDS = settings_personal.KINDS + settings_team.KINDS
MAX_ANSWER = 200


@dataclass(frozen=True)
class Section:
    name: str
    applies: Callable[[UserRecord], bool]
    render: Callable[[Context, UserRecord], Awaitable[Rendered]]
    # None: show the whole menu again; a Rendered: show that (a setting's choices) in its place.
    press: Callable[[Context, UserRecord, str], Awaitable[Rendered | None]]


SECTIONS: tuple[Section, ...] = (
    Section("org", settings_org.applies, settings_org.render, settings_org.press),
    Section("me", settings_personal.applies, settings_personal.render_section, settings_personal.press),
    Section("tm", settings_team.applies, settings_team.render_section, settings_team.press),
)


async def menu(context: Context, user: UserRecord) -> Rendered:
    """The title, then every section that applies to the user, with all their buttons."""
    parts: list[str] = [t(user.language, "settings.title")]
    rows: list[Sequence[tuple[str, str]]] = []
    for section in SECTIONS:
        if section.applies(user):
            text, section_rows = await section.render(context, user)
            parts.append(text)
            rows.extend(section_rows)
    return Raw("\n\n".join(parts)), rows


async def settings_command(update: Update, context: Context) -> None:
    """/settings: show the menu."""
    text, rows = await menu(context, me())
    await reply(update, text, rows)


async def settings_button(update: Update, context: Context) -> None:
    """st:<section>:<action>: let the section act, then show the menu again in place."""
    user, query = me(), update.callback_query
    parts = ((query.data if query else "") or "").split(":", 2)
    name, action = (parts[1], parts[2]) if len(parts) == 3 else ("", "")
    section = next((s for s in SECTIONS if s.name == name), None)
    if section is None or not section.applies(user):
        await alert(update, "error.not_allowed")
        return
    _close_settings_form(context)  # a press leaves any typed answer behind; sub-menus open their own form
    try:
        shown = await section.press(context, user, action)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    if shown is None:
        shown = await menu(context, user)
    await edit(update, *shown)


def _close_settings_form(context: Context) -> None:
    form = current_form(context)
    if form is not None and form["kind"] in KINDS:
        close_form(context)


async def form_text(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed value while a settings form is open: save it and show the menu, or say why not."""
    user = me()
    section = settings_team if form["kind"] in settings_team.KINDS else settings_personal
    try:
        done = await section.typed(context, user, form, text.strip())
    except ServiceError as exc:
        await refuse(update, exc)  # the form stays open: the user may try again
        return
    if done is None:
        await reply(update, t(user.language, "settings.use_buttons"))
        return
    close_form(context)
    text, rows = await menu(context, user)
    await reply(update, Raw(f"{done}\n\n{text}"), rows)


def register_settings(app: Application) -> None:  # type: ignore[type-arg]
    """/settings, the buttons of its sections and the answers to their forms (before the log conversation)."""
    add_form_handlers(app, KINDS, form_text, cancelled="settings.cancelled", text_only="settings.text_only",
                      too_long="settings.use_buttons", limit=MAX_ANSWER)
    app.add_handler(CommandHandler("settings", settings_command))
    app.add_handler(CallbackQueryHandler(settings_button, pattern=r"^st:\w+:"))
