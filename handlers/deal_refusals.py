"""How a refused deal change is told: the reason in the user's words; after a conflict, the deal as it is now."""

from __future__ import annotations

from telegram import Update

from bot.i18n import t_plain
from bot.services import deal_stages
from bot.services.deal_access import changeable_deal
from bot.services.errors import ServiceError
from handlers.customer_common import alert, me, refuse
from handlers.deal_view import send_deal
from handlers.deps import Context
from handlers.scope import current_scope


async def show_refusal(update: Update, context: Context, exc: ServiceError, deal_id: int) -> None:
    """Say why; after a conflict, show the deal as it is now."""
    if isinstance(exc, deal_stages.StageConflict):
        lang = me().language
        await alert(update, exc.key, stage=t_plain(lang, f"stage.{exc.params['stage']}"),
                    probability=exc.params["probability"])
        await send_deal(update, context, await changeable_deal(current_scope().uow, me(), deal_id))
        return
    if isinstance(exc, deal_stages.ProbabilityRefused | deal_stages.DealClosed | deal_stages.SameStage):
        lang = me().language
        stage = t_plain(lang, f"stage.{exc.params.get('stage', '')}") if exc.params.get("stage") else ""
        await refuse(update, type(exc)(**{**exc.params, "stage": stage}))
        return
    await refuse(update, exc)
