"""/deal: pick the customer, then title → amount → expected close month → stage, and the deal is saved."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.domain.amounts import AmountError, parse_money
from bot.domain.close_dates import CloseDateError, months_ahead, parse_close
from bot.domain.enums import Stage
from bot.domain.stages import OPEN_STAGES
from bot.i18n import format_month, t, t_plain
from bot.services import deals
from bot.services.customer_search import find_customers
from bot.services.deal_tiers import local_today
from bot.services.errors import ServiceError
from handlers import deal_render as render
from handlers.customer_common import clock, customer_or_refuse, me, pressed_id
from handlers.customer_render import ButtonRows, short
from handlers.deal_view import send_deal
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form, touch_form
from handlers.replies import reply
from handlers.scope import current_scope

QUICK_MONTHS = 4  # this month and the next three


def cancel_row(form: Form, lang: str) -> list[tuple[str, str]]:
    """The form's Cancel button."""
    return [(t_plain(lang, "cust.btn_cancel"), f"df:{form['token']}:x")]


async def deal_command(update: Update, context: Context) -> None:
    """/deal [customer]: start a new deal, asking which customer when none was named."""
    query = " ".join(context.args or []).strip()
    if not query:
        form = open_form(context, "deal_pick", "customer")
        await reply(update, t(me().language, "deal.ask_customer"), [cancel_row(form, me().language)])
        return
    await pick_customer(update, context, query)


async def pick_customer(update: Update, context: Context, query: str) -> None:
    """Search the typed name: one match starts the form, several are offered as buttons."""
    user = me()
    result = await find_customers(current_scope().uow, user, query, limit=8)
    if not result.items:
        form = open_form(context, "deal_pick", "customer")
        await reply(update, t(user.language, "deal.no_customer", query=query), [cancel_row(form, user.language)])
        return
    if len(result.items) == 1:
        await start(update, context, result.items[0].id)
        return
    close_form(context)
    rows: ButtonRows = [[(t_plain(user.language, "cust.find_item", name=short(f.name, 40), code=f.code),
                          f"dl:new:{f.id}")] for f in result.items]
    await reply(update, t(user.language, "deal.which_customer", query=query), rows)


async def new_button(update: Update, context: Context) -> None:
    """dl:new:<customer_id>: a new deal on this customer (card button or search result)."""
    await start(update, context, pressed_id(update))


async def start(update: Update, context: Context, customer_id: int) -> None:
    """Open the form on a visible customer and ask the title."""
    customer = await customer_or_refuse(update, customer_id)
    if customer is None:
        return
    lang = me().language
    form = open_form(context, "deal_new", "title", customer_id=customer_id, customer=customer.name)
    await reply(update, t(lang, "deal.ask_title", customer=customer.name), [cancel_row(form, lang)])


async def answer_text(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed answer to the new-deal form: title, amount or close month."""
    lang, step = me().language, form["step"]
    if step == "title":
        try:
            form["data"]["title"] = deals.clean_title(text)
        except ServiceError as exc:
            await reply(update, t(lang, exc.key, **exc.params))
            return
        await _ask_amount(update, context, form)
    elif step == "amount":
        try:
            money = parse_money(text)
        except AmountError as exc:
            await reply(update, t(lang, "deal.amount_refused", reason=t_plain(lang, f"amount.{exc.reason}")),
                        [[(t_plain(lang, "deal.btn_amount_unknown"), f"df:{form['token']}:skip")],
                         cancel_row(form, lang)])
            return
        await set_amount(update, context, form, money.cents, money.currency)
    elif step == "close":
        try:
            close = parse_close(text, today=local_today(me(), clock(context)))
        except CloseDateError as exc:
            await reply(update, t(lang, f"deal.close_{exc.reason}"), close_rows(form, lang, context))
            return
        await set_close(update, context, form, close)
    else:
        await reply(update, t(lang, "cust.use_buttons"))


async def _ask_amount(update: Update, context: Context, form: Form) -> None:
    lang = me().language
    touch_form(context, form, "amount")
    await reply(update, t(lang, "deal.ask_amount"), [[(t_plain(lang, "deal.btn_amount_unknown"),
                                                       f"df:{form['token']}:skip")], cancel_row(form, lang)])


async def set_amount(update: Update, context: Context, form: Form, cents: int, currency: str) -> None:
    """Keep the amount and ask the expected close month."""
    form["data"].update(amount_cents=cents, currency=currency)
    touch_form(context, form, "close")
    await reply(update, t(me().language, "deal.ask_close"), close_rows(form, me().language, context))


def close_rows(form: Form, lang: str, context: Context) -> ButtonRows:
    """This month and the next three, "no plan yet", Cancel."""
    today = local_today(me(), clock(context))
    months = [(format_month(months_ahead(today, n), lang), f"df:{form['token']}:m:{n}") for n in range(QUICK_MONTHS)]
    return [months[:2], months[2:], [(t_plain(lang, "deal.btn_no_plan"), f"df:{form['token']}:m:none")],
            cancel_row(form, lang)]


async def set_close(update: Update, context: Context, form: Form, close: date | None) -> None:
    """Keep the close date and ask the stage."""
    lang = me().language
    form["data"]["close"] = close.isoformat() if close else None
    touch_form(context, form, "stage")
    rows: ButtonRows = [[(render.stage_label(s.value, lang), f"df:{form['token']}:stg:{s.value}")]
                        for s in OPEN_STAGES]
    await reply(update, t(lang, "deal.ask_stage"), [*rows, cancel_row(form, lang)])


async def month_button(update: Update, context: Context, form: Form, arg: str) -> None:
    """df:<token>:m:<n>|none: a quick close month."""
    if form["step"] != "close" or not (arg == "none" or (arg.isdigit() and int(arg) < QUICK_MONTHS)):
        await reply(update, t(me().language, "cust.use_buttons"))
        return
    today = local_today(me(), clock(context))
    await set_close(update, context, form, None if arg == "none" else months_ahead(today, int(arg)))


async def save(update: Update, context: Context, form: Form, stage: str) -> None:
    """df:<token>:stg:<stage>: create the deal and show its card."""
    user, data = me(), form["data"]
    if form["step"] != "stage" or stage not in {s.value for s in OPEN_STAGES}:
        await reply(update, t(user.language, "cust.use_buttons"))
        return
    new = deals.NewDeal(customer_id=data["customer_id"], title=data["title"], amount_cents=data["amount_cents"],
                        currency=data["currency"], stage=Stage(stage),
                        expected_close=date.fromisoformat(data["close"]) if data["close"] else None)
    close_form(context)
    try:
        deal = await deals.create_deal(current_scope().uow, user, new, now=clock(context))
    except ServiceError as exc:
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    await reply(update, t(user.language, "deal.saved", title=deal.title, customer=deal.customer_name))
    await send_deal(update, context, deal)
