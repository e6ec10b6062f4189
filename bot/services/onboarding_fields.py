"""Checking what a rep types into the /new form: the name, the optional fields, a phone and an e-mail."""

from __future__ import annotations

from bot.domain.phones import InvalidEmail, InvalidPhone, Phone, parse_email, parse_phone
from bot.services.contacts import CONTACT_LIMITS
from bot.services.customer_file import FIELD_LIMITS
from bot.services.errors import ServiceError

NAME_MIN, NAME_MAX = 2, FIELD_LIMITS["name"]
LIMITS: dict[str, int] = {**FIELD_LIMITS, **{f"contact_{k}": v for k, v in CONTACT_LIMITS.items()}}


class BadName(ServiceError):
    key = "newcust.bad_name"


class TooLong(ServiceError):
    key = "newcust.too_long"


class BadPhone(ServiceError):
    key = "newcust.bad_phone"


class BadEmail(ServiceError):
    key = "newcust.bad_email"


def clean_name(raw: str) -> str:
    """The company's full name on one line, 2–200 characters; BadName otherwise."""
    text = " ".join(raw.split())
    if not NAME_MIN <= len(text) <= NAME_MAX:
        raise BadName(min=NAME_MIN, max=NAME_MAX)
    return text


def clean_text(field: str, raw: str) -> str:
    """An optional free-text field, trimmed (background keeps its line breaks); TooLong past the card's limit."""
    text = raw.strip() if field == "background" else " ".join(raw.split())
    limit = LIMITS[field]
    if len(text) > limit:
        raise TooLong(limit=limit)
    return text


def clean_phone(raw: str) -> Phone:
    """A valid phone number (default region CN); BadPhone with the typed text otherwise."""
    try:
        return parse_phone(raw)
    except InvalidPhone:
        raise BadPhone(value=" ".join(raw.split())[:40]) from None


def clean_email(raw: str) -> str:
    """A lower-case e-mail address; BadEmail otherwise."""
    try:
        return parse_email(raw)
    except InvalidEmail:
        raise BadEmail(value=" ".join(raw.split())[:100]) from None
