"""Named queries about attendees: by access code, counts, badges to print, the console's search and
everything one attendee's page shows.

Every query takes the conference's id and never returns another conference's rows: an attendee id
typed into another conference's address finds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, func, literal, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session, selectinload

from server.attendees.models import SEARCHABLE, Attendee
from server.conferences.models import TicketType
from server.orders.models import Order, OrderLineItem, OrderStatus
from shared.order_status import ADMITS_ENTRY

# Above every character a name can hold: ``'ada' <= x < 'ada' || TOP`` is "x starts with ada" in a
# binary (codepoint) order, which is SQLite's.
TOP = "\U0010ffff"
MAX_TERMS = 5  # words of a query that count; more only slows the search down
MAX_MATCHES = 2000  # matches a search sorts by name (see search_attendees)


@dataclass(frozen=True)
class AttendeeRow:
    """One line of the search results."""

    id: int
    first_name: str
    last_name: str
    email: str
    company: str
    access_code: str
    ticket_type: str
    order_status: OrderStatus | None
    checked_in_at: object
    inside: bool

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def search_terms(text: str) -> list[str]:
    """The words of a query, as the search matches them (at most ``MAX_TERMS``)."""
    return text.split()[:MAX_TERMS]


def _starts_with(session: Session, column, term: str) -> ColumnElement[bool]:
    """``lower(column)`` starts with ``lower(term)``, in a form the search indexes answer.

    The term is lower-cased by the database itself, so both sides fold case by the same rule
    (PostgreSQL: the database's locale; SQLite: ASCII letters only).
    """
    lowered = func.lower(column)
    if session.get_bind().dialect.name == "postgresql":
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return lowered.like(func.lower(literal(escaped + "%")), escape="\\")
    low = func.lower(literal(term))
    return and_(lowered >= low, lowered < low.concat(TOP))


def _matching(session: Session, conference_id: int, text: str) -> list:
    conditions = [Attendee.conference_id == conference_id]
    for term in search_terms(text):
        # The conference condition inside each branch: SQLite answers each branch from its own index.
        conditions.append(or_(*(and_(Attendee.conference_id == conference_id,
                                     _starts_with(session, getattr(Attendee, column), term))
                                for column in SEARCHABLE)))
    return conditions


def search_attendees(session: Session, conference_id: int, text: str, *, limit: int, offset: int = 0,
                     at_most: int = MAX_MATCHES) -> tuple[list[AttendeeRow], bool]:
    """Attendees of one conference whose name, email, company or access code has a word starting with each
    word of ``text`` (every word must match somewhere), by last name; everyone, in the order they
    registered, when ``text`` is empty.
    Also whether more than ``at_most`` matched (the rows then come from ``at_most`` of them).

    A word of the query matches the *start* of a field: "ada" finds "Ada Lovelace" and
    "ada@example.org", "love" finds Lovelace (the last name is a field of its own) but "lace" finds
    nothing. That is what the indexes answer quickly at 200,000 attendees. Sorting by name costs a
    read of every match, so a query matching more than ``at_most`` (one letter, a big company) sorts
    only ``at_most`` of them: the page says so, and another word narrows it down.
    """
    if session.get_bind().dialect.name == "postgresql":
        # psycopg prepares a statement from its fifth run on, and PostgreSQL may then keep one plan for
        # any parameters: a LIKE whose pattern is a parameter cannot be a range of the prefix indexes,
        # and that plan read every attendee (0.2-0.3 s at 200,000). Planned for its own words, it is.
        session.execute(sql_text("SET LOCAL plan_cache_mode = force_custom_plan"))
    conditions = _matching(session, conference_id, text)
    over = False
    order: tuple[Any, ...] = (func.lower(Attendee.last_name), func.lower(Attendee.first_name), Attendee.id)
    if not search_terms(text):
        # Everyone: in the order they registered, read along the primary key. By name, PostgreSQL would
        # sort all 200,000 for each page (its search indexes keep pattern order, not the collation's).
        order = (Attendee.id,)
    else:
        # The matches once (ids only, at most at_most + 1), then their page by name: one pass over the
        # indexes, however the page is sorted.
        ids = session.scalars(select(Attendee.id).where(*conditions).limit(at_most + 1)).all()
        over = len(ids) > at_most
        conditions = [Attendee.id.in_(ids[:at_most])]
    rows = session.execute(
        select(Attendee.id, Attendee.first_name, Attendee.last_name, Attendee.email, Attendee.company,
               Attendee.access_code, TicketType.name, Order.status, Attendee.checked_in_at, Attendee.inside)
        .outerjoin(TicketType, Attendee.ticket_type_id == TicketType.id)
        .outerjoin(Order, Attendee.order_id == Order.id)
        .where(*conditions)
        .order_by(*order)
        .limit(limit).offset(offset)
    ).all()
    return [AttendeeRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "General Admission", r[7], r[8], r[9])
            for r in rows], over


def get_attendee(session: Session, conference_id: int, attendee_id: int) -> Attendee | None:
    """One attendee of this conference with their order and its lines (None: not in this conference)."""
    return session.scalar(
        select(Attendee).where(Attendee.id == attendee_id, Attendee.conference_id == conference_id)
        .options(selectinload(Attendee.order).selectinload(Order.line_items).selectinload(OrderLineItem.addon),
                 selectinload(Attendee.ticket_type))
    )


def attendee_by_code(session: Session, conference_id: int, access_code: str, *,
                     with_order: bool = False) -> Attendee | None:
    """The attendee with this access code in this conference (never another conference's)."""
    query = select(Attendee).where(Attendee.conference_id == conference_id, Attendee.access_code == access_code)
    if with_order:
        query = query.options(selectinload(Attendee.order).selectinload(Order.line_items))
    return session.scalar(query)


def order_attendees(session: Session, order_id: int) -> list[Attendee]:
    """The attendees an order made, with their ticket types, in the order they were made."""
    return list(session.scalars(select(Attendee).where(Attendee.order_id == order_id)
                                .options(selectinload(Attendee.ticket_type)).order_by(Attendee.id)))


def count_order_attendees(session: Session, order_id: int) -> int:
    return session.scalar(select(func.count(Attendee.id)).where(Attendee.order_id == order_id)) or 0


def count_attendees(session: Session, conference_id: int) -> int:
    return session.scalar(select(func.count(Attendee.id)).where(Attendee.conference_id == conference_id)) or 0


def attendance(session: Session, conference_id: int) -> tuple[int, int]:
    """(attendees, how many of them are checked in)."""
    attendees, checked_in = session.execute(
        select(func.count(Attendee.id), func.count(Attendee.checked_in_at)).where(Attendee.conference_id == conference_id)
    ).one()
    return attendees, checked_in


def badge_rows(session: Session, conference_id: int, ticket_type_id: int | None = None
               ) -> Sequence[Row[str, str, str, str, str]]:
    """(first name, last name, company, access code, ticket type name) of everyone whose order admits
    entry, in badge-printing order (by last name)."""
    query = (select(Attendee.first_name, Attendee.last_name, Attendee.company, Attendee.access_code, TicketType.name)
             .join(Order, Attendee.order_id == Order.id)
             .outerjoin(TicketType, Attendee.ticket_type_id == TicketType.id)
             .where(Attendee.conference_id == conference_id, Order.status.in_(sorted(ADMITS_ENTRY)))
             .order_by(Attendee.last_name, Attendee.first_name, Attendee.id))
    if ticket_type_id is not None:
        query = query.where(Attendee.ticket_type_id == ticket_type_id)
    return session.execute(query).all()
