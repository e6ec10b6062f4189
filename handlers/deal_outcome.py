"""成交 asks the contract (number, amount, signed date, signer, summary); 暂停/丢单 asks the reason from
buttons (and the competitor, or words for "other"). Nothing changes until the last answer is saved."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.domain.amounts import AmountError, parse_money
from bot.domain.dates import parse_when
from bot.domain.deals import DealRecord, LostReason
from bot.i18n import t, t_plain
from bot.services import deal_stages
from bot.services.deal_tiers import local_today
from bot.services.errors import ServiceError
from handlers import deal_render as render
from handlers.customer_common import clock, me, zone
from handlers.customer_render import ButtonRows
from handlers.deal_new import cancel_row
from handlers.deal_refusals import show_refusal
from handlers.deal_view import send_deal
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form, touch_form
from handlers.replies import reply
from handlers.scope import current_scope

MAX_TEXT = 2000


def _skip(form: Form, lang: str, key: str = "deal.btn_skip") -> list[tuple[str, str]]:
    return [(t_plain(lang, key), f"df:{form['token']}:skip")]


async def start_won(update: Update, context: Context, deal: DealRecord) -> None:
    """The stage button 成交 was pressed: ask the contract number first."""
    lang = me().language
    form = open_form(context, "deal_won", "number", deal_id=deal.id, version=deal.version,
                     deal_amount=deal.amount_cents, currency=deal.currency)
    await reply(update, t(lang, "deal.won_ask_number", title=deal.title), [cancel_row(form, lang)])


async def start_lost(update: Update, context: Context, deal: DealRecord) -> None:
    """The stage button 暂停/丢单 was pressed: ask why, from buttons."""
    lang = me().language
    form = open_form(context, "deal_lost", "reason", deal_id=deal.id, version=deal.version)
    rows: ButtonRows = [[(t_plain(lang, f"deal.why_{r.value}"), f"df:{form['token']}:why:{r.value}")]
                        for r in LostReason]
    await reply(update, t(lang, "deal.lost_ask_reason", title=deal.title), [*rows, cancel_row(form, lang)])


async def won_text(update: Update, context: Context, form: Form, text: str | None) -> None:
    """The next contract answer (None: Skip / Today / same amount pressed)."""
    lang, data, step = me().language, form["data"], form["step"]
    today = local_today(me(), clock(context))
    if step == "number":
        if text is None or not 2 <= len(" ".join(text.split())) <= deal_stages.MAX_NUMBER:
            await reply(update, t(lang, "deal.contract_bad_number"), [cancel_row(form, lang)])
            return
        data["number"] = " ".join(text.split())
        touch_form(context, form, "amount")
        same = ([[(t_plain(lang, "deal.btn_same_amount", amount=render.money(data["deal_amount"], data["currency"],
                                                                              lang)), f"df:{form['token']}:skip")]]
                if data["deal_amount"] else [])
        await reply(update, t(lang, "deal.won_ask_amount"), [*same, cancel_row(form, lang)])
    elif step == "amount":
        if text is None and data["deal_amount"]:
            data["amount"] = data["deal_amount"]
        else:
            try:
                data["amount"] = parse_money(text or "", data["currency"]).cents
            except AmountError as exc:
                await reply(update, t(lang, "deal.amount_refused", reason=t_plain(lang, f"amount.{exc.reason}")),
                            [cancel_row(form, lang)])
                return
        touch_form(context, form, "signed")
        await reply(update, t(lang, "deal.won_ask_signed"), [_skip(form, lang, "deal.btn_today"), cancel_row(form, lang)])
    elif step == "signed":
        signed = today if text is None else _past_day(text, context)
        if signed is None or signed > today:
            await reply(update, t(lang, "deal.contract_bad_signed"),
                        [_skip(form, lang, "deal.btn_today"), cancel_row(form, lang)])
            return
        data["signed"] = signed.isoformat()
        touch_form(context, form, "signer")
        await reply(update, t(lang, "deal.won_ask_signer"), [cancel_row(form, lang)])
    elif step == "signer":
        if text is None or not 1 <= len(text.strip()) <= deal_stages.MAX_SIGNER:
            await reply(update, t(lang, "deal.contract_bad_signer"), [cancel_row(form, lang)])
            return
        data["signer"] = text.strip()
        touch_form(context, form, "summary")
        await reply(update, t(lang, "deal.won_ask_summary"), [_skip(form, lang), cancel_row(form, lang)])
    else:
        if text is not None and len(text) > MAX_TEXT:
            await reply(update, t(lang, "cust.too_long", limit=MAX_TEXT))
            return
        await _save_won(update, context, form, text)


def _past_day(text: str, context: Context) -> date | None:
    now = clock(context).astimezone(zone(me()))
    found = parse_when(text, now=now, prefer="past")
    return found.date() if found else None


async def _save_won(update: Update, context: Context, form: Form, summary: str | None) -> None:
    user, data = me(), form["data"]
    contract = deal_stages.ContractInput(data["number"], data["amount"], date.fromisoformat(data["signed"]),
                                         data["signer"], summary)
    try:
        deal = await deal_stages.win(current_scope().uow, user, data["deal_id"], version=data["version"],
                                     contract=contract, now=clock(context))
    except deal_stages.ContractNumberTaken as exc:
        touch_form(context, form, "number")
        await reply(update, t(user.language, exc.key, **exc.params), [cancel_row(form, user.language)])
        return
    except ServiceError as exc:
        close_form(context)
        await show_refusal(update, context, exc, data["deal_id"])
        return
    close_form(context)
    await reply(update, t(user.language, "deal.won_saved", number=contract.number))
    await send_deal(update, context, deal)


async def lost_reason(update: Update, context: Context, form: Form, code: str) -> None:
    """df:<token>:why:<code>: competitor asks the name, other asks words, the rest save at once."""
    lang = me().language
    if form["step"] != "reason" or code not in {r.value for r in LostReason}:
        await reply(update, t(lang, "cust.use_buttons"))
        return
    form["data"]["reason"] = code
    if code == LostReason.COMPETITOR:
        touch_form(context, form, "competitor")
        await reply(update, t(lang, "deal.lost_ask_competitor"), [_skip(form, lang), cancel_row(form, lang)])
    elif code == LostReason.OTHER:
        touch_form(context, form, "words")
        await reply(update, t(lang, "deal.lost_ask_words"), [cancel_row(form, lang)])
    else:
        await save_lost(update, context, form, None)


async def lost_text(update: Update, context: Context, form: Form, text: str | None) -> None:
    """The competitor's name (or Skip), or the words for "other"."""
    lang = me().language
    if form["step"] == "reason":
        await reply(update, t(lang, "cust.use_buttons"))
        return
    if text is not None and len(text) > MAX_TEXT:
        await reply(update, t(lang, "cust.too_long", limit=MAX_TEXT))
        return
    await save_lost(update, context, form, text)


async def save_lost(update: Update, context: Context, form: Form, text: str | None) -> None:
    """Move the deal to 暂停/丢单 with the reason."""
    user, data = me(), form["data"]
    competitor = text if form["step"] == "competitor" else None
    words = text if form["step"] == "words" else None
    try:
        deal = await deal_stages.lose(current_scope().uow, user, data["deal_id"], version=data["version"],
                                      reason=LostReason(data["reason"]), text=words, competitor=competitor,
                                      now=clock(context))
    except ServiceError as exc:
        if form["step"] == "words" and exc.key == "cust.reason_required":
            await reply(update, t(user.language, "deal.lost_ask_words"), [cancel_row(form, user.language)])
            return
        close_form(context)
        await show_refusal(update, context, exc, data["deal_id"])
        return
    close_form(context)
    await reply(update, t(user.language, "deal.lost_saved", title=deal.title))
    await send_deal(update, context, deal)
