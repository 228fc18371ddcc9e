"""Writing many ticket holders at once: one order, its line items and one attendee each.

Used by the CSV import and the demo data. Rows go in as multi-row INSERTs (SQLAlchemy's
"insertmanyvalues" with RETURNING), which is what makes 10,000 attendees take seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from server.attendees.access_codes import ALPHABET, MAX_ATTEMPTS, new_access_codes
from server.attendees.models import Attendee
from server.capacity.counters import add_orders
from server.conferences.models import AddOn, Conference, TicketType
from server.db.base import utcnow
from server.feed_versions import allocate_versions
from server.orders.models import Order, OrderLineItem, OrderStatus
from shared.order_status import holds_seat

BATCH = 5000


@dataclass(frozen=True)
class TicketHolder:
    first_name: str
    last_name: str
    email: str
    ticket_type: TicketType
    company: str = ""
    addons: tuple[tuple[AddOn, int], ...] = ()
    access_code: str | None = None
    language: str | None = None  # shared.languages.SHIPPED_LANGUAGES; None: not known
    status: OrderStatus = OrderStatus.PAID
    hold_expires_at: dt.datetime | None = None
    checked_in_at: dt.datetime | None = None
    amount_refunded_share: float = 0.0  # of the order total, for refunded / partially refunded orders
    extra: dict = field(default_factory=dict)


def _new_references(session: Session, count: int) -> list[str]:
    """``count`` unused order references; gives up after MAX_ATTEMPTS rounds, like the access codes."""
    references: set[str] = set()
    for _ in range(MAX_ATTEMPTS):
        if len(references) == count:
            return list(references)
        candidates = {"ORD-" + "".join(secrets.choice(ALPHABET) for _ in range(8)) for _ in range(count - len(references))}
        candidates -= set(session.scalars(select(Order.reference).where(Order.reference.in_(candidates))))
        references |= candidates
    if len(references) == count:
        return list(references)
    raise RuntimeError(f"Failed to generate unique order references after {MAX_ATTEMPTS} attempts.")


def write_ticket_holders(session: Session, conference: Conference, holders: Sequence[TicketHolder]) -> list[int]:
    """Insert every holder with its order; returns the new attendee ids in input order."""
    now = utcnow()
    attendee_ids: list[int] = []
    reserved = {h.access_code for h in holders if h.access_code}
    for start in range(0, len(holders), BATCH):
        batch = holders[start : start + BATCH]
        fresh_codes = iter(new_access_codes(session, conference.id, sum(1 for h in batch if not h.access_code), reserved))
        references = _new_references(session, len(batch))
        order_rows = []
        for holder, reference in zip(batch, references, strict=True):
            lines = [(holder.ticket_type.price, 1), *((addon.price, qty) for addon, qty in holder.addons)]
            total = sum(price * qty for price, qty in lines)
            order_rows.append(
                {
                    "conference_id": conference.id,
                    "reference": reference,
                    "status": holder.status,
                    "email": holder.email,
                    "subtotal": total,
                    "discount_amount": 0,
                    "total": total,
                    "amount_refunded": (total * Decimal(str(holder.amount_refunded_share))).quantize(Decimal("0.01")),
                    "hold_expires_at": holder.hold_expires_at,
                    "paid_at": now if holder.status is not OrderStatus.PENDING else None,
                    "attendee_details": [
                        {"first_name": holder.first_name, "last_name": holder.last_name,
                         "email": holder.email, "company": holder.company}
                    ] if holder.status is OrderStatus.PENDING else [],
                    "created_at": now,
                    "updated_at": now,
                }
            )
        order_ids = session.scalars(insert(Order).returning(Order.id, sort_by_parameter_order=True), order_rows).all()

        line_rows: list[dict[str, Any]] = []  # OrderLineItem columns
        attendee_rows = []
        for holder, order_id in zip(batch, order_ids, strict=True):
            line_rows.append(
                {"order_id": order_id, "ticket_type_id": holder.ticket_type.id, "addon_id": None,
                 "description": holder.ticket_type.name, "quantity": 1, "unit_price": holder.ticket_type.price,
                 "discount_amount": 0, "line_total": holder.ticket_type.price}
            )
            for addon, quantity in holder.addons:
                line_rows.append(
                    {"order_id": order_id, "ticket_type_id": None, "addon_id": addon.id, "description": addon.name,
                     "quantity": quantity, "unit_price": addon.price, "discount_amount": 0,
                     "line_total": addon.price * quantity}
                )
            # Only a pending order has no attendee yet: attendees are made when it is paid.
            if holder.status is not OrderStatus.PENDING:
                attendee_rows.append(
                    {"conference_id": conference.id, "order_id": order_id, "ticket_type_id": holder.ticket_type.id,
                     "first_name": holder.first_name, "last_name": holder.last_name, "email": holder.email,
                     "company": holder.company, "access_code": holder.access_code or next(fresh_codes),
                     "language": holder.language,
                     "checked_in_at": holder.checked_in_at, "created_at": now, "updated_at": now}
                )
        session.execute(insert(OrderLineItem), line_rows)
        holding = {order_id for order_id, holder in zip(order_ids, batch, strict=True)
                   if holds_seat(holder.status, holder.hold_expires_at)}
        add_orders(session, conference.id, ((r["ticket_type_id"], r["addon_id"], r["quantity"]) for r in line_rows
                                            if r["order_id"] in holding))
        if attendee_rows:
            # Core inserts bypass the before_flush stamping; reserve the block of feed versions here.
            first_version = allocate_versions(session, conference.id, len(attendee_rows))
            for offset, row in enumerate(attendee_rows):
                row["sync_version"] = first_version + offset
            attendee_ids += session.scalars(
                insert(Attendee).returning(Attendee.id, sort_by_parameter_order=True), attendee_rows
            ).all()
    session.flush()
    if session.get_bind().dialect.name == "postgresql" and len(holders) >= 1000:
        # Fresh statistics: without them the planner took a nested loop over the new rows
        # (minutes for a SUM over 100,000 orders right after an import).
        session.execute(text("ANALYZE orders, order_line_items, attendees"))
    return attendee_ids
