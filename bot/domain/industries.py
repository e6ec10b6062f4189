"""Industries (所属行业) a team picks from: each has the two-letter code abbreviation customer codes use.

The list is configurable (INDUSTRIES="IT=信息技术/IT;MF=制造业/Manufacturing;…"); these are the defaults.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Industry:
    code: str  # two capital letters, the prefix of customer codes
    zh: str
    en: str

    def label(self, language: str) -> str:
        """The name in the user's language."""
        return self.zh if language == "zh" else self.en


DEFAULT_INDUSTRIES: tuple[Industry, ...] = (
    Industry("IT", "信息技术", "IT / software"),
    Industry("MF", "制造业", "Manufacturing"),
    Industry("RT", "零售", "Retail"),
    Industry("FN", "金融", "Finance"),
    Industry("ED", "教育", "Education"),
    Industry("MD", "医疗", "Healthcare"),
    Industry("LG", "物流", "Logistics"),
    Industry("FD", "食品", "Food"),
    Industry("CN", "建筑", "Construction"),
    Industry("EN", "能源", "Energy"),
    Industry("OT", "其他", "Other"),
)
_ALIASES = {"软件": "IT", "互联网": "IT", "科技": "IT", "制造": "MF", "工业": "MF", "银行": "FN", "保险": "FN",
            "学校": "ED", "医药": "MD", "医院": "MD", "运输": "LG", "餐饮": "FD", "建设": "CN", "地产": "CN",
            "电力": "EN", "software": "IT", "tech": "IT", "technology": "IT", "health": "MD",
            "medical": "MD", "bank": "FN", "banking": "FN", "food": "FD", "energy": "EN"}


def parse_industries(spec: str) -> tuple[Industry, ...]:
    """Read "IT=信息技术/IT;MF=制造业/Manufacturing"; OT (other) is always added. ValueError when malformed."""
    if not spec.strip():
        return DEFAULT_INDUSTRIES
    found: dict[str, Industry] = {}
    for part in (p.strip() for p in spec.split(";") if p.strip()):
        code, _, labels = part.partition("=")
        zh, _, en = labels.partition("/")
        code = code.strip().upper()
        if not _CODE.match(code) or not zh.strip():
            raise ValueError(f"industry {part!r}: expected CODE=中文/English with a two-letter code")
        found[code] = Industry(code, zh.strip(), (en or zh).strip())
    found.setdefault("OT", Industry("OT", "其他", "Other"))
    return tuple(found.values())


def match_industry(text: str, industries: Sequence[Industry]) -> Industry | None:
    """The industry a cell or a typed word names: its code, either label, a known alias, or None."""
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    if not folded:
        return None
    for industry in industries:
        if folded in (industry.code.casefold(), industry.zh.casefold(), industry.en.casefold()):
            return industry
    by_code = {i.code: i for i in industries}
    if folded in _ALIASES and _ALIASES[folded] in by_code:
        return by_code[_ALIASES[folded]]
    for industry in industries:
        if industry.zh in folded or (len(folded) >= 4 and folded in industry.en.casefold()):
            return industry
    return None
