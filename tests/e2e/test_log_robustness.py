"""Cancel, timeout and resume, a restart mid-log, undo and edit, and every kind of bad input."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from bot.fake_telegram import FakeTelegramServer, FakeUser
from storage.tables import Interaction, NextAction
from tests.conftest import Database
from tests.e2e.harness import ADMIN_ID, Clock, Harness, ask, edited, press_and_reply, register, running_app
from tests.e2e.seeding import add_customers, unit_of_work

REP = 7001


async def _rep(server: FakeTelegramServer, database: Database, clock: Clock, lang: str = "en") -> FakeUser:
    admin = server.user(user_id=ADMIN_ID, first_name="Admin", language_code="en")
    await ask(admin, "/start")
    rep = await register(server, admin, user_id=REP, name="Tom", language_code=lang)
    await add_customers(database, REP, ["Acme Corp", "Globex"], now=clock.now, tier="C")
    return rep


async def _interactions(database: Database) -> int:
    async with unit_of_work(database) as uow, uow:
        return int(await uow.session.scalar(select(func.count()).select_from(Interaction)) or 0)


async def test_cancel_at_any_step_saves_nothing(bot: Harness) -> None:
    rep = await _rep(bot.server, bot.database, bot.clock)
    prompt = await ask(rep, "/log acme")
    await press_and_reply(rep, prompt, "Phone")
    await ask(rep, "talked about pricing")
    assert (await ask(rep, "/cancel")).plain_text == "Cancelled. Nothing was saved."
    assert (await ask(rep, "/cancel")).plain_text == "There is nothing to cancel."
    # The old buttons no longer apply.
    answer = await rep.press_data(prompt.message_id, prompt.find_button("Email").callback_data or "")
    assert answer.text == "This action has expired." and answer.show_alert
    assert await _interactions(bot.database) == 0


async def test_timeout_keeps_the_draft_and_offers_to_continue(
        server: FakeTelegramServer, database: Database, clock: Clock) -> None:
    async with running_app(server, database, clock, conversation_timeout_minutes=0.01):
        rep = await _rep(server, database, clock)
        prompt = await ask(rep, "/log globex")
        await press_and_reply(rep, prompt, "Email")
        await ask(rep, "sent the brochure")
        await asyncio.sleep(1.5)  # idle past the 0.6 s timeout
        offer = await rep.send("hello") and await rep.next_reply()
        assert offer.plain_text == "You have an unfinished log of Globex. Continue it?"
        await rep.next_reply()  # the message itself is still answered
        await rep.press(offer, "Continue")
        assert "Continuing your log of Globex" in (await rep.next_reply()).plain_text
        summary = await rep.next_reply()
        assert "What happened?" in summary.plain_text
        attitude = await press_and_reply(rep, summary, "Done")
        await press_and_reply(rep, attitude, "Undecided")
        await ask(rep, "call back")
        review = await ask(rep, "next monday 9am")
        assert "Summary: sent the brochure" in review.plain_text
        await rep.press(review, "Save")
        await edited(rep, review)
    assert await _interactions(database) == 1


async def test_discarding_a_timed_out_draft(server: FakeTelegramServer, database: Database, clock: Clock) -> None:
    async with running_app(server, database, clock, conversation_timeout_minutes=0.01):
        rep = await _rep(server, database, clock)
        await ask(rep, "/log globex")
        await asyncio.sleep(1.5)
        offer = await ask(rep, "/log")
        assert "unfinished log of Globex" in offer.plain_text
        await rep.press(offer, "Discard")
        assert (await rep.next_reply()).plain_text == "The draft was discarded."
        assert "Which customer?" in (await ask(rep, "/log")).plain_text


async def test_a_restart_in_the_middle_of_a_log_resumes_where_it_was(
        server: FakeTelegramServer, database: Database, clock: Clock) -> None:
    async with running_app(server, database, clock):
        rep = await _rep(server, database, clock, lang="zh")
        prompt = await ask(rep, "/log acme")
        summary = await press_and_reply(rep, prompt, "电话")
        await ask(rep, "客户确认了需求")
    async with running_app(server, database, clock):  # a new Application on the same database
        assert "共 2 条" in (await ask(rep, "预算在50万左右")).plain_text
        attitude = await press_and_reply(rep, summary, "完成")
        await press_and_reply(rep, attitude, "积极关注")
        await ask(rep, "发方案")
        review = await ask(rep, "明天上午10点")
        assert "客户确认了需求\n预算在50万左右" in review.plain_text
        await rep.press(review, "保存")
        await edited(rep, review)
    assert await _interactions(database) == 1


async def test_undo_removes_the_log_and_edit_replaces_it(bot: Harness) -> None:
    rep = await _rep(bot.server, bot.database, bot.clock)
    card = await ask(rep, "called acme, they liked the demo, send quote fri 3pm")
    await rep.press(card, "Save")
    saved = await edited(rep, card)
    await rep.press(saved, "Edit")
    review = await rep.next_reply()
    await rep.press(review, "Change")
    fields = await rep.next_reply()
    when = await press_and_reply(rep, fields, "Next step")
    assert "What is the next step" in when.plain_text
    await ask(rep, "send the contract")
    review = await ask(rep, "next monday 9am")
    await rep.press(review, "Save")
    resaved = await edited(rep, review)
    assert "Next step: send the contract · Mon 30 Nov 09:00" in resaved.plain_text
    async with unit_of_work(bot.database) as uow, uow:
        assert [a.title for a in (await uow.session.scalars(select(NextAction))).all()] == ["send the contract"]
    assert await _interactions(bot.database) == 1

    await rep.press(resaved, "Undo")
    undone = await edited(rep, resaved)
    assert "was undone" in undone.plain_text
    assert await _interactions(bot.database) == 0
    stale = await rep.press_data(saved.message_id, saved.buttons[0][1].callback_data or "")
    assert stale.text == "This action has expired."


async def test_bad_input_in_every_step_gets_a_clear_answer(bot: Harness) -> None:
    rep = await _rep(bot.server, bot.database, bot.clock)
    await ask(rep, "/log")
    assert "at least two characters" in (await ask(rep, "a")).plain_text
    unknown = await ask(rep, "<b>Tiny & Co</b> 🚀")
    assert unknown.plain_text == "No customer matches “<b>Tiny & Co</b> 🚀”. Create it as a new customer?"
    channel = await press_and_reply(rep, unknown, "Create")
    assert channel.plain_text.startswith("<b>Tiny & Co</b> 🚀 — how did you reach them")
    assert "use the buttons" in (await ask(rep, "hmm")).plain_text
    await rep.send_sticker()
    assert "Stickers, GIFs and contacts" in (await rep.next_reply()).plain_text
    summary = await press_and_reply(rep, channel, "Phone")
    assert (await rep.press(summary, "Done")).text == "Write at least a sentence, or attach a voice note, photo or document first."
    await rep.send_animation()
    assert "Stickers, GIFs and contacts" in (await rep.next_reply()).plain_text
    await rep.send_contact("+8613800000000", "Wang")
    assert "Stickers, GIFs and contacts" in (await rep.next_reply()).plain_text
    huge = "长" * 5000
    await ask(rep, huge)
    await rep.send_document(b"%PDF-1.4 quote", "报价单.pdf", "application/pdf", caption="the quote")
    await rep.next_reply()
    attitude = await press_and_reply(rep, summary, "Done")
    what = await press_and_reply(rep, attitude, "Keen")
    assert "What is the next step" in what.plain_text
    await ask(rep, "send revised quote")
    assert "concrete date" in (await ask(rep, "asap")).plain_text
    unreadable = await ask(rep, "when pigs fly")
    assert "couldn't read “when pigs fly” as a date" in unreadable.plain_text and "tomorrow 10am" in unreadable.plain_text
    assert "already in the past" in (await ask(rep, "yesterday 10am")).plain_text
    review = await ask(rep, "in 3 days")
    assert "(5010)" in review.plain_text and len(review.text) < 4096
    forged = await rep.press_data(review.message_id, "l:000000:save:")
    assert forged.text == "This action has expired."
    await rep.press(review, "Save")
    await edited(rep, review)
    async with unit_of_work(bot.database) as uow, uow:
        row = (await uow.session.scalars(select(Interaction))).one()
        assert row.summary == huge + "\nthe quote"
    other = await rep.press_data(review.message_id, "q:save:abcdef")
    assert other.text == "This action has expired."


async def test_starting_another_log_midway_sets_the_first_aside_instead_of_losing_it(bot: Harness) -> None:
    rep = await _rep(bot.server, bot.database, bot.clock)
    prompt = await ask(rep, "/log globex")
    await press_and_reply(rep, prompt, "Visit")
    await ask(rep, "walked the plant floor with their COO")
    await ask(rep, "/log acme")  # a second log before the first was finished
    offer = await ask(rep, "/log")
    assert offer.plain_text == "You have an unfinished log of Globex. Continue it?"
    await rep.press(offer, "Continue")
    await rep.next_reply()
    summary = await rep.next_reply()
    assert "What happened?" in summary.plain_text
    attitude = await press_and_reply(rep, summary, "Done")
    await press_and_reply(rep, attitude, "Keen")
    await ask(rep, "send the proposal")
    review = await ask(rep, "fri 3pm")
    assert "walked the plant floor" in review.plain_text and "Customer: Globex" in review.plain_text


async def test_files_outside_the_summary_step_are_answered_not_dropped_silently(bot: Harness) -> None:
    rep = await _rep(bot.server, bot.database, bot.clock)
    await rep.send_document(b"%PDF", "quote.pdf", "application/pdf")
    assert "start /log" in (await rep.next_reply()).plain_text
    await ask(rep, "/log acme")  # now at the channel buttons
    await rep.send_voice(b"OggS", duration=2)
    assert "Files go with the summary" in (await rep.next_reply()).plain_text
