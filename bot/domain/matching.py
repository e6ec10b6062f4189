"""Fuzzy customer matching: code, name, pinyin, initials, contacts and aliases."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from rapidfuzz import fuzz, process

from bot.domain import quicklog_lexicon as lx
from bot.domain.quicklog_lexicon import compact, fold, has_cjk

MAX_QUERY = 200
MAX_TEXT = 500
_LATIN = re.compile(r"[a-z0-9]")
_KIND_RANK = {"code": 0, "name": 1, "alias": 2, "contact": 3, "pinyin": 4, "initials": 5}


@dataclass(frozen=True)
class CustomerRef:
    id: int
    name: str
    code: str
    contacts: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    customer: CustomerRef
    score: float
    matched_on: str


@dataclass(frozen=True)
class Mention:
    """A customer found inside a free text, with the span of the words that named it."""

    match: Match
    start: int
    end: int
    fragment: str


@dataclass(frozen=True)
class SearchKey:
    text: str
    kind: str
    exact_score: float
    in_text: bool = True  # looked for inside free texts
    fuzzy: bool = True  # compared with typo tolerance (else exact or prefix only)


def _pinyin(text: str) -> tuple[str, str]:
    """Toneless pinyin and initials: 华星科技 -> ("huaxingkeji", "hxkj"); other letters are kept."""
    return compact(fold("".join(lazy_pinyin(text)))), compact(
        fold("".join(lazy_pinyin(text, style=Style.FIRST_LETTER)))
    )


def _name_keys(name: str, kind: str) -> Iterable[SearchKey]:
    full, core = fold(name).strip(), lx.core_name(name)
    yield SearchKey(full, kind, 100)
    yield SearchKey(core, kind, 100)
    if has_cjk(core):
        short = lx.strip_city(core)
        yield SearchKey(short, kind, 98)
        cut = next((len(w) for w in lx.INDUSTRY if short.endswith(w) and len(short) - len(w) >= 2), 0)
        if cut:
            yield SearchKey(short[:-cut], kind, 96)
        for text, exact in ((core, 97), (short, 96), (full, 95)):
            spelled, initials = _pinyin(text)
            yield SearchKey(spelled, "pinyin", exact, in_text=len(spelled) >= 6, fuzzy=text != full)
            yield SearchKey(initials, "initials", exact - 2, in_text=False, fuzzy=False)
    else:
        words = core.split()
        yield SearchKey(compact(core), kind, 99, in_text=False, fuzzy=False)
        if len(words) > 1 and len(words[0]) >= 4 and words[0] not in lx.EN_COMMON:
            yield SearchKey(words[0], kind, 96)


def _contact_keys(contact: str) -> Iterable[SearchKey]:
    full = fold(contact).strip()
    yield SearchKey(full, "contact", 100)
    if has_cjk(full):
        base, _ = lx.strip_title(full)
        if len(base) >= 2:
            yield SearchKey(base, "contact", 98)
        spelled = " ".join(compact(p) for p in lazy_pinyin(base))
        yield SearchKey(spelled, "contact", 92, in_text=len(base) >= 2)
        yield SearchKey(compact(spelled), "contact", 96, in_text=False, fuzzy=False)
    else:
        yield SearchKey(compact(full), "contact", 98, in_text=False, fuzzy=False)


@lru_cache(maxsize=50_000)
def search_keys(ref: CustomerRef) -> tuple[SearchKey, ...]:
    """Every lookup key of a customer: code, names, pinyin, initials, contacts and aliases."""
    keys: list[SearchKey] = [SearchKey(compact(fold(ref.code)), "code", 100, fuzzy=False)]
    keys.extend(_name_keys(ref.name, "name"))
    for alias in ref.aliases:
        keys.extend(_name_keys(alias, "alias"))
    for contact in ref.contacts:
        keys.extend(_contact_keys(contact))
    best: dict[str, SearchKey] = {}
    for key in keys:
        if len(key.text) >= 2 and (key.text not in best or key.exact_score > best[key.text].exact_score):
            best[key.text] = key
    return tuple(best.values())


def _surname(contact: str) -> str:
    base, _ = lx.strip_title(fold(contact).strip())
    return base[0] if base and has_cjk(base[0]) else ""


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    starts_latin, ends_latin = _LATIN.match(text[start]), _LATIN.match(text[end - 1])
    return not (starts_latin and _LATIN.match(before)) and not (ends_latin and _LATIN.match(after))


_Pool = tuple[list[str], list[tuple[int, SearchKey]]]
_Best = dict[int, tuple[float, str]]
_Span = tuple[float, str, int, int]  # score, kind, start, end


def _covered(span: _Span, others: Iterable[_Span]) -> bool:
    """True when a stronger mention of another customer spans these words: 华星 inside 华星科技."""
    return any(o[0] > span[0] and o[2] <= span[2] and span[3] <= o[3] for o in others)


class CustomerIndex:
    """Lookup structures built once from the customer list, reused for many queries."""

    def __init__(self, refs: Sequence[CustomerRef]) -> None:
        self._refs = list(refs)
        self._exact: dict[str, list[tuple[int, SearchKey]]] = {}
        self._pools: dict[str, _Pool] = {"cjk": ([], []), "latin": ([], []), "text": ([], [])}
        self._by_bigram: dict[str, list[tuple[int, SearchKey]]] = {}
        self._surnames: dict[str, list[int]] = {}
        for i, ref in enumerate(self._refs):
            for key in search_keys(ref):
                self._exact.setdefault(key.text, []).append((i, key))
                cjk = has_cjk(key.text)
                pools = ("cjk",) * cjk + ("latin",) * bool(_LATIN.search(key.text)) if key.fuzzy else ()
                if key.in_text and len(key.text) >= 4:
                    pools += ("text",)
                for pool in pools:
                    self._pools[pool][0].append(key.text)
                    self._pools[pool][1].append((i, key))
                if key.in_text and len(key.text) >= (2 if cjk else 3):
                    self._by_bigram.setdefault(key.text[:2], []).append((i, key))
            for surname in {_surname(c) for c in ref.contacts} - {""}:
                self._surnames.setdefault(surname, []).append(i)
        self._sorted = sorted(self._exact)

    def _ranked(self, best: _Best, limit: int, min_score: float) -> list[tuple[int, Match]]:
        order = sorted(best.items(), key=lambda kv: (-kv[1][0], _KIND_RANK.get(kv[1][1], 9), kv[0]))
        return [(i, Match(self._refs[i], round(s, 1), k)) for i, (s, k) in order if s >= min_score][:limit]

    def _prefixed(self, prefix: str, add: Callable[[int, float, str], None]) -> None:
        pos = bisect_left(self._sorted, prefix)
        for text in self._sorted[pos : pos + 300]:
            if not text.startswith(prefix):
                break
            if text == prefix:
                continue
            for i, key in self._exact[text]:
                add(i, 90 + 8 * len(prefix) / len(text), key.kind)

    def search(self, query: str, *, limit: int = 5, min_score: float = 60) -> list[Match]:
        """Customers best matching a short query (code, name, pinyin, initials, contact, alias)."""
        q = " ".join(fold(str(query)[:MAX_QUERY]).split())
        qc = compact(q)
        if len(qc) < 2 or limit <= 0:
            return []
        best: _Best = {}

        def add(i: int, score: float, kind: str) -> None:
            if score > best.get(i, (-1.0, ""))[0]:
                best[i] = (score, kind)

        base, titled = lx.strip_title(qc)
        for text in {q, qc, base}:
            for i, key in self._exact.get(text, ()):
                add(i, 90.0 if titled and text == base else key.exact_score, key.kind)
        if titled and len(base) == 1:
            for i in self._surnames.get(base, ()):
                add(i, 85.0, "contact")
        for prefix in {q, qc}:
            self._prefixed(prefix, add)
        for name in [p for p, hit in (("cjk", has_cjk(qc)), ("latin", _LATIN.search(qc))) if hit]:
            texts, meta = self._pools[name]
            cutoff = max(min_score, 75.0)
            for text, score, pos in process.extract(
                q, texts, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=cutoff
            ):
                if len(qc) > 3 or qc in text:
                    add(meta[pos][0], min(score, 95.0), meta[pos][1].kind)
        return [m for _, m in self._ranked(best, limit, min_score)]

    def locate(self, text: str, *, limit: int = 5) -> list[Mention]:
        """Customers named inside a free text, with where they were named, best first."""
        raw = str(text)[:MAX_TEXT]
        t = fold(raw)
        hits: dict[int, list[_Span]] = {}

        def add(i: int, score: float, kind: str, start: int, end: int) -> None:
            hits.setdefault(i, []).append((score, kind, start, end))

        for pos in range(len(t) - 1):
            for i, key in self._by_bigram.get(t[pos : pos + 2], ()):
                end = pos + len(key.text)
                if t.startswith(key.text, pos) and _bounded(t, pos, end):
                    score = min(key.exact_score, 95.0) if key.kind == "contact" else key.exact_score
                    add(i, score, key.kind, pos, end)
        for title in lx.TITLES:
            for found in re.finditer(re.escape(title), t):
                start = found.start() - 1
                if start >= 0 and has_cjk(t[start]):
                    for i in self._surnames.get(t[start], ()):
                        add(i, 80.0, "contact", start, found.end())
        if not hits:
            self._fuzzy_locate(t, add)
        every = [h for found in hits.values() for h in found]
        tops = {i: max(found) for i, found in hits.items()}
        limit_score = max((h[0] for h in every), default=0) - 15
        best = {i: (h[0], h[1]) for i, h in tops.items() if h[0] >= limit_score and not _covered(h, every)}
        out = []
        for i, match in self._ranked(best, limit, 0):  # name the customer by its longest company words
            _, _, start, end = max(hits[i], key=lambda h: (h[1] != "contact", h[3] - h[2], h[0]))
            out.append(Mention(match, start, end, raw[start:end]))
        return out

    def _fuzzy_locate(self, t: str, add: Callable[[int, float, str, int, int], None]) -> None:
        texts, meta = self._pools["text"]
        for text, score, pos in process.extract(
            t, texts, scorer=fuzz.partial_ratio, score_cutoff=86, limit=10
        ):
            if len(text) > len(t):
                continue
            i, key = meta[pos]
            found = fuzz.partial_ratio_alignment(text, t)
            if found is None:
                continue
            start, end = found.dest_start, found.dest_end
            while start > 0 and _LATIN.match(t[start - 1]) and _LATIN.match(t[start]):
                start -= 1
            while end < len(t) and _LATIN.match(t[end]) and _LATIN.match(t[end - 1]):
                end += 1
            add(i, min(score * 0.95, 92.0), key.kind, start, end)

    def find_in_text(self, text: str, *, limit: int = 5) -> list[Match]:
        """Customers mentioned inside a longer free-text message, best first."""
        return [m.match for m in self.locate(text, limit=limit)]


AUTO_PICK = 93  # initials, pinyin, brand, prefix and exact hits; a fuzzy near-miss is asked about


def pick(matches: Sequence[Match]) -> Match | None:
    """The customer to take without asking: a strong, unambiguous best match; None means ask the rep."""
    if not matches or matches[0].score < AUTO_PICK or is_ambiguous(matches):
        return None
    return matches[0]


def is_ambiguous(matches: Sequence[Match], *, margin: float = 8) -> bool:
    """True when the top two candidates are close and the first is not a lone exact hit."""
    if len(matches) < 2:
        return False
    first, second = matches[0].score, matches[1].score
    if first >= 100 > second:
        return False
    return first - second <= margin
