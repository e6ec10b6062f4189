"""Following a complaint up: the open list, the view, start handling, resolve with a resolution text."""

from __future__ import annotations

from telegram import Update

from bot.domain.feedback import MAX_TEXT, ComplaintRecord, ComplaintStatus
from bot.i18n import Raw, t, t_plain
from bot.services import complaints
from bot.services.errors import ServiceError
from handlers import complaint_render as render
from handlers.customer_common import answer, clock, me, pressed_id, refuse, zone
from handlers.deps import Context
from handlers.forms import Form, close_form, open_form
from handlers.replies import reply
from handlers.scope import current_scope


async def show(update: Update, context: Context, record: ComplaintRecord, headline: str | None = None) -> None:
    """Send the complaint view (after a one-line headline) with its buttons."""
    user = me()
    view = render.complaint_text(record, user.language, zone=zone(user), now=clock(context))
    await reply(update, Raw(f"{headline}\n\n{view}" if headline else view), render.complaint_rows(record, user.language))


async def list_open(update: Update, context: Context) -> None:
    """/complaint alone: the open complaints in the user's scope, each a button."""
    user = me()
    found = await complaints.open_complaints(current_scope().uow, user)
    if not found:
        await reply(update, t(user.language, "complaint.none_open"))
        return
    await reply(update, t(user.language, "complaint.open_title", count=len(found)),
                render.list_rows(found, user.language))


async def view_button(update: Update, context: Context) -> None:
    """cp:view:<id>: the complaint (a forged or foreign id is 'not found')."""
    try:
        record = await complaints.get_complaint(current_scope().uow, me(), pressed_id(update))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await show(update, context, record)


async def start_button(update: Update, context: Context) -> None:
    """cp:go:<id>: open → in progress."""
    user = me()
    try:
        record = await complaints.start_handling(current_scope().uow, user, pressed_id(update), now=clock(context))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await show(update, context, record, t(user.language, "complaint.started"))


async def resolve_button(update: Update, context: Context) -> None:
    """cp:res:<id>: ask the resolution text (the move happens when it arrives)."""
    user = me()
    try:
        record = await complaints.check_changeable(current_scope().uow, user, pressed_id(update),
                                                   ComplaintStatus.RESOLVED)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    form = open_form(context, "complaint_resolve", "resolution", complaint_id=record.id)
    await reply(update, t(user.language, "complaint.ask_resolution", limit=MAX_TEXT),
                [[(t_plain(user.language, "complaint.btn_cancel"), f"cp:{form['token']}:x")]])


async def resolution_text(update: Update, context: Context, form: Form, raw: str) -> None:
    """The typed resolution: resolve now (once, even if someone else just moved it)."""
    user = me()
    try:
        record = await complaints.resolve(current_scope().uow, user, form["data"]["complaint_id"], raw,
                                          now=clock(context))
    except complaints.BadText as exc:
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    except ServiceError as exc:
        close_form(context)
        await reply(update, t(user.language, exc.key, **exc.params))
        return
    close_form(context)
    await show(update, context, record, t(user.language, "complaint.resolved"))
