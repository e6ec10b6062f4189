"""Is a customer named in full, or only the start of another name? ("华星" inside "拜访了华星建设")."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff]")
_STOP = set("，,。.；;！!？?、：: \n的和与跟")
MAX_EXTRA = 8


def longer_name(text: str, fragment: str, customer_name: str) -> str | None:
    """The longer name the message really used, when `fragment` runs on into Chinese characters that
    are not the customer's own; None when the fragment stands on its own (or continues its name)."""
    start = text.find(fragment)
    if start < 0 or not _CJK.search(fragment):
        return None
    end = start + len(fragment)
    extra = ""
    for char in text[end:end + MAX_EXTRA]:
        if char in _STOP or not _CJK.match(char):
            break
        extra += char
    if not extra:
        return None
    at = customer_name.find(fragment)
    continues = at >= 0 and customer_name[at + len(fragment):].startswith(extra[:2])
    return None if continues else fragment + extra
