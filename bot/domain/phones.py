"""Phone numbers, parsed and normalised with the phonenumbers library (default region CN)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

DEFAULT_REGION = "CN"
MAX_INPUT = 40
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s.]{2,24}$")


class InvalidPhone(ValueError):
    """Text that is not a valid phone number."""


class InvalidEmail(ValueError):
    """Text that is not an e-mail address."""


@dataclass(frozen=True)
class Phone:
    e164: str  # +8613912345678
    digits: str  # national significant number, digits only: 13912345678

    def display(self) -> str:
        """International format with spaces, e.g. +86 139 1234 5678."""
        parsed = phonenumbers.parse(self.e164, None)
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_phone(text: str, region: str = DEFAULT_REGION) -> Phone:
    """A valid number from what a person typed ("139-1234-5678", "+49 30 1234567", "021 6234 5678")."""
    raw = text.strip()
    if not raw or len(raw) > MAX_INPUT:
        raise InvalidPhone(text[:MAX_INPUT])
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidPhone(raw) from None
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidPhone(raw)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return Phone(e164=e164, digits=str(parsed.national_number))


def phone_digits(text: str) -> str:
    """Digits of a search query, without a leading country code 86 or trunk 0."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("86") and len(digits) > 11:
        digits = digits[2:]
    return digits.lstrip("0")


def parse_email(text: str) -> str:
    """A lower-case e-mail address, or InvalidEmail."""
    candidate = text.strip().lower()
    if not _EMAIL.match(candidate):
        raise InvalidEmail(text[:100])
    return candidate


def national_digits(e164: str) -> str:
    """The national significant number of a stored E.164 number (what the duplicate check compares)."""
    try:
        return str(phonenumbers.parse(e164, None).national_number)
    except phonenumbers.NumberParseException:
        return phone_digits(e164)
