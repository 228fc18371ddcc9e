"""Stripe webhooks: verify, record, then apply each event's effect exactly once.

1. Verify the signature with the conference's webhook secret (tolerance 300 s). A bad or missing
   signature is refused (400) before anything is written.
2. Record the event under Stripe's event id (its primary key) in its own transaction, so even a
   handler that fails leaves a trace, and two deliveries cannot both insert it.
3. Process it in a second transaction that first locks the event row: a second delivery of the
   same event, even at the same moment, waits there and then finds it processed. The handler's
   effects and ``processed_at`` commit together, so "done" always means "its effect happened".

A handler that raises rolls back its effects; the failure is recorded (``attempts``,
``last_error``), the answer is 500 so Stripe delivers again, and the server's periodic job retries
it too. Nothing is swallowed: ``doorstation stripe events --problems`` lists what needs a person.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from server.conferences.models import Conference
from server.conferences.service import get_conference
from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.errors import Conflict, DomainError, NotFound
from server.orders.models import Order, OrderStatus
from server.orders.service import cancel_order, mark_paid, refund_order
from server.payments.checkout import BulkPurchaseCheckout
from server.payments.gateway import from_minor_units, to_minor_units
from server.payments.models import StripeEvent
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus
from server.sponsors import bulk_purchases
from shared.languages import N_, Marked

logger = logging.getLogger(__name__)

SIGNATURE_TOLERANCE_SECONDS = 300


class WebhookRejected(DomainError):
    code = "webhook_rejected"
    http_status = 400


class HandlerFailed(DomainError):
    """The event is recorded but its effect could not be applied; it will be retried."""

    code = "webhook_handler_failed"
    http_status = 500


@dataclass(frozen=True)
class WebhookResult:
    event_id: str
    outcome: str  # processed | duplicate | ignored
    note: str = ""


def verify(conference: Conference, payload: bytes, signature: str | None) -> dict[str, Any]:
    if not conference.stripe_webhook_secret:
        raise WebhookRejected(f"Conference {conference.slug} has no Stripe webhook secret configured.")
    if not signature:
        raise WebhookRejected("Missing Stripe-Signature header.")
    import stripe  # here, not at the top: ~10 MB in every server worker, for the few requests Stripe sends

    try:
        stripe.Webhook.construct_event(payload, signature, conference.stripe_webhook_secret,
                                       tolerance=SIGNATURE_TOLERANCE_SECONDS)
    except stripe.SignatureVerificationError as error:
        raise WebhookRejected(f"Signature verification failed: {error.user_message or error}") from None
    except ValueError:
        raise WebhookRejected("The body is not a Stripe event (invalid JSON).") from None
    event = json.loads(payload)
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) or not isinstance(event.get("type"), str):
        raise WebhookRejected("The body is not a Stripe event (no id or type).")
    return event


def receive(factory: sessionmaker, conference_slug: str, payload: bytes, signature: str | None) -> WebhookResult:
    """Verify, record and process one delivery (the HTTP route's whole job)."""
    with unit_of_work(factory) as session:
        conference = get_conference(session, conference_slug)  # unknown conference: 404, nothing written
        event = verify(conference, payload, signature)
        conference_id = conference.id
    try:
        with unit_of_work(factory) as session:
            existing = session.get(StripeEvent, event["id"])
            if existing is None:
                session.add(StripeEvent(id=event["id"], conference_id=conference_id, type=event["type"], payload=event))
            elif existing.conference_id != conference_id:
                raise WebhookRejected(f"Event {event['id']} was delivered for another conference.")
    except IntegrityError:
        pass  # the same event, delivered at the same moment, was recorded by the other delivery
    return process(factory, event["id"])


def process(factory: sessionmaker, event_id: str) -> WebhookResult:
    try:
        with unit_of_work(factory) as session:
            row = session.execute(select(StripeEvent).where(StripeEvent.id == event_id).with_for_update()
                                  .execution_options(populate_existing=True)).scalar_one()  # recorded before
            if row.processed_at is not None:
                return WebhookResult(event_id, "duplicate", row.last_error or "")
            note = apply(session, row)
            row.attempts += 1
            row.processed_at = utcnow()
            row.last_error = note or None  # a note is something a person should look at
            return WebhookResult(event_id, "processed" if row.type in HANDLERS else "ignored", note)
    except Exception as error:
        with unit_of_work(factory) as session:
            row = session.get_one(StripeEvent, event_id)
            row.attempts += 1
            row.last_error = f"{error.__class__.__name__}: {error}"[:2000]
        logger.exception("Stripe event %s failed; it will be retried", event_id)
        # (a refusal's own text, not str() of it: a Marked one keeps its words for the Stripe events page)
        why = error.message if isinstance(error, DomainError) else str(error)
        raise HandlerFailed(Marked(N_("Event %(event)s is recorded but could not be applied: %(why)s"), event=event_id,
                                   why=why)) from error


def retry_unprocessed(factory: sessionmaker, *, max_attempts: int = 10) -> int:
    """Process again every recorded event whose handler failed (the periodic job and the CLI)."""
    with unit_of_work(factory) as session:
        ids = session.scalars(select(StripeEvent.id).where(StripeEvent.processed_at.is_(None),
                                                          StripeEvent.attempts < max_attempts)).all()
    done = 0
    for event_id in ids:
        try:
            process(factory, event_id)
            done += 1
        except HandlerFailed:
            continue
    return done


def retry_event(factory: sessionmaker, conference_id: int, event_id: str) -> WebhookResult:
    """Apply again one recorded event of this conference whose handler failed (the console's "Retry").

    Raises NotFound for another conference's event, Conflict for one already applied (retrying it
    would change nothing), and HandlerFailed when it fails again (recorded on the event).
    """
    with unit_of_work(factory) as session:
        row = session.get(StripeEvent, event_id)
        if row is None or row.conference_id != conference_id:
            raise NotFound(f"No Stripe event {event_id}.")
        if row.processed_at is not None:
            raise Conflict(Marked(N_("Event %(event)s was applied already; retrying it would change nothing."),
                                  event=event_id),
                           code="event_applied")
    return process(factory, event_id)


# Handlers: each returns "" or a note for a person, and raises to roll back and retry. -----------

def apply(session: Session, row: StripeEvent) -> str:
    handler = HANDLERS.get(row.type)
    if handler is None:
        return ""
    conference = session.get_one(Conference, row.conference_id)
    return handler(session, conference, row.payload["data"]["object"])


def _order_for_session(session: Session, conference: Conference, checkout: dict) -> Order | None:
    order_id = (checkout.get("metadata") or {}).get("order_id")
    if not order_id or not str(order_id).isdigit():
        return None
    order = session.get(Order, int(order_id))
    if order is None or order.conference_id != conference.id or order.stripe_checkout_session_id != checkout["id"]:
        return None  # metadata naming an order that never started this session: not ours to touch
    return order


def _charge_mismatch(checkout: dict, expected_total, currency: str, what: str) -> str:
    """"" if Stripe charged exactly what we asked for, in our currency; else a note for a person.

    A session could otherwise pay for something it never priced (a session of another conference,
    one created elsewhere with our metadata, a total changed after it was started).
    """
    expected = to_minor_units(expected_total, currency)
    charged, charged_currency = checkout.get("amount_total"), str(checkout.get("currency") or "").lower()
    if charged != expected or charged_currency != currency.lower():
        return (f"{what}: Stripe charged {charged} {charged_currency.upper() or '(no currency)'} but it costs "
                f"{expected} {currency.upper()} (minor units); nothing fulfilled: refund the payment or fix it.")
    return ""


def checkout_completed(session: Session, conference: Conference, checkout: dict) -> str:
    if checkout.get("payment_status") != "paid":
        return ""  # delayed payment methods: wait for the async success event
    metadata = checkout.get("metadata") or {}
    payment_intent = checkout.get("payment_intent")
    if metadata.get("bulk_purchase_id"):
        return _bulk_purchase_paid(session, conference, checkout, payment_intent)
    order = _order_for_session(session, conference, checkout)
    if order is None:
        return f"No order of {conference.slug} started Checkout Session {checkout['id']}."
    if order.status in (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED):
        return ""
    mismatch = _charge_mismatch(checkout, order.total, conference.currency, f"Order {order.reference}")
    if mismatch:
        return mismatch
    try:
        with session.begin_nested():
            mark_paid(session, order, payment_intent_id=payment_intent)
    except DomainError as error:
        return error.message  # e.g. paid after its hold was released and the seats are gone
    return ""


def _bulk_purchase_paid(session: Session, conference: Conference, checkout: dict, payment_intent: str | None) -> str:
    # Only a purchase of the conference whose webhook secret verified this event: a session of
    # another conference, signed with this one's secret, must not fulfil anything there.
    purchase = session.scalar(select(BulkPurchase).where(BulkPurchase.stripe_checkout_session_id == checkout["id"],
                                                         BulkPurchase.conference_id == conference.id))
    if purchase is None:
        return f"No bulk purchase of {conference.slug} started Checkout Session {checkout['id']}; nothing fulfilled."
    if not (purchase.is_fulfilled and purchase.payment_status is BulkPurchaseStatus.PAID):
        mismatch = _charge_mismatch(checkout, purchase.total_amount, conference.currency,
                                    f"Bulk purchase #{purchase.id}")
        if mismatch:
            return mismatch
    if BulkPurchaseCheckout.handle_checkout_webhook(session, checkout["id"], payment_intent) is None:
        return f"Bulk purchase for session {checkout['id']} was paid but could not be fulfilled: refund it or fix it."
    return ""


def checkout_expired(session: Session, conference: Conference, checkout: dict) -> str:
    if (checkout.get("metadata") or {}).get("bulk_purchase_id"):
        purchase = session.scalar(select(BulkPurchase).where(BulkPurchase.stripe_checkout_session_id == checkout["id"],
                                                             BulkPurchase.conference_id == conference.id))
        if purchase is not None:
            bulk_purchases.mark_failed(session, purchase)
        return ""
    order = _order_for_session(session, conference, checkout)
    if order is not None and order.status is OrderStatus.PENDING:
        cancel_order(session, order)  # its hold (and any voucher use) goes back
    return ""


def charge_refunded(session: Session, conference: Conference, charge: dict) -> str:
    payment_intent = charge.get("payment_intent")
    if not payment_intent:
        return ""
    refunded = from_minor_units(int(charge.get("amount_refunded") or 0), conference.currency)
    fully = bool(charge.get("refunded"))
    order = session.scalar(select(Order).where(Order.conference_id == conference.id,
                                               Order.stripe_payment_intent_id == payment_intent))
    if order is not None:
        if order.status not in (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED):
            return ""
        # Stripe reports the charge's cumulative refund: apply only what is new, so a replay or a
        # refund we already recorded (the CLI records its own) changes nothing.
        new = order.total - order.amount_refunded if fully else refunded - order.amount_refunded
        if new > Decimal(0):
            refund_order(session, order, min(new, order.total - order.amount_refunded))
        return ""
    purchase = session.scalar(select(BulkPurchase).where(BulkPurchase.conference_id == conference.id,
                                                         BulkPurchase.stripe_payment_intent_id == payment_intent))
    if purchase is not None:
        if fully and purchase.payment_status is not BulkPurchaseStatus.REFUNDED:
            bulk_purchases.refund_bulk_purchase(session, purchase)
        elif not fully:
            return f"Bulk purchase #{purchase.id} was partly refunded ({refunded}); its vouchers stay active."
    return ""


HANDLERS = {
    "checkout.session.completed": checkout_completed,
    "checkout.session.expired": checkout_expired,
    "charge.refunded": charge_refunded,
}
