"""Typed domain errors: a stable machine ``code`` plus a human message.

HTTP maps them in one place (server.app): NotFound → 404, InvalidInput → 422, Conflict → 409.
InvalidInput and Conflict are also ValueErrors: a bad argument and a rule that refuses ("Product
'Lunch' is fully redeemed (2/2).") are both a wrong value to the caller, so code that only tells
success from a refusal (``except ValueError``: the CLI, the import) needs no list of our classes.
"""

from __future__ import annotations


class DomainError(Exception):
    code = "domain_error"
    http_status = 409

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class InvalidInput(DomainError, ValueError):
    code = "invalid"
    http_status = 422


class Conflict(DomainError, ValueError):
    """A business rule refuses (sold out, already redeemed, wrong state): HTTP 409."""

    code = "conflict"
    http_status = 409
