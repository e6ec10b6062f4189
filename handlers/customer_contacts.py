"""Contacts on the card: list, add (name → title → phone → email), edit with a reason, primary, left (离职)."""

from __future__ import annotations

from telegram import Update

from bot.domain.records import ContactFields
from bot.i18n import t, t_plain
from bot.services import contacts, customer_file
from bot.services.errors import ServiceError
from handlers import customer_render as render
from handlers.customer_common import answer, card_or_refuse, clock, me, number, pressed_id, refuse
from handlers.customer_edit import _reason_rows
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form, touch_form
from handlers.replies import reply
from handlers.scope import current_scope

ADD_STEPS = ("name", "title", "phone", "email")
EDIT_FIELDS = ("name", "title", "phone", "email")


async def list_contacts(update: Update, context: Context, customer_id: int | None = None) -> None:
    """cu:ct:<id>: every contact, with a menu per current contact and Add."""
    user = me()
    card = await card_or_refuse(update, pressed_id(update) if customer_id is None else customer_id)
    if card is None:
        return
    customer_id = card.profile.id
    found = card.profile.contacts
    await reply(update, render.contacts_text(card.profile.fields.name, found, user.language),
                render.contacts_rows(customer_id, found, user.language))


async def contact_menu(update: Update, context: Context) -> None:
    """cu:cm:<contact>: edit a field, make primary, mark as left."""
    user, scope = me(), current_scope()
    contact_id = number(update.callback_query.data if update.callback_query else "", 2)
    try:
        contact = await contacts.get_contact(scope.uow, user, contact_id)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    lang = user.language
    edits = [(t_plain(lang, f"cust.cf_{f}"), f"cu:ce:{contact_id}:{f}") for f in EDIT_FIELDS]
    rows = [edits[:2], edits[2:],
            [(t_plain(lang, "cust.btn_primary"), f"cu:cp:{contact_id}"),
             (t_plain(lang, "cust.btn_left"), f"cu:cl:{contact_id}")],
            [(t_plain(lang, "cust.btn_back"), f"cu:ct:{contact.customer_id}")]]
    await reply(update, render.contact_line(contact, lang), rows)


async def add_start(update: Update, context: Context) -> None:
    """cu:ca:<id>: ask the new contact's name."""
    user, card = me(), await card_or_refuse(update, pressed_id(update))
    if card is None:
        return
    customer_id = card.profile.id
    form = open_form(context, "contact_add", "name", customer_id=customer_id, values={})
    await _ask_add(update, form, user.language)


async def _ask_add(update: Update, form: Form, lang: str) -> None:
    token, step = form["token"], form["step"]
    rows = [[(t_plain(lang, "cust.btn_cancel"), f"cf:{token}:x")]]
    if step != "name":
        rows[0].insert(0, (t_plain(lang, "cust.btn_skip"), f"cf:{token}:skip"))
    await reply(update, t(lang, f"cust.ca_ask_{step}"), rows)


async def add_value(update: Update, context: Context, form: Form, raw: str | None) -> None:
    """One answer of the add-contact form (None = skipped); save after the e-mail."""
    user, step = me(), form["step"]
    if raw is not None:
        try:
            form["data"]["values"][step] = contacts.clean_contact_value(step, raw)
        except ServiceError as exc:
            await reply(update, t(user.language, exc.key, **exc.params))
            return
    elif step == "name":
        return
    following = ADD_STEPS[ADD_STEPS.index(step) + 1:] if step in ADD_STEPS else ()
    if following:
        touch_form(context, form, following[0])
        await _ask_add(update, form, user.language)
        return
    values, customer_id = form["data"]["values"], form["data"]["customer_id"]
    close_form(context)
    try:
        await contacts.add_contact(current_scope().uow, user, customer_id, ContactFields(**values), primary=False,
                                   now=clock(context))
    except ServiceError as exc:
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    await reply(update, t(user.language, "cust.contact_added", name=values["name"]))
    await list_contacts(update, context, customer_id)


async def edit_start(update: Update, context: Context) -> None:
    """cu:ce:<contact>:<field>: ask the new value."""
    user, scope = me(), current_scope()
    data = (update.callback_query.data if update.callback_query else "") or ""
    contact_id, field = number(data, 2), data.rsplit(":", 1)[-1]
    try:
        if field not in EDIT_FIELDS:
            raise contacts.BadContactValue(limit=0)
        contact = await contacts.get_contact(scope.uow, user, contact_id)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    form = open_form(context, "contact_edit", "value", contact_id=contact_id, field=field)
    lang = user.language
    await reply(update, t(lang, "cust.ce_ask", field=t_plain(lang, f"cust.cf_{field}"), name=contact.name,
                          current=getattr(contact, field) or "—"),
                [[(t_plain(lang, "cust.btn_cancel"), f"cf:{form['token']}:x")]])


async def edit_value(update: Update, context: Context, form: Form, raw: str) -> None:
    """The new value of a contact field; then the reason."""
    user = me()
    try:
        form["data"]["value"] = contacts.clean_contact_value(form["data"]["field"], raw)
    except ServiceError as exc:
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    touch_form(context, form, "reason")
    await reply(update, t(user.language, "cust.ask_reason"), _reason_rows(form, user.language))


async def edit_reason(update: Update, context: Context, form: Form, reason: str) -> None:
    """Save the contact change with its reason."""
    user, data = me(), form["data"]
    try:
        contact = await contacts.edit_contact(current_scope().uow, user, data["contact_id"], data["field"],
                                              data.get("value"), reason, now=clock(context))
    except customer_file.ReasonRequired as exc:
        await reply(update, t(user.language, exc.key), _reason_rows(form, user.language))
        return
    except ServiceError as exc:
        close_form(context)
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    close_form(context)
    await reply(update, t(user.language, "cust.contact_saved", name=contact.name))
    await list_contacts(update, context, contact.customer_id)


async def primary_or_left(update: Update, context: Context) -> None:
    """cu:cp:<contact> makes it primary; cu:cl asks to confirm 离职, cu:cx confirms it."""
    user, scope = me(), current_scope()
    data = (update.callback_query.data if update.callback_query else "") or ""
    contact_id, action, lang = number(data, 2), data.split(":")[1], user.language
    try:
        if action == "cl":
            contact = await contacts.get_contact(scope.uow, user, contact_id)
            await answer(update)
            await reply(update, t(lang, "cust.left_confirm", name=contact.name),
                        [[(t_plain(lang, "cust.btn_left_yes"), f"cu:cx:{contact_id}"),
                          (t_plain(lang, "cust.btn_back"), f"cu:ct:{contact.customer_id}")]])
            return
        change = contacts.make_primary if action == "cp" else contacts.mark_left
        contact = await change(scope.uow, user, contact_id, now=clock(context))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await reply(update, t(lang, "cust.primary_set" if action == "cp" else "cust.left_set", name=contact.name))
    await list_contacts(update, context, contact.customer_id)
