"""Zones of a conference (the venue, its halls, their rooms), who is at which, and their running counts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, ForeignKey, Index, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base


class Zone(Base):
    """A place people are counted in: a name, a capacity, and the zone that holds it (``shared.zone_moves``)."""

    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(primary_key=True)
    sync_version: Mapped[int] = mapped_column(BigInteger, default=0)  # a change reaches kiosks (server.sync.versions)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int] = mapped_column(default=0)  # 0: counted, never full
    at_full: Mapped[str] = mapped_column(String(10), default="warn")  # shared.zone_moves.AtFull
    # Every night at this time on the venue's clock, nobody is inside any more (people leave without
    # scanning out); None: never. ``reset_on`` is the venue's date of the last reset, so it runs once.
    reset_at: Mapped[dt.time | None] = mapped_column(Time)
    reset_on: Mapped[dt.date | None] = mapped_column(Date)


class ZonePresence(Base):
    """Where one attendee is by their latest move: at ``zone_id`` (None: outside) since ``since``."""

    __tablename__ = "zone_presences"
    __table_args__ = (Index("ix_zone_presences_zone_id", "zone_id"),)

    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"), primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id", ondelete="SET NULL"))
    since: Mapped[dt.datetime]


class ZoneCount(Base):
    """People *at* a zone (its rooms' people are counted at the rooms), kept by triggers (server.zones.counting)."""

    __tablename__ = "zone_counts"

    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"), primary_key=True)
    at_zone: Mapped[int] = mapped_column(default=0)
