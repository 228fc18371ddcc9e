"""Named queries for the registration desk: what is for sale, who has not paid, what was sold here."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from server.attendees.models import Attendee
from server.conferences.models import AddOn, TicketType
from server.orders.models import Order, OrderStatus
from server.payments.models import DeskPayment


def products_for_sale(session: Session, conference_id: int) -> tuple[list[TicketType], list[AddOn]]:
    """Active ticket types and add-ons (the sale rules, windows included, are the orders service's)."""
    ticket_types = list(session.scalars(select(TicketType).where(TicketType.conference_id == conference_id,
                                                                 TicketType.is_active).order_by(TicketType.name)))
    addons = list(session.scalars(select(AddOn).where(AddOn.conference_id == conference_id, AddOn.is_active)
                                  .order_by(AddOn.name)))
    return ticket_types, addons


def unpaid_attendees(session: Session, conference_id: int, text: str, limit: int = 20) -> list[Attendee]:
    """Attendees whose order is pending (the kiosk says "Not paid"), found by access code or name."""
    text = text.strip()
    pattern = f"%{text.lower()}%"
    full_name = func.lower(Attendee.first_name + " " + Attendee.last_name)
    return list(session.scalars(
        select(Attendee).join(Order, Attendee.order_id == Order.id)
        .where(Attendee.conference_id == conference_id, Order.status == OrderStatus.PENDING,
               or_(Attendee.access_code == text.upper(), full_name.like(pattern),
                   func.lower(Attendee.email) == text.lower()))
        .options(selectinload(Attendee.order), selectinload(Attendee.ticket_type))
        .order_by(Attendee.last_name, Attendee.first_name, Attendee.id).limit(limit)))


def desk_sales(session: Session, conference_id: int, limit: int = 20) -> list[tuple[DeskPayment, Order, list[Attendee]]]:
    """The latest payments taken at the desk, newest first, with their orders and attendees."""
    payments = list(session.scalars(select(DeskPayment).where(DeskPayment.conference_id == conference_id)
                                    .order_by(DeskPayment.id.desc()).limit(limit)))
    orders = {o.id: o for o in session.scalars(select(Order).where(Order.id.in_([p.order_id for p in payments])))}
    attendees: dict[int, list[Attendee]] = {p.order_id: [] for p in payments}
    for attendee in session.scalars(select(Attendee).where(Attendee.order_id.in_(list(attendees)))
                                    .options(selectinload(Attendee.ticket_type)).order_by(Attendee.id)):
        if attendee.order_id is not None:
            attendees[attendee.order_id].append(attendee)
    return [(p, orders[p.order_id], attendees[p.order_id]) for p in payments]
