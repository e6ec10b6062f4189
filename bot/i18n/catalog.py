"""Look up a text by key and language; parameters are HTML-escaped unless wrapped in Raw."""

from __future__ import annotations

import html
from collections.abc import Mapping

from bot.i18n import en, zh

LANGUAGES = ("zh", "en")
CATALOGS: Mapping[str, Mapping[str, str]] = {"zh": zh.TEXTS, "en": en.TEXTS}


class Raw(str):
    """Already-rendered HTML that must not be escaped again."""

    __slots__ = ()


def _escape(value: object) -> object:
    if isinstance(value, Raw):
        return value
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return value


def t_plain(lang: str, key: str, /, **params: object) -> str:
    """The text `key` for a place that shows plain text (a button label): parameters are not escaped."""
    catalog = CATALOGS.get(lang, CATALOGS["en"])
    return (catalog.get(key) or CATALOGS["en"][key]).format(**params)


def t(lang: str, key: str, /, **params: object) -> str:
    """The text `key` in `lang` (falling back to English), with escaped parameters filled in.

    The result is a Raw at run time, so passing it into another text does not escape it twice.
    """
    catalog = CATALOGS.get(lang, CATALOGS["en"])
    template = catalog.get(key) or CATALOGS["en"][key]
    return Raw(template.format(**{name: _escape(value) for name, value in params.items()}))
