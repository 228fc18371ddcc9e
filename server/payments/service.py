"""Refunds through Stripe: the checks, the call to Stripe and the record, in that order.

Each operation takes the session factory rather than a session because it needs three steps with
no transaction open in the middle one: read and check, ask Stripe (a slow answer must not stall
every other writer behind a lock), then a short locked write. Stripe's own ``charge.refunded``
webhook may land in between; both paths end in the same state, whichever comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session, sessionmaker

from server.db.engine import unit_of_work
from server.errors import Conflict, InvalidInput, NotFound
from server.orders.models import Order, OrderStatus
from server.orders.service import get_order, lock_order, refund_order
from server.payments.gateway import PaymentProviderError, StripeGateway
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus
from server.sponsors import bulk_purchases
from server.sponsors.bulk_purchases import BulkPurchaseError
from shared.languages import N_, Marked

REFUNDABLE = (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED)


@dataclass(frozen=True)
class StripeOrderRefund:
    """What Stripe answered to an order's refund, and the order as recorded after it."""

    order: Order
    amount: Decimal
    stripe_refund_id: str
    stripe_status: str  # Stripe's word: "succeeded", or "pending" (the bank has not confirmed it yet)


def refund_order_through_stripe(factory: sessionmaker[Session], reference: str,
                                amount: Decimal | None = None, *, conference_id: int | None = None,
                                refunded_before: Decimal | None = None) -> StripeOrderRefund:
    """Refund ``amount`` of an order (default: all that is left); a full refund stops its badges at the door.

    Only an order paid through Stripe (it has a payment intent) and a conference with a Stripe key:
    anything else is refused with the reason and nothing is recorded, since a refund recorded here
    that Stripe never made would say money went back when none did. The refund is recorded only
    after Stripe has answered that it made it.

    ``conference_id``: an order of another conference is not found. ``refunded_before``: what the
    person saw already refunded when they asked (the console's form carries it); if more has been
    refunded since (their own first click, another organizer, Stripe's webhook), nothing is done, so
    a second click on the same form never refunds twice.
    """
    with unit_of_work(factory) as session:
        order = get_order(session, reference)
        if conference_id is not None and order.conference_id != conference_id:
            raise NotFound(f"No order '{reference}'.")
        if refunded_before is not None and order.amount_refunded != refunded_before:
            raise Conflict(Marked(N_("Order %(reference)s has had %(refunded)s refunded since this page was loaded "
                                     "(%(before)s then); nothing more was refunded. Look again before refunding."),
                                  reference=reference, refunded=str(order.amount_refunded), before=str(refunded_before)),
                           code="refunded_meanwhile")
        if order.status not in REFUNDABLE:
            raise Conflict(Marked(N_("Order %(reference)s is %(status)s; only a paid order can be refunded."),
                                  reference=reference, status=Marked.lowercased(order.status.label)))
        payment_intent = order.stripe_payment_intent_id
        if not payment_intent:
            raise Conflict(Marked(N_("Order %(reference)s was not paid through Stripe (it has no Stripe payment), so "
                                     "nothing can go back through Stripe; nothing was refunded. If the money was "
                                     "returned another way (cash, card terminal, bank transfer), record a refund "
                                     "paid outside Stripe."), reference=reference),
                           code="not_paid_through_stripe")
        refundable = order.total - order.amount_refunded
        value = refundable if amount is None else amount
        if value <= 0 or value > refundable:
            raise InvalidInput(Marked(N_("Refund amount must be more than 0 and at most %(refundable)s for order "
                                         "%(reference)s."), refundable=str(refundable), reference=reference))
        target = order.amount_refunded + value  # what will have been refunded after this one
        gateway = StripeGateway(order.conference)  # refuses, saying why, when the conference has no Stripe key
    # Keyed by the target: a retry of the same refund is one refund at Stripe.
    refund = gateway.refund(payment_intent, amount, idempotency_key=f"refund-order-{order.id}-{target}")
    if refund.status in ("failed", "canceled"):
        raise PaymentProviderError(Marked(N_("Stripe answered that the refund %(refund)s %(status)s; nothing was "
                                               "recorded as refunded."), refund=refund.id, status=refund.status))
    with unit_of_work(factory) as session:
        order = lock_order(session, order.id)
        if order.amount_refunded < target:  # else Stripe's webhook has recorded it already
            order = refund_order(session, order, target - order.amount_refunded)
        return StripeOrderRefund(order=order, amount=value, stripe_refund_id=refund.id,
                                 stripe_status=refund.status or "")


@dataclass(frozen=True)
class BulkRefund:
    purchase_id: int
    paid_through_stripe: bool
    codes_deactivated: int


def refund_bulk_purchase_through_stripe(factory: sessionmaker[Session], purchase_id: int, *,
                                        conference_id: int | None = None) -> BulkRefund:
    """Refund a sponsor's bulk purchase: its Stripe payment (if it was paid) and every code stops working.

    Only a paid purchase (a fulfilled comp deal is paid too): a pending one has nothing to refund
    (mark it failed), and a refunded one is not refunded twice.
    """
    with unit_of_work(factory) as session:
        purchase = session.get(BulkPurchase, purchase_id)
        if purchase is None or (conference_id is not None and purchase.conference_id != conference_id):
            raise NotFound(Marked(N_("No bulk purchase #%(number)s."), number=purchase_id))
        if purchase.payment_status is not BulkPurchaseStatus.PAID:
            raise BulkPurchaseError(Marked(N_("Cannot refund purchase in '%(state)s' state; only a paid purchase can "
                                              "be refunded."), state=bulk_purchases.state_word(purchase)))
        payment_intent = purchase.stripe_payment_intent_id
        if not payment_intent and not purchase.is_comp:
            raise BulkPurchaseError(Marked(N_("Purchase #%(number)s has no Stripe payment on record, so nothing can go "
                                              "back through Stripe; nothing was refunded and its codes still work."),
                                           number=purchase_id))
        gateway = StripeGateway(purchase.conference) if payment_intent else None
    if gateway is not None and payment_intent:
        gateway.refund(payment_intent, None, idempotency_key=f"refund-bulk-purchase-{purchase_id}")
    with unit_of_work(factory) as session:
        deactivated = bulk_purchases.refund_bulk_purchase(session, bulk_purchases.lock(session, purchase_id))
    return BulkRefund(purchase_id, bool(payment_intent), deactivated)
