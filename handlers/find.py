"""/find <name>: search customers; each result has a Log button that starts a log for it."""

from __future__ import annotations

from telegram import Update

from bot.i18n import t, t_plain
from bot.services import customers
from handlers.deps import Context
from handlers.replies import reply
from handlers.scope import current_scope

MAX_RESULTS = 8


async def find_command(update: Update, context: Context) -> None:
    """Search by name, code, pinyin initials or contact."""
    scope = current_scope()
    user = scope.user
    if user is None:
        return
    lang = user.language
    query = " ".join(context.args or []).strip()
    if len(query) < 2:
        await reply(update, t(lang, "find.usage"))
        return
    matches = await customers.search(scope.uow, user, query[:200], limit=MAX_RESULTS)
    if not matches:
        await reply(update, t(lang, "find.none", query=query[:200]))
        return
    rows = [[(t_plain(lang, "find.log_button", name=m.customer.name[:40], code=m.customer.code),
              f"log:c:{m.customer.id}")] for m in matches]
    await reply(update, t(lang, "find.results", query=query[:200], count=len(matches)), rows)
