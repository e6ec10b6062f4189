"""Integration tests: a real telegram.Bot talking HTTP to the fake Bot API."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyParameters,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter

from bot.fake_telegram import FakeTelegramServer

from .conftest import TOKEN

PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000030806000000b9eae1b70000000d49444154789c636060"
    "60f80f0000010401005d0c8a2d0000000049454e44ae426082"
)


def _kb(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data)] for text, data in pairs])


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.username == "crm_test_bot" and me.id == 123456
    assert me.can_join_groups is True


async def test_unknown_token_is_401(server: FakeTelegramServer) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=server.base_url, base_file_url=server.base_file_url):
            pass


async def test_send_message_seen_by_user(server: FakeTelegramServer, bot: Bot) -> None:
    user = server.user(1001, "Li Wei", username="liwei", language_code="zh")
    sent = await bot.send_message(
        1001, "<b>Deal</b> &amp; co", parse_mode="HTML", reply_markup=_kb(("Won", "won:1"), ("Lost", "lost:1"))
    )
    assert sent.text == "Deal & co" and sent.chat.id == 1001 and sent.from_user.is_bot
    assert sent.entities[0].type == "bold"
    reply = await user.next_reply()
    assert reply.message_id == sent.message_id and reply.kind == "text"
    assert reply.text == "<b>Deal</b> &amp; co" and reply.plain_text == "Deal & co"
    assert reply.button_texts() == ["Won", "Lost"] and reply.find_button("Lo").callback_data == "lost:1"
    assert server.calls_to("sendMessage")[0]["reply_markup"]["inline_keyboard"][0][0]["text"] == "Won"
    await bot.send_message(1001, "choose", reply_markup=ReplyKeyboardMarkup([["A", "B"]]))
    assert (await user.next_reply()).reply_keyboard == [["A", "B"]]


async def test_reply_parameters_and_markdown_v2(server: FakeTelegramServer, bot: Bot) -> None:
    user = server.user(1002)
    incoming = await user.send("hello")
    sent = await bot.send_message(1002, r"*ok* 1\.5", parse_mode="MarkdownV2",
                                  reply_parameters=ReplyParameters(incoming["message_id"]))
    assert sent.text == "ok 1.5" and sent.reply_to_message.text == "hello"
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(1002, "x", reply_parameters=ReplyParameters(9999))


async def test_long_poll_returns_early_and_times_out(server: FakeTelegramServer, bot: Bot) -> None:
    user = server.user(1001)
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 2.0

    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    started = time.monotonic()
    await user.send("/start ref42")
    updates = await poll
    assert time.monotonic() - started < 0.5
    (update,) = updates
    assert update.message.text == "/start ref42" and update.message.from_user.language_code == "en"
    assert update.message.entities[0].type == "bot_command" and update.message.entities[0].length == 6
    # not yet confirmed: delivered again; confirming with offset drops it
    assert (await bot.get_updates(timeout=0))[0].update_id == update.update_id
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_limit_and_conflicting_pollers(server: FakeTelegramServer, bot: Bot) -> None:
    user = server.user(1001)
    for i in range(3):
        await user.send(f"m{i}")
    assert [u.message.text for u in await bot.get_updates(limit=2)] == ["m0", "m1"]
    updates = await bot.get_updates(offset=-1)
    assert [u.message.text for u in updates] == ["m2"]
    first = asyncio.create_task(bot.get_updates(offset=updates[0].update_id + 1, timeout=5))
    await asyncio.sleep(0.2)
    async with Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url) as other:
        second = asyncio.create_task(other.get_updates(timeout=1))
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await first
        assert await second == ()


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"text": "<b>oops"}, "can't parse entities: can't find end tag corresponding to start tag"),
        ({"text": "a < b"}, 'can\'t parse entities: unsupported start tag "" at byte offset 2'),
        ({"text": "<foo>x</foo>"}, "unsupported start tag"),
        ({"text": "Tom & Jerry"}, "can't parse entities"),
        ({"text": "1.5", "parse_mode": "MarkdownV2"}, "character '.' is reserved"),
        ({"text": "*bold", "parse_mode": "MarkdownV2"}, "can't find end of bold entity"),
        ({"text": ""}, "message text is empty"),
        ({"text": "x" * 4097}, "message is too long"),
        ({"text": "x", "reply_markup": _kb(("A", "d" * 65))}, "button_data_invalid"),
        ({"text": "x", "reply_markup": InlineKeyboardMarkup([[InlineKeyboardButton("plain")]])},
         "text buttons are unallowed in the inline keyboard"),
    ],
)
async def test_send_message_rejections(
    server: FakeTelegramServer, bot: Bot, kwargs: dict[str, object], expected: str
) -> None:
    server.user(1001)
    kwargs = {"parse_mode": "HTML", **kwargs}
    with pytest.raises(BadRequest) as info:
        await bot.send_message(1001, **kwargs)  # type: ignore[arg-type]
    assert expected in info.value.message.lower()


async def test_chat_not_found_and_blocked(server: FakeTelegramServer, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(4242, "hi")
    server.user(1003).blocked = True
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(1003, "hi")


async def test_edit_and_delete(server: FakeTelegramServer, bot: Bot) -> None:
    user = server.user(1001)
    sent = await bot.send_message(1001, "v1", reply_markup=_kb(("A", "a")))
    await user.next_reply()
    await bot.edit_message_text("v2", chat_id=1001, message_id=sent.message_id, reply_markup=_kb(("B", "b")))
    edit = await user.next_edit()
    assert edit.text == "v2" and edit.button_texts() == ["B"]
    with pytest.raises(BadRequest, match=r"(?i)message is not modified: specified new message content"):
        await bot.edit_message_text("v2", chat_id=1001, message_id=sent.message_id, reply_markup=_kb(("B", "b")))
    await bot.edit_message_reply_markup(chat_id=1001, message_id=sent.message_id, reply_markup=None)
    assert (await user.next_edit()).buttons == [] and user.messages[sent.message_id].text == "v2"
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(chat_id=1001, message_id=sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=1001, message_id=777)
    assert await bot.delete_message(1001, sent.message_id) is True
    assert sent.message_id not in user.messages
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(1001, sent.message_id)


async def test_callback_answer_and_double_answer(server: FakeTelegramServer, bot: Bot) -> None:
    user = server.user(1001)
    sent = await bot.send_message(1001, "pick", reply_markup=_kb(("Yes", "y")))
    reply = await user.next_reply()

    async def bot_side() -> None:
        (update,) = await bot.get_updates(timeout=5)
        query = update.callback_query
        assert query.data == "y" and query.message.message_id == sent.message_id and query.chat_instance
        assert await query.answer("Saved", show_alert=True)
        with pytest.raises(BadRequest, match=r"(?i)query is too old and response timeout expired"):
            await query.answer("again")

    task = asyncio.create_task(bot_side())
    answer = await user.press(reply, "Yes")
    assert answer.text == "Saved" and answer.show_alert is True
    await task
    with pytest.raises(TimeoutError, match="did not answer callback query 'forged'"):
        await user.press_data(sent.message_id, "forged", timeout=0.2)


async def test_rate_limit_and_server_errors(
    server: FakeTelegramServer, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # opt in to PTB's timedelta retry_after (no warning)
    server.user(1001)
    server.inject_fault("sendMessage", status=429, retry_after=2)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(1001, "x")
    assert info.value.retry_after == dt.timedelta(seconds=2)
    server.inject_fault("sendMessage", status=500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(1001, "x")
    server.inject_fault("sendmessage", status=502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(1001, "x")
    assert (await bot.send_message(1001, "finally")).text == "finally"


async def test_unknown_method_is_400(bot: Bot) -> None:
    with pytest.raises(BadRequest) as info:
        await bot.send_dice(1001)
    assert "method senddice is not implemented by the fake" in info.value.message.lower()
    with pytest.raises(BadRequest, match=r"(?i)not implemented"):
        await bot.log_out()


async def test_document_upload_round_trip(server: FakeTelegramServer, bot: Bot) -> None:
    user = server.user(1001)
    payload = b"%PDF-1.4 quote\x00\xff" * 100
    sent = await bot.send_document(1001, payload, filename="报价单 Q3.pdf", caption="<i>Quote</i>",
                                   parse_mode="HTML")
    assert sent.document.file_name == "报价单 Q3.pdf" and sent.caption == "Quote"
    reply = await user.next_reply()
    assert reply.kind == "document" and reply.file_id == sent.document.file_id and reply.text == "<i>Quote</i>"
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == payload
    assert await server.download(sent.document.file_id) == payload
    again = await bot.send_document(1001, sent.document.file_id)
    assert again.document.file_unique_id == sent.document.file_unique_id
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier/http url specified"):
        await bot.send_document(1001, "BQACAgIAAxkBAAIbogus")
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.get_file("nope")
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_document(1001, b"x", filename="a.txt", caption="c" * 1025)


async def test_photo_location_and_chat_action(server: FakeTelegramServer, bot: Bot) -> None:
    user = server.user(1001)
    sent = await bot.send_photo(1001, PNG_1x1, caption="map")
    assert (sent.photo[-1].width, sent.photo[-1].height) == (2, 3)
    reply = await user.next_reply()
    assert reply.kind == "photo" and reply.text == "map" and await server.download(reply.file_id) == PNG_1x1
    resent = await bot.send_photo(1001, sent.photo[-1].file_id)
    assert resent.photo[-1].file_id == sent.photo[-1].file_id
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_photo(1001, "AgACAgIAAxkBAAIbogus")
    await bot.send_location(1001, 31.23, 121.47)
    await user.next_reply()
    assert (await user.next_reply()).location == (31.23, 121.47)
    assert await bot.send_chat_action(1001, "typing") and user.chat_actions == ["typing"]


async def test_user_media_downloadable_by_bot(
    server: FakeTelegramServer, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    user = server.user(1001)
    await user.send_voice(b"OggS-voice-bytes", duration=7)
    await user.send_document(b"a,b\n1,2\n", "leads.csv", "text/csv", caption="import")
    await user.send_photo(PNG_1x1)
    await user.share_location(1.5, 2.5)
    await user.send_contact("+8613800000000", "Wang")
    await user.send_sticker()
    await user.send_animation()
    updates = await bot.get_updates()
    voice, doc, photo, loc, contact, sticker, anim = (u.message for u in updates)
    assert voice.voice.duration == dt.timedelta(seconds=7)
    assert bytes(await (await voice.voice.get_file()).download_as_bytearray()) == b"OggS-voice-bytes"
    assert doc.document.file_name == "leads.csv" and doc.caption == "import"
    assert bytes(await (await doc.document.get_file()).download_as_bytearray()) == b"a,b\n1,2\n"
    assert photo.photo[-1].width == 2
    assert (loc.location.latitude, loc.location.longitude) == (1.5, 2.5)
    assert contact.contact.phone_number == "+8613800000000"
    assert sticker.sticker is not None and anim.animation is not None


async def test_commands_per_scope_and_language(server: FakeTelegramServer, bot: Bot) -> None:
    server.user(1001)
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("log", "Log a call")])
    await bot.set_my_commands([BotCommand("start", "开始")], language_code="zh")
    await bot.set_my_commands([BotCommand("admin", "Admin")], scope=BotCommandScopeChat(1001))
    assert [c["command"] for c in server.commands()] == ["start", "log"]
    assert server.commands(language_code="zh") == [{"command": "start", "description": "开始"}]
    assert server.commands({"type": "chat", "chat_id": 1001})[0]["command"] == "admin"
    assert [c.command for c in await bot.get_my_commands(language_code="zh")] == ["start"]
    await bot.delete_my_commands(language_code="zh")
    assert server.commands(language_code="zh") == []
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Command", "x")])


async def test_webhook_methods(server: FakeTelegramServer, bot: Bot) -> None:
    user = server.user(1001)
    await user.send("pending")
    assert (await bot.get_webhook_info()).pending_update_count == 1
    assert await bot.set_webhook("https://example.com/hook")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_file_url_with_bad_token(server: FakeTelegramServer, bot: Bot) -> None:
    server.user(1001)
    sent = await bot.send_document(1001, b"data", filename="a.txt")
    file = await bot.get_file(sent.document.file_id)
    assert file.file_path is not None and file.file_path.startswith(server.base_file_url + TOKEN + "/")
