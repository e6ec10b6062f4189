"""A sale result line (销售结果): product → quantity → unit price (amount shown) → payment method → delivery."""

from __future__ import annotations

from telegram import Update

from bot.domain.contracts import DeliveryStatus, PaymentMethod
from bot.i18n import format_number, t, t_plain
from bot.services import sale_results
from bot.services.errors import ServiceError
from handlers import contract_render as render
from handlers.contract_common import cancel_row, show_view
from handlers.customer_common import answer, clock, me, pressed_id, refuse
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form, touch_form
from handlers.replies import reply
from handlers.scope import current_scope


def _choice_rows(form: Form, lang: str, step: str) -> list[list[tuple[str, str]]]:
    token = form["token"]
    if step == "method":
        choices = [(render.method_label(m.value, lang), f"ct:f:{token}:pm:{m.value}") for m in PaymentMethod]
    else:
        choices = [(render.delivery_label(d.value, lang), f"ct:f:{token}:dl:{d.value}") for d in DeliveryStatus]
    return [choices[i:i + 2] for i in range(0, len(choices), 2)] + [cancel_row(form, lang)]


async def start(update: Update, context: Context) -> None:
    """ct:sale:<deal_id>: a won deal the user may change → ask the product."""
    user = me()
    try:
        deal = await sale_results.sale_deal(current_scope().uow, user, pressed_id(update))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    form = open_form(context, "sale", "product", deal_id=deal.id, currency=deal.currency)
    await reply(update, t(user.language, "sale.ask_product", deal=deal.title), [cancel_row(form, user.language)])


async def typed(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed answer: the product, the quantity or the unit price; buttons are expected after that."""
    lang, data, step = me().language, form["data"], form["step"]
    try:
        if step == "product":
            data["product"] = sale_results.clean_product(text)
            touch_form(context, form, "quantity")
            await reply(update, t(lang, "sale.ask_quantity", product=data["product"]), [cancel_row(form, lang)])
        elif step == "quantity":
            data["quantity"] = sale_results.read_quantity(text)
            touch_form(context, form, "price")
            await reply(update, t(lang, "sale.ask_price"), [cancel_row(form, lang)])
        elif step == "price":
            price, amount = sale_results.read_unit_price(text, quantity=data["quantity"],
                                                         default_currency=data["currency"])
            data.update(price=price.cents, currency=price.currency, amount=amount)
            touch_form(context, form, "method")
            await reply(update, t(lang, "sale.amount", quantity=format_number(data["quantity"], lang),
                                  price=render.money(price.cents, price.currency, lang),
                                  amount=render.money(amount, price.currency, lang)),
                        _choice_rows(form, lang, "method"))
        else:
            await reply(update, t(lang, "contract.use_buttons"))
    except ServiceError as exc:
        params = {k: format_number(v, lang) if isinstance(v, int) else v for k, v in exc.params.items()}
        await reply(update, t(lang, exc.key, **params), [cancel_row(form, lang)])


async def chosen(update: Update, context: Context, form: Form, action: str, code: str) -> None:
    """pm:<method> then dl:<status>; the line is saved after the delivery status."""
    lang, data = me().language, form["data"]
    if action == "pm" and form["step"] == "method" and code in set(PaymentMethod):
        data["method"] = code
        touch_form(context, form, "delivery")
        await reply(update, t(lang, "sale.ask_delivery"), _choice_rows(form, lang, "delivery"))
        return
    if not (action == "dl" and form["step"] == "delivery" and code in set(DeliveryStatus)):
        await reply(update, t(lang, "contract.use_buttons"))
        return
    close_form(context)
    try:
        line = await sale_results.add_sale(
            current_scope().uow, me(), data["deal_id"], product=data["product"], quantity=data["quantity"],
            unit_price_cents=data["price"], currency=data["currency"], payment_method=data["method"],
            delivery=code, now=clock(context))
    except ServiceError as exc:
        await reply(update, t(lang, exc.key, **exc.params))
        return
    await reply(update, t(lang, "sale.saved", product=line.product, quantity=format_number(line.quantity, lang),
                          amount=render.money(line.amount_cents, line.currency, lang),
                          method=t_plain(lang, f"sale.pay_{line.payment_method}"),
                          delivery=t_plain(lang, f"sale.dl_{line.delivery}")))
    await show_view(update, context, line.deal_id)
