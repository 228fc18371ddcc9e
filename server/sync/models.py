"""Sync state on the server: conflicts, and kiosks' lookups.

Two pieces of sync's state stand on lower floors, for the domains under sync read or write them:
every scan a kiosk uploaded (``server.checkin.models.SyncEvent``: check-ins read exits from it, an
undo marks it) and the change feed's counter (``server.feed_versions``: conferences make it,
attendees and check-ins take versions from it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, utcnow


class SyncConflict(Base):
    """A scan a kiosk allowed offline that the server could not honour (over a limit, order no longer valid)."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("sync_events.id", ondelete="CASCADE"), unique=True)
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendees.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(String(300))  # in English, as the API has always given it
    # The same as a shared.phrases.Phrase's data (shared.conflict_words): each reader's language words it.
    # None for a conflict recorded before the words were kept: its English message is shown.
    words: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None]
    # Who settled it in the console (their name or email, kept as text: an audit line outlives the
    # account) and what they did about it; the kiosks' operator panels show both.
    resolved_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    resolution_note: Mapped[str] = mapped_column(String(1000), default="", server_default="")


class KioskLookup(Base):
    """Who looked up whom: a search typed or an attendee opened at a kiosk, uploaded with its scans.

    Stored once by its UUID (a kiosk sends a batch again when it did not hear the answer)."""

    __tablename__ = "kiosk_lookups"
    __table_args__ = (Index("ix_kiosk_lookups_conference_occurred", "conference_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(Uuid(as_uuid=False), unique=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), index=True)
    station: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(20))  # search | lookup (shared.protocol.LookupKind)
    query: Mapped[str] = mapped_column(String(200), default="")  # what was typed, for a search
    access_code: Mapped[str] = mapped_column(String(16), default="")  # whom, for a lookup
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendees.id", ondelete="SET NULL"))
    occurred_at: Mapped[dt.datetime]
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
