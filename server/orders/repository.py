"""Named queries about orders: an order of a conference, with its lines.

The console's search of orders reads the names of the attendees an order made, so it stands on the
attendees' floor, above orders: ``server.attendees.order_search``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.orders.models import Order, OrderLineItem


def order_in(session: Session, conference_id: int, reference: str) -> Order | None:
    """The order ``reference`` with its lines, if it is this conference's (another conference's: None)."""
    return session.scalar(select(Order).where(Order.reference == reference, Order.conference_id == conference_id)
                          .options(selectinload(Order.line_items).selectinload(OrderLineItem.ticket_type),
                                   selectinload(Order.voucher)))
