"""Limits and shape checks Telegram enforces on outgoing messages, with Telegram-like error texts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from bot.fake_telegram.errors import ApiError, EntityError, bad_request
from bot.fake_telegram.formatting import Entity, ParsedText, parse_html
from bot.fake_telegram.markdown import parse_markdown, parse_markdown_v2

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_BUTTONS = 100
BUTTON_ACTIONS = (
    "callback_data", "url", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "callback_game", "pay", "web_app", "copy_text",
)
PARSERS = {"html": parse_html, "markdownv2": parse_markdown_v2, "markdown": parse_markdown}


def parse_text(text: str, parse_mode: str | None, entities: Any = None) -> ParsedText:
    """Parse ``text`` per ``parse_mode`` (or explicit ``entities``); raise ApiError like Telegram."""
    if entities:
        if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
            raise bad_request("can't parse entities JSON object")
        return ParsedText(text, tuple(_entity_from_api(e) for e in entities))
    if not parse_mode:
        return ParsedText(text)
    parser = PARSERS.get(parse_mode.lower())
    if parser is None:
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    try:
        return parser(text)
    except EntityError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None


def _entity_from_api(data: dict[str, Any]) -> Entity:
    try:
        return Entity(str(data["type"]), int(data["offset"]), int(data["length"]), url=data.get("url"))
    except (KeyError, TypeError, ValueError):
        raise bad_request("can't parse entities JSON object") from None


def _strip(parsed: ParsedText) -> ParsedText:
    """Trim surrounding whitespace like Telegram does, shifting entities."""
    lead = len(parsed.plain) - len(parsed.plain.lstrip())
    plain = parsed.plain.strip()
    entities = []
    for ent in parsed.entities:
        start = max(ent.offset - lead, 0)
        end = min(ent.offset + ent.length - lead, len(plain))
        if end > start:
            entities.append(Entity(ent.type, start, end - start, ent.url, ent.language))
    return ParsedText(plain, tuple(entities))


def check_text(text: str | None, parse_mode: str | None, entities: Any = None) -> ParsedText:
    """Validate a message text: non-empty after parsing and at most 4096 characters."""
    if not text or not text.strip():
        raise bad_request("message text is empty")
    parsed = _strip(parse_text(text, parse_mode, entities))
    if not parsed.plain:
        raise bad_request("message text is empty")
    if len(parsed.plain) > MAX_TEXT:
        raise bad_request("message is too long")
    return parsed


def check_caption(caption: str | None, parse_mode: str | None, entities: Any = None) -> ParsedText | None:
    """Validate an optional media caption (at most 1024 characters after parsing)."""
    if caption is None:
        return None
    parsed = _strip(parse_text(caption, parse_mode, entities))
    if len(parsed.plain) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return parsed if parsed.plain else None


def _check_url(url: Any) -> None:
    parsed = urlparse(url) if isinstance(url, str) else None
    if parsed is None or parsed.scheme not in ("http", "https", "tg") or not (parsed.netloc or parsed.path):
        raise bad_request("BUTTON_URL_INVALID")


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Field \"text\" must be of type String")
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_EMPTY")
    actions = [name for name in BUTTON_ACTIONS if name in button]
    if not actions:
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        _check_url(button["url"])


def _rows(markup: dict[str, Any], key: str) -> list[list[Any]]:
    rows = markup[key]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f"field \"{key}\" of the reply markup must be an Array of Arrays")
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    return rows


def check_reply_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Validate reply_markup (inline keyboard, reply keyboard, remove, force reply)."""
    if markup is None:
        return None
    if isinstance(markup, str):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        for row in _rows(markup, "inline_keyboard"):
            for button in row:
                _check_inline_button(button)
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        for row in _rows(markup, "keyboard"):
            for button in row:
                text = button if isinstance(button, str) else button.get("text") if isinstance(button, dict) else None
                if not isinstance(text, str) or not text:
                    raise bad_request("can't parse keyboard button: Field \"text\" must be of type String")
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def error_for_unimplemented(method: str) -> ApiError:
    """The 400 answer for Bot API methods the fake does not implement (never 404)."""
    return bad_request(f"method {method} is not implemented by the fake")
