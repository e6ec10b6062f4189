"""The team section of /settings (managers, and admins for the team they belong to): cadence days per tier,
escalation on/off, after-meeting delay. Callback data st:tm:<action>[:<value>]; typed cadence via a form."""

from __future__ import annotations

from bot.domain.followup_settings import TIERS, TeamRules
from bot.domain.records import UserRecord
from bot.i18n import t
from bot.services import followup_settings as service
from bot.services.errors import NotAllowed
from handlers import settings_render as render
from handlers.deps import Context, get_deps
from handlers.forms import Form, open_form
from handlers.scope import current_scope

CADENCE, AFTER = "settings_cadence", "settings_after"
KINDS = (CADENCE, AFTER)


def applies(user: UserRecord) -> bool:
    """Hidden for reps and for users without a team."""
    return service.may_change_team(user)


async def _rules(context: Context, user: UserRecord) -> TeamRules:
    return await service.team_rules(current_scope().uow, user.team_id, defaults=get_deps(context).cadence_days)


async def render_section(context: Context, user: UserRecord) -> render.Rendered:
    """The team's rules, defaults marked, with their buttons."""
    return render.team(user.language, user.team_name or "", await _rules(context, user))


async def press(context: Context, user: UserRecord, action: str) -> render.Rendered | None:
    """Open a rule's choices, or apply a choice; None = show the whole menu again."""
    verb, _, arg = action.partition(":")
    deps, uow, lang = get_deps(context), current_scope().uow, user.language
    defaults, now = deps.cadence_days, deps.clock()
    if verb == "cad" and arg in TIERS:
        open_form(context, CADENCE, "value", tier=arg)
        return render.cadence_menu(lang, await _rules(context, user), arg, deps.cadence_days)
    if verb == "cad" and arg.endswith(":default"):
        await service.set_cadence(uow, user, arg.removesuffix(":default"), None, defaults=defaults, now=now)
    elif verb == "cad":
        raise service.BadSetting("choice")
    elif verb == "esc" and arg in ("on", "off"):
        await service.set_escalation(uow, user, arg == "on", defaults=defaults, now=now)
    elif verb == "after" and not arg:
        open_form(context, AFTER, "value")
        return render.after_menu(lang, await _rules(context, user))
    elif verb == "after":
        minutes = int(arg) if arg.isdigit() and len(arg) < 6 else 0
        await service.set_after_meeting(uow, user, minutes, defaults=defaults, now=now)
    elif verb != "back" or arg:
        raise NotAllowed()
    return None


async def typed(context: Context, user: UserRecord, form: Form, text: str) -> str | None:
    """A typed cadence: the confirmation; None for a form that takes buttons only."""
    if form["kind"] != CADENCE:
        return None
    deps = get_deps(context)
    tier = str(form["data"].get("tier", ""))
    rules = await service.set_cadence(current_scope().uow, user, tier, text, defaults=deps.cadence_days,
                                      now=deps.clock())
    return t(user.language, "settings.saved_cadence", tier=tier, days=rules.cadence[tier])
