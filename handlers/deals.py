"""Deals in chat: /deal, /deals, /stage, the deal card's buttons, tier overrides, and the answers to
their forms (routed here by form kind; see handlers/forms.py)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.i18n import t
from handlers import deal_new, deal_outcome, deal_stage, deal_view, tier_override
from handlers.customer_common import alert, answer, me
from handlers.deps import Context
from handlers.forms import Form, add_form_handlers, close_form, current_form
from handlers.replies import reply

KINDS = ("deal_pick", "deal_new", "deal_prob", "deal_close", "deal_won", "deal_lost", "tier_override")
MAX_ANSWER = 4000


async def form_text(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed answer while one of the deal forms is open."""
    kind = form["kind"]
    if kind == "deal_pick":
        await deal_new.pick_customer(update, context, text.strip()[:100])
    elif kind == "deal_new":
        await deal_new.answer_text(update, context, form, text)
    elif kind in ("deal_prob", "deal_close"):
        await deal_stage.answer_text(update, context, form, text)
    elif kind == "deal_won":
        await deal_outcome.won_text(update, context, form, text)
    elif kind == "deal_lost":
        await deal_outcome.lost_text(update, context, form, text)
    else:
        await tier_override.reason_text(update, context, form, text)


async def form_button(update: Update, context: Context) -> None:
    """df:<token>:<action>[:<arg>]: buttons of the open deal form; other tokens are stale."""
    query = update.callback_query
    parts = ((query.data if query else "") or "").split(":")
    form = current_form(context, token=parts[1] if len(parts) > 2 else "")
    if query is None or form is None or form["kind"] not in KINDS:
        await alert(update, "error.expired")
        return
    await answer(update)
    kind, action, arg = form["kind"], parts[2], parts[3] if len(parts) > 3 else ""
    if action == "x":
        close_form(context)
        await reply(update, t(me().language, "cust.form_cancelled"))
    elif kind == "deal_new" and action == "skip" and form["step"] == "amount":
        await deal_new.set_amount(update, context, form, 0, "CNY")
    elif kind == "deal_new" and action == "m":
        await deal_new.month_button(update, context, form, arg)
    elif kind == "deal_new" and action == "stg":
        await deal_new.save(update, context, form, arg)
    elif kind == "deal_close" and action == "m":
        await deal_stage.month_button(update, context, form, arg)
    elif kind == "deal_won" and action == "skip" and form["step"] in ("amount", "signed", "summary"):
        await deal_outcome.won_text(update, context, form, None)
    elif kind == "deal_lost" and action == "why":
        await deal_outcome.lost_reason(update, context, form, arg)
    elif kind == "deal_lost" and action == "skip" and form["step"] == "competitor":
        await deal_outcome.save_lost(update, context, form, None)
    elif kind == "tier_override" and action == "for":
        await tier_override.period_button(update, context, form, arg)
    else:
        await reply(update, t(me().language, "cust.use_buttons"))


def register_deals(app: Application) -> None:  # type: ignore[type-arg]
    """Deal commands, the deal card's buttons, tier overrides and the deal forms."""
    add_form_handlers(app, KINDS, form_text, limit=MAX_ANSWER)
    app.add_handler(CommandHandler("deal", deal_new.deal_command))
    app.add_handler(CommandHandler("deals", deal_view.deals_command))
    app.add_handler(CommandHandler("stage", deal_view.stage_command))
    buttons = {
        r"^dl:new:\d+$": deal_new.new_button, r"^dl:open:\d+$": deal_view.open_deal,
        r"^dl:list:\d+$": deal_view.deals_more, r"^dl:ok:\d+$": deal_view.confirm,
        r"^dl:st:\d+:\d+:\w+$": deal_stage.stage_button, r"^dl:pr:\d+:\d+$": deal_stage.probability_button,
        r"^dl:cl:\d+:\d+$": deal_stage.close_button, r"^dl:re:\d+:\d+$": deal_stage.reopen_button,
        r"^df:": form_button, r"^ti:menu:\d+$": tier_override.menu, r"^ti:set:\d+:[A-D]$": tier_override.set_button,
        r"^ti:clr:\d+$": tier_override.clear_button,
    }
    for pattern, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=pattern))
