"""Is this company already on file? By similar name, or by a phone or e-mail already known."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.company import is_similar, name_key, similarity


@dataclass(frozen=True)
class Identity:
    """What identifies an existing customer: its name key, owner, and its contacts' phones and e-mails."""

    customer_id: int
    name: str
    owner_id: int
    key: str
    phones: tuple[str, ...] = ()  # national digits
    emails: tuple[str, ...] = ()  # lower case


@dataclass(frozen=True)
class DuplicateHit:
    customer_id: int
    name: str
    owner_id: int
    reason: str  # name / phone / email
    score: float


class DuplicateIndex:
    """Exact lookups by name key, phone and e-mail; fuzzy names on request (the /new flow, not bulk import)."""

    def __init__(self, identities: Iterable[Identity]) -> None:
        self._all: list[Identity] = list(identities)
        self._by_key: dict[str, list[Identity]] = {}
        self._by_phone: dict[str, list[Identity]] = {}
        self._by_email: dict[str, list[Identity]] = {}
        for identity in self._all:
            self.add(identity, _listed=True)

    def add(self, identity: Identity, *, _listed: bool = False) -> None:
        """Index one more customer (the importer adds each row it creates)."""
        if not _listed:
            self._all.append(identity)
        self._by_key.setdefault(identity.key, []).append(identity)
        for phone in identity.phones:
            self._by_phone.setdefault(phone, []).append(identity)
        for email in identity.emails:
            self._by_email.setdefault(email, []).append(identity)

    def check(self, name: str, *, phones: Iterable[str] = (), emails: Iterable[str] = (),
              fuzzy: bool = True, limit: int = 3) -> list[DuplicateHit]:
        """Existing customers this one may be, best first: same phone/e-mail, same name, similar name."""
        key = name_key(name)
        hits: dict[int, DuplicateHit] = {}

        def keep(identity: Identity, reason: str, score: float) -> None:
            if identity.customer_id not in hits or hits[identity.customer_id].score < score:
                hits[identity.customer_id] = DuplicateHit(identity.customer_id, identity.name, identity.owner_id,
                                                          reason, score)

        for phone in phones:
            for identity in self._by_phone.get(phone, ()):
                keep(identity, "phone", 101)
        for email in emails:
            for identity in self._by_email.get(email.lower(), ()):
                keep(identity, "email", 101)
        for identity in self._by_key.get(key, ()):
            keep(identity, "name", 100)
        if fuzzy and key:
            for identity in self._all:
                if identity.customer_id not in hits and is_similar(key, identity.key):
                    keep(identity, "name", similarity(key, identity.key))
        return sorted(hits.values(), key=lambda h: (-h.score, h.customer_id))[:limit]
