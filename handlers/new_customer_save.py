"""Saving the /new form: the last duplicate check, one transaction, the confirmation and the reviewers' notice."""

from __future__ import annotations

from telegram import Update

from bot.domain.records import ContactFields, CustomerFields
from bot.i18n import t, t_plain
from bot.services import onboarding
from bot.services.errors import ServiceError
from handlers import new_customer_render as render
from handlers.customer_common import clock, me
from handlers.deps import Context
from handlers.forms import Form, close_form, touch_form
from handlers.replies import reply
from handlers.review import notify_reviewers
from handlers.scope import current_scope


def _text(data: dict[str, object], key: str) -> str | None:
    value = data.get(key)
    return str(value) if value else None


def _fields(data: dict[str, object]) -> tuple[CustomerFields, ContactFields | None]:
    fields = CustomerFields(name=str(data["name"]), industry=_text(data, "industry") or "OT",
                            size=_text(data, "size"), revenue=_text(data, "revenue"), region=_text(data, "region"),
                            address=_text(data, "address"), source=_text(data, "source"),
                            background=_text(data, "background"))
    name = _text(data, "contact_name")
    if name is None:
        return fields, None
    return fields, ContactFields(name=name, title=_text(data, "contact_title"), phone=_text(data, "contact_phone"),
                                 email=_text(data, "contact_email"))


async def save(update: Update, context: Context, form: Form) -> None:
    """Create the customer; a possible duplicate found only now (by phone or e-mail) asks once more."""
    user, data, lang = me(), form["data"], me().language
    fields, contact = _fields(data)
    try:
        created = await onboarding.create(current_scope().uow, user, fields, contact, now=clock(context),
                                          acknowledged=data.get("ack", []))
    except onboarding.PossibleDuplicate as exc:
        data["seen"] = [m.customer_id for m in exc.matches]
        touch_form(context, form, "dup_save")
        await reply(update, render.duplicate_text(exc.matches, lang, name=fields.name, at_save=True),
                    render.duplicate_rows(exc.matches, lang, form["token"], "dup_save"))
        return
    except ServiceError as exc:
        await reply(update, t(lang, exc.key, **exc.params))
        return
    close_form(context)
    customer = created.customer
    key = "newcust.saved_pending" if created.pending else "newcust.saved"
    text = t(lang, key, name=customer.name, code=customer.code)
    if created.overridden:
        text += "\n" + t(lang, "newcust.saved_override")
    await reply(update, text, [[(t_plain(lang, "newcust.btn_open_saved"), f"cu:open:{customer.id}")]])
    if created.reviewers:
        await notify_reviewers(context, created.reviewers, customer.id)
