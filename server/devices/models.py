"""Kiosk devices: each paired to exactly one conference and station."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.conferences.models import Conference
from server.db.base import Base, utcnow


class ServerIdentity(Base):
    """Who this server is: one row, made with its database (migration 0013). A kiosk keeps the id it
    paired with, so a kiosk paired again with another server (or a fresh database behind the same
    address) knows that nothing in its cache belongs there."""

    __tablename__ = "server_identity"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1: one identity per database
    server_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    station: Mapped[str] = mapped_column(String(100), default="")
    # Only SHA-256 hashes are stored: a database leak must not let anyone pair or sync.
    pairing_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    pairing_expires_at: Mapped[dt.datetime | None]
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    paired_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    last_seen_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    # Fleet health: the kiosk's last report (shared.protocol.DeviceHealth), as it said it.
    health_reported_at: Mapped[dt.datetime | None]  # when the report arrived (server time)
    app_version: Mapped[str] = mapped_column(String(40), default="", server_default="")
    kiosk_last_sync_at: Mapped[dt.datetime | None]
    events_waiting: Mapped[int] = mapped_column(default=0, server_default="0")
    oldest_waiting_at: Mapped[dt.datetime | None]
    events_set_aside: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(String(300), default="", server_default="")
    printer_state: Mapped[str] = mapped_column(String(200), default="", server_default="")
    reported_station: Mapped[str] = mapped_column(String(100), default="", server_default="")
    station_mode: Mapped[str] = mapped_column(String(40), default="", server_default="")

    conference: Mapped[Conference] = relationship()


class PairingFailure(Base):
    """A pairing code that did not pair, by client address: the pairing route's rate limit counts these
    (server.devices.pairing_limit). In the database, as sign-in attempts are, so that the limit holds
    across every server process sharing it."""

    __tablename__ = "pairing_failures"
    __table_args__ = (Index("ix_pairing_failures_client_at", "client", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
