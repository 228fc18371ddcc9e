"""Reading what a console form sent: every field arrives as text, and a bad one is said in words.

A typed ``Form(int)`` parameter would answer a mistyped number with the API's JSON 422; a console
page answers it with the form again and a sentence (the routes catch ``InvalidInput``).
"""

from __future__ import annotations

from server.errors import InvalidInput

MAX_WHOLE_NUMBER = 10_000_000


def whole_number(text: str, what: str, *, minimum: int = 0, maximum: int = MAX_WHOLE_NUMBER) -> int:
    """``text`` as a whole number between ``minimum`` and ``maximum``; empty is ``minimum``."""
    text = text.strip()
    if not text:
        return minimum
    if not text.isascii() or not text.lstrip("-").isdigit() or len(text) > 12:
        raise InvalidInput(f"The {what} '{text}' is not a whole number.")
    value = int(text)
    if not minimum <= value <= maximum:
        raise InvalidInput(f"The {what} must be between {minimum} and {maximum:,}.")
    return value


def ids(values: list[str], what: str) -> list[int]:
    """The ids a multiple select sent (as numbers); something else is refused."""
    try:
        return sorted({int(v) for v in values if v.strip()})
    except ValueError:
        raise InvalidInput(f"The {what} chosen are not valid: reload the page and choose again.") from None


def checked(value: str | None) -> bool:
    """A checkbox: present (any value) when ticked, absent when not."""
    return value is not None
