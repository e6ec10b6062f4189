"""The demo terminal's own commands that talk to the bot: pressing buttons, /loc and /file."""

from __future__ import annotations

import asyncio
import mimetypes
from collections.abc import Callable
from pathlib import Path

from bot.fake_telegram import FakeUser

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
VOICE_SUFFIXES = (".ogg", ".oga", ".opus")
LOC_USAGE = "usage: /loc <latitude> <longitude>   e.g. /loc 31.2304 121.4737"

Write = Callable[[str], None]


async def press_button(fake: FakeUser, message_id: int | None, number: int, write: Write) -> bool:
    """Press button ``number`` (1-based, row by row) of message ``message_id``; True when the bot may react."""
    message = fake.messages.get(message_id or 0)
    buttons = [button for row in (message.buttons if message else []) for button in row]
    if message is None or not 1 <= number <= len(buttons):
        write(f"No button [{number}] on the latest message. / 没有按钮 [{number}]。")
        return False
    button = buttons[number - 1]
    write(f"(pressed [{number}] {button.text})")
    if button.callback_data is None:
        write(f"(link: {button.url})")
        return False
    try:
        answer = await fake.press(message.message_id, callback_data=button.callback_data)
    except (LookupError, TimeoutError) as exc:
        write(f"(the bot did not answer the button: {str(exc).splitlines()[0]})")
        return True
    if answer.text:
        write(("bot (alert): " if answer.show_alert else "bot (toast): ") + answer.text)
    return True


async def send_file(fake: FakeUser, argument: str, write: Write) -> bool:
    """``/file <path> [caption]``: send an image as a photo, audio as voice, anything else as a document."""
    found = await asyncio.to_thread(find_file, argument)
    if found is None:
        write(f"No such file / 文件不存在: {argument or '(none)'}   usage: /file <path> [caption]")
        return False
    path, caption = found
    data = await asyncio.to_thread(path.read_bytes)
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        await fake.send_photo(data, caption=caption)
    elif suffix in VOICE_SUFFIXES:
        await fake.send_voice(data)
    else:
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        await fake.send_document(data, path.name, mime, caption=caption)
    return True


def find_file(argument: str) -> tuple[Path, str | None] | None:
    """The file named by ``argument`` (a path, optionally followed by a caption) and the caption."""
    if not argument:
        return None
    path = Path(argument).expanduser()
    if path.is_file():
        return path, None
    first, _, caption = argument.partition(" ")
    path = Path(first).expanduser()
    return (path, caption.strip() or None) if path.is_file() else None


def parse_location(text: str) -> tuple[float, float] | None:
    """``<lat> <lon>`` (space or comma separated) within the valid ranges, else None."""
    parts = text.replace(",", " ").split()
    if len(parts) != 2:
        return None
    try:
        latitude, longitude = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude
