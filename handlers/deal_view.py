"""The deal card, /deals (the rep's open deals with review marks), /stage and the card's Stage button,
and "confirm stage" for the weekly review."""

from __future__ import annotations

from telegram import Update

from bot.domain.deals import DealRecord
from bot.i18n import t, t_plain
from bot.services import deal_stages, deals
from bot.services.deal_access import visible_deal
from bot.services.errors import ServiceError
from handlers import deal_render as render
from handlers.customer_common import answer, card_or_refuse, clock, me, number, pressed_id, refuse, zone
from handlers.deps import Context
from handlers.replies import reply
from handlers.scope import current_scope

PAGE = 10
STAGE_PICK = 30  # /stage <text> filters this many open deals


async def send_deal(update: Update, context: Context, deal: DealRecord) -> None:
    """Send the deal card with its buttons."""
    user, now = me(), clock(context)
    await reply(update, render.deal_text(deal, user.language, now=now, zone=zone(user)),
                render.deal_rows(deal, user.language, now=now))


async def open_deal(update: Update, context: Context) -> None:
    """dl:open:<deal_id>: the deal card (a forged id is 'not found')."""
    try:
        deal = await visible_deal(current_scope().uow, me(), pressed_id(update))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await send_deal(update, context, deal)


async def deals_command(update: Update, context: Context) -> None:
    """/deals: open deals in the user's scope, soonest close first, with tier and the review mark."""
    await _deal_page(update, context, 0)


async def deals_more(update: Update, context: Context) -> None:
    """dl:list:<offset>: the next page of /deals."""
    await answer(update)
    await _deal_page(update, context, number(update.callback_query.data if update.callback_query else "", 2))


async def _deal_page(update: Update, context: Context, offset: int) -> None:
    user = me()
    page = await deals.my_deals(current_scope().uow, user, limit=PAGE + 1, offset=offset)
    if not page:
        await reply(update, t(user.language, "deal.list_empty"))
        return
    more = f"dl:list:{offset + PAGE}" if len(page) > PAGE else None
    shown = page[:PAGE]
    await reply(update, render.list_text(shown, user.language, now=clock(context), title_key="deal.list_title"),
                render.list_rows(shown, user.language, more=more))


async def stage_command(update: Update, context: Context) -> None:
    """/stage [text]: pick an open deal (filtered by customer or title) to move."""
    user, query = me(), " ".join(context.args or []).strip().lower()
    page = await deals.my_deals(current_scope().uow, user, limit=STAGE_PICK)
    if query:
        page = [d for d in page if query in d.customer_name.lower() or query in d.title.lower()]
    if not page:
        await reply(update, t(user.language, "deal.stage_none" if query else "deal.list_empty", query=query))
        return
    if len(page) == 1:
        await send_deal(update, context, page[0])
        return
    await reply(update, t(user.language, "deal.stage_pick"), render.list_rows(page[:PAGE], user.language))


async def customer_stages(update: Update, context: Context) -> None:
    """cu:stage:<customer_id>: the customer's one open deal, or its deals to choose from."""
    user, card = me(), await card_or_refuse(update, pressed_id(update))
    if card is None:
        return
    all_deals = await deals.customer_deals(current_scope().uow, user, card.profile.id)
    open_deals = [d for d in all_deals if d.is_open]
    if len(open_deals) == 1:
        await send_deal(update, context, open_deals[0])
        return
    lang = user.language
    new = [[(t_plain(lang, "deal.btn_new"), f"dl:new:{card.profile.id}")]]
    if not all_deals:
        await reply(update, t(lang, "deal.customer_none", name=card.profile.fields.name), new)
        return
    await reply(update, render.list_text(all_deals, lang, now=clock(context), title_key="deal.customer_list"),
                render.list_rows(all_deals[-PAGE:], lang) + new)


async def confirm(update: Update, context: Context) -> None:
    """dl:ok:<deal_id>: the stage still holds; the review mark goes, nothing else changes."""
    user = me()
    try:
        deal = await deal_stages.confirm_stage(current_scope().uow, user, pressed_id(update), now=clock(context))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await reply(update, t(user.language, "deal.confirmed", title=deal.title))
    await send_deal(update, context, deal)
