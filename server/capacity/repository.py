"""Named queries for the console's figures of what is sold, held and left (server.capacity.counters keeps the totals)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType
from server.orders.models import Order, OrderLineItem
from shared.order_status import ADMITS_ENTRY


@dataclass(frozen=True)
class Stock:
    """Seats of one product (or of the venue): sold (paid), held (pending orders' holds) and left."""

    sold: int
    held: int
    left: int | None  # None: unlimited

    @classmethod
    def of(cls, *, total: int, taken: int, sold: int) -> Stock:
        # The counter counts sold + held (server.capacity.counters), so held is what it holds beyond
        # the paid lines: an expired hold the periodic job has not released yet still shows as held,
        # exactly as it still blocks a sale until it is released.
        return cls(sold=sold, held=max(taken - sold, 0), left=max(total - taken, 0) if total else None)


def _sold_lines(conference_id: int):
    return (select(OrderLineItem.ticket_type_id, OrderLineItem.addon_id,
                   func.sum(OrderLineItem.quantity).label("sold"))
            .join(Order, Order.id == OrderLineItem.order_id)
            .where(Order.conference_id == conference_id, Order.status.in_(sorted(ADMITS_ENTRY)))
            .group_by(OrderLineItem.ticket_type_id, OrderLineItem.addon_id))


def stock_of_products(session: Session, conference: Conference, ticket_types: list[TicketType],
                      addons: list[AddOn]) -> tuple[Stock, dict[int, Stock], dict[int, Stock]]:
    """The venue's stock, then each ticket type's and each add-on's by id: one grouped query for all."""
    ticket_sold: dict[int, int] = {}
    addon_sold: dict[int, int] = {}
    venue_sold = 0
    for ticket_type_id, addon_id, sold in session.execute(_sold_lines(conference.id)):
        if addon_id is not None:
            addon_sold[addon_id] = addon_sold.get(addon_id, 0) + int(sold)
            continue
        venue_sold += int(sold)  # add-ons take no venue seat; a deleted ticket type's lines still do
        if ticket_type_id is not None:
            ticket_sold[ticket_type_id] = int(sold)
    venue = Stock.of(total=conference.total_capacity, taken=conference.seats_taken, sold=venue_sold)
    return (
        venue,
        {t.id: Stock.of(total=t.total_quantity, taken=t.quantity_taken, sold=ticket_sold.get(t.id, 0))
         for t in ticket_types},
        {a.id: Stock.of(total=a.total_quantity, taken=a.quantity_taken, sold=addon_sold.get(a.id, 0))
         for a in addons},
    )

