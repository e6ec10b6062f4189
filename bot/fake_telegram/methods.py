"""Bot API methods that send, edit and delete messages in a chat."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.fake_telegram.core import FakeState
from bot.fake_telegram.errors import bad_request
from bot.fake_telegram.formatting import ParsedText
from bot.fake_telegram.params import Params
from bot.fake_telegram.state import ChatState, StoredMessage, now
from bot.fake_telegram.validation import check_caption, check_reply_markup, check_text

Handler = Callable[[FakeState, Params], Awaitable[Any]]
METHODS: dict[str, Handler] = {}
CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
     "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
)
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a "
    "current content and reply markup of the message"
)


def method(name: str) -> Callable[[Handler], Handler]:
    """Register a handler under its Bot API method name."""

    def register(func: Handler) -> Handler:
        METHODS[name] = func
        return func

    return register


def _describe(stored: StoredMessage) -> str:
    raw = stored.raw
    what = raw.get("text") or raw.get("caption") or next((k for k in ("photo", "document", "location") if k in raw), "")
    buttons = [b.get("text") for row in (stored.reply_markup or {}).get("inline_keyboard", []) for b in row]
    return f"#{raw['message_id']} {str(what)[:80]!r}" + (f" buttons={buttons}" if buttons else "")


def _deliver(st: FakeState, chat: ChatState, p: Params, parsed: ParsedText | None, **content: Any) -> Any:
    """Validate the markup, store a new bot message, queue it for the user and return it."""
    markup = check_reply_markup(p.get("reply_markup"))
    key = "text" if "text" in content else "caption"
    if parsed is not None:
        content[key] = parsed.plain
        content["caption_entities" if key == "caption" else "entities"] = parsed.api_entities() or None
    if markup and "inline_keyboard" in markup:
        content["reply_markup"] = markup
    raw = st.new_bot_message(chat, p, **content)
    stored = StoredMessage(raw, True, p.text(key), p.text("parse_mode"), parsed, markup)
    chat.messages[raw["message_id"]] = stored
    chat.new_messages.put_nowait(stored.snapshot())
    chat.touch("sent " + _describe(stored))
    return raw


@method("sendMessage")
async def send_message(st: FakeState, p: Params) -> Any:
    """sendMessage."""
    chat = st.chat(p)
    parsed = check_text(p.text("text"), p.text("parse_mode"), p.get("entities"))
    return _deliver(st, chat, p, parsed, text="")


@method("sendPhoto")
async def send_photo(st: FakeState, p: Params) -> Any:
    """sendPhoto (upload or file_id)."""
    chat = st.chat(p)
    parsed = check_caption(p.text("caption"), p.text("parse_mode"), p.get("caption_entities"))
    record = st.resolve_file(p.get("photo"), "photo")
    return _deliver(st, chat, p, parsed, caption=None, photo=[record.to_api()])


@method("sendDocument")
async def send_document(st: FakeState, p: Params) -> Any:
    """sendDocument (upload or file_id)."""
    chat = st.chat(p)
    parsed = check_caption(p.text("caption"), p.text("parse_mode"), p.get("caption_entities"))
    record = st.resolve_file(p.get("document"), "document")
    return _deliver(st, chat, p, parsed, caption=None, document=record.to_api())


@method("sendLocation")
async def send_location(st: FakeState, p: Params) -> Any:
    """sendLocation."""
    chat = st.chat(p)
    lat, lon = p.number("latitude"), p.number("longitude")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise bad_request("wrong coordinates")
    return _deliver(st, chat, p, None, location={"latitude": lat, "longitude": lon})


@method("sendChatAction")
async def send_chat_action(st: FakeState, p: Params) -> Any:
    """sendChatAction."""
    chat = st.chat(p)
    action = p.text("action")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat.actions.append(action)
    chat.touch()
    return True


def _editable(st: FakeState, p: Params) -> tuple[ChatState, StoredMessage]:
    if "inline_message_id" in p:
        raise bad_request("inline_message_id is not supported by the fake")
    chat = st.chat(p)
    stored = st.message(chat, p.integer("message_id"), "edit")
    if not stored.from_bot:
        raise bad_request("message can't be edited")
    return chat, stored


def _apply_edit(chat: ChatState, stored: StoredMessage, p: Params, key: str | None, parsed: ParsedText | None) -> Any:
    """Apply a text/caption and/or markup edit, refusing no-op edits like Telegram."""
    markup = check_reply_markup(p.get("reply_markup"), inline_only=True)
    old = stored.parsed
    if key is None or parsed is None or old is None:
        same_text = key is None or parsed is old
    else:
        same_text = old.plain == parsed.plain and set(old.entities) == set(parsed.entities)
    if same_text and markup == stored.raw.get("reply_markup"):
        raise bad_request(NOT_MODIFIED)
    raw = stored.raw
    if key is not None:
        ents_key = "entities" if key == "text" else "caption_entities"
        raw.pop(key, None)
        raw.pop(ents_key, None)
        if parsed is not None:
            raw[key] = parsed.plain
            if parsed.entities:
                raw[ents_key] = parsed.api_entities()
        stored.parsed, stored.source_text, stored.parse_mode = parsed, p.text(key), p.text("parse_mode")
    if markup:
        raw["reply_markup"] = markup
    else:
        raw.pop("reply_markup", None)
    stored.reply_markup = markup
    raw["edit_date"] = now()
    chat.edits.put_nowait(stored.snapshot())
    chat.touch("edited " + _describe(stored))
    return raw


@method("editMessageText")
async def edit_message_text(st: FakeState, p: Params) -> Any:
    """editMessageText."""
    chat, stored = _editable(st, p)
    if "text" not in stored.raw:
        raise bad_request("there is no text in the message to edit")
    parsed = check_text(p.text("text"), p.text("parse_mode"), p.get("entities"))
    return _apply_edit(chat, stored, p, "text", parsed)


@method("editMessageCaption")
async def edit_message_caption(st: FakeState, p: Params) -> Any:
    """editMessageCaption."""
    chat, stored = _editable(st, p)
    if not {"photo", "document"} & stored.raw.keys():
        raise bad_request("there is no caption in the message to edit")
    parsed = check_caption(p.text("caption"), p.text("parse_mode"), p.get("caption_entities"))
    return _apply_edit(chat, stored, p, "caption", parsed)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(st: FakeState, p: Params) -> Any:
    """editMessageReplyMarkup."""
    chat, stored = _editable(st, p)
    return _apply_edit(chat, stored, p, None, None)


@method("deleteMessage")
async def delete_message(st: FakeState, p: Params) -> Any:
    """deleteMessage (bot messages and, in private chats, the user's)."""
    chat = st.chat(p)
    stored = st.message(chat, p.integer("message_id"), "delete")
    del chat.messages[stored.raw["message_id"]]
    chat.touch(f"deleted #{stored.raw['message_id']}")
    return True
