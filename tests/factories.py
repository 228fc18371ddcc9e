"""Small keyword-only factories: each makes one thing and what it cannot exist without."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy.orm import Session

from server.attendees.access_codes import random_code
from server.attendees.models import Attendee
from server.conferences.models import AddOn, Conference, TicketType
from server.conferences.service import add_addon, add_ticket_type, create_conference
from server.db.base import utcnow
from server.orders.models import Order, OrderLineItem, OrderStatus

_counter = itertools.count(1)


def past_scan_time(month: int, day: int, hour: int, minute: int, second: int = 0) -> dt.datetime:
    """That moment (UTC) in the latest year in which it has passed: a scan time the server takes (it
    refuses times more than a year behind its clock, shared.reported_times) that keeps its month, so a
    test's zone reads it with the same summer time ("09:14:00 CEST") whatever year the tests run in."""
    now = dt.datetime.now(dt.UTC)
    moment = dt.datetime(now.year, month, day, hour, minute, second, tzinfo=dt.UTC)
    return moment if moment <= now else moment.replace(year=now.year - 1)


def make_conference(session: Session, *, slug: str | None = None, total_capacity: int = 0, **kwargs) -> Conference:
    return create_conference(session, slug=slug or f"conf-{next(_counter)}", name=kwargs.pop("name", "Test Conf"),
                             total_capacity=total_capacity, **kwargs)


def make_ticket_type(session: Session, conference: Conference, *, name: str = "Standard", price: str = "100.00",
                     **kwargs) -> TicketType:
    return add_ticket_type(session, conference, name=name, slug=kwargs.pop("slug", f"tt-{next(_counter)}"),
                           price=price, **kwargs)


def make_addon(session: Session, conference: Conference, *, name: str = "Lunch", price: str = "20.00", **kwargs) -> AddOn:
    return add_addon(session, conference, name=name, slug=kwargs.pop("slug", f"addon-{next(_counter)}"), price=price,
                     **kwargs)


def make_order(
    session: Session,
    conference: Conference,
    *,
    status: OrderStatus | str = OrderStatus.PAID,
    tickets: dict[TicketType, int] | None = None,
    addons: dict[AddOn, int] | None = None,
    hold_expires_at: dt.datetime | None = None,
) -> Order:
    """An order written directly (no cart rules), for arranging states such as an expired hold."""
    status = OrderStatus(status)
    if tickets is None:
        tickets = {make_ticket_type(session, conference): 1}
    lines = [OrderLineItem(ticket_type_id=t.id, description=t.name, quantity=q, unit_price=t.price,
                           line_total=t.price * q) for t, q in tickets.items()]
    lines += [OrderLineItem(addon_id=a.id, description=a.name, quantity=q, unit_price=a.price,
                            line_total=a.price * q) for a, q in (addons or {}).items()]
    total = sum((line.line_total for line in lines), Decimal("0.00"))
    if status is OrderStatus.PENDING and hold_expires_at is None:
        hold_expires_at = utcnow() + dt.timedelta(minutes=15)
    order = Order(conference_id=conference.id, reference=f"ORD-T{next(_counter):07d}", status=status,
                  email="buyer@example.org", subtotal=total, total=total, hold_expires_at=hold_expires_at,
                  line_items=lines)
    session.add(order)
    session.flush()
    return order


def make_attendee(
    session: Session,
    conference: Conference | None = None,
    *,
    order_status: OrderStatus | str | None = OrderStatus.PAID,
    addons: dict[AddOn, int] | None = None,
    first_name: str = "Ada",
    last_name: str = "Lovelace",
    ticket_type: TicketType | None = None,
    access_code: str | None = None,
) -> Attendee:
    """An attendee holding one ticket; ``order_status=None`` makes one with no order at all.

    The access code is random unless given; a test that searches by a word gives each attendee a
    code that cannot start with that word (a random one does, once in 1,296 for two letters).
    """
    conference = conference or make_conference(session)
    order = None
    if order_status is not None:
        ticket_type = ticket_type or make_ticket_type(session, conference)
        order = make_order(session, conference, status=order_status, tickets={ticket_type: 1}, addons=addons)
    attendee = Attendee(conference_id=conference.id, order=order, ticket_type=ticket_type, first_name=first_name,
                        last_name=last_name, email=f"{first_name.lower()}@example.org",
                        access_code=access_code or random_code())
    session.add(attendee)
    session.flush()
    return attendee
