"""What happens at the door: check-ins (with re-entry), per-product door checks, redemptions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.attendees.models import Attendee
from server.conferences.models import AddOn, TicketType
from server.db.base import Base, utcnow
from server.orders.models import OrderLineItem


class CheckIn(Base):
    __tablename__ = "check_ins"
    # The dashboard's entries per 5 minutes read a recent range of it.
    __table_args__ = (Index("ix_check_ins_conference_checked_in_at", "conference_id", "checked_in_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"), index=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    station: Mapped[str] = mapped_column(String(100), default="")
    checked_in_by: Mapped[str] = mapped_column(String(100), default="")
    checked_in_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    attendee: Mapped[Attendee] = relationship()


class DoorCheck(Base):
    __tablename__ = "door_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"), index=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    ticket_type_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_types.id", ondelete="SET NULL"))
    addon_id: Mapped[int | None] = mapped_column(ForeignKey("addons.id", ondelete="SET NULL"))
    station: Mapped[str] = mapped_column(String(100), default="")
    checked_by: Mapped[str] = mapped_column(String(100), default="")
    checked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    attendee: Mapped[Attendee] = relationship()
    ticket_type: Mapped[TicketType | None] = relationship()
    addon: Mapped[AddOn | None] = relationship()


class ProductRedemption(Base):
    __tablename__ = "product_redemptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"), index=True)
    order_line_item_id: Mapped[int] = mapped_column(ForeignKey("order_line_items.id", ondelete="CASCADE"), index=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    station: Mapped[str] = mapped_column(String(100), default="")
    redeemed_by: Mapped[str] = mapped_column(String(100), default="")
    redeemed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    attendee: Mapped[Attendee] = relationship()
    order_line_item: Mapped[OrderLineItem] = relationship()
