"""Every English text, merged from the feature fragments. Keys must match zh.py (a test checks)."""

from bot.i18n.texts import core_en, log_en, next_en

TEXTS: dict[str, str] = {**core_en.TEXTS, **log_en.TEXTS, **next_en.TEXTS}
