"""Named queries about sponsors, their levels and their bulk purchases."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.sponsors.models import BulkPurchase, BulkPurchaseVoucher, Sponsor, SponsorLevel
from server.vouchers.models import Voucher


def bulk_purchases(session: Session, conference_id: int) -> list[BulkPurchase]:
    """A conference's purchases, oldest first, with what a listing shows (sponsor, product) loaded."""
    return list(session.scalars(select(BulkPurchase).where(BulkPurchase.conference_id == conference_id)
                                .options(selectinload(BulkPurchase.sponsor), selectinload(BulkPurchase.ticket_type),
                                         selectinload(BulkPurchase.addon))
                                .order_by(BulkPurchase.id)))


def bulk_purchase_in(session: Session, conference_id: int, purchase_id: int) -> BulkPurchase | None:
    """The purchase ``purchase_id`` if it is this conference's (another conference's id: None)."""
    return session.scalar(select(BulkPurchase).where(BulkPurchase.id == purchase_id,
                                                     BulkPurchase.conference_id == conference_id))


def bulk_purchase_codes(session: Session, purchase_id: int) -> list[Voucher]:
    """The voucher codes a purchase generated, in the order they were made."""
    return list(session.scalars(select(Voucher).join(BulkPurchaseVoucher, BulkPurchaseVoucher.voucher_id == Voucher.id)
                                .where(BulkPurchaseVoucher.bulk_purchase_id == purchase_id).order_by(Voucher.id)))


def bulk_purchase_for_checkout(session: Session, purchase_id: int) -> BulkPurchase | None:
    """A purchase with what its Checkout needs loaded (its conference and sponsor), usable after the session ends."""
    return session.scalar(select(BulkPurchase).where(BulkPurchase.id == purchase_id).options(
        selectinload(BulkPurchase.conference), selectinload(BulkPurchase.sponsor)))


def bulk_purchase_by_checkout_session(session: Session, checkout_session_id: str) -> BulkPurchase | None:
    return session.scalar(select(BulkPurchase).where(BulkPurchase.stripe_checkout_session_id == checkout_session_id))


def sponsor_in(session: Session, conference_id: int, sponsor_id: int) -> Sponsor | None:
    return session.scalar(select(Sponsor).where(Sponsor.id == sponsor_id, Sponsor.conference_id == conference_id))


def sponsor_level_in(session: Session, conference_id: int, level_id: int) -> SponsorLevel | None:
    return session.scalar(select(SponsorLevel).where(SponsorLevel.id == level_id,
                                                     SponsorLevel.conference_id == conference_id))
