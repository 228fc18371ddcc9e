"""Named queries about Stripe webhook events, desk payments and refunds paid outside Stripe."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.payments.models import DeskPayment, RefundOutsideStripe, StripeEvent


def stripe_events(session: Session, conference_id: int, *, problems_only: bool = False,
                  limit: int = 200) -> list[StripeEvent]:
    """A conference's webhook events, newest first; ``problems_only``: not applied, or failed once."""
    query = select(StripeEvent).where(StripeEvent.conference_id == conference_id)
    if problems_only:
        query = query.where(StripeEvent.processed_at.is_(None) | StripeEvent.last_error.is_not(None))
    return list(session.scalars(query.order_by(StripeEvent.received_at.desc()).limit(limit)))


def stripe_events_about(session: Session, conference_id: int, *, checkout_session_id: str | None,
                        payment_intent_id: str | None, scan: int = 1000) -> list[StripeEvent]:
    """The webhook events about one payment (its Checkout Session or payment intent), oldest first.

    The ids sit inside each event's JSON payload, which SQLite and PostgreSQL query differently, so
    the conference's latest ``scan`` events are read and matched here; an order's events arrive
    within minutes of it, far inside that window.
    """
    wanted = {i for i in (checkout_session_id, payment_intent_id) if i}
    if not wanted:
        return []
    events = session.scalars(select(StripeEvent).where(StripeEvent.conference_id == conference_id)
                             .order_by(StripeEvent.received_at.desc()).limit(scan))
    about = [e for e in events if {(e.payload.get("data") or {}).get("object", {}).get(k)
                                   for k in ("id", "payment_intent")} & wanted]
    return list(reversed(about))


def desk_payment_of(session: Session, order_id: int) -> DeskPayment | None:
    """The money taken for an order at the desk, if it was paid there."""
    return session.scalar(select(DeskPayment).where(DeskPayment.order_id == order_id))


def refunds_outside_stripe(session: Session, order_id: int) -> list[RefundOutsideStripe]:
    """The refunds paid outside Stripe recorded for an order, oldest first."""
    return list(session.scalars(select(RefundOutsideStripe).where(RefundOutsideStripe.order_id == order_id)
                                .order_by(RefundOutsideStripe.id)))
