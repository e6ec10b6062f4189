"""Decoding of Bot API request parameters as PTB (or any other client) sends them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.fake_telegram.errors import bad_request

# Parameters whose values are plain strings: never JSON-decode them ("123" must stay a string).
STRING_FIELDS = frozenset(
    {
        "text", "caption", "parse_mode", "callback_query_id", "url", "file_id", "photo", "document",
        "voice", "video", "audio", "animation", "sticker", "thumbnail", "language_code", "action",
        "inline_message_id", "business_connection_id", "secret_token", "ip_address", "message_effect_id",
        "title", "address", "emoji", "name", "description", "short_description", "phone_number",
        "first_name", "last_name", "vcard", "question", "explanation", "certificate",
    }
)


@dataclass(frozen=True)
class UploadedFile:
    """A file sent as a multipart/form-data part."""

    filename: str
    content_type: str
    data: bytes


def decode_value(name: str, value: Any) -> Any:
    """Decode one form value: strings stay strings for text fields, anything else is tried as JSON."""
    if isinstance(value, bytes | bytearray):
        value = bytes(value).decode("utf-8", "replace")
    if not isinstance(value, str) or name in STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def decode_params(fields: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
    """Merge form/JSON fields and uploaded files into one parameter dict (resolving attach:// URIs)."""
    params = {name: decode_value(name, value) for name, value in fields.items()}
    for name, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            attached = files.get(value.removeprefix("attach://"))
            if attached is None:
                raise bad_request(f"file {value} not found in the request")
            params[name] = attached
    for name, upload in files.items():
        if not name.startswith("attached") and name not in params:
            params[name] = upload
    return params


class Params:
    """Typed access to decoded parameters with Telegram-like errors for bad values."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def __contains__(self, name: str) -> bool:
        return self.data.get(name) is not None

    def get(self, name: str, default: Any = None) -> Any:
        """Return the raw decoded value."""
        value = self.data.get(name)
        return default if value is None else value

    def text(self, name: str) -> str | None:
        """Return a string parameter (numbers are stringified)."""
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | str):
            return str(value)
        raise bad_request(f"field \"{name}\" must be of type String")

    def integer(self, name: str, default: int | None = None) -> int | None:
        """Return an integer parameter."""
        value = self.data.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            raise bad_request(f"field \"{name}\" must be of type Integer")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def required_int(self, name: str) -> int:
        """Return an integer parameter that must be present."""
        value = self.integer(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def number(self, name: str) -> float:
        """Return a required float parameter."""
        value = self.data.get(name)
        try:
            return float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise bad_request(f"{name} is empty" if value is None else f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        """Return a boolean parameter (absent means false)."""
        value = self.data.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)
