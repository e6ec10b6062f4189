"""Read a rep's plain chat message as an interaction log: customer, channel, attitude, next action."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain import quicklog_lexicon as lx
from bot.domain.dates import parse_when
from bot.domain.enums import Attitude, Channel
from bot.domain.matching import CustomerIndex, Match, Mention, fold, has_cjk

HEAD = 500  # customer, channel and attitude are read from the start of the message only
MAX_CLAUSE = 200
MAX_ACTION_CLAUSES = 8
MAX_RUN = 10
MAX_BACKDATE = timedelta(days=120)
_SEPS = " \t\r\n，,。.；;！!？?…、:：-"
_NUMERIC = re.compile(r"[\d\s:./-]+")
_NUMERIC_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}-\d{1,2}|\d{1,2}:\d{2}")
_WORD = re.compile(r"[A-Za-z0-9&'.\-]+")


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
    due: datetime


def _when(phrase: str, now: datetime, prefer: str) -> datetime | None:
    try:
        return parse_when(phrase, now=now, prefer=prefer)
    except Exception:  # a naive `now` or an odd phrase: no date rather than a crash
        return None


def clauses(folded: str) -> list[tuple[int, int]]:
    """Spans of the clauses: split on punctuation and before "下一步" / "then" / "next:"."""
    cuts = [(m.start(), m.end()) for m in lx.CLAUSE_SEP.finditer(folded)]
    cuts += [(m.start(), m.start()) for m in lx.STRONG_MARKER.finditer(folded)]
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


def find_date(
    folded: str, start: int, end: int, *, now: datetime, prefer: str
) -> tuple[int, int, datetime] | None:
    """The first (longest) date phrase inside folded[start:end]: its span and its datetime."""
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
        run = run[:MAX_RUN]
        for size in range(len(run), 0, -1):
            for i in range(len(run) - size + 1):
                s, e = run[i][0], run[i + size - 1][1]
                if _plausible(folded[s:e]) and (when := _when(folded[s:e], now, prefer)) is not None:
                    return s, e, when
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


def _next_action(
    text: str, folded: str, spans: list[tuple[int, int]], anchors: list[int], now: datetime
) -> _Action | None:
    for k in range(len(spans) - 1, max(-1, len(spans) - 1 - MAX_ACTION_CLAUSES), -1):
        start, end = spans[k]
        found = None if end - start > MAX_CLAUSE else find_date(folded, start, end, now=now, prefer="future")
        if found is None or found[2].date() < now.date() or lx.PAST_DATE.search(folded[found[0] : found[1]]):
            continue
        ds, de, due = found
        cut = max([a for a in anchors if start < a <= ds], default=start)
        if cut == start and k == 0:
            continue
        weak = lx.WEAK_MARKERS.search(folded, cut, ds)
        cut = weak.start() if weak else cut
        before = _clean(text[cut:ds], lead=True)
        after = _clean(text[de:end], lead=not before)
        joined = (
            f"{before} {after}"
            if before and after and not (has_cjk(before[-1]) or has_cjk(after[0]))
            else before + after
        )
        label = joined or ("跟进" if has_cjk(text[start:end]) else "follow up")
        return _Action(cut, end, label, due)
    return None


def _object(text: str) -> tuple[int, str] | None:
    """Where the words after a channel verb name a customer: (position, fragment)."""
    found: list[tuple[int, str]] = []
    for m in lx.CN_OBJECT.finditer(text):
        frag = m.group(1)
        stop = lx.CN_OBJECT_STOP.search(frag)
        frag = frag[: stop.start()] if stop else frag
        if len(frag) >= 2:
            found.append((m.start(1), frag))
            break
    for m in lx.EN_OBJECT.finditer(text):
        trigger, tail = m.group(0).split(None, 1)[0].lower(), m.group(1)
        words = list(_WORD.finditer(tail))
        cap = bool(words) and words[0].group()[0].isupper()
        if trigger in ("from", "at", "with") and not cap:
            continue
        picked = []
        for w in words[: 4 if cap else 3]:
            word = w.group().strip(".'")
            if (
                not word
                or word.lower() in lx.EN_OBJECT_STOP
                or (cap and not (word[0].isupper() or word == "&"))
            ):
                break
            picked.append(w)
        if picked:
            found.append((m.start(1) + picked[0].start(), tail[picked[0].start() : picked[-1].end()].strip(".")))
            break
    return min(found) if found else None


def _channel(folded: str) -> tuple[Channel, int] | None:
    m = lx.CHANNEL_RE.search(folded)
    if m is None or m.lastgroup is None:
        return None
    return lx.CHANNELS[int(m.lastgroup[1:])][0], m.start()


def _attitude(folded: str) -> Attitude | None:
    for attitude, pattern in lx.ATTITUDES:
        for m in pattern.finditer(folded):
            if attitude is Attitude.REJECTED or not lx.NEGATION.search(
                folded[max(0, m.start() - 8) : m.start()]
            ):
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
        before_verb = verb_at is not None and de <= verb_at
        if (lx.PAST_DATE.search(folded[ds:de]) or before_verb) and now - MAX_BACKDATE <= when <= now:
            return when
    return now


def _customer(index: CustomerIndex, kept: str, text: str) -> tuple[str | None, tuple[Match, ...]]:
    mentions: list[Mention] = index.locate(kept) or index.locate(text)
    strong = [m for m in mentions if m.match.score >= 85]
    if strong:
        return strong[0].fragment, tuple(m.match for m in strong)
    obj = _object(kept[:HEAD])
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
    verb_hits = [m.end() for m in lx.CHANNEL_RE.finditer(folded[:HEAD])]
    obj = _object(body[:HEAD])
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
