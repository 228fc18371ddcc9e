"""What counts as an email address, in one place: the console's forms, the CSV import and user accounts.

Deliberately loose (one ``@``, a dot in the domain, no spaces or control characters, at most 254
characters, the longest a mail server delivers to): the address is for reaching a person, and a
strict grammar refuses real ones. Pure: no I/O.
"""

from __future__ import annotations

import re

MAX_LENGTH = 254
PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_email_address(text: str) -> bool:
    """``text`` (already trimmed) is an address we accept."""
    return (len(text) <= MAX_LENGTH and PATTERN.match(text) is not None
            and all(character.isprintable() for character in text))
