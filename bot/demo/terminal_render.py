"""What the demo terminal prints: the banner, the people list and the bot's messages with their buttons."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from bot.demo.seed import DemoTeam, DemoUser
from bot.fake_telegram import BotMessage, FakeTelegramServer

BANNER = """\
============================================================
 Sales CRM demo — 销售 CRM 演示
============================================================
The real bot runs against a local fake Telegram and a freshly seeded database:
本地模拟 Telegram，机器人程序是真实的，数据库已预置演示数据。
  database / 数据库: {db}
  team / 团队: {team} — {customers} customers, {deals} deals, {interactions} interactions
  people / 成员:
{people}
Type like a rep in Telegram: /start, /help, /lang, /tz, or plain text.
像在 Telegram 里一样输入：/start、/help、/lang、/tz 或直接写文字。
Terminal commands / 终端命令:
  /as <name>         speak as someone else (e.g. /as Tom, /as 陈)   切换身份
  /who               list the people                                 列出成员
  <number>           press button [n] of the latest message with buttons   按下按钮
  /loc <lat> <lon>   share a location                                发送位置
  /file <path>       send a photo or a document                      发送文件
  /voice [seconds]   send a short voice note                         发送语音
  /say <text>        send text exactly as typed (e.g. a bare number)  原样发送
  /demo              show this text again                            再次显示说明
  /quit              stop (Ctrl-D works too)                         退出
Files the bot sends are saved in / 机器人发送的文件保存在: {files}
"""
INDENT = " " * len("bot: ")  # continuation lines and buttons line up under the first line's text


def people_table(team: DemoTeam, current: DemoUser) -> str:
    """One line per person: label, role and language, marking who is typing."""
    lines = []
    for person in team.users:
        marker = "  <- you / 当前" if person.telegram_id == current.telegram_id else ""
        lines.append(f"    {person.label:<22} {person.role:<8} {person.language}{marker}")
    return "\n".join(lines)


def banner_text(team: DemoTeam, current: DemoUser, *, db_path: Path, files_dir: Path) -> str:
    """The help text in English and Chinese, followed by who is typing."""
    text = BANNER.format(
        db=db_path, team=team.team_name, customers=team.customers, deals=team.deals,
        interactions=team.interactions, files=files_dir, people=people_table(team, current),
    )
    return f"{text}\nYou are {current.label}. 当前身份：{current.name}。"


def message_lines(message: BotMessage, saved: Path | None) -> list[str]:
    """The text lines of a bot message; ``saved`` is where its photo or document was written, if any."""
    lines: list[str] = []
    if saved is not None:
        lines.append(f"[{message.kind} saved to {saved}]")
    elif message.kind == "location" and message.location:
        lines.append(f"[location {message.location[0]:.6f}, {message.location[1]:.6f}]")
    elif message.kind not in ("text", "photo", "document"):
        lines.append(f"[{message.kind}]")
    if message.plain_text:
        lines.extend(message.plain_text.splitlines() or [""])
    if not lines:
        lines.append("(empty)")
    return lines


def render_message(prefix: str, lines: Sequence[str], message: BotMessage) -> str:
    """A bot message as printed: a blank line, the prefixed first line, the rest indented, numbered buttons."""
    out = ["\n" + prefix + lines[0] + "\n"]
    out.extend((INDENT + line).rstrip() + "\n" for line in lines[1:])
    number = 0
    for row in message.buttons:
        labels = []
        for button in row:
            number += 1
            labels.append(f"[{number}] {button.text}")
        out.append(INDENT + "  ".join(labels) + "\n")
    return "".join(out)


def has_attachment(message: BotMessage) -> bool:
    """Whether the message carries a photo or document to save."""
    return message.kind in ("photo", "document") and bool(message.file_id)


async def save_attachment(server: FakeTelegramServer, files_dir: Path, username: str,
                          message: BotMessage) -> Path:
    """Download the message's photo or document into ``files_dir`` and return where it went."""
    assert message.file_id is not None
    data = await server.download(message.file_id)
    default = f"photo{_photo_suffix(data)}" if message.kind == "photo" else "document.bin"
    name = Path(message.file_name or default).name
    path = files_dir / f"{username}-{message.message_id}-{name}"
    await asyncio.to_thread(path.write_bytes, data)
    return path


def _photo_suffix(data: bytes) -> str:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return ".png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return ".gif"
    return ".jpg"
