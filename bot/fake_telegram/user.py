"""FakeUser: a Telegram user in a private chat with the bot, driven by tests and the demo."""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from typing import Any

from bot.fake_telegram.core import FakeState, copy_without_reply
from bot.fake_telegram.formatting import utf16_len
from bot.fake_telegram.messages import BotMessage
from bot.fake_telegram.state import CallbackAnswer, ChatState, StoredMessage, now

COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")
TINY_OGG = b"OggS\x00\x02" + bytes(22)
TINY_WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"


class FakeUser:
    """Acts as one user: sends messages/media, presses buttons and reads the bot's replies."""

    def __init__(self, state: FakeState, chat: ChatState) -> None:
        self._state = state
        self._chat = chat

    @property
    def user_id(self) -> int:
        """The user's id (also the private chat id)."""
        return int(self._chat.user["id"])

    @property
    def user(self) -> dict[str, Any]:
        """The Bot API User object for this user."""
        return self._chat.user

    @property
    def blocked(self) -> bool:
        """Whether the user blocked the bot (bot sends then fail with 403)."""
        return self._chat.blocked

    @blocked.setter
    def blocked(self, value: bool) -> None:
        self._chat.blocked = value

    @property
    def messages(self) -> dict[int, BotMessage]:
        """Current state of the bot's messages in this chat (after edits, without deleted ones)."""
        return {mid: BotMessage.from_stored(m) for mid, m in self._chat.messages.items() if m.from_bot}

    @property
    def chat_actions(self) -> list[str]:
        """Every sendChatAction action the bot sent to this chat."""
        return list(self._chat.actions)

    def _message(self, reply_to: int | None = None, **content: Any) -> dict[str, Any]:
        chat = self._chat
        raw: dict[str, Any] = {"message_id": chat.allocate_id(), "from": chat.user, "chat": chat.chat, "date": now()}
        if reply_to is not None and reply_to in chat.messages:
            raw["reply_to_message"] = copy_without_reply(chat.messages[reply_to].raw)
        raw.update({k: v for k, v in content.items() if v is not None})
        chat.messages[raw["message_id"]] = StoredMessage(raw, from_bot=False)
        self._state.updates.push("message", raw)
        return raw

    async def send(self, text: str, *, reply_to: int | None = None) -> dict[str, Any]:
        """Send a text message; a leading /command gets a bot_command entity."""
        match = COMMAND_RE.match(text)
        entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}] if match else None
        return self._message(reply_to, text=text, entities=entities)

    async def share_location(self, latitude: float, longitude: float) -> dict[str, Any]:
        """Send a location."""
        return self._message(location={"latitude": latitude, "longitude": longitude})

    async def send_contact(self, phone_number: str, first_name: str, last_name: str | None = None) -> dict[str, Any]:
        """Send a contact card."""
        contact = {"phone_number": phone_number, "first_name": first_name, "last_name": last_name}
        return self._message(contact={k: v for k, v in contact.items() if v is not None})

    async def send_document(self, data: bytes, filename: str, mime_type: str = "application/octet-stream",
                            caption: str | None = None, *, claimed_size: int | None = None) -> dict[str, Any]:
        """Send a file as a document; the bot can getFile/download it.

        `claimed_size` makes Document.file_size say more than the bytes stored (a file too big for bots).
        """
        record = self._state.files.add("document", data, file_name=filename, mime_type=mime_type)
        document = record.to_api()
        if claimed_size is not None:
            document["file_size"] = claimed_size
        return self._message(document=document, caption=caption)

    async def send_voice(self, data: bytes = TINY_OGG, duration: int = 3) -> dict[str, Any]:
        """Send a voice note (OGG/Opus bytes)."""
        record = self._state.files.add("voice", data, mime_type="audio/ogg", duration=duration)
        return self._message(voice=record.to_api())

    async def send_photo(self, data: bytes, caption: str | None = None) -> dict[str, Any]:
        """Send a photo (one PhotoSize; PNG/GIF headers give real dimensions)."""
        record = self._state.files.add("photo", data)
        return self._message(photo=[record.to_api()], caption=caption)

    async def send_sticker(self) -> dict[str, Any]:
        """Send a sticker."""
        return self._message(sticker=self._state.files.add("sticker", TINY_WEBP).to_api())

    async def send_animation(self) -> dict[str, Any]:
        """Send a GIF animation (Telegram also fills ``document`` for these)."""
        record = self._state.files.add("animation", b"\x00" * 32, file_name="animation.mp4", mime_type="video/mp4")
        return self._message(animation=record.to_api(), document=record.to_api())

    async def press(self, message: BotMessage | int, button_text: str | None = None, *,
                    callback_data: str | None = None, timeout: float = 5.0) -> CallbackAnswer:
        """Press an inline button (by label substring or callback_data) on the message as currently shown."""
        message_id = message if isinstance(message, int) else message.message_id
        current = self.messages.get(message_id)
        if current is None:
            raise LookupError(f"message #{message_id} is not (or no longer) in chat {self.user_id}")
        if button_text is not None:
            button = current.find_button(button_text)
        else:
            found = [b for row in current.buttons for b in row if b.callback_data == callback_data]
            if not found:
                raise LookupError(f"no button with callback_data {callback_data!r} on message #{message_id}; "
                                  f"buttons: {[(b.text, b.callback_data) for row in current.buttons for b in row]}")
            button = found[0]
        if button.callback_data is None:
            raise ValueError(f"button {button.text!r} is not a callback button (url={button.url!r})")
        return await self.press_data(message_id, button.callback_data, timeout=timeout)

    async def press_data(self, message_id: int, data: str, *, timeout: float = 5.0) -> CallbackAnswer:
        """Send a callback query with arbitrary (possibly forged) data and wait for the bot's answer."""
        stored = self._chat.messages.get(message_id)
        if stored is None:
            raise LookupError(f"message #{message_id} is not in chat {self.user_id}")
        query_id = str(secrets.randbits(62))
        future: asyncio.Future[CallbackAnswer] = asyncio.get_running_loop().create_future()
        self._state.callbacks[query_id] = future
        self._state.updates.push("callback_query", {
            "id": query_id, "from": self._chat.user, "message": dict(stored.raw),
            "chat_instance": self._chat.chat_instance, "data": data,
        })
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            raise TimeoutError(f"bot did not answer callback query {data!r} within {timeout}s"
                               + self._diagnostics()) from None

    async def next_reply(self, timeout: float | None = 5.0) -> BotMessage:
        """The next new message the bot sent to this chat (FIFO)."""
        try:
            # No wait_for without a timeout: on 3.11 it can swallow a cancellation that races a result.
            stored = await (self._chat.new_messages.get() if timeout is None
                            else asyncio.wait_for(self._chat.new_messages.get(), timeout))
        except TimeoutError:
            raise TimeoutError(f"no new bot message in chat {self.user_id} within {timeout}s"
                               + self._diagnostics()) from None
        return BotMessage.from_stored(stored)

    async def next_edit(self, timeout: float | None = 5.0) -> BotMessage:
        """The next edit (text and/or markup) the bot made in this chat (FIFO)."""
        try:
            # No wait_for without a timeout: on 3.11 it can swallow a cancellation that races a result.
            stored = await (self._chat.edits.get() if timeout is None
                            else asyncio.wait_for(self._chat.edits.get(), timeout))
        except TimeoutError:
            raise TimeoutError(f"no bot edit in chat {self.user_id} within {timeout}s"
                               + self._diagnostics()) from None
        return BotMessage.from_stored(stored)

    async def drain(self, quiet: float = 0.3, timeout: float = 10.0) -> list[BotMessage]:
        """Wait until the bot did nothing in this chat for ``quiet`` seconds; return the unread new messages."""
        start = time.monotonic()
        while (remaining := max(self._chat.last_activity, start) + quiet - time.monotonic()) > 0:
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"bot kept talking for {timeout}s" + self._diagnostics())
            await asyncio.sleep(remaining)
        out = []
        while not self._chat.new_messages.empty():
            out.append(BotMessage.from_stored(self._chat.new_messages.get_nowait()))
        return out

    def _diagnostics(self) -> str:
        history = list(self._chat.history) or ["(nothing)"]
        errors = [f"{m}: {d}" for m, chat_id, d in self._state.errors[-20:] if chat_id in (None, self.user_id)]
        text = "\nrecent bot output:\n  " + "\n  ".join(history)
        if errors:
            text += "\nrecent Bot API errors:\n  " + "\n  ".join(errors[-5:])
        return text
