"""Pure rendering of the /new form: each step's question and buttons, the summary, duplicate warnings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.domain.industries import Industry
from bot.domain.phones import Phone, national_digits
from bot.i18n import Raw, t, t_plain
from bot.services.onboarding import Match

ButtonRows = list[list[tuple[str, str]]]
KIND = "new_customer"
OPTIONAL = ("size", "revenue", "region", "address", "source", "background",
            "contact_name", "contact_title", "contact_phone", "contact_email")
CONTACT = ("contact_name", "contact_title", "contact_phone", "contact_email")
PROFILE = ("industry", "size", "revenue", "region", "address", "source", "background")
CHOICES = {"size": 4, "revenue": 4, "source": 4}  # newcust.<field>_<n>, n = 1..count
SHORT = 120


def data_of(token: str, step: str, action: str, arg: str = "") -> str:
    """Callback data of a form button: nc:<token>:<step>:<action>[:<arg>]."""
    return f"nc:{token}:{step}:{action}" + (f":{arg}" if arg else "")


def choice_label(lang: str, field: str, n: int) -> str:
    """The label (and stored value) of a preset choice."""
    return t_plain(lang, f"newcust.{field}_{n}")


def industry_label(code: str | None, industries: Sequence[Industry], lang: str) -> str:
    """The industry's name in the user's language (its code when unknown)."""
    found = next((i for i in industries if i.code == code), None)
    return found.label(lang) if found else (code or "")


def _short(text: str, limit: int = SHORT) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _phone(e164: str) -> str:
    try:
        return Phone(e164, national_digits(e164)).display()
    except Exception:  # a stored number phonenumbers can't format: show it as stored
        return e164


def contact_text(data: Mapping[str, Any]) -> str:
    """王经理 · 采购经理 · +86 139 1234 5678 · wang@example.com (empty without a name)."""
    if not data.get("contact_name"):
        return ""
    parts = [data.get("contact_name"), data.get("contact_title"),
             _phone(data["contact_phone"]) if data.get("contact_phone") else None, data.get("contact_email")]
    return " · ".join(p for p in parts if p)


def summary(data: Mapping[str, Any], lang: str, industries: Sequence[Industry]) -> str:
    """Name and every field filled so far, one line each."""
    lines = [t(lang, "newcust.summary_name", name=data.get("name", ""))]
    for field in PROFILE:
        value = data.get(field)
        if value:
            shown = industry_label(value, industries, lang) if field == "industry" else _short(value)
            lines.append(t(lang, "newcust.summary_line", label=t_plain(lang, f"newcust.f_{field}"), value=shown))
    if contact := contact_text(data):
        lines.append(t(lang, "newcust.summary_line", label=t_plain(lang, "newcust.f_contact"), value=contact))
    return Raw("\n".join(lines))


def _nav(lang: str, token: str, step: str, *, skip: bool = True) -> list[tuple[str, str]]:
    row = [(t_plain(lang, "newcust.btn_skip"), data_of(token, step, "skip"))] if skip else []
    row.append((t_plain(lang, "newcust.btn_save_now"), data_of(token, step, "save")))
    return row


def _cancel(lang: str, token: str, step: str) -> list[tuple[str, str]]:
    return [(t_plain(lang, "newcust.btn_cancel"), data_of(token, step, "x"))]


def prompt(form: Mapping[str, Any], lang: str, industries: Sequence[Industry]) -> tuple[str, ButtonRows]:
    """The question of the form's current step, with its buttons."""
    step, token, data = form["step"], form["token"], form["data"]
    contact = data.get("contact_name") or ""
    if step == "name":
        return t(lang, "newcust.ask_name", min=2, max=200), [_cancel(lang, token, step)]
    if step == "industry":
        buttons = [(i.label(lang), data_of(token, step, "ind", i.code)) for i in industries]
        rows = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
        return t(lang, "newcust.ask_industry", name=data.get("name", "")), [*rows, _cancel(lang, token, step)]
    if step == "confirm":
        rows = [[(t_plain(lang, "newcust.btn_save"), data_of(token, step, "save"))], _cancel(lang, token, step)]
        return Raw(t(lang, "newcust.confirm") + "\n" + summary(data, lang, industries)), rows
    rows = []
    if step in CHOICES:
        picks = [(choice_label(lang, step, n), data_of(token, step, "pick", str(n)))
                 for n in range(1, CHOICES[step] + 1)]
        if step == "source":
            picks.append((t_plain(lang, "newcust.btn_other"), data_of(token, step, "other")))
        rows += [picks[i:i + 3] for i in range(0, len(picks), 3)] if step == "source" else [picks[:2], picks[2:]]
    rows += [_nav(lang, token, step), _cancel(lang, token, step)]
    progress = t(lang, "newcust.progress", n=OPTIONAL.index(step) + 1, total=len(OPTIONAL))
    return Raw(progress + " " + t(lang, f"newcust.ask_{step}", contact=contact)), rows


def duplicate_text(matches: Sequence[Match], lang: str, *, name: str, at_save: bool) -> str:
    """The 撞单 warning: details of customers the user may see, only name and owner of the others."""
    lines = [t(lang, "newcust.dup_title", name=name)]
    for match in matches:
        why = t_plain(lang, f"newcust.dup_why_{match.reason}")
        if match.visible:
            lines.append(t(lang, "newcust.dup_visible", name=_short(match.name, 80), code=match.code or "—",
                           owner=match.owner_name, why=why))
        else:
            lines.append(t(lang, "newcust.dup_hidden", name=_short(match.name, 80), owner=match.owner_name,
                           why=why))
    lines.append(t(lang, "newcust.dup_ask_save" if at_save else "newcust.dup_ask_name"))
    return Raw("\n".join(lines))


def duplicate_rows(matches: Sequence[Match], lang: str, token: str, step: str) -> ButtonRows:
    """Open (visible matches only), Create anyway, Cancel."""
    rows: ButtonRows = [[(t_plain(lang, "newcust.btn_open", name=_short(m.name, 30)), f"cu:open:{m.customer_id}")]
                        for m in matches if m.visible]
    rows.append([(t_plain(lang, "newcust.btn_create_anyway"), data_of(token, step, "go"))])
    rows.append(_cancel(lang, token, step))
    return rows
