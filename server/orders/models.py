"""Orders and their line items (one line per ticket type or add-on)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.conferences.models import AddOn, Conference, TicketType
from server.db.base import Base, str_enum, utcnow
from server.vouchers.models import Voucher
from shared.languages import N_


class OrderStatus(enum.StrEnum):
    PENDING = "pending"
    PAID = "paid"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """In English, marked for the console's catalogue: a page shows ``_(status.label)``."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {OrderStatus.PENDING: N_("Pending"), OrderStatus.PAID: N_("Paid"), OrderStatus.REFUNDED: N_("Refunded"),
                  OrderStatus.PARTIALLY_REFUNDED: N_("Partially refunded"), OrderStatus.CANCELLED: N_("Cancelled")}


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        # Capacity counts scan (conference, status) and, for pending orders, the hold expiry.
        Index("ix_orders_conference_status_hold", "conference_id", "status", "hold_expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(String(12), unique=True)  # ORD-XXXXXXXX
    status: Mapped[OrderStatus] = mapped_column(str_enum(OrderStatus), default=OrderStatus.PENDING)
    email: Mapped[str] = mapped_column(String(254), default="")
    subtotal: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    discount_amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    total: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    amount_refunded: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    voucher_id: Mapped[int | None] = mapped_column(ForeignKey("vouchers.id", ondelete="SET NULL"))
    hold_expires_at: Mapped[dt.datetime | None]
    # Names for the tickets, one dict per ticket, as given at checkout; payment turns them into attendees.
    attendee_details: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    stripe_checkout_session_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    stripe_payment_intent_id: Mapped[str | None] = mapped_column(String(255), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    paid_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    conference: Mapped[Conference] = relationship()
    voucher: Mapped[Voucher | None] = relationship()
    line_items: Mapped[list[OrderLineItem]] = relationship(
        back_populates="order", order_by="OrderLineItem.id", cascade="all, delete-orphan"
    )

    @property
    def ticket_count(self) -> int:
        return sum(item.quantity for item in self.line_items if item.addon_id is None)


class OrderLineItem(Base):
    __tablename__ = "order_line_items"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    # SET NULL: a deleted ticket type's sales still count toward capacity (addon_id stays NULL).
    ticket_type_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_types.id", ondelete="SET NULL"), index=True)
    addon_id: Mapped[int | None] = mapped_column(ForeignKey("addons.id", ondelete="SET NULL"), index=True)
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int]
    unit_price: Mapped[Decimal]
    discount_amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    line_total: Mapped[Decimal]

    order: Mapped[Order] = relationship(back_populates="line_items")
    ticket_type: Mapped[TicketType | None] = relationship()
    addon: Mapped[AddOn | None] = relationship()


class OrderRateWindow(Base):
    """Orders placed from one client address in one time window (server.orders.rate_limit).

    In the database, not in process memory, so the limit holds across every server process and
    worker that shares it.
    """

    __tablename__ = "order_rate_windows"

    client: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[dt.datetime] = mapped_column(primary_key=True)
    orders: Mapped[int] = mapped_column(default=0)
