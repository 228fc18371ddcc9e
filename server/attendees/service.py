"""Attendees: the people a paid order's tickets are issued to, and the console's search that stays
fast at 200,000.

One attendee's whole story at the venue (every scan, check-in and redemption) is the check-in
domain's, a floor above: ``server.checkin.attendee_story``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from server.attendees import repository
from server.attendees.access_codes import new_access_codes
from server.attendees.models import Attendee
from server.attendees.repository import MAX_MATCHES, AttendeeRow
from server.conferences.models import Conference
from server.errors import InvalidInput, NotFound
from server.orders.models import Order
from server.orders.service import AttendeeDetails
from shared.languages import N_, SHIPPED_LANGUAGES, html_lang, shipped_language

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


UNKNOWN_LANGUAGE = N_("'%(text)s' is not a language Doorstation prints badges in: use one of %(languages)s, "
                      "or leave it empty.")


class UnknownLanguage(InvalidInput):
    """A language no badge is printed in; ``words`` fill ``UNKNOWN_LANGUAGE`` (a page words it in its reader's)."""

    code = "unknown_language"

    def __init__(self, text: str) -> None:
        self.words = {"text": text.strip()[:40], "languages": ", ".join(html_lang(tag) for tag in SHIPPED_LANGUAGES)}
        super().__init__(UNKNOWN_LANGUAGE % self.words)


def attendee_language(text: str) -> str | None:
    """The language an organizer, a CSV file or the desk gave for an attendee, as a shipped language's tag
    ("de-DE" → de, "pt-br" → pt_BR, "Deutsch" → de); None for empty (not known). Any other text is refused:
    a language no catalogue has would print the badge in English without a word of warning."""
    if not text.strip():
        return None
    found = shipped_language(text)
    if found is None:
        raise UnknownLanguage(text)
    return found


def set_language(session: Session, attendee: Attendee, text: str) -> None:
    """Set (or clear, with "") the attendee's language; the change feed takes it to the print stations."""
    attendee.language = attendee_language(text)
    session.flush()


def issue_tickets(session: Session, order: Order) -> None:
    """One attendee, with a fresh access code, for each ticket of ``order`` that has no holder yet.

    Called as the order becomes paid (``server.orders.service.mark_paid``, through the hook the wiring
    registers: orders stand a floor below attendees). The people are the ones named at checkout, in
    ticket order; a ticket without a name goes to the buyer's email.
    """
    tickets = [item for item in order.line_items if item.addon_id is None for _ in range(item.quantity)]
    details = [AttendeeDetails(**d) for d in order.attendee_details]
    details += [AttendeeDetails(first_name="", email=order.email)] * (len(tickets) - len(details))
    # An order that already has its attendees (one written pending, now paid at the desk) keeps
    # them and their access codes: only tickets without a holder get a new one.
    existing = repository.count_order_attendees(session, order.id)
    tickets, details = tickets[existing:], details[existing:]
    codes = new_access_codes(session, order.conference_id, len(tickets))
    session.add_all(
        Attendee(
            conference_id=order.conference_id,
            order_id=order.id,
            ticket_type_id=item.ticket_type_id,
            first_name=person.first_name.strip(),
            last_name=person.last_name.strip(),
            email=(person.email or order.email).strip(),
            company=person.company.strip(),
            access_code=code,
        )
        for item, person, code in zip(tickets, details, codes, strict=True)
    )
