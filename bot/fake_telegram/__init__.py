"""A local fake of the Telegram Bot API for end-to-end tests and the offline demo.

Point PTB at it with ``ApplicationBuilder().base_url(server.base_url).base_file_url(server.base_file_url)``
and drive it as Telegram users through ``server.user(...)``.
"""

from bot.fake_telegram.errors import ApiError
from bot.fake_telegram.formatting import ParsedText, parse_html
from bot.fake_telegram.markdown import parse_markdown, parse_markdown_v2
from bot.fake_telegram.messages import BotMessage, Button
from bot.fake_telegram.server import FakeTelegramServer
from bot.fake_telegram.state import CallbackAnswer
from bot.fake_telegram.user import FakeUser

__all__ = [
    "ApiError",
    "BotMessage",
    "Button",
    "CallbackAnswer",
    "FakeTelegramServer",
    "FakeUser",
    "ParsedText",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
]
