"""Bot-level Bot API methods: getMe, getUpdates, callbacks, files, commands and webhooks."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from bot.fake_telegram.core import FakeState, commands_key
from bot.fake_telegram.errors import ApiError, bad_request
from bot.fake_telegram.methods import method
from bot.fake_telegram.params import Params
from bot.fake_telegram.state import CallbackAnswer

COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
SCOPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
     "chat_administrators", "chat_member"}
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


@method("getMe")
async def get_me(st: FakeState, p: Params) -> Any:
    """getMe."""
    return st.bot_user


@method("getUpdates")
async def get_updates(st: FakeState, p: Params) -> Any:
    """getUpdates with offset confirmation and a real long poll."""
    queue = st.updates
    if st.webhook_url:
        raise ApiError("Conflict: can't use getUpdates method while webhook is active; "
                       "use deleteWebhook to delete the webhook first", 409)
    offset = p.integer("offset")
    limit = min(max(p.integer("limit", 100) or 100, 1), 100)
    timeout = max(p.integer("timeout", 0) or 0, 0)
    allowed = p.get("allowed_updates")
    if allowed is not None:
        if not isinstance(allowed, list):
            raise bad_request("can't parse allowed updates JSON object")
        queue.allowed = [str(kind) for kind in allowed]
    queue.poll_generation += 1
    generation = queue.poll_generation
    queue.wake()  # an older pending poll is terminated with 409, like Telegram
    if offset is not None:
        queue.confirm(offset)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if generation != queue.poll_generation:
            raise ApiError("Conflict: terminated by other getUpdates request; "
                           "make sure that only one bot instance is running", 409)
        batch = queue.take(limit)
        remaining = deadline - loop.time()
        if batch or queue.closed or remaining <= 0:
            return batch
        await queue.wait(remaining)


@method("answerCallbackQuery")
async def answer_callback_query(st: FakeState, p: Params) -> Any:
    """answerCallbackQuery; a second answer to the same query is refused."""
    query_id = p.text("callback_query_id") or ""
    future = st.callbacks.get(query_id)
    if future is None:
        raise bad_request(QUERY_INVALID)
    st.callbacks[query_id] = None
    text = p.text("text")
    if text and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    answer = CallbackAnswer(text or None, p.flag("show_alert"), p.text("url"), p.integer("cache_time", 0) or 0)
    if not future.done():
        future.set_result(answer)
    return True


@method("getFile")
async def get_file(st: FakeState, p: Params) -> Any:
    """getFile."""
    record = st.files.get(p.text("file_id") or "")
    if record is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return {"file_id": record.file_id, "file_unique_id": record.file_unique_id, "file_size": len(record.data),
            "file_path": record.file_path}


def _scope_key(st: FakeState, p: Params) -> tuple[str, str]:
    scope = p.get("scope")
    if scope is not None and (not isinstance(scope, dict) or scope.get("type") not in SCOPES):
        raise bad_request("can't parse BotCommandScope JSON object")
    if scope and "chat_id" in scope and scope["chat_id"] not in st.chats:
        raise bad_request("chat not found")
    language = p.text("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    return commands_key(scope, language)


@method("setMyCommands")
async def set_my_commands(st: FakeState, p: Params) -> Any:
    """setMyCommands, stored per (scope, language_code)."""
    commands = p.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    stored = []
    for item in commands:
        if not isinstance(item, dict) or not COMMAND_RE.match(str(item.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = str(item.get("description", ""))
        if not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        stored.append({"command": str(item["command"]), "description": description})
    st.commands[_scope_key(st, p)] = stored
    return True


@method("getMyCommands")
async def get_my_commands(st: FakeState, p: Params) -> Any:
    """getMyCommands."""
    return st.commands.get(_scope_key(st, p), [])


@method("deleteMyCommands")
async def delete_my_commands(st: FakeState, p: Params) -> Any:
    """deleteMyCommands."""
    st.commands.pop(_scope_key(st, p), None)
    return True


@method("setWebhook")
async def set_webhook(st: FakeState, p: Params) -> Any:
    """setWebhook (stored only; the fake never delivers to webhooks)."""
    st.webhook_url = p.text("url") or ""
    if p.flag("drop_pending_updates"):
        st.updates.updates.clear()
    st.updates.wake()
    return True


@method("deleteWebhook")
async def delete_webhook(st: FakeState, p: Params) -> Any:
    """deleteWebhook."""
    st.webhook_url = ""
    if p.flag("drop_pending_updates"):
        st.updates.updates.clear()
    return True


@method("getWebhookInfo")
async def get_webhook_info(st: FakeState, p: Params) -> Any:
    """getWebhookInfo."""
    return {"url": st.webhook_url, "has_custom_certificate": False, "pending_update_count": len(st.updates.updates)}
