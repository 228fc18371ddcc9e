"""Conferences and what they sell: ticket types (seats) and add-ons (meals, tutorials, T-shirts)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Column, ForeignKey, LargeBinary, String, Table, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.db.base import Base, utcnow

addon_required_ticket_types = Table(
    "addon_required_ticket_types",
    Base.metadata,
    Column("addon_id", ForeignKey("addons.id", ondelete="CASCADE"), primary_key=True),
    Column("ticket_type_id", ForeignKey("ticket_types.id", ondelete="CASCADE"), primary_key=True),
)


class Conference(Base):
    __tablename__ = "conferences"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    currency: Mapped[str] = mapped_column(String(3), default="usd")
    # Venue seats across all ticket types; 0 means unlimited (a conference with no venue limit).
    total_capacity: Mapped[int] = mapped_column(default=0)
    stripe_secret_key: Mapped[str] = mapped_column(String(200), default="")
    stripe_publishable_key: Mapped[str] = mapped_column(String(200), default="")
    stripe_webhook_secret: Mapped[str] = mapped_column(String(200), default="")
    # Ed25519 key pair for signed badges: raw 32-byte keys.
    badge_private_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    badge_public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    seats_taken: Mapped[int] = mapped_column(default=0, server_default="0")  # server.capacity.counters
    # Tickets one order may hold: without it, one anonymous request could hold every remaining seat.
    max_tickets_per_order: Mapped[int] = mapped_column(default=10, server_default="10")
    # The key before the last rotation: kiosks still accept badges it signed until they are reprinted.
    badge_previous_public_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    ticket_types: Mapped[list[TicketType]] = relationship(back_populates="conference", order_by="TicketType.id")
    addons: Mapped[list[AddOn]] = relationship(back_populates="conference", order_by="AddOn.id")

    def __repr__(self) -> str:
        return f"<Conference {self.slug}>"


class TicketType(Base):
    __tablename__ = "ticket_types"
    __table_args__ = (UniqueConstraint("conference_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Position in the conference's change feed (server.sync.versions); 0 until first stamped.
    sync_version: Mapped[int] = mapped_column(BigInteger, default=0)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(64))
    price: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    # Tickets of this type that may be sold; 0 means unlimited.
    total_quantity: Mapped[int] = mapped_column(default=0)
    quantity_taken: Mapped[int] = mapped_column(default=0, server_default="0")  # server.capacity.counters
    available_from: Mapped[dt.datetime | None]
    available_until: Mapped[dt.datetime | None]
    # Hidden unless a voucher with unlocks_hidden_tickets applies to it.
    requires_voucher: Mapped[bool] = mapped_column(default=False)
    bulk_enabled: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)

    conference: Mapped[Conference] = relationship(back_populates="ticket_types")

    def is_on_sale(self, now: dt.datetime) -> bool:
        return (
            self.is_active
            and (self.available_from is None or self.available_from <= now)
            and (self.available_until is None or now < self.available_until)
        )


class AddOn(Base):
    __tablename__ = "addons"
    __table_args__ = (UniqueConstraint("conference_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Position in the conference's change feed (server.sync.versions); 0 until first stamped.
    sync_version: Mapped[int] = mapped_column(BigInteger, default=0)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(500), default="")
    price: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    # 0 means unlimited (tutorial rooms have seats; T-shirts may not).
    total_quantity: Mapped[int] = mapped_column(default=0)
    quantity_taken: Mapped[int] = mapped_column(default=0, server_default="0")  # server.capacity.counters
    is_active: Mapped[bool] = mapped_column(default=True)
    # Sponsors may buy it in bulk (vouchers for it) only when switched on, as for ticket types.
    bulk_enabled: Mapped[bool] = mapped_column(default=False, server_default=false())

    conference: Mapped[Conference] = relationship(back_populates="addons")
    # Empty means the add-on can go with any ticket type.
    requires_ticket_types: Mapped[list[TicketType]] = relationship(secondary=addon_required_ticket_types)
