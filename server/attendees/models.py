"""Attendees: one per ticket, identified at the door by their access code."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.conferences.models import Conference, TicketType
from server.db.base import Base, utcnow
from server.orders.models import Order


class Attendee(Base):
    __tablename__ = "attendees"
    __table_args__ = (
        UniqueConstraint("conference_id", "access_code"),
        Index("ix_attendees_conference_sync_version", "conference_id", "sync_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Position in the conference's change feed (server.sync.versions); 0 until first stamped.
    sync_version: Mapped[int] = mapped_column(BigInteger, default=0)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="SET NULL"), index=True)
    # The ticket this attendee holds (an order may hold several tickets of different types).
    ticket_type_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_types.id", ondelete="SET NULL"))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    company: Mapped[str] = mapped_column(String(200), default="")
    # The language the attendee reads (shared.languages.SHIPPED_LANGUAGES), where known: a print station
    # prints their badge's fixed words in it. None: not known (the station's language is used).
    language: Mapped[str | None] = mapped_column(String(16))
    access_code: Mapped[str] = mapped_column(String(16))
    checked_in_at: Mapped[dt.datetime | None]
    # Checked in and not scanned out since (exit stations).
    inside: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    conference: Mapped[Conference] = relationship()
    order: Mapped[Order | None] = relationship()
    ticket_type: Mapped[TicketType | None] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


# The console's search (server.attendees.repository.search_attendees): a prefix of any word the
# organizer types, matched against the lower-cased name, email, company and access code of one
# conference. On PostgreSQL ``text_pattern_ops`` lets ``LIKE 'ada%'`` use the index whatever the
# database's collation; SQLite reads the same index through a range (``>= 'ada' AND < 'ada\U0010ffff'``).
SEARCHABLE = ("first_name", "last_name", "email", "company", "access_code")
for _column in SEARCHABLE:
    Index(f"ix_attendees_search_{_column}", Attendee.conference_id,
          func.lower(getattr(Attendee, _column)).label(f"{_column}_lower"),
          postgresql_ops={f"{_column}_lower": "text_pattern_ops"})


class PendingImport(Base):
    """A CSV uploaded in the console and previewed, waiting for its confirmation.

    Kept in the database, not in a temporary folder: behind a load balancer the confirmation may
    reach another server process (or machine) than the preview did. Found by a random token the
    browser holds and tied to the console session that uploaded it, so the confirmation imports
    exactly the bytes that were previewed, and only for the one who previewed them.
    """

    __tablename__ = "pending_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    console_session_id: Mapped[int] = mapped_column(ForeignKey("console_sessions.id", ondelete="CASCADE"), index=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    allow_duplicates: Mapped[bool] = mapped_column(default=False)  # as previewed
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
