"""/reassign (managers): one customer, a selection, or all of a rep's customers → another rep, confirmed."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.i18n import t, t_plain
from bot.services import reassign
from bot.services.customer_search import find_customers
from bot.services.customers import get_visible
from bot.services.errors import NotAllowed, ServiceError
from handlers import customer_render as render
from handlers.customer_common import alert, answer, clock, me, number, refuse
from handlers.deps import Context
from handlers.forms import Form, close_form, current_form, open_form, touch_form
from handlers.replies import keyboard, reply
from handlers.scope import current_scope

PICK_PAGE = 20
NAMES_SHOWN = 10


async def reassign_command(update: Update, context: Context) -> None:
    """/reassign: one customer, or the customers of a rep."""
    user = me()
    if not user.is_manager:
        await refuse(update, NotAllowed())
        return
    form = open_form(context, "reassign", "mode", ids=[], source=None)
    lang, token = user.language, form["token"]
    await reply(update, t(lang, "reassign.ask_mode"),
                [[(t_plain(lang, "reassign.btn_one"), f"ra:{token}:one")],
                 [(t_plain(lang, "reassign.btn_rep"), f"ra:{token}:rep")],
                 [(t_plain(lang, "cust.btn_cancel"), f"ra:{token}:x")]])


async def from_card(update: Update, context: Context) -> None:
    """ra:card:<id>: reassign the customer whose card this is."""
    user, scope = me(), current_scope()
    customer_id = number(update.callback_query.data if update.callback_query else "", 2)
    try:
        if not user.is_manager:
            raise NotAllowed()
        await get_visible(scope.uow, user, customer_id)
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    form = open_form(context, "reassign", "target", ids=[customer_id], source=None)
    await _ask_target(update, form)


async def search_text(update: Update, context: Context, form: Form, text: str) -> None:
    """The typed name of the one customer to move."""
    user, scope = me(), current_scope()
    result = await find_customers(scope.uow, user, text, limit=8)
    if not result.items:
        await reply(update, t(user.language, "find.none", query=text[:100]))
        return
    rows = [[(t_plain(user.language, "cust.find_item", name=render.short(f.name, 40), code=f.code),
              f"ra:{form['token']}:c:{f.id}")] for f in result.items]
    await reply(update, t(user.language, "reassign.pick_one"), rows)


async def reassign_button(update: Update, context: Context) -> None:
    """Every ra:<token>:… button of the open reassign form; a stale token gets 'expired'."""
    query, user = update.callback_query, me()
    parts = ((query.data if query else "") or "").split(":")
    form = current_form(context, "reassign", parts[1] if len(parts) > 1 else "")
    if query is None or form is None or len(parts) < 3:
        if query is not None:
            await alert(update, "error.expired")
        return
    action, arg = parts[2], parts[3] if len(parts) > 3 else ""
    lang, scope = user.language, current_scope()
    try:
        if action == "x":
            close_form(context)
            await answer(update)
            await reply(update, t(lang, "reassign.cancelled"))
        elif action == "one":
            touch_form(context, form, "search")
            await answer(update)
            await reply(update, t(lang, "reassign.ask_name"))
        elif action == "rep":
            people = await reassign.people(scope.uow, user, include_inactive=True)
            await answer(update)
            rows = [[(t_plain(lang, "reassign.btn_person_left" if not p.active else "reassign.btn_person",
                              name=p.name), f"ra:{form['token']}:from:{p.id}")] for p in people]
            await reply(update, t(lang, "reassign.ask_source"), rows)
        elif action == "from":
            await _source_chosen(update, context, form, int(arg) if arg.isdigit() else 0)
        elif action in ("all", "sel"):
            if action == "all":
                form["data"]["ids"] = form["data"]["all"]
            if not form["data"]["ids"]:
                await alert(update, "reassign.nothing")
                return
            touch_form(context, form, "target")
            await answer(update)
            await _ask_target(update, form)
        elif action in ("pick", "t"):
            await _toggle(update, context, form, action, int(arg) if arg.isdigit() else 0)
        elif action == "c" and arg.isdigit():
            await get_visible(scope.uow, user, int(arg))
            form["data"]["ids"] = [int(arg)]
            touch_form(context, form, "target")
            await answer(update)
            await _ask_target(update, form)
        elif action == "to" and arg.isdigit():
            await _confirm(update, context, form, int(arg))
        elif action == "go":
            await _go(update, context, form)
        else:
            await alert(update, "error.expired")
    except ServiceError as exc:
        await refuse(update, exc)


async def _source_chosen(update: Update, context: Context, form: Form, owner_id: int) -> None:
    user = me()
    found = await reassign.customers_of(current_scope().uow, user, owner_id)
    await answer(update)
    lang, token = user.language, form["token"]
    if not found:
        await reply(update, t(lang, "reassign.source_empty"))
        return
    form["data"].update(source=owner_id, all=[c.id for c in found], names={str(c.id): c.name for c in found}, ids=[])
    touch_form(context, form, "choose")
    await reply(update, t(lang, "reassign.ask_all_or_some", count=len(found)),
                [[(t_plain(lang, "reassign.btn_all", count=len(found)), f"ra:{token}:all")],
                 [(t_plain(lang, "reassign.btn_some"), f"ra:{token}:pick:0")]])


async def _toggle(update: Update, context: Context, form: Form, action: str, value: int) -> None:
    """pick:<page> shows a page of the rep's customers; t:<id> ticks or unticks one."""
    data, lang, token = form["data"], me().language, form["token"]
    if action == "t" and value in data.get("all", []):
        data["ids"] = [i for i in data["ids"] if i != value] if value in data["ids"] else [*data["ids"], value]
        page = data["all"].index(value) // PICK_PAGE
    else:
        page = value
    touch_form(context, form)
    await answer(update)
    ids = data.get("all", [])[page * PICK_PAGE:(page + 1) * PICK_PAGE]
    rows = [[(("✅ " if i in data["ids"] else "▫️ ") + render.short(data["names"][str(i)], 40), f"ra:{token}:t:{i}")]
            for i in ids]
    nav = []
    if page > 0:
        nav.append(("◀", f"ra:{token}:pick:{page - 1}"))
    if (page + 1) * PICK_PAGE < len(data.get("all", [])):
        nav.append(("▶", f"ra:{token}:pick:{page + 1}"))
    if nav:
        rows.append(nav)
    rows.append([(t_plain(lang, "reassign.btn_selected", count=len(data["ids"])), f"ra:{token}:sel")])
    text = t(lang, "reassign.pick_some", count=len(data["ids"]))
    query = update.callback_query
    if action == "t" and query is not None and query.message is not None:
        try:
            await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard(rows))
            return
        except TelegramError:
            pass
    await reply(update, text, rows)


