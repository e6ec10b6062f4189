"""Read-only views of bot messages for tests: BotMessage and Button."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.fake_telegram.state import StoredMessage


@dataclass(frozen=True)
class Button:
    """One inline keyboard button."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class BotMessage:
    """A message the bot sent, as the user sees it (text is the bot's source text, markup included)."""

    message_id: int
    chat_id: int
    kind: str
    text: str | None
    parse_mode: str | None
    buttons: list[list[Button]] = field(default_factory=list)
    reply_keyboard: list[list[str]] = field(default_factory=list)
    file_id: str | None = None
    file_name: str | None = None
    location: tuple[float, float] | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_stored(cls, stored: StoredMessage) -> BotMessage:
        """Build the view from the fake's stored message."""
        raw = stored.raw
        kind = next((k for k in ("text", "photo", "document", "location") if k in raw), "other")
        if kind == "text" or "caption" in raw:
            text = stored.source_text if stored.source_text is not None else raw.get("text", raw.get("caption"))
        else:
            text = None
        media: dict[str, Any] = raw["photo"][-1] if kind == "photo" else raw.get("document") or {}
        loc = raw.get("location")
        keyboard = (stored.reply_markup or {}).get("keyboard") or []
        return cls(
            message_id=raw["message_id"],
            chat_id=raw["chat"]["id"],
            kind=kind,
            text=text,
            parse_mode=stored.parse_mode,
            buttons=[
                [Button(b["text"], b.get("callback_data"), b.get("url")) for b in row]
                for row in (raw.get("reply_markup") or {}).get("inline_keyboard", [])
            ],
            reply_keyboard=[[b if isinstance(b, str) else b["text"] for b in row] for row in keyboard],
            file_id=media.get("file_id"),
            file_name=media.get("file_name"),
            location=(loc["latitude"], loc["longitude"]) if loc else None,
            raw=raw,
        )

    @property
    def plain_text(self) -> str:
        """The visible text: tags stripped and entities unescaped (what Telegram displays)."""
        return str(self.raw.get("text") or self.raw.get("caption") or "")

    def button_texts(self) -> list[str]:
        """All inline button labels, row by row."""
        return [button.text for row in self.buttons for button in row]

    def find_button(self, substring: str) -> Button:
        """The first inline button whose label contains ``substring``."""
        for row in self.buttons:
            for button in row:
                if substring in button.text:
                    return button
        raise LookupError(f"no button containing {substring!r} in message #{self.message_id}; "
                          f"buttons: {self.button_texts()}")
