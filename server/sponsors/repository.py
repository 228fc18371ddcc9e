"""Named queries about sponsors' bulk purchases."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.sponsors.models import BulkPurchase


def bulk_purchases(session: Session, conference_id: int) -> list[BulkPurchase]:
    return list(session.scalars(select(BulkPurchase).where(BulkPurchase.conference_id == conference_id)
                                .order_by(BulkPurchase.id)))


def bulk_purchase_for_checkout(session: Session, purchase_id: int) -> BulkPurchase | None:
    """A purchase with what its Checkout needs loaded (its conference and sponsor), usable after the session ends."""
    return session.scalar(select(BulkPurchase).where(BulkPurchase.id == purchase_id).options(
        selectinload(BulkPurchase.conference), selectinload(BulkPurchase.sponsor)))


def bulk_purchase_by_checkout_session(session: Session, checkout_session_id: str) -> BulkPurchase | None:
    return session.scalar(select(BulkPurchase).where(BulkPurchase.stripe_checkout_session_id == checkout_session_id))
