"""One imported row: checked and turned into customer and contact fields, or rejected with a reason."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.domain.industries import Industry, match_industry
from bot.domain.phones import InvalidEmail, InvalidPhone, parse_email, parse_phone
from bot.domain.records import ContactFields, CustomerFields
from bot.domain.sheet_headers import HeaderMap
from bot.domain.sheet_records import OwnerCandidate

LIMITS = {"name": 200, "region": 100, "size": 100, "revenue": 100, "source": 40, "contact": 100, "title": 100,
          "address": 2000, "background": 4000}
TIERS = frozenset("ABCD")
AMBIGUOUS = -1
_SEPARATORS = re.compile(r"[,;/、，；|]|\s{2,}")


@dataclass(frozen=True)
class RowProblem:
    """A row that is not imported: `key` names the reason text (sheet.reason_<key>)."""

    line: int
    key: str
    cells: tuple[str, ...]
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportRow:
    """A valid row: the profile, its one contact (if any), the owner, and what the duplicate check compares."""

    line: int
    fields: CustomerFields
    owner_id: int
    tier: str | None
    contact: ContactFields | None
    phone_digits: str | None
    cells: tuple[str, ...]


class OwnerDirectory:
    """Finds the owner a cell names: a Telegram id, an @username or a name, among the importer's scope."""

    def __init__(self, candidates: Iterable[OwnerCandidate]) -> None:
        self._by_key: dict[str, int] = {}
        for person in candidates:
            keys = {str(person.telegram_id), _fold(person.name)}
            if person.username:
                keys.add("@" + _fold(person.username))
            for key in keys:
                self._by_key[key] = AMBIGUOUS if self._by_key.get(key, person.id) != person.id else person.id

    def find(self, text: str) -> int | None:
        """The user id; AMBIGUOUS when two people share the name; None when nobody matches."""
        key = _fold(text)
        if key.isdigit() or key.startswith("@"):
            return self._by_key.get(key)
        return self._by_key.get(key, self._by_key.get("@" + key))


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def read_phone(text: str) -> tuple[str, str]:
    """(E.164, national digits) of a phone cell; with several numbers in one cell, the first. InvalidPhone."""
    try:
        phone = parse_phone(text)
    except InvalidPhone:
        first = next((part for part in _SEPARATORS.split(text) if part.strip()), "")
        if first.strip() == text.strip():
            raise
        phone = parse_phone(first)
    return phone.e164, phone.digits


def check_row(line: int, cells: Sequence[str], header: HeaderMap, *, industries: Sequence[Industry],
              owners: OwnerDirectory, importer_id: int) -> ImportRow | RowProblem:
    """Validate one row; an unknown industry is Other (OT), not a rejection."""
    row = tuple(cells)

    def cell(name: str) -> str:
        index = header.columns.get(name)
        value = cells[index] if index is not None and index < len(cells) else ""
        return value[: LIMITS[name]] if name in LIMITS else value

    name = cell("name")
    if not name:
        return RowProblem(line, "missing_name", row)
    phone = digits = email = None
    if raw_phone := cell("phone"):
        try:
            phone, digits = read_phone(raw_phone)
        except InvalidPhone:
            return RowProblem(line, "bad_phone", row, {"value": raw_phone[:40]})
    if raw_email := cell("email"):
        try:
            email = parse_email(raw_email)
        except InvalidEmail:
            return RowProblem(line, "bad_email", row, {"value": raw_email[:100]})
    owner_id = importer_id
    if raw_owner := cell("owner"):
        found = owners.find(raw_owner)
        if found is None or found == AMBIGUOUS:
            key = "unknown_owner" if found is None else "ambiguous_owner"
            return RowProblem(line, key, row, {"value": raw_owner[:100]})
        owner_id = found
    industry = match_industry(cell("industry"), industries) if cell("industry") else None
    fields = CustomerFields(name=name, industry=industry.code if industry else "OT",
                            size=cell("size") or None, revenue=cell("revenue") or None,
                            region=cell("region") or None, address=cell("address") or None,
                            source=cell("source") or None, background=cell("background") or None)
    contact_name = cell("contact")
    contact = None
    if contact_name or phone or email:
        contact = ContactFields(name=contact_name or cell("title") or name[:100], title=cell("title") or None,
                                phone=phone, email=email)
    tier = cell("tier").strip().upper()[:1]
    return ImportRow(line, fields, owner_id, tier if tier in TIERS else None, contact, digits, row)
