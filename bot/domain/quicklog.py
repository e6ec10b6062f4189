"""Read a rep's plain chat message as an interaction log: customer, channel, attitude, next action."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain import quicklog_lexicon as lx
from bot.domain.dates import parse_when
from bot.domain.enums import Attitude, Channel
from bot.domain.matching import CustomerIndex, Match
from bot.domain.quicklog_lexicon import fold, has_cjk

HEAD = 500  # customer, channel and attitude are read from the start of the message only
MAX_CLAUSE = 200
MAX_ACTION_CLAUSES = 8
MAX_RUN = 10
# A contact date this far back is still read as one (saving then explains the 60-day limit)
# rather than silently logging the contact as happening now.
RECOGNISED_BACK = timedelta(days=366)
_SEPS = " \t\r\n，,。.；;！!？?…、:：-"
_NUMERIC = re.compile(r"[\d\s:./-]+")
_NUMERIC_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}-\d{1,2}|\d{1,2}:\d{2}")
_SLASH_DATE = re.compile(r"\d{1,2}/\d{1,2}")
_TODAY_ONLY = re.compile(r"(?:today|今天|今日)")


@dataclass(frozen=True)
class QuickLogDraft:
    customer_query: str | None
    matches: tuple[Match, ...]
    channel: Channel | None
    summary: str
    attitude: Attitude | None
    next_action: str | None
    next_action_due: datetime | None
    contact_time: datetime


@dataclass(frozen=True)
class _Action:
    start: int
    end: int
    text: str
    due: datetime | None


def _when(phrase: str, now: datetime, prefer: str) -> datetime | None:
    try:
        return parse_when(phrase, now=now, prefer=prefer)
    except Exception:  # a naive `now` or an odd phrase: no date rather than a crash
        return None


def clauses(folded: str) -> list[tuple[int, int]]:
    """Spans of the clauses: split on punctuation and before "下一步" / "then" / "next:"."""
    cuts = [(m.start(), m.end()) for m in lx.CLAUSE_SEP.finditer(folded)]
    cuts += [(m.start(), m.start()) for m in lx.STRONG_MARKER.finditer(folded)]
    cuts += [(m.start(), m.end()) for m in lx.CJK_SPACE.finditer(folded)]
    spans, pos = [], 0
    for start, end in [*sorted(cuts), (len(folded), len(folded))]:
        piece = folded[pos:start]
        if start > pos and piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((pos + lead, pos + len(piece.rstrip())))
        pos = max(pos, end)
    return spans


def _dateish(tok: str, prev: str, nxt: str) -> bool:
    if tok[0].isdigit():
        return True
    if tok in lx.MONTH_WORDS:
        return prev[:1].isdigit() or nxt[:1].isdigit()
    if has_cjk(tok):
        return tok in lx.DATE_CHARS
    return tok in lx.DATE_WORDS and not (tok == "sat" and nxt == "down")


def _plausible(phrase: str) -> bool:
    if re.search(r"(?<![午上晨晚])一点$", phrase) or not lx.STRONG_DATE.search(phrase):
        return False
    return not _NUMERIC.fullmatch(phrase) or _NUMERIC_DATE.fullmatch(phrase) is not None


def _fits(when: datetime, now: datetime, prefer: str) -> bool:
    if prefer == "future":
        return when.date() >= now.date()
    return now - RECOGNISED_BACK <= when <= now


def find_date(
    folded: str, start: int, end: int, *, now: datetime, prefer: str
) -> tuple[int, int, datetime] | None:
    """The first longest date phrase in folded[start:end] that is ahead (future) or recent (past)."""
    toks = [(m.start(), m.end(), m.group()) for m in lx.DATE_TOKEN.finditer(folded, start, end)]
    runs: list[list[tuple[int, int, str]]] = []
    last = -2
    for k, (s, e, tok) in enumerate(toks):
        prev, nxt = toks[k - 1][2] if k else "", toks[k + 1][2] if k + 1 < len(toks) else ""
        if not _dateish(tok, prev, nxt):
            continue
        if last == k - 1 and not folded[toks[last][1] : s].strip():
            runs[-1].append((s, e, tok))
        else:
            runs.append([(s, e, tok)])
        last = k
    for run in runs:
        if _SLASH_DATE.search(folded, run[0][0], run[-1][1]):
            continue  # "12/8": day or month first? refuse rather than keep only "at 2pm"
        run, anchor = run[:MAX_RUN], None
        for size in range(len(run), 0, -1):
            for i in range(len(run) - size + 1):
                s, e = run[i][0], run[i + size - 1][1]
                when = (
                    _when(folded[s:e], now, prefer)
                    if _plausible(folded[s:e]) and anchor in (None, s)
                    else None
                )
                if when is not None and _fits(when, now, prefer):
                    return s, e, when
                # "yesterday afternoon" is a date on the wrong side of now: never fall back to "afternoon"
                anchor = s if when is not None and anchor is None else anchor
    return None


def _clean(piece: str, *, lead: bool) -> str:
    for _ in range(4):
        before = piece
        piece = piece.strip(_SEPS)
        if lead:
            piece = lx.LEAD_MARKERS.sub("", piece, count=1)
        piece = lx.EDGE_TAIL.sub("", lx.EDGE_LEAD.sub("", piece))
        if piece == before:
            break
    return piece


def _join(before: str, after: str) -> str:
    if before and after and not (has_cjk(before[-1]) or has_cjk(after[0])):
        return f"{before} {after}"
    return before + after


def _next_action(
    text: str, folded: str, spans: list[tuple[int, int]], anchors: list[int], now: datetime
) -> _Action | None:
    recent = range(len(spans) - 1, max(-1, len(spans) - 1 - MAX_ACTION_CLAUSES), -1)
    for k in recent:
        start, end = spans[k]
        found = None if end - start > MAX_CLAUSE else find_date(folded, start, end, now=now, prefer="future")
        if found is None or lx.VAGUE_ACTION.search(folded, start, end):
            continue
        ds, de, due = found
        cut = max([a for a in anchors if start < a <= ds], default=start) if k == 0 else start
        if cut == start and k == 0:
            continue
        weak = lx.WEAK_MARKERS.search(folded, cut, ds)
        cut = weak.start() if weak else cut
        before = _clean(text[cut:ds], lead=True)
        label = _join(before, _clean(text[de:end], lead=not before))
        return _Action(cut, end, label or ("跟进" if has_cjk(text[start:end]) else "follow up"), due)
    for k in recent:  # no date: an explicit "下一步：..." / "next: ..." clause still is the next action
        start, end = spans[k]
        if k and lx.STRONG_MARKER.match(folded, start) and (label := _clean(text[start:end], lead=True)):
            return _Action(start, end, label, None)
    return None


def _channel(folded: str) -> tuple[Channel, int] | None:
    m = lx.CHANNEL_RE.search(folded)
    if m is None or m.lastgroup is None:
        return None
    return lx.CHANNELS[int(m.lastgroup[1:])][0], m.start()


def _attitude(folded: str) -> Attitude | None:
    for attitude, pattern in lx.ATTITUDES:
        for m in pattern.finditer(folded):
            negated = lx.NEGATION.search(folded[max(0, m.start() - 8) : m.start()])
            if attitude is Attitude.REJECTED or not negated:
                return attitude
            if attitude is Attitude.POSITIVE:
                return Attitude.HESITANT
    return None


def _contact_time(folded: str, verb_at: int | None, now: datetime) -> datetime:
    for start, end in clauses(folded)[:3]:
        found = find_date(folded, start, min(end, start + MAX_CLAUSE), now=now, prefer="past")
        if found is None:
            continue
        ds, de, when = found
        if _TODAY_ONLY.fullmatch(folded[ds:de].strip()):
            continue
        before_verb = verb_at is not None and de <= verb_at
        if lx.PAST_DATE.search(folded[ds:de]) or before_verb:
            return when
    return now


def _customer(index: CustomerIndex, kept: str, text: str) -> tuple[str | None, tuple[Match, ...]]:
    mentions = index.locate(kept) or index.locate(text)
    strong = [m for m in mentions if m.match.score >= 85]
    if strong:
        return strong[0].fragment, tuple(m.match for m in strong)
    obj = lx.object_fragment(kept[:HEAD])
    if obj is not None:
        return obj[1], tuple(index.search(obj[1], min_score=75))
    if mentions:
        return mentions[0].fragment, tuple(m.match for m in mentions)
    return None, ()


def read_quick_log(text: str, *, now: datetime, index: CustomerIndex) -> QuickLogDraft | None:
    """Read a free-text message as a draft log, or None when it does not look like one."""
    if not isinstance(text, str) or not text.strip():
        return None
    body = text.strip()
    folded = fold(body)
    spans = clauses(folded)
    mentions = index.locate(body)
    first = min((m.start for m in mentions), default=HEAD)  # a verb after the customer starts the action
    verb_hits = [m.end() for m in lx.CHANNEL_RE.finditer(folded[:HEAD]) if m.start() < first]
    obj = lx.object_fragment(body[:HEAD])
    anchors = [m.end for m in mentions] + verb_hits + ([obj[0] + len(obj[1])] if obj else [])
    action = _next_action(body, folded, spans, anchors, now)
    if action is None:
        kept = body
    else:
        after = body[action.end :]
        kept = body[: action.start].rstrip(_SEPS) + (after.rstrip() if after.strip(_SEPS) else "")
    kept = kept.strip() or body
    kept_folded = fold(kept[:HEAD])
    channel = _channel(kept_folded)
    query, matches = _customer(index, kept, body)
    if channel is None and not any(m.score >= 85 for m in matches):
        return None
    return QuickLogDraft(
        customer_query=query,
        matches=matches,
        channel=channel[0] if channel else None,
        summary=kept,
        attitude=_attitude(kept_folded),
        next_action=action.text if action else None,
        next_action_due=action.due if action else None,
        contact_time=_contact_time(kept_folded, channel[1] if channel else None, now),
    )
