"""Errors services raise; handlers turn each into a friendly message by its `key`."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal the user can understand; `key` names the catalog text."""

    key = "error.generic"

    def __init__(self, **params: object) -> None:
        super().__init__(self.key)
        self.params = params


class NotAllowed(ServiceError):
    key = "error.not_allowed"


class UnknownUser(ServiceError):
    key = "access.refused"


class InviteInvalid(ServiceError):
    key = "access.invite_invalid"


class InvalidTimezone(ServiceError):
    key = "tz.invalid"


class InvalidLanguage(ServiceError):
    key = "lang.invalid"


class CustomerNotFound(ServiceError):
    key = "error.customer_not_found"


class ActionNotFound(ServiceError):
    key = "error.expired"


class LogIncomplete(ServiceError):
    """`field` names what is missing; the texts are `log.incomplete_<field>`."""

    key = "log.incomplete_summary"


class UndoTooLate(ServiceError):
    key = "log.undo_too_late"
