"""Named queries about Stripe webhook events."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.payments.models import StripeEvent


def stripe_events(session: Session, conference_id: int, *, problems_only: bool = False,
                  limit: int = 200) -> list[StripeEvent]:
    """A conference's webhook events, newest first; ``problems_only``: not applied, or failed once."""
    query = select(StripeEvent).where(StripeEvent.conference_id == conference_id)
    if problems_only:
        query = query.where(StripeEvent.processed_at.is_(None) | StripeEvent.last_error.is_not(None))
    return list(session.scalars(query.order_by(StripeEvent.received_at.desc()).limit(limit)))
