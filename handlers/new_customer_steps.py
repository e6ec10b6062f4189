"""The /new form's steps: read a typed answer or a pressed choice, keep it, ask the next question."""

from __future__ import annotations

from telegram import Update

from bot.domain.industries import match_industry
from bot.i18n import t
from bot.services import onboarding
from bot.services.errors import ServiceError
from bot.services.onboarding_fields import clean_email, clean_name, clean_phone, clean_text
from handlers import new_customer_render as render
from handlers.customer_common import me
from handlers.deps import Context, get_deps
from handlers.forms import Form, close_form, touch_form
from handlers.new_customer_save import save
from handlers.replies import reply
from handlers.scope import current_scope

DUPLICATE_STEPS = ("dup_name", "dup_save")


async def ask(update: Update, context: Context, form: Form) -> None:
    """Send the question of the form's current step."""
    text, rows = render.prompt(form, me().language, get_deps(context).industries)
    await reply(update, text, rows)


def _following(form: Form) -> str:
    step, data = form["step"], form["data"]
    if step in ("name", "dup_name"):
        return "industry"
    if step == "industry":
        return render.OPTIONAL[0]
    if step == "contact_name" and not data.get("contact_name"):
        return "confirm"  # no contact: title, phone and e-mail have nobody to belong to
    index = render.OPTIONAL.index(step) + 1
    return render.OPTIONAL[index] if index < len(render.OPTIONAL) else "confirm"


async def advance(update: Update, context: Context, form: Form) -> None:
    """Move to the next question and ask it."""
    touch_form(context, form, _following(form))
    await ask(update, context, form)


async def take_name(update: Update, context: Context, form: Form, text: str) -> None:
    """The company's full name; warn early when it may be a customer already on file."""
    user, data = me(), form["data"]
    try:
        data["name"] = clean_name(text)
    except ServiceError as exc:
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    found = await onboarding.matches(current_scope().uow, user, data["name"])
    if not found:
        touch_form(context, form, "industry")
        await ask(update, context, form)
        return
    data["seen"] = [m.customer_id for m in found]
    touch_form(context, form, "dup_name")
    await reply(update, render.duplicate_text(found, user.language, name=data["name"], at_save=False),
                render.duplicate_rows(found, user.language, form["token"], "dup_name"))


def _clean(field: str, text: str) -> str:
    if field == "contact_phone":
        return clean_phone(text).e164
    if field == "contact_email":
        return clean_email(text)
    return clean_text(field, text)


async def typed(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed answer to the current step (a new name is welcome while a duplicate warning is shown)."""
    step, lang, data = form["step"], me().language, form["data"]
    if step in ("name", "dup_name"):
        await take_name(update, context, form, text)
    elif step == "industry":
        industry = match_industry(text, get_deps(context).industries)
        if industry is None:
            _, rows = render.prompt(form, lang, get_deps(context).industries)
            await reply(update, t(lang, "newcust.pick_industry", value=text[:60]), rows)
            return
        data["industry"] = industry.code
        await advance(update, context, form)
    elif step in render.OPTIONAL:
        try:
            data[step] = _clean(step, text)
        except ServiceError as exc:
            await reply(update, t(lang, exc.key, **exc.params))
            await ask(update, context, form)
            return
        await advance(update, context, form)
    else:  # the summary or the duplicate warning: only its buttons answer it
        await reply(update, t(lang, "newcust.use_buttons"))


async def pressed(update: Update, context: Context, form: Form, action: str, arg: str) -> None:
    """A button of the current step (the dispatcher checked the token and the step)."""
    step, lang, data = form["step"], me().language, form["data"]
    industries = get_deps(context).industries
    codes = {i.code for i in industries}
    if action == "x":
        close_form(context)
        await reply(update, t(lang, "newcust.cancelled"))
    elif action == "ind" and step == "industry" and arg in codes:
        data["industry"] = arg
        await advance(update, context, form)
    elif action == "pick" and step in render.CHOICES and arg.isdigit() and 1 <= int(arg) <= render.CHOICES[step]:
        data[step] = render.choice_label(lang, step, int(arg))
        await advance(update, context, form)
    elif action == "other" and step == "source":
        touch_form(context, form)
        await reply(update, t(lang, "newcust.ask_source_other"))
    elif action == "skip" and step in render.OPTIONAL:
        data.pop(step, None)
        await advance(update, context, form)
    elif action == "save" and (step in render.OPTIONAL or step == "confirm"):
        await save(update, context, form)
    elif action == "go" and step in DUPLICATE_STEPS:
        data["ack"] = sorted(set(data.get("ack", [])) | set(data.pop("seen", [])))
        await (advance(update, context, form) if step == "dup_name" else save(update, context, form))
    else:
        await reply(update, t(lang, "newcust.use_buttons"))

