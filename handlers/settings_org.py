"""The organisation section of /settings (admins): review new customers on / off."""

from __future__ import annotations

from bot.domain.enums import Role
from bot.domain.records import UserRecord
from bot.i18n import Raw, t, t_plain
from bot.services import org_settings
from bot.services.errors import NotAllowed
from handlers.deps import Context, get_deps
from handlers.replies import Rows
from handlers.scope import current_scope


def applies(user: UserRecord) -> bool:
    """Only admins change organisation settings."""
    return user.role == Role.ADMIN


async def render(context: Context, user: UserRecord) -> tuple[str, Rows]:
    """The current values and a button to flip each."""
    settings = await org_settings.load(current_scope().uow)
    lang, on = user.language, settings.review_new_customers
    text = "\n".join([t(lang, "settings.org_title"),
                      t(lang, "settings.review_state", state=t_plain(lang, "settings.on" if on else "settings.off"))])
    button = t_plain(lang, "settings.btn_review_off" if on else "settings.btn_review_on")
    return Raw(text), [[(button, f"st:org:review:{'off' if on else 'on'}")]]


async def press(context: Context, user: UserRecord, action: str) -> None:
    """review:on / review:off."""
    if action not in ("review:on", "review:off"):
        raise NotAllowed()
    await org_settings.set_review(current_scope().uow, user, action == "review:on", now=get_deps(context).clock())
