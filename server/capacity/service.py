"""Global venue capacity and per-product quantities: what is left to sell, checked under the conference lock.

A seat is taken by a ticket line item in an order that is PAID, PARTIALLY_REFUNDED, or PENDING
with a live hold. Add-ons do not take venue seats. Line items whose ticket type was deleted
(ticket_type_id set to NULL) still count, so deleting a ticket type can never oversell.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from server.conferences.models import AddOn, Conference, TicketType
from server.db.base import utcnow
from server.errors import Conflict
from server.orders.holds import release_expired_holds
from server.orders.models import Order, OrderLineItem, OrderStatus
from shared.languages import N_, Marked
from shared.order_status import HOLDS_SEAT, PENDING

SEAT_HOLDING_STATUSES = tuple(sorted(HOLDS_SEAT - {PENDING}))  # and pending ones with a live hold


def _holds_seat(now: dt.datetime):
    """shared.order_status.HOLDS_SEAT as SQL: a pending order only while its hold lasts."""
    return or_(
        Order.status.in_(SEAT_HOLDING_STATUSES),
        and_(Order.status == OrderStatus.PENDING, Order.hold_expires_at > now),
    )


def _sold_quantity(session: Session, conference_id: int, *conditions, now: dt.datetime | None = None) -> int:
    query = (
        select(func.coalesce(func.sum(OrderLineItem.quantity), 0))
        .join(Order, OrderLineItem.order_id == Order.id)
        .where(Order.conference_id == conference_id, _holds_seat(now or utcnow()), *conditions)
    )
    return int(session.scalar(query) or 0)


def get_global_sold_count(session: Session, conference: Conference, now: dt.datetime | None = None) -> int:
    """Tickets sold across all ticket types (add-ons excluded)."""
    return _sold_quantity(session, conference.id, OrderLineItem.addon_id.is_(None), now=now)


def get_global_remaining(session: Session, conference: Conference) -> int | None:
    """Seats left under the venue cap, or None when the conference is unlimited (capacity 0)."""
    if conference.total_capacity == 0:
        return None
    return conference.total_capacity - get_global_sold_count(session, conference)


def lock_conference(session: Session, conference_id: int) -> Conference:
    """Row-lock the conference: the one lock every seat-taking transaction of a conference queues on.

    Two buyers who both read "1 seat left" and both insert would oversell; with the lock the
    second one counts after the first has committed. (On SQLite the transaction already holds
    the write lock, see server.db.engine.)
    """
    return session.execute(
        select(Conference).where(Conference.id == conference_id).with_for_update().execution_options(populate_existing=True)
    ).scalar_one()


def validate_global_capacity(session: Session, conference: Conference, desired_total: int) -> None:
    """Raise if ``desired_total`` more tickets would exceed the venue capacity.

    Takes the conference lock first and only then looks at ``total_capacity``, so that a stale
    in-memory conference cannot bypass the limit. The lock is held until the caller's
    transaction ends.
    """
    locked = lock_conference(session, conference.id)  # re-read under the lock: seats_taken is current
    if locked.total_capacity == 0:
        return
    remaining = locked.total_capacity - locked.seats_taken
    if desired_total > remaining and release_expired_holds_of(session, locked.id):
        # Only when it would refuse: expired holds still in the counter must not block a sale.
        remaining = locked.total_capacity - _taken(session, Conference.seats_taken, Conference.id == locked.id)
    if desired_total > remaining:
        if remaining <= 0:
            raise Conflict(Marked(N_("This conference is sold out (venue capacity: %(capacity)s)."),
                                  capacity=locked.total_capacity), code="sold_out")
        raise Conflict(
            Marked(N_("Only %(remaining)s tickets remaining for this conference (venue capacity: %(capacity)s)."),
                   remaining=remaining, capacity=locked.total_capacity),
            code="capacity_exceeded",
        )


def _taken(session: Session, column, condition) -> int:
    """The counter as committed (not a stale in-memory copy): one indexed row, whatever was sold."""
    return int(session.scalar(select(column).where(condition).execution_options(populate_existing=True)) or 0)


def release_expired_holds_of(session: Session, conference_id: int) -> int:
    """Expired holds stop counting the moment a sale needs their seats (the periodic job may not have run yet)."""
    return release_expired_holds(session, conference_id=conference_id)  # flushes: the counters move


def validate_product_quantity(session: Session, product: TicketType | AddOn, desired: int) -> None:
    """Per-ticket-type / per-add-on limit. Call with the conference lock held (validate_global_capacity)."""
    if product.total_quantity == 0:
        return
    model = type(product)
    remaining = product.total_quantity - _taken(session, model.quantity_taken, model.id == product.id)
    if desired > remaining and release_expired_holds_of(session, product.conference_id):
        remaining = product.total_quantity - _taken(session, model.quantity_taken, model.id == product.id)
    if desired > remaining:
        if remaining <= 0:
            raise Conflict(Marked(N_("'%(name)s' is sold out."), name=product.name), code="sold_out")
        raise Conflict(Marked(N_("Only %(remaining)s of '%(name)s' remaining."), remaining=remaining, name=product.name),
                       code="capacity_exceeded")
