"""The console's attendee pages: a search that stays fast at 200,000, and one attendee of a conference.

One attendee's whole story at the venue (every scan, check-in and redemption) is the check-in
domain's, a floor above: ``server.checkin.attendee_story``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from server.attendees import repository
from server.attendees.models import Attendee
from server.attendees.repository import MAX_MATCHES, AttendeeRow
from server.conferences.models import Conference
from server.errors import NotFound

PAGE_SIZE = 50

@dataclass(frozen=True)
class SearchPage:
    query: str
    rows: list[AttendeeRow]
    page: int  # from 1
    has_next: bool
    capped: bool = False  # more than MAX_MATCHES matched: the pages hold MAX_MATCHES of them
    max_matches: int = MAX_MATCHES


def search(session: Session, conference: Conference, query: str, page: int = 1) -> SearchPage:
    """One page of the attendees matching ``query`` (see ``repository.search_attendees`` for what matches)."""
    rows, capped = repository.search_attendees(session, conference.id, query, limit=PAGE_SIZE + 1,
                                               offset=(page - 1) * PAGE_SIZE)
    return SearchPage(query=query, rows=rows[:PAGE_SIZE], page=page, has_next=len(rows) > PAGE_SIZE, capped=capped)


def get_attendee(session: Session, conference: Conference, attendee_id: int) -> Attendee:
    """An attendee of this conference; 404 for an id of another conference's attendee, as for none."""
    attendee = repository.get_attendee(session, conference.id, attendee_id)
    if attendee is None:
        raise NotFound(f"No attendee {attendee_id} in {conference.name}.")
    return attendee
