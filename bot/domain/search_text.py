"""The lower-case text /find filters on before ranking: names, code, pinyin, contacts, phone digits."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin

from bot.domain.company import name_key

SEPARATOR = "|"


def _spellings(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    if not folded:
        return []
    full = "".join(lazy_pinyin(folded)).replace(" ", "")
    initials = "".join(lazy_pinyin(folded, style=Style.FIRST_LETTER)).replace(" ", "")
    return [folded, folded.replace(" ", ""), full, initials]


def search_text(*, name: str, code: str, contacts: Iterable[str] = (), phones: Iterable[str] = ()) -> str:
    """Everything a rep may type to find this customer, joined so a substring never spans two parts."""
    parts: list[str] = [code.casefold(), name_key(name), *_spellings(name), *_spellings(name_key(name))]
    for contact in contacts:
        parts.extend(_spellings(contact))
    parts.extend(p for p in phones if p)
    unique = dict.fromkeys(p for p in parts if p)
    return SEPARATOR + SEPARATOR.join(unique) + SEPARATOR


def query_text(query: str) -> str:
    """The form of a query that is compared with search_text (no separators, no spaces)."""
    return unicodedata.normalize("NFKC", query).casefold().replace(SEPARATOR, "").strip()
