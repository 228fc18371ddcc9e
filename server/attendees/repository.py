"""Named queries about attendees: each has one name and one home."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session, selectinload

from server.attendees.models import Attendee
from server.conferences.models import TicketType
from server.orders.models import Order
from shared.order_status import ADMITS_ENTRY


def attendee_by_code(session: Session, conference_id: int, access_code: str, *,
                     with_order: bool = False) -> Attendee | None:
    """The attendee with this access code in this conference (never another conference's)."""
    query = select(Attendee).where(Attendee.conference_id == conference_id, Attendee.access_code == access_code)
    if with_order:
        query = query.options(selectinload(Attendee.order).selectinload(Order.line_items))
    return session.scalar(query)


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
