"""The fast path of :func:`bot.domain.dates.parse_when`: normalisation and a regex scanner.

``scan`` walks the normalised text token by token; every token must be a known date word, a
time of day, a relative offset or filler ("的", "at", punctuation...). It returns the collected
:class:`Parts`, or ``None`` as soon as something is not understood (the caller then falls back to
dateparser). Nothing here knows about ``now``: resolution happens in ``bot.domain.dates``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

DaySpec = tuple[str | int | None, ...]


@dataclass(slots=True)
class Parts:
    day: DaySpec | None = None  # ("off", n) ("wd", weekday, week_shift|None, mode) ("md", y|None, m, d)
    # ("dom", d, month_shift|None) ("mend", shift) ("mstart", shift|None) ("mon", n); the weekday mode is
    # None (use prefer), "past" ("last fri"), "future" ("coming fri") or "week" (下周 alone: its Monday)
    period: str | None = None  # early / morning / noon / afternoon / evening
    hour: int | None = None
    minute: int = 0
    meridiem: str | None = None  # "a" / "p"
    explicit24: bool = False  # "03:15", "15点": no business-hours guess
    bare_hour: bool = False  # "8" with no 点/am/pm: only an hour next to a day or a time of day
    delta: timedelta | None = None  # exact offset from now ("in 2 hours", "半小时后")
    ambiguous: bool = False  # "12/8", "明天后天": refuse rather than guess


_CN = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_EN = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty-five": 45, "forty five": 45,
}  # fmt: skip


def to_int(s: str) -> int:
    """'12' / '十二' / '两' / 'two' -> int; raises ValueError when it is not a number."""
    if s.isascii() and s.isdigit():
        return int(s)
    if s in _EN:
        return _EN[s]
    head, ten, tail = s.partition("十")
    if ten:
        if (head and head not in _CN) or (tail and tail not in _CN) or len(head) > 1 or len(tail) > 1:
            raise ValueError(s)
        return (_CN[head] if head else 1) * 10 + (_CN[tail] if tail else 0)
    if not s or any(ch not in _CN for ch in s):
        raise ValueError(s)
    return int("".join(str(_CN[ch]) for ch in s))


_STRIP = " \t\r\n\u3000,.;:!?~、。;!?…'\"“”‘’()[]{}<>《》【】「」-_*#@"
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC (full-width digits and colon), lower case, collapsed spaces, no wrapping punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _SPACES.sub(" ", text).strip(_STRIP)


VAGUE = re.compile(
    r"尽快|近期|最近|下次|改天|有空|回头|过几天|过两天|过段时间|抽空|稍后|晚点|到时|再说|待定|马上|随时|几天后"
    r"|\b(?:soon|asap|later|sometime|someday|some ?time|whenever|tbd|next time|at some point|a few days)\b"
)

N = r"(\d{1,3}|[零〇一二两三四五六七八九十]{1,3})"
EN_N = r"(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty[- ]five)"
_WD_CN = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_WD_EN = (
    r"(monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun)"
)
_WD_EN_IDX = {name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
_SHIFT_CN: dict[str | None, int | None] = {None: None, "上上": -2, "上": -1, "这": 0, "本": 0, "下": 1, "下下": 2}  # fmt: skip
_SHIFT_EN = {"next week": 1, "this week": 0, "week after next": 2, "the week after next": 2}
_MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_IDX = {m: i + 1 for i, m in enumerate(_MONTHS[1:48].split("|"))}
_PERIOD = {
    "凌晨": "early", "清晨": "morning", "早上": "morning", "早晨": "morning", "上午": "morning",
    "中午": "noon", "下午": "afternoon", "午后": "afternoon", "傍晚": "evening", "晚上": "evening",
    "晚间": "evening", "夜里": "evening", "morning": "morning", "noon": "noon", "midday": "noon",
    "lunchtime": "noon", "afternoon": "afternoon", "evening": "evening", "night": "evening",
}  # fmt: skip
_OFFSETS = {
    "大后天": 3, "后天": 2, "明天": 1, "明日": 1, "今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2,
    "大前天": -3, "today": 0, "tomorrow": 1, "tmrw": 1, "tmr": 1, "yesterday": -1,
    "the day after tomorrow": 2, "day after tomorrow": 2, "the day before yesterday": -2,
    "day before yesterday": -2, "今": 0, "明": 1, "昨": -1, "tonight": 0,
}  # fmt: skip
_AFTER, _BEFORE = "后|以后|之后", "前|以前|之前"
_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Parts], bool]]


def _set_day(p: Parts, spec: DaySpec) -> bool:
    old, bare_wd = p.day, spec[0] == "wd" and spec[2] is None and spec[3] is None
    if old is None or (old[0] == "wd" and old[2] is None and spec[0] == "md"):  # "Tuesday, Dec 8": date wins
        p.day = spec
    elif old[0] == "wd" and old[3] == "week" and bare_wd:  # "下周的周三", "next week fri"
        p.day = ("wd", spec[1], old[2], None)
    else:
        return bare_wd and old[0] == "md"
    return True


def _set_time(p: Parts, hour: int, minute: int = 0, meridiem: str | None = None, h24: bool = False) -> bool:
    if p.hour is not None or p.delta is not None:
        return False
    p.hour, p.minute, p.meridiem, p.explicit24 = hour, minute, meridiem, h24
    return True


def _set_period(p: Parts, word: str) -> bool:
    if p.period is not None and p.period != _PERIOD.get(word, word):
        return False
    p.period = _PERIOD.get(word, word)
    return True


def _offset(m: re.Match[str], p: Parts) -> bool:
    word = m.group(1)
    ok = _set_day(p, ("off", _OFFSETS[word]))
    if m.group(2):  # 今早 / 明晚 ...
        ok = ok and _set_period(p, "morning" if m.group(2) == "早" else "evening")
    return ok and (word != "tonight" or _set_period(p, "evening"))


def _relative(amount: float, unit: str, sign: int, p: Parts) -> bool:
    unit = unit[:2]
    if unit in ("mi", "分钟", "ho", "hr", "h", "小时", "钟头"):
        if p.delta is not None or p.hour is not None:
            return False
        minutes = amount if unit in ("mi", "分钟") else amount * 60
        p.delta = timedelta(minutes=minutes * sign)
    elif amount != int(amount):
        return False
    elif unit in ("da", "天", "日"):
        return _set_day(p, ("off", int(amount) * sign))
    elif unit in ("we", "wk", "周", "星期", "礼拜"):
        return _set_day(p, ("off", int(amount) * 7 * sign))
    else:  # months
        return _set_day(p, ("mon", int(amount) * sign))
    return True


def _cn_rel(m: re.Match[str], p: Parts) -> bool:
    num, half, alone_half, unit, direction = m.groups()
    amount = 0.5 if alone_half else to_int(num) + (0.5 if half else 0)
    unit = {"星期": "周", "礼拜": "周", "个月": "月", "月": "月"}.get(unit, unit)
    return _relative(
        amount, "mo" if unit == "月" else unit, -1 if direction in ("前", "以前", "之前") else 1, p
    )


def _en_rel(m: re.Match[str], p: Parts) -> bool:
    num, unit, half, direction = m.group("n"), m.group("u"), m.group("half"), m.group("dir")
    amount = 0.5 if num.startswith("half") else to_int(num) + (0.5 if half else 0)
    return _relative(amount, unit, -1 if direction in ("ago", "before") else 1, p)


def _cn_weekday(m: re.Match[str], p: Parts) -> bool:
    prefix, wd = m.group(1), m.group(2)
    shift = _SHIFT_CN[prefix]
    if wd is None:  # 下周 alone = Monday of that week; 这周 / 上周 alone are too vague
        return shift is not None and shift > 0 and _set_day(p, ("wd", 0, shift, "week"))
    return _set_day(p, ("wd", int(wd) - 1 if wd.isdigit() else _WD_CN[wd], shift, None))


def _en_weekday(m: re.Match[str], p: Parts) -> bool:
    prefix, name, suffix = m.groups()
    wd = _WD_EN_IDX[name[:3]]
    if suffix:
        return prefix in (None, "this") and _set_day(p, ("wd", wd, _SHIFT_EN[suffix], None))
    if prefix == "last":
        return _set_day(p, ("wd", wd, None, "past"))
    return _set_day(p, ("wd", wd, {"next": 1, "this": 0}.get(prefix or ""), "future" if prefix else None))


def _ambiguous(m: re.Match[str], p: Parts) -> bool:
    p.ambiguous = True
    return True


def _month_edge(m: re.Match[str], p: Parts) -> bool:
    """月底 / 下月底 / 下月初 / 月初 (月初 alone: the next 1st, decided at resolution)."""
    shift = {"下下": 2, "下": 1, "上": -1}.get(m[1], 0 if m[1] or m[2] != "初" else None)
    return _set_day(p, ("mstart" if m[2] == "初" else "mend", shift))


def _md(year: str | None, month: int, day: int, p: Parts) -> bool:
    return _set_day(p, ("md", to_int(year) if year else None, month, day))


def _clock(m: re.Match[str], p: Parts) -> bool:
    hour, half, quarter, three_q, minute = m.groups()
    mins = 30 if half else 15 if quarter else 45 if three_q else to_int(minute) if minute else 0
    return _set_time(p, to_int(hour), mins, None, hour.isdigit() and (hour.startswith("0") or int(hour) > 12))


def _hhmm(m: re.Match[str], p: Parts) -> bool:
    hour, minute, mer = m.group(1), m.group(2), m.group(3)
    return _set_time(p, int(hour), int(minute or 0), mer, hour.startswith("0") or int(hour) > 12)


def _bare_hour(hour: int, p: Parts) -> bool:
    if not 0 <= hour <= 23:
        return False
    p.bare_hour = True
    return _set_time(p, hour, 0, None, hour > 12)


def _r(pattern: str, fn: Callable[[re.Match[str], Parts], bool]) -> _Rule:
    return re.compile(pattern), fn


_EN_UNIT = r"(?P<u>minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|months?)"
RULES: list[_Rule] = [
    _r(r"(大后天|后天|明天|明日|今天|今日|昨天|昨日|大前天|前天)()", _offset),
    _r(r"(今|明|昨)(早|晚)上?", _offset),
    _r(
        r"(the day after tomorrow|day after tomorrow|the day before yesterday|day before yesterday"
        r"|today|tomorrow|tmrw|tmr|yesterday|tonight)\b()",
        _offset,
    ),
    _r(rf"(?:{N}个?(半)?|(半)个?)(小时|钟头|分钟|天|日|周|星期|礼拜|个月)({_AFTER}|{_BEFORE})", _cn_rel),
    _r(rf"(?:in |within )(?P<n>half an?|{EN_N}) ?{_EN_UNIT}(?P<half> and a half)?\b(?P<dir>)", _en_rel),
    _r(
        rf"(?P<n>half an?|{EN_N}) {_EN_UNIT}(?P<half> and a half)? (?P<dir>later|from now|after|ago|before)\b",
        _en_rel,
    ),
    _r(r"(上上|下下|上|这|本|下)?个?(?:周|星期|礼拜)([一二三四五六日天末1-7])?", _cn_weekday),
    _r(
        rf"(?:(next|this|coming|last) )?{_WD_EN}\b\.?(?:,? (?:of )?(next week|this week|(?:the )?week after next))?",
        _en_weekday,
    ),
    _r(r"(?:the )?week after next\b", lambda m, p: _set_day(p, ("wd", 0, 2, "week"))),
    _r(r"(?:next|the following) week\b", lambda m, p: _set_day(p, ("wd", 0, 1, "week"))),
    _r(
        r"(?:(next|this|coming) )?weekend\b",
        lambda m, p: _set_day(p, ("wd", 5, {"next": 1, "this": 0}.get(m[1] or ""), None)),
    ),
    _r(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?", lambda m, p: _md(m[1], int(m[2]), int(m[3]), p)),
    _r(r"\d{1,2}([./])\d{1,2}(?:\1\d{2,4})?(?!\d)", _ambiguous),  # 12/8, 8.12.2026: D/M or M/D?
    _r(r"(\d{1,2})-(\d{1,2})(?!\d)", lambda m, p: _md(None, int(m[1]), int(m[2]), p)),
    _r(
        rf"(?:(\d{{4}}|[零〇一二三四五六七八九]{{4}})年)?{N}月{N}[日号]?",
        lambda m, p: _md(m[1], to_int(m[2]), to_int(m[3]), p),
    ),
    _r(
        rf"(下下|下|本|这)个?月{N}[日号]",
        lambda m, p: _set_day(p, ("dom", to_int(m[2]), {"下下": 2, "下": 1}.get(m[1], 0))),
    ),
    _r(rf"{N}[日号]", lambda m, p: _set_day(p, ("dom", to_int(m[1]), None))),
    _r(r"(?:(本|这|下下|下|上)个?)?月(底|末|初)", _month_edge),
    _r(
        rf"{_MONTHS} (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (\d{{4}}))?",
        lambda m, p: _md(m[3], _MONTH_IDX[m[1]], int(m[2]), p),
    ),
    _r(
        rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTHS}(?:,? (\d{{4}}))?\b",
        lambda m, p: _md(m[3], _MONTH_IDX[m[2]], int(m[1]), p),
    ),
    _r(r"(?:the )?end of (?:the |this )?month\b|month[- ]end\b|eom\b", lambda m, p: _set_day(p, ("mend", 0))),
    _r(r"(?:the )?end of next month\b", lambda m, p: _set_day(p, ("mend", 1))),
    _r(r"(?:early|(?:the )?(?:beginning|start) of) next month\b", lambda m, p: _set_day(p, ("mstart", 1))),
    _r(r"(凌晨|清晨|早上|早晨|上午|中午|下午|午后|傍晚|晚上|晚间|夜里)", lambda m, p: _set_period(p, m[1])),
    _r(
        r"(?:this |in the |at )?(morning|noon|midday|lunchtime|afternoon|evening|night)\b",
        lambda m, p: _set_period(p, m[1]) and (not m[0].startswith("this") or _set_day(p, ("off", 0))),
    ),
    _r(r"(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\b\.?", _hhmm),
    _r(r"(\d{1,2}):(\d{2})(?!\d)()", _hhmm),
    _r(r"at (\d{1,2})(?![\d:]| ?[ap]\.?m\b)()()", _hhmm),
    _r(r"(\d{1,2}) ?o'?clock\b()()", _hhmm),
    _r(r"(\d{1,2})h(\d{2})?(?![a-z\d])()", lambda m, p: _set_time(p, int(m[1]), int(m[2] or 0), None, True)),
    _r(rf"{N}(?:点钟?|點|时)(?:(半)|(一刻)|(三刻)|{N}分?)?", _clock),
    _r(r"(?:right now|just now|now|现在|刚才|刚刚)(?![a-z])", lambda m, p: _relative(0, "mi", 1, p)),
    # Last: a bare hour ("明天下午3", "tomorrow 10", "8 in the morning") counts only next to a day or a
    # time of day; alone ("20", "3") it is refused rather than handed to dateparser, which would guess.
    _r(rf"{N}(?![\d:：.点點时時天周个小分秒月日号年/-])", lambda m, p: _bare_hour(to_int(m[1]), p)),
]
FILLER = re.compile(r"[\s,;、&+]+|的|在|于|大约|大概|约|左右|(?:at|on|by|around|about|the)\b")


def scan(text: str) -> Parts | None:
    """Tokenise ``text`` (already normalised) with RULES; None when a token is not understood."""
    parts, pos, size = Parts(), 0, len(text)
    while pos < size:
        for rx, fn in RULES:
            m = rx.match(text, pos)
            if m is not None and m.end() > pos:
                if not fn(m, parts):  # "明天后天", "3点4点": two answers, refuse rather than guess
                    parts.ambiguous = True
                    return parts
                pos = m.end()
                break
        else:
            m = FILLER.match(text, pos)
            if m is None or m.end() == pos:
                return None
            pos = m.end()
    if parts.day is None and parts.hour is None and parts.period is None and parts.delta is None:
        return None if not parts.ambiguous else parts
    if parts.bare_hour and parts.day is None and parts.period is None:
        parts.ambiguous = True  # "20", "3": a number alone is not a time; refuse rather than guess
    return parts
