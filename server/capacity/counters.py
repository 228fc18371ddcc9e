"""Seats taken, kept as counters so that validating capacity costs the same at 10 or 100,000 sold.

Counting with a SUM over line items grows with every order sold; on PostgreSQL, right after a
bulk import (no statistics yet) the planner even picked a nested loop that took minutes. So each
conference, ticket type and add-on carries ``seats_taken`` / ``quantity_taken``: the seats of its
orders that are PAID, PARTIALLY_REFUNDED or PENDING (a pending order's hold counts until it is
released; capacity validation releases expired holds first, so an expired hold never blocks a
sale). The counters change in one place, a ``before_flush`` hook that sees every order created,
deleted or moved in or out of those statuses, plus ``add_orders`` for Core bulk inserts; they are
updated with ``SET x = x + n`` so concurrent transactions cannot lose an update.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType
from server.orders.models import Order, OrderLineItem, OrderStatus
from shared.order_status import HOLDS_SEAT

HOLDS_SEATS = frozenset(OrderStatus(status) for status in HOLDS_SEAT)

Deltas = dict[tuple[str, int], int]  # ("conference" | "ticket_type" | "addon", id) → seats


def _lines_delta(deltas: Deltas, conference_id: int, lines: Iterable[tuple[int | None, int | None, int]], sign: int):
    for ticket_type_id, addon_id, quantity in lines:
        if addon_id is None:
            deltas[("conference", conference_id)] += sign * quantity  # add-ons never take a venue seat
            if ticket_type_id is not None:
                deltas[("ticket_type", ticket_type_id)] += sign * quantity
        else:
            deltas[("addon", addon_id)] += sign * quantity


def apply(session: Session, deltas: Deltas) -> None:
    """Add the seat changes, in a fixed order (conference first, then by id): no deadlocks between writers."""
    tables = {"conference": (Conference, Conference.seats_taken), "ticket_type": (TicketType, TicketType.quantity_taken),
              "addon": (AddOn, AddOn.quantity_taken)}
    for (kind, key), delta in sorted(deltas.items(), key=lambda item: (item[0][0] != "conference", item[0])):
        if delta:
            model, column = tables[kind]
            session.execute(update(model).where(model.id == key).values({column: column + delta})
                            .execution_options(synchronize_session=False))


def add_orders(session: Session, conference_id: int, lines: Iterable[tuple[int | None, int | None, int]]) -> None:
    """Seats of orders written with Core inserts (bulk import), which the flush hook cannot see."""
    deltas: Deltas = defaultdict(int)
    _lines_delta(deltas, conference_id, lines, +1)
    apply(session, deltas)


def _order_lines(session: Session, order: Order) -> list[tuple[int | None, int | None, int]]:
    if order in session.new or "line_items" in inspect(order).dict:
        return [(line.ticket_type_id, line.addon_id, line.quantity) for line in order.line_items]
    return [tuple(row) for row in session.execute(
        select(OrderLineItem.ticket_type_id, OrderLineItem.addon_id, OrderLineItem.quantity)
        .where(OrderLineItem.order_id == order.id))]


@event.listens_for(Session, "before_flush")
def count_seats(session: Session, _flush_context, _instances) -> None:
    deltas: Deltas = defaultdict(int)
    with session.no_autoflush:
        for order in session.new:
            if isinstance(order, Order) and order.status in HOLDS_SEATS:
                _lines_delta(deltas, order.conference_id, _order_lines(session, order), +1)
        for order in session.dirty:
            if not isinstance(order, Order):
                continue
            history = inspect(order).attrs.status.history
            if not history.has_changes() or not history.deleted:
                continue
            was, now = history.deleted[0] in HOLDS_SEATS, order.status in HOLDS_SEATS
            if was != now:
                _lines_delta(deltas, order.conference_id, _order_lines(session, order), +1 if now else -1)
        for order in session.deleted:
            if isinstance(order, Order) and inspect(order).committed_state.get("status", order.status) in HOLDS_SEATS:
                _lines_delta(deltas, order.conference_id, _order_lines(session, order), -1)
    if deltas:
        apply(session, deltas)
