"""Stripe Checkout: for a pending order (one line per ticket type / add-on) and for a sponsor's bulk purchase."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.errors import Conflict, NotFound
from server.orders.models import Order, OrderStatus
from server.orders.service import get_order, lock_order
from server.payments.gateway import PaymentProviderError, StripeGateway, to_minor_units
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus
from server.sponsors.repository import bulk_purchase_by_checkout_session, bulk_purchase_for_checkout
from server.sponsors import bulk_purchases
from server.sponsors.bulk_purchases import BulkPurchaseError, state_word
from shared.languages import N_, Marked

if TYPE_CHECKING:  # types only: the stripe library is loaded when a session is made (server/payments/gateway.py)
    from stripe.params.checkout import SessionCreateParams, SessionCreateParamsLineItem

logger = logging.getLogger(__name__)

# Stripe's shortest Checkout lifetime; the order's hold is stretched to cover it, so a buyer who pays
# in minute 29 does not find their seats given away in minute 15.
CHECKOUT_LIFETIME = dt.timedelta(minutes=30)
HOLD_MARGIN = dt.timedelta(minutes=1)  # the hold outlives the session, so "expired" always comes first


@dataclass(frozen=True)
class CheckoutStarted:
    session_id: str
    url: str
    expires_at: dt.datetime


def order_line_items(order: Order, currency: str) -> list[SessionCreateParamsLineItem]:
    """Stripe line items whose sum is exactly the order total (discounts included)."""
    lines: list[SessionCreateParamsLineItem] = []
    for item in order.line_items:
        total = to_minor_units(item.line_total, currency)
        if total == 0:
            continue  # a comped line: nothing to pay for
        quantity, unit = (item.quantity, total // item.quantity) if total % item.quantity == 0 else (1, total)
        name = item.description if quantity == item.quantity else f"{item.quantity} × {item.description}"
        lines.append({"price_data": {"currency": currency, "unit_amount": unit,
                                     "product_data": {"name": name[:5000]}}, "quantity": quantity})
    return lines


def start_order_checkout(factory: sessionmaker[Session], reference: str, *, success_url: str, cancel_url: str,
                         now: dt.datetime | None = None) -> CheckoutStarted:
    """A Checkout Session for a PENDING order; asking twice gives the same session (idempotency key).

    Three steps, so that no transaction is open while Stripe answers (it may take seconds, and on
    SQLite a transaction holds the one write lock from its first statement: every other buyer would
    wait): read the order, ask Stripe, then lock the order for a short write that re-checks it.
    """
    now = now or utcnow()
    with unit_of_work(factory) as session:
        order = get_order(session, reference)
        _check_payable(order, now)
        gateway = StripeGateway(order.conference)
        if order.stripe_checkout_session_id and order.hold_expires_at is not None:
            # Asked again: send exactly the first request's parameters (the hold was set from its
            # expiry), or Stripe answers the reused idempotency key with an idempotency_error.
            expires_at = order.hold_expires_at - HOLD_MARGIN
        else:
            expires_at = now + CHECKOUT_LIFETIME + dt.timedelta(seconds=30)
        order_id, conference_id = order.id, order.conference_id
        params: SessionCreateParams = {
            "mode": "payment",
            "line_items": order_line_items(order, gateway.currency),
            "client_reference_id": order.reference,
            "metadata": {"order_id": str(order.id), "order_reference": order.reference,
                         "conference_id": str(conference_id)},
            "payment_intent_data": {"metadata": {"order_id": str(order.id), "conference_id": str(conference_id)}},
            "expires_at": int(expires_at.timestamp()),
            "success_url": success_url,
            "cancel_url": cancel_url,
        }
        if order.email:  # left out, as the Stripe library leaves out a None: the same request each time
            params["customer_email"] = order.email
    checkout = gateway.create_checkout_session(params, idempotency_key=f"order-{order_id}-checkout")
    url = checkout.url
    if url is None:  # only a completed or expired session has none
        raise PaymentProviderError("Stripe answered with a Checkout Session that has no URL.")
    with unit_of_work(factory) as session:
        # Locked and re-checked: a hold released while Stripe answered is not silently revived.
        order = lock_order(session, order_id)
        if order.status is not OrderStatus.PENDING:
            raise Conflict(f"Order {order.reference} was {order.status.label.lower()} while Checkout started.",
                           code="order_not_pending")
        order.stripe_checkout_session_id = checkout.id
        stripe_expiry = dt.datetime.fromtimestamp(int(expires_at.timestamp()), dt.UTC)
        order.hold_expires_at = max(order.hold_expires_at or now, stripe_expiry + HOLD_MARGIN)
    return CheckoutStarted(session_id=checkout.id, url=url, expires_at=stripe_expiry)


def _check_payable(order: Order, now: dt.datetime) -> None:
    if order.status is not OrderStatus.PENDING:
        raise Conflict(f"Order {order.reference} is {order.status.label.lower()}; only a pending order can be paid.",
                       code="order_not_pending")
    if order.hold_expires_at is not None and order.hold_expires_at <= now:
        raise Conflict(f"The hold on order {order.reference} has expired; place the order again.", code="hold_expired")
    if order.total <= 0:
        raise Conflict(f"Order {order.reference} has nothing to pay.", code="nothing_to_pay")


def start_bulk_purchase_checkout(factory: sessionmaker[Session], purchase_id: int, *, success_url: str,
                                  cancel_url: str, conference_id: int | None = None) -> str:
    """The Checkout link that pays a PENDING bulk purchase (the CLI and the console both ask here).

    Two units of work: one that reads the purchase with what its Checkout needs, and a fresh one in
    which nothing has run yet, where create_checkout_session calls Stripe before its first statement
    (the purchase lock): no transaction or lock is held while Stripe answers. ``conference_id``: a
    purchase of another conference is not found.
    """
    with unit_of_work(factory) as session:
        purchase = bulk_purchase_for_checkout(session, purchase_id)
        if purchase is None or (conference_id is not None and purchase.conference_id != conference_id):
            raise NotFound(Marked(N_("No bulk purchase #%(number)s."), number=purchase_id))
    with unit_of_work(factory) as session:
        return BulkPurchaseCheckout.create_checkout_session(session, purchase, success_url, cancel_url)


def bulk_purchase_checkout_link(factory: sessionmaker[Session], purchase_id: int, *, conference_id: int) -> str:
    """The link of the Checkout Session a PROCESSING purchase already has (asked of Stripe, which keeps it)."""
    with unit_of_work(factory) as session:
        purchase = bulk_purchase_for_checkout(session, purchase_id)
        if purchase is None or purchase.conference_id != conference_id:
            raise NotFound(Marked(N_("No bulk purchase #%(number)s."), number=purchase_id))
        if purchase.payment_status is not BulkPurchaseStatus.PROCESSING or not purchase.stripe_checkout_session_id:
            raise BulkPurchaseError(Marked(N_("Purchase #%(number)s has no open Checkout link (it is %(status)s)."),
                                           number=purchase_id, status=Marked.lowercased(purchase.payment_status.label)))
        gateway, session_id = StripeGateway(purchase.conference), purchase.stripe_checkout_session_id
    checkout = gateway.retrieve_checkout_session(session_id)  # no transaction open while Stripe answers
    if checkout.status != "open" or not checkout.url:
        raise BulkPurchaseError(Marked(N_("The Checkout Session of purchase #%(number)s is %(status)s: its link no "
                                          "longer works."), number=purchase_id, status=checkout.status))
    return str(checkout.url)


class BulkPurchaseCheckout:
    """Stripe Checkout for bulk purchases: an approved purchase is paid through a Checkout Session, and its
    completion fulfils it (here rather than in sponsors: Stripe is called from payments only)."""

    @staticmethod
    def create_checkout_session(session: Session, bulk_purchase: BulkPurchase, success_url: str, cancel_url: str) -> str:
        """A Checkout Session for the purchase total; PENDING → PROCESSING. Returns the Checkout URL.

        Idempotency key ``bulk-purchase-{id}``: asking again (a double click, a retry after a
        timeout) gets the same session from Stripe, never a second one.
        """
        if bulk_purchase.payment_status is not BulkPurchaseStatus.PENDING:
            raise BulkPurchaseError(Marked(N_("Cannot create checkout for purchase in '%(state)s' state."),
                                           state=state_word(bulk_purchase)))
        if bulk_purchase.total_amount <= Decimal("0.00"):
            raise BulkPurchaseError(Marked(N_("Cannot create a checkout session for a zero-amount purchase.")))
        conference = bulk_purchase.conference
        gateway = StripeGateway(conference)
        currency = gateway.currency
        description = bulk_purchase.product_description or f"Bulk voucher purchase ({bulk_purchase.quantity} codes)"
        checkout = gateway.create_checkout_session({
            "mode": "payment",
            "line_items": [{
                "price_data": {
                    "currency": currency,
                    "unit_amount": to_minor_units(bulk_purchase.unit_price, currency),
                    "product_data": {"name": description, "metadata": {
                        "bulk_purchase_id": str(bulk_purchase.id), "sponsor_id": str(bulk_purchase.sponsor_id or "")}},
                },
                "quantity": bulk_purchase.quantity,
            }],
            "metadata": {"bulk_purchase_id": str(bulk_purchase.id), "conference_id": str(conference.id),
                         "sponsor_id": str(bulk_purchase.sponsor_id or "")},
            "success_url": success_url,
            "cancel_url": cancel_url,
        }, idempotency_key=f"bulk-purchase-{bulk_purchase.id}")
        bp = bulk_purchases.lock(session, bulk_purchase.id)
        bp.stripe_checkout_session_id = checkout.id
        bp.payment_status = BulkPurchaseStatus.PROCESSING
        session.flush()
        logger.info("Created Stripe Checkout Session %s for BulkPurchase #%s (sponsor=%s, amount=%s)", checkout.id,
                    bp.id, bp.sponsor.name if bp.sponsor else "-", to_minor_units(bp.total_amount, currency))
        return str(checkout.url)

    @staticmethod
    def handle_checkout_webhook(session: Session, session_id: str, payment_intent_id: str | None = None) -> BulkPurchase | None:
        """``checkout.session.completed`` for a bulk purchase: fulfil it. None if no purchase has this session.

        A purchase that cannot be fulfilled (say it was marked failed when its session expired) is
        set to FAILED (the money arrived for codes that will not be handed out: a refund is due); the caller
        records that on the event for a person to act on.
        """
        bp = bulk_purchase_by_checkout_session(session, session_id)
        if bp is None:
            logger.debug("No BulkPurchase found for checkout session %s (likely a regular checkout)", session_id)
            return None
        if payment_intent_id and bp.stripe_payment_intent_id is None:
            bp.stripe_payment_intent_id = payment_intent_id
        if bp.is_fulfilled and bp.payment_status is BulkPurchaseStatus.PAID:
            logger.info("BulkPurchase #%s already fulfilled for session %s", bp.id, session_id)
            return bp
        try:
            with session.begin_nested():
                bulk_purchases.fulfill_bulk_purchase(session, bp)
        except BulkPurchaseError:
            logger.exception("Failed to fulfill BulkPurchase #%s from webhook (session=%s)", bp.id, session_id)
            session.execute(update(BulkPurchase).where(BulkPurchase.id == bp.id)
                            .values(payment_status=BulkPurchaseStatus.FAILED))
            return None
        session.refresh(bp)
        return bp
