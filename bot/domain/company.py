"""Company names for the duplicate check (撞单): legal suffixes and spacing do not make a new company."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz, process

# Longest first, so 股份有限公司 goes before 有限公司 and 公司.
_SUFFIXES = sorted((
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "分公司", "公司", "集团",
    "co., ltd.", "co.,ltd.", "co. ltd", "co.,ltd", "co., ltd", "co ltd", "company limited", "limited",
    "ltd.", "ltd", "inc.", "inc", "corporation", "corp.", "corp", "llc", "gmbh", "company", "co.", "co",
), key=len, reverse=True)
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
SIMILAR = 85  # rapidfuzz ratio from which two different keys count as the same company
MIN_CONTAINED = 4  # a key inside another counts when it has at least this many characters


def name_key(name: str) -> str:
    """华星科技有限公司 → 华星科技; "Acme Trading Co., Ltd." → acmetrading."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    stripped = True
    while stripped:
        stripped = False
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)].rstrip(" ,.-")
                stripped = True
                break
    key = _NOISE.sub("", text)
    return key or _NOISE.sub("", unicodedata.normalize("NFKC", name).casefold())


def similarity(a_key: str, b_key: str) -> float:
    """0–100: equal keys 100, one inside the other 90, else the rapidfuzz ratio."""
    if not a_key or not b_key:
        return 0.0
    if a_key == b_key:
        return 100.0
    short, long = sorted((a_key, b_key), key=len)
    if len(short) < MIN_CONTAINED:
        return 0.0  # "abc" and "abcd" are different companies: short keys must be equal
    if short in long:
        return 90.0
    return float(fuzz.ratio(a_key, b_key))


def is_similar(a_key: str, b_key: str) -> bool:
    """True when two name keys are close enough to ask "is this the same company?"."""
    return similarity(a_key, b_key) >= SIMILAR


def similar_keys(key: str, keyed: Sequence[tuple[int, str]], *, limit: int, cutoff: float = 70) -> list[int]:
    """Ids whose name key is close to `key` (typo-tolerant, rapidfuzz WRatio), best first."""
    if len(key) < 2:
        return []
    choices = {ident: other for ident, other in keyed if other}
    found = process.extract(key, choices, scorer=fuzz.WRatio, score_cutoff=cutoff, limit=limit)
    return [ident for _, _, ident in found]
