"""Access codes: the 8-character A-Z0-9 identifier printed on a badge."""

from __future__ import annotations

import re
import secrets
import string

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.attendees.models import Attendee

ALPHABET = string.ascii_uppercase + string.digits
LENGTH = 8
PATTERN = re.compile(r"^[A-Z0-9]{8}$")
# Rounds of drawing before giving up. With 36**8 ≈ 2.8e12 codes a second round is already rare;
# running out of rounds means the code source is broken (or the conference absurdly full), and
# looping on would hold the order's lock for ever.
MAX_ATTEMPTS = 10


def random_code() -> str:
    """One code from the operating system's CSPRNG; the source ``new_access_codes`` draws from."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def new_access_codes(session: Session, conference_id: int, count: int, reserved: set[str] | None = None) -> list[str]:
    """``count`` fresh codes unused in the conference (and not in ``reserved``).

    Each round draws the codes still missing and drops those already taken; after MAX_ATTEMPTS
    rounds it raises RuntimeError("Failed to generate unique access code …") instead of looping.
    The unique constraint on (conference, access_code) stays the final guard against a
    concurrent writer drawing the same code.
    """
    taken = set(reserved or ())
    codes: list[str] = []
    for _ in range(MAX_ATTEMPTS):
        if len(codes) == count:
            return codes
        # random_code is looked up on the module each time, so a test can put a scripted source there.
        candidates = list({random_code() for _ in range(count - len(codes))} - taken)
        batch = set(candidates)
        for start in range(0, len(candidates), 5000):
            chunk = candidates[start : start + 5000]
            batch -= set(
                session.scalars(
                    select(Attendee.access_code).where(
                        Attendee.conference_id == conference_id, Attendee.access_code.in_(chunk)
                    )
                )
            )
        taken |= set(candidates)
        codes.extend(batch)
    if len(codes) == count:
        return codes
    raise RuntimeError(
        f"Failed to generate unique access code: {count - len(codes)} of {count} still taken "
        f"after {MAX_ATTEMPTS} attempts."
    )
