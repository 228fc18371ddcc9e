"""Holds: a pending order keeps its seats and its voucher use for 15 minutes, then gives them back.

Below both orders and capacity: capacity frees expired holds the moment a sale needs their seats,
and orders place and cancel them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.db.base import utcnow
from server.orders.models import Order, OrderStatus
from server.vouchers.models import Voucher


def release_expired_holds(session: Session, now: dt.datetime | None = None, *, conference_id: int | None = None) -> int:
    """Cancel every PENDING order whose hold has expired, giving back its voucher use. Returns how many."""
    now = now or utcnow()
    query = select(Order).where(Order.status == OrderStatus.PENDING, Order.hold_expires_at <= now)
    if conference_id is not None:
        query = query.where(Order.conference_id == conference_id)
    expired = session.scalars(query.with_for_update(skip_locked=True)).all()
    for order in expired:
        release_voucher_use(session, order)
        order.status = OrderStatus.CANCELLED
        order.hold_expires_at = None
    session.flush()
    return len(expired)


def release_voucher_use(session: Session, order: Order) -> None:
    if order.voucher_id is not None:
        session.execute(
            update(Voucher)
            .where(Voucher.id == order.voucher_id, Voucher.times_used > 0)
            .values(times_used=Voucher.times_used - 1)
        )
