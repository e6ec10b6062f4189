"""Override a customer's tier by hand (the owner or a manager): the tier, the reason, for how long; or clear it."""

from __future__ import annotations

from telegram import Update

from bot.domain.enums import Tier
from bot.i18n import t, t_plain
from bot.services import deal_tiers
from bot.services.customer_file import ReasonRequired, clean_reason
from bot.services.errors import ServiceError
from handlers.customer_common import answer, clock, customer_or_refuse, me, pressed_id, refuse, zone
from handlers.customer_render import ButtonRows, tier_text
from handlers.deal_new import cancel_row
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form, touch_form
from handlers.replies import reply
from handlers.scope import current_scope


async def menu(update: Update, context: Context) -> None:
    """ti:menu:<customer_id>: the tier now, and buttons to set A–D or clear the override."""
    user, customer = me(), await customer_or_refuse(update, pressed_id(update))
    if customer is None:
        return
    lang, customer_id = user.language, customer.id
    info = await deal_tiers.tier_of(current_scope().uow, user, customer_id)
    rows: ButtonRows = [[(tier.value, f"ti:set:{customer_id}:{tier.value}") for tier in Tier]]
    if info.override is not None:
        rows.append([(t_plain(lang, "tier.btn_clear"), f"ti:clr:{customer_id}")])
    rows.append([(t_plain(lang, "cust.btn_back"), f"cu:open:{customer_id}")])
    await reply(update, t(lang, "tier.menu", name=customer.name,
                          tier=tier_text(info, lang, now=clock(context), zone=zone(user))), rows)


async def set_button(update: Update, context: Context) -> None:
    """ti:set:<customer_id>:<tier>: ask why."""
    data = (update.callback_query.data if update.callback_query else "") or ""
    tier = data.rsplit(":", 1)[-1]
    customer = await customer_or_refuse(update, pressed_id(update))
    if customer is None or tier not in {t_.value for t_ in Tier}:
        return
    lang = me().language
    form = open_form(context, "tier_override", "reason", customer_id=customer.id, tier=tier)
    await reply(update, t(lang, "tier.ask_reason", tier=t_plain(lang, f"tier.{tier}")), [cancel_row(form, lang)])


async def reason_text(update: Update, context: Context, form: Form, text: str) -> None:
    """The reason: then for how long."""
    lang = me().language
    if form["step"] != "reason":
        await reply(update, t(lang, "cust.use_buttons"))
        return
    try:
        form["data"]["reason"] = clean_reason(text)
    except ReasonRequired as exc:
        await reply(update, t(lang, exc.key), [cancel_row(form, lang)])
        return
    touch_form(context, form, "period")
    rows: ButtonRows = [[(t_plain(lang, f"tier.for_{days}"), f"df:{form['token']}:for:{days}")]
                        for days in deal_tiers.OVERRIDE_PERIODS]
    await reply(update, t(lang, "tier.ask_period"), [*rows, cancel_row(form, lang)])


async def period_button(update: Update, context: Context, form: Form, arg: str) -> None:
    """df:<token>:for:<days>: save the override."""
    user, data = me(), form["data"]
    if form["step"] != "period" or not arg.isdigit() or int(arg) not in deal_tiers.OVERRIDE_PERIODS:
        await reply(update, t(user.language, "cust.use_buttons"))
        return
    close_form(context)
    try:
        info = await deal_tiers.override_tier(current_scope().uow, user, data["customer_id"], tier=Tier(data["tier"]),
                                              reason=data["reason"], days=int(arg), now=clock(context))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await reply(update, t(user.language, "tier.saved",
                          tier=tier_text(info, user.language, now=clock(context), zone=zone(user))),
                [[(t_plain(user.language, "cust.btn_back"), f"cu:open:{data['customer_id']}")]])


async def clear_button(update: Update, context: Context) -> None:
    """ti:clr:<customer_id>: back to the computed tier."""
    user = me()
    try:
        info = await deal_tiers.clear_override(current_scope().uow, user, pressed_id(update), now=clock(context))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await reply(update, t(user.language, "tier.cleared", tier=t_plain(user.language, f"tier.{info.computed}")),
                [[(t_plain(user.language, "cust.btn_back"), f"cu:open:{pressed_id(update)}")]])
