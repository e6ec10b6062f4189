"""MarkdownV2 and legacy Markdown parsers, ported from tdlib's parse_markdown_v2/parse_markdown."""

from __future__ import annotations

from dataclasses import dataclass

from bot.fake_telegram.errors import EntityError
from bot.fake_telegram.formatting import Entity, ParsedText, _byte_offset

RESERVED_V2 = "_*[]()~`>#+-=|{}.!"
_TD_NAMES = {
    "bold": "Bold", "italic": "Italic", "underline": "Underline", "strikethrough": "Strikethrough",
    "spoiler": "Spoiler", "code": "Code", "pre": "Pre", "text_link": "TextUrl", "custom_emoji": "CustomEmoji",
}


@dataclass
class _Open:
    type: str
    start: int  # offset in the plain text
    byte_offset: int
    language: str | None = None


def _reserved(char: str) -> EntityError:
    return EntityError(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")


def _at(text: str, i: int) -> str:
    return text[i] if i < len(text) else ""


def _closes(top: _Open, text: str, i: int) -> bool:
    c = text[i]
    nxt = _at(text, i + 1)
    return {
        "bold": c == "*",
        "italic": c == "_" and nxt != "_",
        "underline": c == "_" and nxt == "_",
        "strikethrough": c == "~",
        "spoiler": c == "|" and nxt == "|",
        "code": c == "`",
        "pre": text.startswith("```", i),
        "text_link": c == "]",
        "custom_emoji": c == "]",
    }[top.type]


def _open_entity(text: str, i: int) -> tuple[_Open, int]:
    """Start an entity at ``text[i]``; return it and the index of its last marker character."""
    c, nxt, begin = text[i], _at(text, i + 1), _byte_offset(text, i)
    simple = {"*": "bold", "~": "strikethrough", "[": "text_link"}
    if c in simple:
        return _Open(simple[c], 0, begin), i
    if c == "_":
        return (_Open("underline", 0, begin), i + 1) if nxt == "_" else (_Open("italic", 0, begin), i)
    if c == "|" and nxt == "|":
        return _Open("spoiler", 0, begin), i + 1
    if c == "!" and nxt == "[":
        return _Open("custom_emoji", 0, begin), i + 1
    if c == "`" and not text.startswith("```", i):
        return _Open("code", 0, begin), i
    if c == "`":
        i += 3
        end = i
        while end < len(text) and not text[end].isspace() and text[end] != "`":
            end += 1
        language = None
        if end != i and end < len(text) and text[end] != "`":
            language, i = text[i:end], end
        if _at(text, i) in ("\n", "\r"):
            i += 2 if _at(text, i + 1) in ("\n", "\r") and text[i + 1] != text[i] else 1
        return _Open("pre", 0, begin, language), i - 1
    raise _reserved(c)


def parse_markdown_v2(text: str) -> ParsedText:
    """Parse MarkdownV2; raise EntityError with tdlib's message on malformed input."""
    out: list[str] = []
    stack: list[_Open] = []
    entities: list[Entity] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            out.append(text[i + 1])
            i += 2
            continue
        in_code = bool(stack) and stack[-1].type in ("code", "pre")
        reserved = "`" if in_code else RESERVED_V2
        if c == ">" and not in_code and (i == 0 or text[i - 1] == "\n"):
            i += 1  # blockquote marker at the start of a line
            continue
        if c not in reserved:
            out.append(c)
            i += 1
            continue
        if stack and _closes(stack[-1], text, i):
            top = stack.pop()
            url = None
            if top.type in ("underline", "spoiler"):
                i += 1
            elif top.type == "pre":
                i += 2
            elif top.type in ("text_link", "custom_emoji"):
                if _at(text, i + 1) == "(":
                    i += 2
                    url_begin, chars = i, []
                    while i < n and text[i] != ")":
                        if text[i] == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
                            i += 1
                        chars.append(text[i])
                        i += 1
                    if i >= n:
                        raise EntityError(f"Can't find end of a URL at byte offset {_byte_offset(text, url_begin)}")
                    url = "".join(chars)
                else:
                    url = "".join(out[top.start :])
            if len(out) > top.start:
                entities.append(Entity(top.type, top.start, len(out) - top.start, url=url, language=top.language))
            i += 1
            continue
        opened, i = _open_entity(text, i)
        opened.start = len(out)
        stack.append(opened)
        i += 1
    if stack:
        top = stack[-1]
        name = "PreCode" if top.type == "pre" and top.language else _TD_NAMES[top.type]
        raise EntityError(f"Can't find end of {name} entity at byte offset {top.byte_offset}")
    return ParsedText("".join(out), tuple(entities))


def parse_markdown(text: str) -> ParsedText:
    """Parse legacy Markdown (``*bold* _italic_ `code` ```pre``` [text](url)``), non-nested."""
    out: list[str] = []
    entities: list[Entity] = []
    i, n = 0, len(text)
    kinds = {"*": "bold", "_": "italic", "`": "code", "[": "text_link"}
    while i < n:
        c = text[i]
        if c == "\\" and _at(text, i + 1) in ("_", "*", "`", "["):
            out.append(text[i + 1])
            i += 2
            continue
        if c not in kinds:
            out.append(c)
            i += 1
            continue
        begin, end_char, kind, language = i, "]" if c == "[" else c, kinds[c], None
        i += 1
        if text.startswith("``", i) and c == "`":
            kind, i = "pre", i + 2
            end = i
            while end < n and not text[end].isspace() and text[end] != "`":
                end += 1
            if end != i and end < n and text[end] != "`":
                language, i = text[i:end], end
            i += 1 if _at(text, i) == "\n" else 0
        start = len(out)
        while i < n and (text[i] != end_char or (kind == "pre" and not text.startswith("```", i))):
            out.append(text[i])
            i += 1
        if i >= n:
            raise EntityError(f"Can't find end of the entity starting at byte offset {_byte_offset(text, begin)}")
        i += 3 if kind == "pre" else 1
        url = None
        if kind == "text_link":
            if _at(text, i) == "(":
                close = text.find(")", i)
                if close < 0:
                    raise EntityError(f"Can't find end of a URL at byte offset {_byte_offset(text, i + 1)}")
                url, i = text[i + 1 : close], close + 1
            else:
                url = "".join(out[start:])
        if len(out) > start:
            entities.append(Entity(kind, start, len(out) - start, url=url, language=language))
    return ParsedText("".join(out), tuple(entities))
