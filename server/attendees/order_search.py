"""The console's search of a conference's orders, and each order's buyer by name.

An order is found by a name on it: the names given at checkout, and the attendees a paid order
made. Attendees stand a floor above orders (each belongs to one), so the search is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, cast, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from server.attendees.models import Attendee
from server.orders.models import Order

ORDERS_PER_PAGE = 50


@dataclass(frozen=True)
class OrderPage:
    orders: list[Order]
    total: int  # how many match, over every page
    page: int
    pages: int
    buyers: dict[int, str]  # order id → the buyer's name (see buyer_names)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def search_orders(session: Session, conference_id: int, query: str = "", *, page: int = 1,
                  per_page: int = ORDERS_PER_PAGE) -> OrderPage:
    """A conference's orders, newest first, whose reference, buyer email or a name on it contains ``query``.

    Names are searched on the attendees a paid order made and on the names given at checkout (a
    pending order has no attendees yet); case-insensitive on SQLite and PostgreSQL alike.
    """
    where = [Order.conference_id == conference_id]
    query = query.strip()
    if query:
        pattern = _like(query)
        full_name = func.lower(Attendee.first_name + " " + Attendee.last_name)
        where.append(or_(
            func.lower(Order.reference).like(pattern, escape="\\"),
            func.lower(Order.email).like(pattern, escape="\\"),
            func.lower(cast(Order.attendee_details, String)).like(pattern, escape="\\"),
            exists().where(Attendee.order_id == Order.id, or_(full_name.like(pattern, escape="\\"),
                                                              func.lower(Attendee.email).like(pattern, escape="\\"))),
        ))
    total = session.scalar(select(func.count(Order.id)).where(*where)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    orders = list(session.scalars(select(Order).where(*where).options(selectinload(Order.line_items))
                                  .order_by(Order.created_at.desc(), Order.id.desc())
                                  .offset((page - 1) * per_page).limit(per_page)))
    return OrderPage(orders=orders, total=total, page=page, pages=pages, buyers=buyer_names(session, orders))


def _name_given(order: Order) -> str:
    details = order.attendee_details[0] if order.attendee_details else {}
    return f"{details.get('first_name', '')} {details.get('last_name', '')}".strip()


def buyer_names(session: Session, orders: list[Order]) -> dict[int, str]:
    """Each order's buyer by name: the name given at checkout, else its first attendee's (an imported or
    bulk-written order keeps no checkout details); "" when it has neither."""
    names = {order.id: _name_given(order) for order in orders}
    unnamed = [order_id for order_id, name in names.items() if not name]
    if unnamed:
        first = (select(Attendee.order_id, func.min(Attendee.id).label("id")).where(Attendee.order_id.in_(unnamed))
                 .group_by(Attendee.order_id).subquery())
        for order_id, first_name, last_name in session.execute(
                select(Attendee.order_id, Attendee.first_name, Attendee.last_name).join(first, first.c.id == Attendee.id)):
            if order_id is not None:
                names[order_id] = f"{first_name} {last_name}".strip()
    return names
