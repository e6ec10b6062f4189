"""Stage buttons on the deal card (with the version they were built on), probability and close-date
forms, and reopening a lost deal. Won and lost go through their forms (handlers/deal_outcome.py)."""

from __future__ import annotations

import re
from datetime import date

from telegram import Update

from bot.domain.close_dates import CloseDateError, months_ahead, parse_close
from bot.domain.enums import Stage
from bot.domain.stages import OPEN_STAGES, STAGE_RULES
from bot.i18n import t, t_plain
from bot.services import deal_stages
from bot.services.deal_access import changeable_deal
from bot.services.deal_tiers import local_today
from bot.services.errors import ServiceError
from handlers import deal_outcome
from handlers.customer_common import alert, answer, clock, me, number
from handlers.deal_new import QUICK_MONTHS, cancel_row, close_rows
from handlers.deal_refusals import show_refusal
from handlers.deal_view import send_deal
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form
from handlers.replies import reply
from handlers.scope import current_scope

PERCENT = re.compile(r"\s*(\d{1,3})\s*[%％]?\s*")


async def stage_button(update: Update, context: Context) -> None:
    """dl:st:<deal>:<version>:<stage>: move the deal; won and lost ask for the contract or the reason."""
    data = update.callback_query.data if update.callback_query else ""
    deal_id, version, stage = number(data, 2), number(data, 3), (data or "").split(":")[-1]
    user = me()
    if stage not in {s.value for s in Stage}:
        await alert(update, "error.expired")
        return
    try:
        deal = await changeable_deal(current_scope().uow, user, deal_id)
        if deal.version != version:
            raise deal_stages.StageConflict(stage=deal.stage, probability=deal.probability)
        if Stage(stage) in OPEN_STAGES:
            deal = await deal_stages.change_stage(current_scope().uow, user, deal_id, version=version,
                                                  stage=Stage(stage), now=clock(context))
        elif not deal.is_open or stage == deal.stage:
            raise deal_stages.DealClosed(stage=deal.stage)
    except ServiceError as exc:
        await show_refusal(update, context, exc, deal_id)
        return
    await answer(update)
    if stage == Stage.WON:
        await deal_outcome.start_won(update, context, deal)
    elif stage == Stage.LOST:
        await deal_outcome.start_lost(update, context, deal)
    else:
        await reply(update, t(user.language, "deal.stage_saved", stage=t_plain(user.language, f"stage.{stage}"),
                              probability=deal.probability))
        await send_deal(update, context, deal)


async def probability_button(update: Update, context: Context) -> None:
    """dl:pr:<deal>:<version>: ask a probability inside the stage's range."""
    await _start_form(update, context, "deal_prob")


async def close_button(update: Update, context: Context) -> None:
    """dl:cl:<deal>:<version>: ask the new expected close month."""
    await _start_form(update, context, "deal_close")


async def _start_form(update: Update, context: Context, kind: str) -> None:
    data = update.callback_query.data if update.callback_query else ""
    user, lang = me(), me().language
    try:
        deal = await changeable_deal(current_scope().uow, user, number(data, 2))
        if not deal.is_open:
            raise deal_stages.DealClosed(stage=deal.stage)
    except ServiceError as exc:
        await show_refusal(update, context, exc, number(data, 2))
        return
    await answer(update)
    form = open_form(context, kind, "value", deal_id=deal.id, version=number(data, 3))
    if kind == "deal_prob":
        rule = STAGE_RULES[Stage(deal.stage)]
        await reply(update, t(lang, "deal.ask_probability", stage=t_plain(lang, f"stage.{deal.stage}"),
                              low=rule.low, high=rule.high, current=deal.probability), [cancel_row(form, lang)])
    else:
        await reply(update, t(lang, "deal.ask_close"), close_rows(form, lang, context))


async def answer_text(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed probability or close month."""
    lang = me().language
    if form["kind"] == "deal_prob":
        match = PERCENT.fullmatch(text)
        if match is None:
            await reply(update, t(lang, "deal.probability_number"), [cancel_row(form, lang)])
            return
        await _save(update, context, form, probability=int(match[1]))
        return
    try:
        close = parse_close(text, today=local_today(me(), clock(context)))
    except CloseDateError as exc:
        await reply(update, t(lang, f"deal.close_{exc.reason}"), close_rows(form, lang, context))
        return
    await _save(update, context, form, close=close)


async def month_button(update: Update, context: Context, form: Form, arg: str) -> None:
    """df:<token>:m:<n>: a quick close month for an existing deal ("no plan" is not offered here)."""
    if not (arg.isdigit() and int(arg) < QUICK_MONTHS):
        await reply(update, t(me().language, "deal.close_needed"))
        return
    await _save(update, context, form, close=months_ahead(local_today(me(), clock(context)), int(arg)))


async def _save(update: Update, context: Context, form: Form, *, probability: int | None = None,
                close: date | None = None) -> None:
    user, data = me(), form["data"]
    uow, now = current_scope().uow, clock(context)
    try:
        if probability is not None:
            deal = await deal_stages.set_probability(uow, user, data["deal_id"], version=data["version"],
                                                     probability=probability, now=now)
        else:
            assert close is not None
            deal = await deal_stages.set_close(uow, user, data["deal_id"], version=data["version"], close=close,
                                               now=now)
    except deal_stages.ProbabilityRefused as exc:
        await show_refusal(update, context, exc, data["deal_id"])  # the form stays open for another try
        return
    except ServiceError as exc:
        close_form(context)
        await show_refusal(update, context, exc, data["deal_id"])
        return
    close_form(context)
    await reply(update, t(user.language, "deal.updated", tier=t_plain(user.language, f"tier.{deal.tier}")))
    await send_deal(update, context, deal)


async def reopen_button(update: Update, context: Context) -> None:
    """dl:re:<deal>:<version>: a lost deal comes back into the funnel."""
    data, user = (update.callback_query.data if update.callback_query else ""), me()
    try:
        deal = await deal_stages.reopen(current_scope().uow, user, number(data, 2), version=number(data, 3),
                                        now=clock(context))
    except ServiceError as exc:
        await show_refusal(update, context, exc, number(data, 2))
        return
    await answer(update)
    await reply(update, t(user.language, "deal.reopened", stage=t_plain(user.language, f"stage.{deal.stage}")))
    await send_deal(update, context, deal)
