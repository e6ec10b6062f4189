"""Execution milestones (合同执行): add one (kind, then the due date), mark one done, payment received."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.domain.contracts import MilestoneKind
from bot.domain.dates import parse_when
from bot.i18n import t
from bot.services import contracts
from bot.services.errors import NotAllowed, ServiceError
from handlers import contract_render as render
from handlers.contract_common import cancel_row, form_button, show_view, today
from handlers.customer_common import answer, clock, me, pressed_id, refuse, zone
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form
from handlers.replies import reply
from handlers.scope import current_scope


async def _changeable_view(update: Update, deal_id: int) -> contracts.ContractView | None:
    """The view of a deal with a contract the user may change, or None after saying why not."""
    try:
        view = await contracts.contract_view(current_scope().uow, me(), deal_id)
        if view.contract is None:
            raise contracts.NoContract()
        if not view.can_change:
            raise NotAllowed()
    except ServiceError as exc:
        await refuse(update, exc)
        return None
    await answer(update)
    return view


async def kind_menu(update: Update, context: Context) -> None:
    """ct:ms:<deal_id>: which milestone to add."""
    lang, view = me().language, await _changeable_view(update, pressed_id(update))
    if view is None or view.contract is None:
        return
    rows = [[(render.kind_label(k, lang), f"ct:mk:{view.deal.id}:{k.value}")] for k in MilestoneKind]
    await reply(update, t(lang, "contract.ask_kind", number=view.contract.number), rows)


async def kind_chosen(update: Update, context: Context) -> None:
    """ct:mk:<deal_id>:<kind>: ask the due date."""
    data = (update.callback_query.data if update.callback_query else "") or ""
    kind, lang = data.rsplit(":", 1)[-1], me().language
    if kind not in set(MilestoneKind):
        await refuse(update, contracts.BadKind())
        return
    view = await _changeable_view(update, pressed_id(update))
    if view is None:
        return
    form = open_form(context, "contract_ms", "due", deal_id=view.deal.id, ms_kind=kind)
    rows = [[form_button(form, lang, "contract.btn_no_due", "nodate")], cancel_row(form, lang)]
    await reply(update, t(lang, "contract.ask_due", kind=render.kind_label(kind, lang)), rows)


async def due_text(update: Update, context: Context, form: Form, text: str | None) -> None:
    """The typed due date (None: no due date): refuse unreadable or past dates, else save."""
    user = me()
    lang, local_now = user.language, clock(context).astimezone(zone(user))
    due: date | None = None
    if text is not None:
        when = parse_when(text, now=local_now)
        if when is None:
            await reply(update, t(lang, "contract.due_unreadable", text=text[:100]), [cancel_row(form, lang)])
            return
        due = when.date()
    data = form["data"]
    try:
        made = await contracts.add_milestone(current_scope().uow, user, data["deal_id"], data["ms_kind"], due,
                                             today=today(context))
    except contracts.DueInPast as exc:
        await reply(update, t(lang, exc.key), [cancel_row(form, lang)])
        return
    except ServiceError as exc:
        close_form(context)
        await reply(update, t(lang, exc.key, **exc.params))
        return
    close_form(context)
    await reply(update, t(lang, "contract.ms_added", kind=render.kind_label(made.kind, lang),
                          due=render.day(made.due_on, lang)))
    await show_view(update, context, data["deal_id"])


async def mark_done(update: Update, context: Context) -> None:
    """ct:done:<milestone_id>: done today by the user (a payment also marks the deal paid)."""
    user = me()
    try:
        done = await contracts.complete_milestone(current_scope().uow, user, pressed_id(update),
                                                  today=today(context))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await reply(update, t(user.language, "contract.ms_marked", kind=render.kind_label(done.kind, user.language)))
    if done.paid_on is not None:
        await reply(update, t(user.language, "contract.paid", day=done.paid_on.isoformat()))
    await show_view(update, context, done.deal_id)


async def payment_received(update: Update, context: Context) -> None:
    """ct:pay:<deal_id>: 款项到账 today; refused when the deal is not won or already paid."""
    user = me()
    try:
        deal = await contracts.record_payment(current_scope().uow, user, pressed_id(update), today=today(context))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await reply(update, t(user.language, "contract.paid", day=render.day(deal.paid_on, user.language)))
    await show_view(update, context, deal.id)

