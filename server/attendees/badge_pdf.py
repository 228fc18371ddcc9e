"""The badge as a PDF, from the console: the server knows what is on a badge, not how to draw one.

Badges are drawn with Qt (``kiosk/badges/render.py``), which the server must not import. So the
server names what it needs, a ``BadgePdfRenderer``, and whoever composes the application passes one
to ``create_app(badge_renderer=...)`` (the ``doorstation`` command passes the kiosk's). Without one,
the console's "Badge (PDF)" link says so (501) instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from server.attendees.models import Attendee
from server.conferences.models import Conference
from shared.badge_codes import sign
from shared.languages import SOURCE_LANGUAGE


@dataclass(frozen=True)
class PrintableBadge:
    """Everything a badge shows; the fields are the kiosk's ``BadgeData``'s, by name."""

    conference_name: str
    full_name: str
    company: str
    ticket_type: str
    access_code: str
    payload: str  # what the QR code holds: the signed payload
    language: str = ""  # the badge's fixed words' language: the attendee's, else English (the console's badge)


class BadgePdfRenderer(Protocol):
    def __call__(self, badge: PrintableBadge, /) -> bytes:
        """A PDF document (bytes) of one badge."""
        ...


def printable_badge(conference: Conference, attendee: Attendee) -> PrintableBadge:
    ticket_type = attendee.ticket_type.name if attendee.ticket_type is not None else "General Admission"
    return PrintableBadge(conference_name=conference.name, full_name=attendee.full_name or attendee.email,
                          company=attendee.company, ticket_type=ticket_type, access_code=attendee.access_code,
                          payload=sign(conference.slug, attendee.access_code, conference.badge_private_key),
                          language=attendee.language or SOURCE_LANGUAGE)
