"""Invite → /start → /help → /lang → /tz; strangers refused; unknown commands hinted."""

from __future__ import annotations

from bot.fake_telegram import FakeUser
from tests.e2e.harness import ADMIN_ID, Harness, ask, eventually


async def test_admin_invites_a_rep_who_starts_and_uses_help_lang_and_tz(bot: Harness) -> None:
    admin = bot.server.user(user_id=ADMIN_ID, first_name="Boss", language_code="en")
    welcome = await ask(admin, "/start")
    assert "admin" in welcome.plain_text

    invite = await ask(admin, "/invite rep 华东一组")
    assert "https://t.me/crm_test_bot?start=" in invite.plain_text
    code = invite.plain_text.rsplit("start=", 1)[1].split()[0]

    rep = bot.server.user(user_id=7001, first_name="李伟", language_code="zh-hans")
    joined = await ask(rep, f"/start {code}")
    assert "销售人员" in joined.plain_text and "华东一组" in joined.plain_text

    # The link is one-time: a second person cannot reuse it.
    other = bot.server.user(user_id=7002, first_name="Eve", language_code="en")
    reused = await ask(other, f"/start {code}")
    assert "invalid, expired or already used" in reused.plain_text

    helped = await ask(rep, "/help")
    assert "/log" in helped.plain_text and "/invite" not in helped.plain_text
    admin_help = await ask(admin, "/help")
    assert "/invite" in admin_help.plain_text

    # The rep's own command menu: rep commands in Chinese, set for their chat.
    rep_menu = bot.server.commands({"type": "chat", "chat_id": 7001}, "")
    assert [c["command"] for c in rep_menu][:3] == ["log", "next", "today"]
    assert rep_menu[0]["description"] == "记录电话、拜访、邮件或会议"

    chooser = await ask(rep, "/lang")
    assert chooser.button_texts() == ["中文", "English"]
    answer = await rep.press(chooser, "English")
    assert answer is not None
    switched = await rep.next_edit()
    assert switched.plain_text == "Language set to English."
    await eventually(lambda: bot.server.commands({"type": "chat", "chat_id": 7001}, "")[0]["description"]
                     .startswith("log a call"))
    assert "What you can do" in (await ask(rep, "/help")).plain_text

    shown = await ask(rep, "/tz")
    assert "Asia/Shanghai" in shown.plain_text and "Wed 25 Nov 10:00" in shown.plain_text
    changed = await ask(rep, "/tz Europe/London")
    assert "Europe/London" in changed.plain_text and "Wed 25 Nov 02:00" in changed.plain_text
    bad = await ask(rep, "/tz Mars/Olympus")
    assert "I don't know the time zone" in bad.plain_text and "Mars/Olympus" in bad.plain_text


async def test_stranger_is_refused_politely_in_their_language_and_sees_nothing_else(bot: Harness) -> None:
    stranger = bot.server.user(user_id=8001, first_name="路人", language_code="zh")
    refusal = await ask(stranger, "/help")
    assert refusal.plain_text.startswith("抱歉，这是内部销售 CRM")
    assert (await ask(stranger, "hello")).plain_text == refusal.plain_text
    english = bot.server.user(user_id=8002, first_name="Joe", language_code="en-US")
    assert (await ask(english, "/start")).plain_text.startswith("Sorry, this is a private sales CRM")
    assert (await ask(english, "/start forged-code")).plain_text.startswith("This invite link is invalid")
    assert await english.drain(quiet=0.3) == []


async def test_rep_cannot_invite_and_unknown_command_gets_a_hint(bot: Harness, admin: FakeUser) -> None:
    invite = await ask(admin, "/invite manager")
    code = invite.plain_text.rsplit("start=", 1)[1].split()[0]
    manager = bot.server.user(user_id=7100, first_name="Wang", language_code="en")
    assert "manager" in (await ask(manager, f"/start {code}")).plain_text
    assert "Usage" in (await ask(manager, "/invite admin")).plain_text

    hint = await ask(admin, "/frobnicate now")
    assert hint.plain_text == "I don't know the command /frobnicate. Type /help to see what you can do."
    html = await ask(admin, "/<b>x</b>")
    assert "/help" in html.plain_text


async def test_welcome_back_and_html_in_names_is_escaped(bot: Harness) -> None:
    admin = bot.server.user(user_id=ADMIN_ID, first_name="<b>Boss</b> & 🚀", language_code="en")
    first = await ask(admin, "/start")
    assert "<b>Boss</b> & 🚀" in first.plain_text
    again = await ask(admin, "/start")
    assert again.plain_text.startswith("Welcome back, <b>Boss</b> & 🚀")


async def test_edited_messages_and_group_chats_are_ignored(bot: Harness) -> None:
    from telegram import Update

    admin = bot.server.user(user_id=ADMIN_ID, first_name="Boss", language_code="en")
    await ask(admin, "/start")
    processor = bot.app.update_processor
    base = {"message_id": 77, "date": 0, "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            "from": {"id": ADMIN_ID, "is_bot": False, "first_name": "Boss"}}
    edited = {"update_id": 5001, "edited_message": {**base, "chat": {"id": ADMIN_ID, "type": "private"},
                                                    "edit_date": 1}}
    group = {"update_id": 5002, "message": {**base, "chat": {"id": -100123, "type": "supergroup",
                                                             "title": "Sales"}}}
    for raw in (edited, group):
        update = Update.de_json(raw, bot.app.bot)
        assert update is not None
        await processor.process_update(update, bot.app.process_update(update))
    assert await admin.drain(quiet=0.4) == []
    assert not [c for c in bot.server.calls_to("sendMessage") if c.get("chat_id") == -100123]
