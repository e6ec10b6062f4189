"""Shared by the contract handlers: today in the user's zone, showing a contract view, form buttons."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.i18n import t_plain
from bot.services import contracts
from bot.services.errors import ServiceError
from handlers import contract_render as render
from handlers.customer_common import answer, clock, me, refuse, zone
from handlers.deps import Context
from handlers.forms import Form
from handlers.replies import reply
from handlers.scope import current_scope

KINDS = ("contract_ms", "sale")  # this feature's form kinds
MAX_ANSWER = 500


def today(context: Context) -> date:
    """Today in the user's time zone."""
    return clock(context).astimezone(zone(me())).date()


async def show_view(update: Update, context: Context, deal_id: int) -> None:
    """Send the contract view of a deal the user may see (the press answered), or say why not."""
    user = me()
    try:
        view = await contracts.contract_view(current_scope().uow, user, deal_id)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await reply(update, render.view_text(view, user.language, today(context)), render.view_rows(view, user.language))


def form_button(form: Form, lang: str, key: str, action: str) -> tuple[str, str]:
    """A button of the open form: ct:f:<token>:<action>."""
    return t_plain(lang, key), f"ct:f:{form['token']}:{action}"


def cancel_row(form: Form, lang: str) -> list[tuple[str, str]]:
    """The Cancel button of the open form."""
    return [form_button(form, lang, "contract.btn_cancel", "x")]
