"""Raw HTTP checks: the fake accepts every encoding clients use and never answers 404."""

from __future__ import annotations

import aiohttp
import pytest

from bot.fake_telegram import FakeTelegramServer

from .conftest import TOKEN


async def test_json_query_and_form_bodies(server: FakeTelegramServer) -> None:
    user = server.user(1001)
    api = f"{server.base_url}{TOKEN}"
    async with aiohttp.ClientSession() as http:
        markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
        async with http.post(f"{api}/sendMessage", json={"chat_id": 1001, "text": "json", "reply_markup": markup}) as r:
            body = await r.json()
            assert r.status == 200 and body["ok"] and body["result"]["reply_markup"] == markup
        async with http.get(f"{api}/SENDMESSAGE", params={"chat_id": "1001", "text": "123"}) as r:
            assert (await r.json())["result"]["text"] == "123"
        async with http.post(f"{api}/sendMessage", data={"chat_id": "1001", "text": "<b>x", "parse_mode": "HTML"}) as r:
            body = await r.json()
            assert r.status == 400 and body["error_code"] == 400
            assert body["description"].startswith("Bad Request: can't parse entities: ")
        async with http.post(f"{server.base_url}000:BAD/getMe") as r:
            assert r.status == 401 and (await r.json())["description"] == "Unauthorized"
        async with http.post(f"{api}/") as r:
            assert r.status == 400
        async with http.get(f"{server.base_file_url}{TOKEN}/documents/missing.pdf") as r:
            assert r.status == 400
    assert [m.plain_text for m in await user.drain(quiet=0.05)] == ["json", "123"]
    assert server.calls_to("sendMessage")[0]["reply_markup"] == markup


async def test_fault_body_shape(server: FakeTelegramServer) -> None:
    server.inject_fault("getMe", status=429, retry_after=3)
    async with aiohttp.ClientSession() as http, http.post(f"{server.base_url}{TOKEN}/getMe") as r:
        assert r.status == 429
        assert await r.json() == {
            "ok": False, "error_code": 429, "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }


async def test_next_reply_timeout_explains_recent_errors(server: FakeTelegramServer) -> None:
    user = server.user(1001)
    async with aiohttp.ClientSession() as http:
        await http.post(f"{server.base_url}{TOKEN}/sendMessage", data={"chat_id": "1001", "text": "ok"})
        await http.post(f"{server.base_url}{TOKEN}/sendMessage",
                        data={"chat_id": "1001", "text": "1.5", "parse_mode": "MarkdownV2"})
    await user.next_reply()
    with pytest.raises(TimeoutError) as info:
        await user.next_reply(timeout=0.05)
    assert "sent #1 'ok'" in str(info.value)
    assert "Character '.' is reserved" in str(info.value)
