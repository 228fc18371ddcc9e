"""Running counts the dashboard reads instead of counting 200,000 rows on every poll.

Kept by triggers in the database (server.dashboard.counting), not by the application: every writer
of attendees and redemptions — the kiosks' ingest, the desk, an import, anything added later, a
statement typed into psql — keeps them right without knowing of them.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base


class AttendanceCount(Base):
    """Per conference: attendees checked in at least once, and inside now."""

    __tablename__ = "attendance_counts"

    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True)
    checked_in: Mapped[int] = mapped_column(default=0)
    inside: Mapped[int] = mapped_column(default=0)


class RedemptionCount(Base):
    """Per add-on: units handed out (redemptions not taken back)."""

    __tablename__ = "redemption_counts"

    addon_id: Mapped[int] = mapped_column(ForeignKey("addons.id", ondelete="CASCADE"), primary_key=True)
    served: Mapped[int] = mapped_column(default=0)
