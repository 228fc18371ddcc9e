"""Payment taken at the registration desk: cash, or the desk's own card terminal (not Stripe); and
refunds paid outside Stripe, for orders whose money did not come through Stripe.

The order becomes PAID through the orders service (``mark_paid``), so seat counters, attendees and
the kiosks' change feed follow as for any payment; the money is recorded with who took it, how,
and how much.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.capacity.service import lock_conference, validate_global_capacity, validate_product_quantity
from server.conferences.models import AddOn, TicketType
from server.db.base import utcnow
from server.errors import Conflict, InvalidInput
from server.orders.models import Order, OrderStatus
from server.orders.service import lock_order, mark_paid, refund_order
from server.payments.models import DeskPayment, DeskPaymentMethod, RefundMethod, RefundOutsideStripe
from shared.languages import N_, Marked


def take_desk_payment(session: Session, order: Order, *, method: DeskPaymentMethod | str, amount: Decimal,
                      taken_by_user_id: int | None, taken_by: str, now: dt.datetime | None = None) -> DeskPayment:
    """Record ``amount`` taken for a PENDING order and make it PAID.

    The amount must be the order's total: the desk takes the whole price or nothing (a partial
    payment would leave an order neither paid nor pending). A pending order whose seats are not
    held (no hold: written pending, or its hold gone) is checked against capacity first, under the
    conference lock, as a new sale would be: paying at the desk never oversells the venue.
    """
    now = now or utcnow()
    try:
        method = DeskPaymentMethod(method)
    except ValueError:
        raise InvalidInput(Marked(N_("Choose how it was paid: cash or card terminal.")),
                           code="bad_payment_method") from None
    # The conference lock first, as every seat-taking transaction takes it (orders.service docstring).
    conference = lock_conference(session, order.conference_id)
    order = lock_order(session, order.id)
    if order.status is not OrderStatus.PENDING:
        raise Conflict(Marked(N_("Order %(reference)s is %(status)s; only a pending order can be paid."),
                              reference=order.reference, status=order.status.label.lower()),
                       code="order_not_pending")
    if amount != order.total:
        raise InvalidInput(Marked(N_("The amount taken (%(amount)s) is not the order's total (%(total)s): take "
                                     "%(total)s."), amount=str(amount), total=str(order.total)), code="wrong_amount")
    if order.hold_expires_at is None:  # its seats are not counted: take them now, if they are still there
        validate_global_capacity(session, conference, order.ticket_count)
        for item in order.line_items:
            product = (session.get(TicketType, item.ticket_type_id) if item.addon_id is None
                       else session.get(AddOn, item.addon_id))
            if product is not None:
                validate_product_quantity(session, product, item.quantity)
    if session.scalar(select(DeskPayment.id).where(DeskPayment.order_id == order.id)) is not None:
        raise Conflict(Marked(N_("A desk payment for %(reference)s is already recorded."), reference=order.reference),
                       code="already_paid")
    mark_paid(session, order, now=now)
    payment = DeskPayment(conference_id=order.conference_id, order_id=order.id, method=method, amount=amount,
                          taken_by_user_id=taken_by_user_id, taken_by=taken_by[:300], taken_at=now)
    session.add(payment)
    session.flush()
    return payment


def record_refund_outside_stripe(session: Session, order: Order, *, method: RefundMethod | str, amount: Decimal,
                                 refunded_before: Decimal | None, recorded_by_user_id: int | None,
                                 recorded_by: str, now: dt.datetime | None = None) -> RefundOutsideStripe:
    """Record money given back for an order that was not paid through Stripe, and refund it by that much.

    An order paid through Stripe is refused: its money goes back through Stripe, so that what Stripe
    says and what we say agree. ``refunded_before`` is what the person saw refunded when they asked;
    if more has been refunded since (a second click), nothing is recorded.
    """
    try:
        method = RefundMethod(method)
    except ValueError:
        raise InvalidInput(Marked(N_("Choose how the money went back: cash, card terminal or bank transfer.")),
                           code="bad_refund_method") from None
    order = lock_order(session, order.id)
    if order.stripe_payment_intent_id:
        raise Conflict(Marked(N_("Order %(reference)s was paid through Stripe: refund it through Stripe, so that "
                                 "Stripe's record and ours agree. Nothing was recorded."), reference=order.reference),
                       code="paid_through_stripe")
    if refunded_before is not None and order.amount_refunded != refunded_before:
        raise Conflict(Marked(N_("Order %(reference)s has had %(refunded)s refunded since this page was loaded "
                                 "(%(before)s then); nothing more was recorded. Look again first."),
                              reference=order.reference, refunded=str(order.amount_refunded), before=str(refunded_before)),
                       code="refunded_meanwhile")
    if order.status in (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED) and order.total == 0:
        raise Conflict(Marked(N_("Order %(reference)s cost nothing (comp): there is no money to give back."),
                              reference=order.reference), code="nothing_paid")
    refund_order(session, order, amount)  # its own checks: a paid order, 0 < amount ≤ what is left
    refund = RefundOutsideStripe(conference_id=order.conference_id, order_id=order.id, method=method, amount=amount,
                                 recorded_by_user_id=recorded_by_user_id, recorded_by=recorded_by[:300],
                                 recorded_at=now or utcnow())
    session.add(refund)
    session.flush()
    return refund
