"""Merging an imported row into a customer on file: fill empty fields, add a contact that is new."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.records import ContactFields
from bot.domain.sheet_records import MergeTarget
from bot.domain.sheet_rows import ImportRow

FILLABLE = ("size", "revenue", "region", "address", "source", "background")
OTHER_INDUSTRY = "OT"


@dataclass(frozen=True)
class Merge:
    """What a merge changes: profile fields (old value was empty) and a contact to add."""

    customer_id: int
    fields: dict[str, str]
    old: dict[str, str | None]
    contact: ContactFields | None
    primary: bool

    @property
    def changes_nothing(self) -> bool:
        """A re-import of the same row: nothing to write."""
        return not self.fields and self.contact is None


def merge_row(target: MergeTarget, row: ImportRow) -> Merge:
    """Never overwrite: only empty fields are filled (industry counts as empty while it is Other)."""
    fields: dict[str, str] = {}
    for name in FILLABLE:
        new = getattr(row.fields, name)
        if new and not (target.fields.get(name) or "").strip():
            fields[name] = new
    if target.fields.get("industry") in (None, "", OTHER_INDUSTRY) and row.fields.industry != OTHER_INDUSTRY:
        fields["industry"] = row.fields.industry
    contact = row.contact
    if contact is not None and not _is_new(contact, row.phone_digits, target):
        contact = None
    return Merge(target.customer_id, fields, {name: target.fields.get(name) for name in fields}, contact,
                 primary=target.contacts == 0)


def _is_new(contact: ContactFields, digits: str | None, target: MergeTarget) -> bool:
    """Only a phone or e-mail not on file yet makes a contact worth adding (a bare name could be anyone)."""
    if not digits and not contact.email:
        return False
    return (not digits or digits not in target.phones) and (not contact.email or contact.email not in target.emails)
