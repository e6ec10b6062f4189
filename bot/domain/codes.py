"""Customer codes (客户编号): industry abbreviation + year + sequence, e.g. IT2026001."""

from __future__ import annotations

import re

INDUSTRIES: dict[str, str] = {
    "IT": "it",
    "MF": "manufacturing",
    "RT": "retail",
    "FN": "finance",
    "ED": "education",
    "MD": "medical",
    "LG": "logistics",
    "FD": "food",
    "CN": "construction",
    "EN": "energy",
    "OT": "other",
}
CODE_RE = re.compile(r"^([A-Z]{2})(\d{4})(\d{3,})$")


def industry_abbreviation(industry: str) -> str:
    """The two-letter abbreviation for an industry key or abbreviation; OT when unknown."""
    upper = industry.strip().upper()
    if upper in INDUSTRIES or re.fullmatch(r"[A-Z]{2}", upper):
        return upper  # a configured industry's code (see bot.domain.industries)
    for abbr, key in INDUSTRIES.items():
        if key == industry.strip().lower():
            return abbr
    return "OT"


def customer_code(industry: str, year: int, sequence: int) -> str:
    """Format a code: sequence is per industry and year, zero-padded to three digits."""
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    return f"{industry_abbreviation(industry)}{year:04d}{sequence:03d}"


def code_prefix(industry: str, year: int) -> str:
    """The prefix shared by all codes of an industry and year."""
    return f"{industry_abbreviation(industry)}{year:04d}"


def parse_code(code: str) -> tuple[str, int, int] | None:
    """Split a code into (abbreviation, year, sequence), or None when it is not a code."""
    found = CODE_RE.match(code.strip().upper())
    if not found:
        return None
    return found.group(1), int(found.group(2)), int(found.group(3))
