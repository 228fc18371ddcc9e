"""Seats taken, kept as counters so that validating capacity costs the same at 10 or 100,000 sold.

Counting with a SUM over line items grows with every order sold; on PostgreSQL, right after a
bulk import (no statistics yet) the planner even picked a nested loop that took minutes. So each
conference, ticket type and add-on carries ``seats_taken`` / ``quantity_taken``: the seats of its
orders that are PAID, PARTIALLY_REFUNDED or PENDING with a hold (a pending order's hold counts
until it is released; capacity validation releases expired holds first, so an expired hold never
blocks a sale). A PENDING order without a hold expiry holds nothing (shared.order_status.holds_seat);
counting it here would block its seats for ever, since no hold release ever reaches it.
The counters change in one place, a ``before_flush`` hook that sees every order created, deleted
or moved in or out of holding seats (its status or its hold changed), plus ``add_orders`` for Core
bulk inserts; they are updated with ``SET x = x + n`` so concurrent transactions cannot lose an update.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import inspect, select, update
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType
from server.orders.models import Order, OrderLineItem
from shared.order_status import holds_seat

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
    tables: dict[str, tuple[type[Conference] | type[TicketType] | type[AddOn], Any]] = {
        "conference": (Conference, Conference.seats_taken), "ticket_type": (TicketType, TicketType.quantity_taken),
        "addon": (AddOn, AddOn.quantity_taken)}
    for (counter, key), delta in sorted(deltas.items(), key=lambda item: (item[0][0] != "conference", item[0])):
        if delta:
            model, column = tables[counter]
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
    return [(ticket_type_id, addon_id, quantity) for ticket_type_id, addon_id, quantity in session.execute(
        select(OrderLineItem.ticket_type_id, OrderLineItem.addon_id, OrderLineItem.quantity)
        .where(OrderLineItem.order_id == order.id))]


def _before(session: Session, order: Order, attribute: str):
    """The attribute's value as last flushed (its current value when it has not changed since).

    An attribute set while unloaded (say after a rollback expired the order) has no old value in
    its history; the row in the database still has it.
    """
    history = inspect(order).attrs[attribute].history
    if not history.has_changes():
        return getattr(order, attribute)
    if history.deleted:
        return history.deleted[0]
    if order in session.new:
        return None
    return session.scalar(select(getattr(Order, attribute)).where(Order.id == order.id))


def count_seats(session: Session, _flush_context, _instances) -> None:
    deltas: Deltas = defaultdict(int)
    with session.no_autoflush:
        for order in session.new:
            if isinstance(order, Order) and holds_seat(order.status, order.hold_expires_at):
                _lines_delta(deltas, order.conference_id, _order_lines(session, order), +1)
        for order in session.dirty:
            if not isinstance(order, Order):
                continue
            was = holds_seat(_before(session, order, "status"), _before(session, order, "hold_expires_at"))
            now = holds_seat(order.status, order.hold_expires_at)
            if was != now:
                _lines_delta(deltas, order.conference_id, _order_lines(session, order), +1 if now else -1)
        for order in session.deleted:
            if not isinstance(order, Order):
                continue
            if holds_seat(_before(session, order, "status"), _before(session, order, "hold_expires_at")):
                _lines_delta(deltas, order.conference_id, _order_lines(session, order), -1)
    if deltas:
        apply(session, deltas)