async def _ask_target(update: Update, form: Form) -> None:
    user = me()
    people = await reassign.people(current_scope().uow, user, include_inactive=False)
    rows = [[(t_plain(user.language, "reassign.btn_person", name=p.name), f"ra:{form['token']}:to:{p.id}")]
            for p in people if p.id != form["data"].get("source")]
    rows.append([(t_plain(user.language, "cust.btn_cancel"), f"ra:{form['token']}:x")])
    await reply(update, t(user.language, "reassign.ask_target", count=len(form["data"]["ids"])), rows)


async def _confirm(update: Update, context: Context, form: Form, target_id: int) -> None:
    user = me()
    people = {p.id: p for p in await reassign.people(current_scope().uow, user, include_inactive=False)}
    if target_id not in people:
        raise NotAllowed()
    form["data"]["target"] = target_id
    touch_form(context, form, "confirm")
    await answer(update)
    lang, token = user.language, form["token"]
    await reply(update, t(lang, "reassign.confirm", count=len(form["data"]["ids"]), target=people[target_id].name),
                [[(t_plain(lang, "reassign.btn_go"), f"ra:{token}:go"), (t_plain(lang, "cust.btn_cancel"),
                                                                         f"ra:{token}:x")]])


async def _go(update: Update, context: Context, form: Form) -> None:
    user, data = me(), form["data"]
    done = await reassign.hand_over(current_scope().uow, user, data["ids"], int(data.get("target", 0)),
                                    reason=t_plain("en", "reassign.reason", manager=user.name), now=clock(context))
    close_form(context)
    await answer(update)
    lang = user.language
    rows = []
    source = data.get("source")
    if source and len(done.moved) == len(data.get("all", [])):
        rows.append([(t_plain(lang, "reassign.btn_mark_left"), f"ra:left:{source}")])
    await reply(update, t(lang, "reassign.done", count=len(done.moved), target=done.target.name), rows or None)
    names = "、".join(c.name for c in done.moved[:NAMES_SHOWN]) if done.target.language == "zh" else ", ".join(
        c.name for c in done.moved[:NAMES_SHOWN])
    more = len(done.moved) - NAMES_SHOWN
    text = t(done.target.language, "reassign.notify", manager=user.name, count=len(done.moved), names=names)
    if more > 0:
        text = t(done.target.language, "reassign.notify_more", manager=user.name, count=len(done.moved),
                 names=names, more=more)
    with contextlib.suppress(TelegramError):  # the move stands; the new owner sees them in /find anyway
        await context.bot.send_message(done.target.telegram_id, text, parse_mode=ParseMode.HTML)


async def mark_left(update: Update, context: Context) -> None:
    """ra:left:<user>: the rep left the company; they can no longer use the bot."""
    user = me()
    try:
        member = await reassign.mark_left(current_scope().uow, user, number(
            update.callback_query.data if update.callback_query else "", 2))
    except ServiceError as exc:
        await refuse(update, exc)
        return
    await answer(update)
    await reply(update, t(user.language, "reassign.marked_left", name=member.name))
