"""Sale results (销售结果) of won deals: product, quantity, unit price, amount, payment method, delivery."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from bot.domain.amounts import AmountError, Money, parse_money
from bot.domain.contracts import (
    MAX_PRODUCT,
    MAX_QUANTITY,
    DeliveryStatus,
    PaymentMethod,
    SaleLine,
    line_amount,
    quantity_ok,
)
from bot.domain.deals import DealRecord
from bot.domain.enums import Stage
from bot.domain.records import UserRecord
from bot.services.contracts import NotWon
from bot.services.deal_access import changeable_deal
from bot.services.errors import ServiceError
from bot.services.ports import UnitOfWork


class BadProduct(ServiceError):
    key = "sale.bad_product"


class BadQuantity(ServiceError):
    key = "sale.bad_quantity"


class BadPrice(ServiceError):
    key = "sale.bad_price"


class LineTooLarge(ServiceError):
    key = "sale.too_large"


class BadChoice(ServiceError):
    key = "error.expired"


def clean_product(text: str) -> str:
    """The product name, spaces folded; BadProduct when empty or too long."""
    product = " ".join(text.split())
    if not product or len(product) > MAX_PRODUCT:
        raise BadProduct(limit=MAX_PRODUCT)
    return product


def read_quantity(text: str) -> int:
    """A positive whole number up to a million ("1,000" and full-width digits are fine)."""
    raw = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or not quantity_ok(int(raw)):
        raise BadQuantity(limit=MAX_QUANTITY)
    return int(raw)


def read_unit_price(text: str, *, quantity: int, default_currency: str) -> tuple[Money, int]:
    """The unit price as typed and the line amount (quantity × price); BadPrice / LineTooLarge otherwise."""
    try:
        price = parse_money(text, default_currency)
    except AmountError as exc:
        if exc.reason == "too_large":
            raise LineTooLarge() from None
        raise BadPrice() from None
    amount = line_amount(quantity, price.cents)
    if amount is None:
        raise LineTooLarge()
    return price, amount


async def sale_deal(uow: UnitOfWork, user: UserRecord, deal_id: int) -> DealRecord:
    """A won deal the user may add sale results to (owner, or a manager in scope)."""
    deal = await changeable_deal(uow, user, deal_id)
    if deal.stage != Stage.WON:
        raise NotWon()
    return deal


async def add_sale(uow: UnitOfWork, user: UserRecord, deal_id: int, *, product: str, quantity: int,
                   unit_price_cents: int, currency: str, payment_method: str, delivery: str,
                   now: datetime) -> SaleLine:
    """Save one sale result line of a won deal; the amount is quantity × unit price."""
    product = clean_product(product)
    if not quantity_ok(quantity):
        raise BadQuantity(limit=MAX_QUANTITY)
    if unit_price_cents <= 0:
        raise BadPrice()
    amount = line_amount(quantity, unit_price_cents)
    if amount is None:
        raise LineTooLarge()
    if payment_method not in set(PaymentMethod) or delivery not in set(DeliveryStatus):
        raise BadChoice()
    deal = await sale_deal(uow, user, deal_id)
    async with uow:
        line_id = await uow.contracts.add_sale(
            deal_id=deal.id, product=product, quantity=quantity, unit_price_cents=unit_price_cents,
            amount_cents=amount, currency=currency, payment_method=payment_method, delivery=delivery,
            user_id=user.id, now=now)
        await uow.commit()
        lines = await uow.contracts.sales_of_deal(deal.id)
    return next(line for line in lines if line.id == line_id)
