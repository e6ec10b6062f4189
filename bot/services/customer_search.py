"""/find: a SQL substring pre-filter over the search text, then fuzzy ranking of the few candidates.

The pre-filter keeps /find fast for an admin who sees 100,000 customers; when it finds nothing (a
typo), the fuzzy index over all visible customers is tried, but only for scopes small enough.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.company import name_key, similar_keys
from bot.domain.matching import CustomerIndex, CustomerRef
from bot.domain.phones import phone_digits
from bot.domain.records import UserRecord
from bot.domain.search_text import query_text
from bot.services.ports import UnitOfWork
from bot.services.visibility import visible_owners

MAX_QUERY = 100
PREFILTER = 300  # candidates ranked per query
FUZZY_SCOPE = 20_000  # largest scope searched with typo tolerance when the substring finds nothing
SUBSTRING_SCORE = 70.0  # a candidate the pre-filter found but the ranking did not (phone digits, a fragment)


@dataclass(frozen=True)
class Found:
    id: int
    name: str
    code: str
    score: float


@dataclass(frozen=True)
class FindResult:
    items: tuple[Found, ...]
    more: bool


def _needles(query: str) -> list[str]:
    text = query_text(query)
    needles = {text, text.replace(" ", "")}
    digits = phone_digits(query)
    if len(digits) >= 4 and len(digits) * 2 >= len(text.replace(" ", "")):
        needles.add(digits)
    return [n for n in needles if len(n) >= 2]


def _rank(candidates: list[CustomerRef], query: str, *, keep_unmatched: bool) -> list[Found]:
    matches = {m.customer.id: m.score for m in
               CustomerIndex(candidates).search(query, limit=len(candidates) or 1, min_score=60)}
    found = [Found(c.id, c.name, c.code, matches.get(c.id, SUBSTRING_SCORE)) for c in candidates
             if keep_unmatched or c.id in matches]
    return sorted(found, key=lambda f: (-f.score, len(f.name), f.name, f.id))


async def find_customers(uow: UnitOfWork, user: UserRecord, query: str, *, limit: int = 10,
                         offset: int = 0) -> FindResult:
    """Customers in the user's scope matching a name, code, contact, phone digits or pinyin initials."""
    query = query.strip()[:MAX_QUERY]
    needles = _needles(query)
    if not needles:
        return FindResult((), False)
    owners = await visible_owners(uow, user)
    async with uow:
        candidates = await uow.customers.find(needles, owner_ids=owners, limit=PREFILTER)
        fuzzy = not candidates and await uow.customers.count_live(owner_ids=owners) <= FUZZY_SCOPE
        if fuzzy:
            close = similar_keys(name_key(query), await uow.customers.name_keys(owner_ids=owners), limit=PREFILTER)
            candidates = await uow.customers.refs_for(close)
    ranked = _rank(candidates, query, keep_unmatched=not fuzzy)
    return FindResult(tuple(ranked[offset:offset + limit]), len(ranked) > offset + limit)
