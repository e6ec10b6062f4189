"""Edit a customer field (new value, then the reason 更新原因), delete with a reason, and restore (admins)."""

from __future__ import annotations

from telegram import Update

from bot.i18n import Raw, t, t_plain
from bot.services import customer_file
from bot.services.errors import ServiceError
from handlers import customer_render as render
from handlers.customer_common import answer, card_or_refuse, clock, me, number, pressed_id, refuse
from handlers.deps import Context, get_deps
from handlers.find import show_card
from handlers.forms import Form, close_form, open_form, touch_form
from handlers.replies import reply
from handlers.scope import current_scope

REASONS = ("cust.why_correction", "cust.why_changed", "cust.why_new_info")


def _reason_rows(form: Form, lang: str) -> render.ButtonRows:
    token = form["token"]
    return [[(t_plain(lang, key), f"cf:{token}:why:{i}")] for i, key in enumerate(REASONS)] + [
        [(t_plain(lang, "cust.btn_cancel"), f"cf:{token}:x")]]


async def edit_menu(update: Update, context: Context) -> None:
    """cu:edit:<id>: which field to change (and Delete)."""
    user, card = me(), await card_or_refuse(update, pressed_id(update))
    if card is None:
        return
    customer_id = card.profile.id
    lang = user.language
    fields = [(t_plain(lang, f"cust.f_{f}"), f"cu:ef:{customer_id}:{f}") for f in render.EDITABLE]
    rows = [fields[i:i + 2] for i in range(0, len(fields), 2)]
    rows.append([(t_plain(lang, "cust.btn_delete"), f"cu:del:{customer_id}"),
                 (t_plain(lang, "cust.btn_back"), f"cu:open:{customer_id}")])
    await reply(update, t(lang, "cust.edit_which", name=card.profile.fields.name), rows)


async def edit_field_start(update: Update, context: Context) -> None:
    """cu:ef:<id>:<field>: ask for the new value (industry from buttons)."""
    user, scope = me(), current_scope()
    data = (update.callback_query.data if update.callback_query else "") or ""
    customer_id, field = number(data, 2), data.rsplit(":", 1)[-1]
    if field not in render.EDITABLE:
        await refuse(update, customer_file.BadValue(limit=0))
        return
    try:
        card = await customer_file.card(scope.uow, user, customer_id)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    lang, deps = user.language, get_deps(context)
    form = open_form(context, "cust_edit", "value", customer_id=customer_id, field=field)
    current = getattr(card.profile.fields, field)
    shown = render.industry_label(current, deps.industries, lang) if field == "industry" and current else current
    rows: render.ButtonRows = []
    if field == "industry":
        choices = [(i.label(lang), f"cf:{form['token']}:ind:{i.code}") for i in deps.industries]
        rows = [choices[i:i + 3] for i in range(0, len(choices), 3)]
    rows.append([(t_plain(lang, "cust.btn_cancel"), f"cf:{form['token']}:x")])
    key = "cust.edit_ask_name" if field == "name" else "cust.edit_ask"
    await reply(update, t(lang, key, field=t_plain(lang, f"cust.f_{field}"), current=render.short(shown, 200) or "—"),
                rows)


async def edit_value(update: Update, context: Context, form: Form, raw: str) -> None:
    """The typed (or chosen) new value: check it, then ask why."""
    user = me()
    try:
        value = customer_file.clean_value(form["data"]["field"], raw, get_deps(context).industries)
    except ServiceError as exc:
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    form["data"]["value"] = value
    touch_form(context, form, "reason")
    await reply(update, t(user.language, "cust.ask_reason"), _reason_rows(form, user.language))


async def edit_reason(update: Update, context: Context, form: Form, reason: str) -> None:
    """Save the change with its reason and show the card again."""
    user, scope, data = me(), current_scope(), form["data"]
    try:
        await customer_file.edit_field(scope.uow, user, data["customer_id"], data["field"], data.get("value"),
                                       reason, now=clock(context))
    except customer_file.ReasonRequired as exc:
        await reply(update, t(user.language, exc.key), _reason_rows(form, user.language))
        return
    except ServiceError as exc:
        close_form(context)
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    close_form(context)
    await reply(update, t(user.language, "cust.edit_saved", field=t_plain(user.language, f"cust.f_{data['field']}")))
    await show_card(update, context, data["customer_id"])


async def delete_start(update: Update, context: Context) -> None:
    """cu:del:<id>: ask for the reason before a (restorable) delete."""
    user, card = me(), await card_or_refuse(update, pressed_id(update))
    if card is None:
        return
    customer_id = card.profile.id
    form = open_form(context, "cust_delete", "reason", customer_id=customer_id)
    await reply(update, t(user.language, "cust.delete_ask", name=card.profile.fields.name),
                [[(t_plain(user.language, "cust.btn_cancel"), f"cf:{form['token']}:x")]])


async def delete_reason(update: Update, context: Context, form: Form, reason: str) -> None:
    """Delete with the reason given."""
    user, scope = me(), current_scope()
    try:
        customer = await customer_file.delete(scope.uow, user, form["data"]["customer_id"], reason, now=clock(context))
    except customer_file.ReasonRequired as exc:
        await reply(update, t(user.language, exc.key))
        return
    except ServiceError as exc:
        close_form(context)
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    close_form(context)
    await reply(update, t(user.language, "cust.deleted", name=customer.name))


async def deleted_command(update: Update, context: Context) -> None:
    """/deleted (admins): customers deleted in the last 90 days, each with Restore."""
    user, scope = me(), current_scope()
    try:
        found = await customer_file.deleted(scope.uow, user, now=clock(context))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    if not found:
        await reply(update, t(user.language, "cust.deleted_none"))
        return
    rows = [[(t_plain(user.language, "cust.btn_restore", name=render.short(c.name, 40), code=c.code),
              f"cu:rst:{c.id}")] for c in found]
    await reply(update, Raw(t(user.language, "cust.deleted_title", count=len(found))), rows)


async def restore(update: Update, context: Context) -> None:
    """cu:rst:<id>: bring a deleted customer back (admins, within 90 days)."""
    user, scope = me(), current_scope()
    customer_id = number(update.callback_query.data if update.callback_query else "", 2)
    try:
        customer = await customer_file.restore(scope.uow, user, customer_id, now=clock(context))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await reply(update, t(user.language, "cust.restored", name=customer.name))
