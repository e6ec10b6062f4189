"""Contracts, execution milestones and sale results in chat: /contracts and the ct: buttons.

Typed answers of this feature's forms (kinds "contract_ms" and "sale", see handlers/forms.py) are routed
here by form kind and step; form buttons are ct:f:<token>:<action>[:<arg>].
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.i18n import t
from bot.services import contracts
from handlers import contract_milestones as milestones
from handlers import contract_render as render
from handlers import contract_sale as sale
from handlers.contract_common import KINDS, MAX_ANSWER, show_view, today
from handlers.customer_common import alert, answer, me, pressed_id
from handlers.deps import Context
from handlers.forms import Form, add_form_handlers, close_form, current_form
from handlers.replies import reply
from handlers.scope import current_scope


async def contracts_command(update: Update, context: Context) -> None:
    """/contracts: open milestones in the user's scope by due date, overdue flagged, each opening its contract."""
    user = me()
    items = await contracts.open_milestones(current_scope().uow, user)
    text, rows = render.listing(items, user.language, today(context))
    await reply(update, text, rows)


async def view(update: Update, context: Context) -> None:
    """ct:view:<deal_id>: the deal's contract, milestones and sale results."""
    await show_view(update, context, pressed_id(update))


async def form_text(update: Update, context: Context, form: Form, text: str) -> None:
    """A typed answer while one of this feature's forms is open."""
    if form["kind"] == "contract_ms":
        await milestones.due_text(update, context, form, text)
    else:
        await sale.typed(update, context, form, text)


async def form_button(update: Update, context: Context) -> None:
    """ct:f:<token>:x|nodate|pm:<method>|dl:<status>: buttons of the open form; other tokens are stale."""
    query = update.callback_query
    parts = ((query.data if query else "") or "").split(":")
    form = current_form(context, token=parts[2] if len(parts) > 3 else "")
    if form is None or form["kind"] not in KINDS:
        await alert(update, "error.expired")
        return
    await answer(update)
    action, arg = parts[3], parts[4] if len(parts) > 4 else ""
    if action == "x":
        close_form(context)
        await reply(update, t(me().language, "contract.cancelled"))
    elif action == "nodate" and form["kind"] == "contract_ms":
        await milestones.due_text(update, context, form, None)
    elif form["kind"] == "sale":
        await sale.chosen(update, context, form, action, arg)
    else:
        await reply(update, t(me().language, "contract.use_buttons"))


def register_contracts(app: Application) -> None:  # type: ignore[type-arg]
    """Commands, buttons and form answers of this feature."""
    add_form_handlers(app, KINDS, form_text, cancelled="contract.cancelled", text_only="contract.text_only",
                      too_long="contract.too_long", limit=MAX_ANSWER)
    app.add_handler(CommandHandler("contracts", contracts_command))
    buttons = {
        r"^ct:view:\d+$": view, r"^ct:pay:\d+$": milestones.payment_received,
        r"^ct:done:\d+$": milestones.mark_done, r"^ct:ms:\d+$": milestones.kind_menu,
        r"^ct:mk:\d+:\w+$": milestones.kind_chosen, r"^ct:sale:\d+$": sale.start, r"^ct:f:": form_button,
    }
    for pattern, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=pattern))
