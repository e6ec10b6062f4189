"""Texts and buttons of the personal and team sections of /settings: pure functions of the data."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.followup_settings import (
    AFTER_MEETING_CHOICES,
    CADENCE_MAX,
    CADENCE_MIN,
    LEAD_CHOICES,
    REMINDER_CHOICES,
    TIERS,
    TeamRules,
    UserSchedule,
    hhmm,
)
from bot.i18n import Raw, t, t_plain
from handlers.replies import Rows

Rendered = tuple[str, Rows]
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
CHECK = "✅"


def day_names(lang: str) -> list[str]:
    """Monday … Sunday, short, in the user's language."""
    return t_plain(lang, "settings.day_names").split()


def _back(lang: str, section: str, key: str = "settings.btn_back") -> list[tuple[str, str]]:
    return [(t_plain(lang, key), f"st:{section}:back")]


def personal(lang: str, schedule: UserSchedule) -> Rendered:
    """The personal section of the menu: the current values and one button per setting."""
    names = day_names(lang)
    lines = [
        t(lang, "settings.me_title"),
        t(lang, "settings.me_reminder", time=hhmm(schedule.reminder)),
        t(lang, "settings.me_window", start=hhmm(schedule.start), end=hhmm(schedule.end)),
        t(lang, "settings.me_days", days=" ".join(names[d - 1] for d in sorted(schedule.days))),
        t(lang, "settings.me_lead", minutes=schedule.due_lead_minutes),
        t(lang, "settings.me_lang_tz", language=LANGUAGE_NAMES.get(schedule.language, schedule.language),
          tz=schedule.timezone),
    ]
    rows = [[(t_plain(lang, "settings.btn_reminder"), "st:me:rt"), (t_plain(lang, "settings.btn_window"), "st:me:win")],
            [(t_plain(lang, "settings.btn_days"), "st:me:days"), (t_plain(lang, "settings.btn_lead"), "st:me:lead")],
            [(t_plain(lang, "settings.btn_lang"), "st:me:lang"), (t_plain(lang, "settings.btn_tz"), "st:me:tz")]]
    return Raw("\n".join(lines)), rows


def _marked(label: str, on: bool) -> str:
    return f"{CHECK}{label}" if on else label


def reminder_menu(lang: str, schedule: UserSchedule) -> Rendered:
    """The reminder times to choose from (the current one marked); a typed time is accepted too."""
    current = hhmm(schedule.reminder)
    text = t(lang, "settings.ask_reminder", start=hhmm(schedule.start), end=hhmm(schedule.end), time=current)
    choices = [(_marked(choice, choice == current), f"st:me:rt:{choice}") for choice in REMINDER_CHOICES]
    return text, [choices, _back(lang, "me")]


def window_menu(lang: str, schedule: UserSchedule) -> Rendered:
    """Ask for the working window to be typed."""
    return (t(lang, "settings.ask_window", start=hhmm(schedule.start), end=hhmm(schedule.end)),
            [_back(lang, "me")])


def days_menu(lang: str, schedule: UserSchedule) -> Rendered:
    """Monday … Sunday as toggles, working days marked."""
    toggles = [(_marked(name, day in schedule.days), f"st:me:day:{day}")
               for day, name in enumerate(day_names(lang), start=1)]
    return t(lang, "settings.ask_days"), [toggles[:4], toggles[4:], _back(lang, "me", "settings.btn_done")]


def _minutes_row(lang: str, prefix: str, choices: tuple[int, ...], current: int) -> list[tuple[str, str]]:
    return [(_marked(t_plain(lang, "settings.btn_minutes", minutes=m), m == current), f"{prefix}:{m}")
            for m in choices]


def lead_menu(lang: str, schedule: UserSchedule) -> Rendered:
    """The lead times to choose from."""
    minutes = schedule.due_lead_minutes
    return (t(lang, "settings.ask_lead", minutes=minutes),
            [_minutes_row(lang, "st:me:lead", LEAD_CHOICES, minutes), _back(lang, "me")])


def team(lang: str, team_name: str, rules: TeamRules) -> Rendered:
    """The team section: cadence per tier (default or not), escalation, after-meeting delay, and buttons."""
    tiers = " · ".join(
        t_plain(lang, "settings.team_tier_default" if rules.is_default(tier) else "settings.team_tier",
                tier=tier, days=rules.cadence[tier]) for tier in TIERS)
    state = t_plain(lang, "settings.on" if rules.escalation else "settings.off")
    lines = [t(lang, "settings.team_title", team=team_name), t(lang, "settings.team_cadence", tiers=tiers),
             t(lang, "settings.team_escalation", state=state),
             t(lang, "settings.team_after", minutes=rules.after_meeting_minutes)]
    flip = "off" if rules.escalation else "on"
    rows = [[(t_plain(lang, "settings.btn_cadence", tier=tier), f"st:tm:cad:{tier}") for tier in TIERS],
            [(t_plain(lang, f"settings.btn_escalation_{flip}"), f"st:tm:esc:{flip}"),
             (t_plain(lang, "settings.btn_after"), "st:tm:after")]]
    return Raw("\n".join(lines)), rows


def cadence_menu(lang: str, rules: TeamRules, tier: str, defaults: Mapping[str, int]) -> Rendered:
    """Ask for a tier's cadence to be typed; one button goes back to the configured default."""
    note = t_plain(lang, "settings.default_note") if rules.is_default(tier) else ""
    text = t(lang, "settings.ask_cadence", tier=tier, low=CADENCE_MIN, high=CADENCE_MAX, days=rules.cadence[tier],
             note=note)
    rows = [[(t_plain(lang, "settings.btn_default", days=defaults[tier]), f"st:tm:cad:{tier}:default")],
            _back(lang, "tm")]
    return text, rows


def after_menu(lang: str, rules: TeamRules) -> Rendered:
    """The after-meeting delays to choose from."""
    minutes = rules.after_meeting_minutes
    return (t(lang, "settings.ask_after", minutes=minutes),
            [_minutes_row(lang, "st:tm:after", AFTER_MEETING_CHOICES, minutes), _back(lang, "tm")])
