"""Plain records the spreadsheet import and export pass between services and storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.domain.records import ContactFields, CustomerFields


@dataclass(frozen=True)
class OwnerCandidate:
    """A user an import row may name as the owner."""

    id: int
    name: str
    username: str | None
    telegram_id: int


@dataclass(frozen=True)
class ImportJobRecord:
    id: int
    user_id: int
    file_name: str
    file_id: str
    file_sha256: str
    status: str  # planned / running / done / failed / cancelled
    duplicate_mode: str  # skip / merge
    total_rows: int
    done_rows: int
    chat_id: int | None
    progress_message_id: int | None
    detail: dict[str, Any]
    created_at: datetime
    finished_at: datetime | None
    created_count: int = 0
    merged_count: int = 0
    skipped_count: int = 0
    rejected_count: int = 0


@dataclass(frozen=True)
class NewCustomer:
    """One customer row to insert, with its code already assigned."""

    code: str
    owner_id: int
    tier: str
    fields: CustomerFields
    contact: ContactFields | None
    phone_digits: str | None = None


@dataclass(frozen=True)
class NewContact:
    """A contact a merge adds to a customer on file."""

    customer_id: int
    fields: ContactFields
    phone_digits: str | None
    primary: bool


@dataclass(frozen=True)
class MergeTarget:
    """What a merge compares a row with: the profile fields and the contacts already on file."""

    customer_id: int
    fields: dict[str, str | None]
    phones: frozenset[str] = frozenset()  # national digits
    emails: frozenset[str] = frozenset()
    contacts: int = 0


@dataclass(frozen=True)
class ExportRow:
    """One customer as /export writes it (amounts in cents, times in UTC)."""

    code: str
    name: str
    industry: str
    region: str | None
    owner: str
    tier: str
    status: str
    contact_name: str | None = None
    contact_title: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    open_deals: int = 0
    open_amount_cents: int = 0
    last_at: datetime | None = None
    last_channel: str | None = None
    last_summary: str | None = None
    next_title: str | None = None
    next_due: datetime | None = None
