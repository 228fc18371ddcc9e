"""Sponsors, their levels, and bulk purchases of voucher codes."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from server.conferences.models import AddOn, Conference, TicketType
from server.db.base import Base, str_enum, utcnow
from server.vouchers.models import Voucher
from shared.languages import N_


class SponsorLevel(Base):
    __tablename__ = "sponsor_levels"
    __table_args__ = (UniqueConstraint("conference_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    cost: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    comp_badges: Mapped[int] = mapped_column(default=0)


class Sponsor(Base):
    __tablename__ = "sponsors"
    __table_args__ = (UniqueConstraint("conference_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    level_id: Mapped[int | None] = mapped_column(ForeignKey("sponsor_levels.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(64))
    contact_email: Mapped[str] = mapped_column(String(254), default="")

    conference: Mapped[Conference] = relationship()
    level: Mapped[SponsorLevel | None] = relationship()


class BulkPurchaseStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    PROCESSING = "processing"
    PAID = "paid"
    FAILED = "failed"
    REFUNDED = "refunded"

    @property
    def label(self) -> str:
        """In English, marked for the console's catalogue: a page shows ``_(label)``."""
        return {"pending": N_("Pending"), "approved": N_("Approved"), "processing": N_("Processing"), "paid": N_("Paid"),
                "failed": N_("Failed"), "refunded": N_("Refunded")}[self.value]


class BulkPurchaseVoucher(Base):
    __tablename__ = "bulk_purchase_vouchers"

    id: Mapped[int] = mapped_column(primary_key=True)
    bulk_purchase_id: Mapped[int] = mapped_column(ForeignKey("bulk_purchases.id", ondelete="CASCADE"), index=True)
    voucher_id: Mapped[int] = mapped_column(ForeignKey("vouchers.id", ondelete="CASCADE"), unique=True)

    voucher: Mapped[Voucher] = relationship()


class BulkPurchase(Base):
    __tablename__ = "bulk_purchases"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    sponsor_id: Mapped[int | None] = mapped_column(ForeignKey("sponsors.id", ondelete="SET NULL"))
    quantity: Mapped[int]
    ticket_type_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_types.id", ondelete="SET NULL"))
    addon_id: Mapped[int | None] = mapped_column(ForeignKey("addons.id", ondelete="SET NULL"))
    unit_price: Mapped[Decimal]
    total_amount: Mapped[Decimal]
    product_description: Mapped[str] = mapped_column(String(300), default="")
    payment_status: Mapped[BulkPurchaseStatus] = mapped_column(
        str_enum(BulkPurchaseStatus), default=BulkPurchaseStatus.PENDING
    )
    # voucher_type, discount_value, max_uses, prefix, valid_from/until, unlocks_hidden_tickets
    voucher_config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    requested_by: Mapped[str] = mapped_column(String(100), default="")
    stripe_checkout_session_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    stripe_payment_intent_id: Mapped[str | None] = mapped_column(String(255), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    conference: Mapped[Conference] = relationship()
    sponsor: Mapped[Sponsor | None] = relationship()
    ticket_type: Mapped[TicketType | None] = relationship()
    addon: Mapped[AddOn | None] = relationship()
    voucher_links: Mapped[list[BulkPurchaseVoucher]] = relationship(cascade="all, delete-orphan")

    # A purchase is fulfilled once it has at least `quantity` linked vouchers: counted, never stored.
    linked_voucher_count: Mapped[int] = column_property(
        select(func.count(BulkPurchaseVoucher.id))
        .where(BulkPurchaseVoucher.bulk_purchase_id == id)
        .correlate_except(BulkPurchaseVoucher)
        .scalar_subquery(),
        deferred=False,
    )

    @property
    def is_fulfilled(self) -> bool:
        return self.linked_voucher_count >= self.quantity

    @property
    def is_comp(self) -> bool:
        """A deal with nothing to pay: fulfilled on approval, never paid through Stripe."""
        return self.total_amount == 0

    @property
    def status_label(self) -> str:
        """The status in words: a comp deal is never "Paid" (no money moved) nor "Refunded" (none went back)."""
        if self.is_comp and self.payment_status is BulkPurchaseStatus.PAID:
            return N_("Comp (no payment)")
        if self.is_comp and self.payment_status is BulkPurchaseStatus.REFUNDED:
            return N_("Withdrawn (comp)")
        return self.payment_status.label
