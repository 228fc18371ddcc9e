"""What happens at the door: check-ins (with re-entry), per-product door checks, redemptions, and every
scan a kiosk uploaded (kept as it came; the sync domain files it, the door's rules read and undo it)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Uuid
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


class CheckInCorrection(Base):
    """A check-in made or taken back by hand in the console: who, when, and which check-in.

    A taken-back check-in row is deleted (as a kiosk's undo deletes it: the door state is the set of
    check-ins), so this row is what keeps the correction on the record.
    """

    __tablename__ = "check_in_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # check_in | undo
    station: Mapped[str] = mapped_column(String(100), default="")  # of the check-in made or taken back
    check_in_at: Mapped[dt.datetime]  # the moment of the check-in made or taken back
    made_by: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncEvent(Base):
    """One uploaded scan event, kept forever: the idempotency record and the audit trail."""

    __tablename__ = "sync_events"
    __table_args__ = (
        Index("ix_sync_events_conference_occurred", "conference_id", "occurred_at"),
        # The dashboard walks a conference's stations through it, one seek each, and reads their recent scans from it alone.
        Index("ix_sync_events_conference_station_occurred", "conference_id", "station", "occurred_at", "kind"),
        # The doors' flow reads the last minutes' entries and refusals alone, not the lunch hour's redemptions.
        Index("ix_sync_events_conference_kind_occurred", "conference_id", "kind", "occurred_at", "station"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(Uuid(as_uuid=False), unique=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # shared.protocol.EventKind
    access_code: Mapped[str] = mapped_column(String(16))
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendees.id", ondelete="SET NULL"), index=True)
    station: Mapped[str] = mapped_column(String(100), default="")
    # ticket_type | addon; the column keeps its first name (renaming it would need a migration for a word)
    product_type: Mapped[str | None] = mapped_column("product_kind", String(20))
    product_id: Mapped[int | None] = mapped_column(Integer)
    kiosk_reason: Mapped[str] = mapped_column(String(40), default="ok")
    occurred_at: Mapped[dt.datetime]
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20))  # applied | conflict | rejected | undone
    reason: Mapped[str] = mapped_column(String(40), default="ok")
    undoes: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))  # for kind "undo"
    # The station's zone role when it has one (shared.zone_moves.ZoneDoor): where the scan took someone.
    zone_role: Mapped[str | None] = mapped_column(String(10))
    zone_id: Mapped[int | None] = mapped_column(Integer)
    to_zone_id: Mapped[int | None] = mapped_column(Integer)
