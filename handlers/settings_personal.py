"""The personal section of /settings (every user): reminder time, working window and days, due-reminder lead,
and the way to /lang and /tz. Callback data st:me:<action>[:<value>]; typed values arrive through forms."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.domain.followup_settings import UserSchedule, hhmm
from bot.domain.records import UserRecord
from bot.i18n import format_datetime, t, t_plain
from bot.services import followup_settings as service
from bot.services.errors import NotAllowed
from handlers import settings_render as render
from handlers.deps import Context, get_deps
from handlers.forms import Form, open_form
from handlers.preferences import LANG_BUTTONS
from handlers.scope import current_scope

REMINDER, WINDOW, DAYS, LEAD = "settings_reminder", "settings_window", "settings_days", "settings_lead"
KINDS = (REMINDER, WINDOW, DAYS, LEAD)
TYPED = (REMINDER, WINDOW)  # the other kinds take buttons only
_MENUS: dict[str, tuple[str, Callable[[str, UserSchedule], render.Rendered]]] = {
    "rt": (REMINDER, render.reminder_menu), "win": (WINDOW, render.window_menu),
    "days": (DAYS, render.days_menu), "lead": (LEAD, render.lead_menu)}


def applies(user: UserRecord) -> bool:
    """Everyone has personal settings."""
    return True


async def render_section(context: Context, user: UserRecord) -> render.Rendered:
    """The current values and one button per setting."""
    return render.personal(user.language, await service.user_schedule(current_scope().uow, user.id))


def _number(text: str) -> int:
    return int(text) if text.isdigit() and len(text) < 6 else 0  # 0 is never a valid choice


async def press(context: Context, user: UserRecord, action: str) -> render.Rendered | None:
    """Open a setting's choices, or apply a choice; None = show the whole menu again."""
    verb, _, arg = action.partition(":")
    uow, lang = current_scope().uow, user.language
    if verb in _MENUS and not arg:
        kind, menu = _MENUS[verb]
        open_form(context, kind, "value")
        return menu(lang, await service.user_schedule(uow, user.id))
    if verb == "day" and arg:
        schedule = await service.toggle_work_day(uow, user, _number(arg))
        open_form(context, DAYS, "value")  # typed text still gets "use the buttons"
        return render.days_menu(lang, schedule)
    if verb == "rt" and arg:
        await service.set_reminder_time(uow, user, arg)
    elif verb == "lead" and arg:
        await service.set_due_lead(uow, user, _number(arg))
    elif verb == "lang" and not arg:
        return t(lang, "lang.choose"), LANG_BUTTONS
    elif verb == "tz" and not arg:
        now = get_deps(context).clock().astimezone(ZoneInfo(user.timezone))
        return t(lang, "settings.tz_how", tz=user.timezone, now=format_datetime(now, lang)), [
            [(t_plain(lang, "settings.btn_back"), "st:me:back")]]
    elif verb != "back" or arg:
        raise NotAllowed()
    return None


async def typed(context: Context, user: UserRecord, form: Form, text: str) -> str | None:
    """A typed reminder time or working window: the confirmation; None for a form that takes buttons only."""
    uow, lang = current_scope().uow, user.language
    if form["kind"] == REMINDER:
        schedule = await service.set_reminder_time(uow, user, text)
        return t(lang, "settings.saved_reminder", time=hhmm(schedule.reminder))
    if form["kind"] == WINDOW:
        change = await service.set_work_window(uow, user, text)
        saved = change.schedule
        key = "settings.reminder_moved" if change.reminder_moved else "settings.saved_window"
        return t(lang, key, start=hhmm(saved.start), end=hhmm(saved.end), time=hhmm(saved.reminder))
    return None
