"""/settings: one menu made of sections, each shown to the users it applies to.

A section renders its lines and buttons and handles its own presses (callback data st:<section>:<action>);
later features add a section to SECTIONS (e.g. personal reminder time, quiet hours) without touching the rest.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.domain.records import UserRecord
from bot.i18n import Raw, t
from bot.services.errors import NotAllowed, ServiceError
from handlers import settings_org
from handlers.customer_common import alert, answer, me, refuse
from handlers.deps import Context
from handlers.replies import Rows, edit, reply

Rendered = tuple[str, Rows]


@dataclass(frozen=True)
class Section:
    name: str
    applies: Callable[[UserRecord], bool]
    render: Callable[[Context, UserRecord], Awaitable[Rendered]]
    press: Callable[[Context, UserRecord, str], Awaitable[None]]


async def _personal_later(context: Context, user: UserRecord) -> Rendered:
    return t(user.language, "settings.personal_later"), []


async def _nothing_to_press(context: Context, user: UserRecord, action: str) -> None:
    raise NotAllowed()


SECTIONS: tuple[Section, ...] = (
    Section("org", settings_org.applies, settings_org.render, settings_org.press),
    # Personal settings (reminder time, quiet hours…) replace this placeholder.
    Section("me", lambda user: True, _personal_later, _nothing_to_press),
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
    try:
        await section.press(context, user, action)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    text, rows = await menu(context, user)
    await edit(update, text, rows)


def register_settings(app: Application) -> None:  # type: ignore[type-arg]
    """/settings and the buttons of its sections."""
    app.add_handler(CommandHandler("settings", settings_command))
    app.add_handler(CallbackQueryHandler(settings_button, pattern=r"^st:\w+:"))
