"""How a refused deal change is told: the reason in the user's words; after a conflict, the deal as it is now."""

from __future__ import annotations

from telegram import Update

from bot.i18n import t_plain
from bot.services import deal_stages
from bot.services.deal_access import changeable_deal
from bot.services.errors import ServiceError
from handlers.customer_common import alert, me
from handlers.deal_view import send_deal
from handlers.deps import Context
from handlers.scope import current_scope


async def show_refusal(update: Update, context: Context, exc: ServiceError, deal_id: int) -> None:
    """Say why (a stage named in the user's words); after a conflict, show the deal as it is now."""
    params = dict(exc.params)
    if params.get("stage"):
        params["stage"] = t_plain(me().language, f"stage.{params['stage']}")
    await alert(update, exc.key, **params)
    if isinstance(exc, deal_stages.StageConflict):
        await send_deal(update, context, await changeable_deal(current_scope().uow, me(), deal_id))
