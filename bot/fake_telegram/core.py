"""The aggregate state of one fake bot, shared by the HTTP handlers and the fake users."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from bot.fake_telegram.errors import ApiError, bad_request
from bot.fake_telegram.params import Params, UploadedFile
from bot.fake_telegram.state import (
    CallbackAnswer,
    ChatState,
    FileRecord,
    FileStore,
    StoredMessage,
    UpdateQueue,
    now,
)


@dataclass
class Fault:
    """An injected error for the next ``times`` calls of a method."""

    status: int
    times: int
    retry_after: int
    description: str | None

    def error(self) -> ApiError:
        """The ApiError this fault produces."""
        if self.status == 429:
            return ApiError(self.description or f"Too Many Requests: retry after {self.retry_after}", 429,
                            {"retry_after": self.retry_after})
        default = {500: "Internal Server Error", 502: "Bad Gateway", 403: "Forbidden: bot was blocked by the user"}
        return ApiError(self.description or default.get(self.status, "Error"), self.status)


def commands_key(scope: Any, language_code: str | None) -> tuple[str, str]:
    """Key under which setMyCommands stores a command list."""
    scope = scope or {"type": "default"}
    return json.dumps(scope, sort_keys=True), language_code or ""


class FakeState:
    """Everything the fake Telegram knows about one bot."""

    def __init__(self, token: str, bot_username: str, bot_first_name: str) -> None:
        self.token = token
        prefix = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(prefix) if prefix.isdigit() else 123456, "is_bot": True, "first_name": bot_first_name,
            "username": bot_username, "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False,
        }
        self.chats: dict[int, ChatState] = {}
        self.files = FileStore()
        self.updates = UpdateQueue()
        self.callbacks: dict[str, asyncio.Future[CallbackAnswer] | None] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.webhook_url = ""
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.errors: list[tuple[str, int | None, str]] = []
        self.faults: dict[str, Fault] = {}

    def chat(self, p: Params, name: str = "chat_id") -> ChatState:
        """The chat addressed by a chat_id parameter, or 400 chat not found."""
        raw = p.get(name)
        if raw is None or raw == "":
            raise bad_request(f"{name} is empty")
        try:
            chat = self.chats.get(int(raw))
        except (TypeError, ValueError):
            chat = None
        if chat is None:
            raise bad_request("chat not found")
        if chat.blocked:
            raise ApiError("Forbidden: bot was blocked by the user", 403)
        return chat

    def message(self, chat: ChatState, message_id: int | None, action: str) -> StoredMessage:
        """A stored message or "message to <action> not found"."""
        if message_id is None:
            raise bad_request("message identifier is not specified")
        stored = chat.messages.get(message_id)
        if stored is None:
            raise bad_request(f"message to {action} not found")
        return stored

    def new_bot_message(self, chat: ChatState, p: Params, **content: Any) -> dict[str, Any]:
        """Build the raw Message dict for a message the bot is sending, handling reply parameters."""
        raw: dict[str, Any] = {"message_id": 0, "from": self.bot_user, "chat": chat.chat, "date": now()}
        reply = p.get("reply_parameters") or {}
        if not isinstance(reply, dict):
            raise bad_request("can't parse reply parameters JSON object")
        reply_id = reply.get("message_id", p.get("reply_to_message_id"))
        if reply_id is not None:
            target = chat.messages.get(int(reply_id))
            if target is not None:
                raw["reply_to_message"] = copy_without_reply(target.raw)
            elif not (reply.get("allow_sending_without_reply") or p.flag("allow_sending_without_reply")):
                raise bad_request("message to be replied not found")
        raw.update({k: v for k, v in content.items() if v is not None})
        raw["message_id"] = chat.allocate_id()
        return raw

    def resolve_file(self, value: Any, kind: str, *, file_name: str | None = None) -> FileRecord:
        """An uploaded file (stored now) or an existing file_id; unknown ids are 400 like Telegram."""
        if isinstance(value, UploadedFile):
            mime = value.content_type if kind == "document" else None
            return self.files.add(kind, value.data, file_name=file_name or value.filename, mime_type=mime)
        if not isinstance(value, str) or not value:
            raise bad_request(f"there is no {kind} in the request")
        record = self.files.get(value)
        if record is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if (record.kind == "photo") != (kind == "photo"):
            raise bad_request(f"can't use file of type {record.kind.title()} as {kind.title()}")
        return record


def copy_without_reply(raw: dict[str, Any]) -> dict[str, Any]:
    """A shallow copy of a message without its own reply_to_message (Telegram nests one level)."""
    return {k: v for k, v in raw.items() if k != "reply_to_message"}
