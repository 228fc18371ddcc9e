"""Access codes: the 8-character A-Z0-9 identifier printed on a badge (reference format)."""

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


def random_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def new_access_codes(session: Session, conference_id: int, count: int, reserved: set[str] | None = None) -> list[str]:
    """``count`` fresh codes unused in the conference (36**8 ≈ 2.8e12, so collisions are rare but checked).

    The unique constraint on (conference, access_code) stays the final guard against a
    concurrent writer drawing the same code.
    """
    taken = set(reserved or ())
    codes: list[str] = []
    while len(codes) < count:
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
        taken |= batch
        codes.extend(batch)
    return codes
