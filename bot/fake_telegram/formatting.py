"""Parsers for Telegram's HTML, MarkdownV2 and legacy Markdown, following tdlib's rules and messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.fake_telegram.errors import EntityError


@dataclass(frozen=True)
class Entity:
    """A formatting entity; offsets and lengths are in Python characters of the plain text."""

    type: str
    offset: int
    length: int
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class ParsedText:
    """Plain text plus entities, as Telegram stores a formatted message."""

    plain: str
    entities: tuple[Entity, ...] = field(default=())

    def api_entities(self) -> list[dict[str, Any]]:
        """Return the entities as Bot API MessageEntity dicts (UTF-16 offsets)."""
        out: list[dict[str, Any]] = []
        for ent in sorted(self.entities, key=lambda e: (e.offset, -e.length)):
            item: dict[str, Any] = {
                "type": ent.type,
                "offset": utf16_len(self.plain[: ent.offset]),
                "length": utf16_len(self.plain[ent.offset : ent.offset + ent.length]),
            }
            if ent.url is not None:
                item["url"] = ent.url
            if ent.language:
                item["language"] = ent.language
            out.append(item)
        return out


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram uses for entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


HTML_TAG_TYPES = {
    "a": "text_link", "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "code": "code", "pre": "pre", "span": "spoiler", "tg-spoiler": "spoiler", "tg-emoji": "custom_emoji",
    "blockquote": "blockquote",
}
_HTML_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _html_entity(text: str, i: int) -> tuple[str, int] | None:
    match = _HTML_ENTITY.match(text, i)
    if match is None:
        return None
    named, dec, hexa = match.groups()
    code = int(dec) if dec else int(hexa, 16) if hexa else None
    if code is not None and not 0 < code <= 0x10FFFF:
        return None
    return (_NAMED[named] if named else chr(code or 0)), match.end()


def _html_attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse attributes of a start tag from index ``i``; return them and the index of the closing '>'."""
    attrs: dict[str, str] = {}
    n = len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] == ">":
            return attrs, i
        start = i
        while i < n and not text[i].isspace() and text[i] not in "=>":
            i += 1
        name = text[start:i]
        if not name:
            raise EntityError(f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(text, begin)}')
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] != "=":
            if tag == "blockquote" and name == "expandable":
                attrs[name] = ""
                continue
            raise EntityError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {_byte_offset(text, begin)}"
            )
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityError(f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
        if text[i] in "'\"":
            quote, i, value = text[i], i + 1, []
            while i < n and text[i] != quote:
                ent = _html_entity(text, i) if text[i] == "&" else None
                if ent:
                    value.append(ent[0])
                    i = ent[1]
                else:
                    value.append(text[i])
                    i += 1
            i += 1
            attrs[name] = "".join(value)
        else:
            start = i
            while i < n and (text[i].isalnum() or text[i] in ".-"):
                i += 1
            if i < n and not text[i].isspace() and text[i] != ">":
                raise EntityError(f"Unexpected end of name token at byte offset {_byte_offset(text, start)}")
            attrs[name] = text[start:i].lower()


def parse_html(text: str) -> ParsedText:
    """Parse Telegram HTML; raise EntityError with tdlib's message on malformed input."""
    out: list[str] = []
    size = 0
    stack: list[tuple[str, dict[str, str], int]] = []
    entities: list[Entity] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "&":
            ent = _html_entity(text, i)
            if ent is None:
                raise EntityError(
                    f'Unescaped "&" at byte offset {_byte_offset(text, i)}: use &amp; (strict fake; '
                    "only &lt; &gt; &amp; &quot; and numeric entities are allowed)"
                )
            out.append(ent[0])
            size += 1
            i = ent[1]
            continue
        if c != "<":
            out.append(c)
            size += 1
            i += 1
            continue
        begin = i
        i += 1
        if i < n and text[i] == "/":
            if not stack:
                raise EntityError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
            j = i + 1
            while j < n and not text[j].isspace() and text[j] != ">":
                j += 1
            end_name = text[i + 1 : j].lower()
            while j < n and text[j].isspace():
                j += 1
            if j >= n or text[j] != ">":
                raise EntityError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            tag, attrs, start = stack[-1]
            if end_name and end_name != tag:
                raise EntityError(
                    f'Unmatched end tag at byte offset {_byte_offset(text, begin)}, expected "</{tag}>", '
                    f'found "</{end_name}>"'
                )
            stack.pop()
            if size > start:
                language = attrs.get("class", "").removeprefix("language-") if tag == "code" else None
                url = attrs.get("href") if tag == "a" else attrs.get("emoji-id") if tag == "tg-emoji" else None
                etype = "expandable_blockquote" if "expandable" in attrs else HTML_TAG_TYPES[tag]
                if tag == "code" and language:
                    etype = "pre"
                entities.append(Entity(etype, start, size - start, url=url, language=language or None))
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != ">":
            j += 1
        if j >= n:
            raise EntityError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        tag = text[i:j].lower()
        if tag not in HTML_TAG_TYPES:
            raise EntityError(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}')
        attrs, j = _html_attributes(text, j, tag, begin)
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityError(f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}')
        stack.append((tag, attrs, size))
        i = j + 1
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return ParsedText("".join(out), tuple(entities))
