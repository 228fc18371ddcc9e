"""Check-in lists: which tickets a door admits, on which days and hours, how often, by which rules.

The rules themselves are ``shared.checkin_lists`` / ``shared.checkin_rules``: this row is what the
console saves and the change feed carries to kiosks (a station picks its list at set-up).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, utcnow


class ConferenceDays(Base):
    """A conference's first and last day on the venue's calendar: the rules' "conference day" 1 … n.
    (A table of its own: the conference's row and its older migrations' tests stay as they were.)"""

    __tablename__ = "conference_days"

    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True)
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    # Kiosks delete what they hold of the conference this many days after its last day (on its clock);
    # a conference without days set is kept until its kiosks are revoked or told to forget it.
    wipe_kiosks_after_days: Mapped[int] = mapped_column(default=7, server_default="7")


class CheckinList(Base):
    __tablename__ = "checkin_lists"
    __table_args__ = (UniqueConstraint("conference_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Position in the conference's change feed (server.sync.versions): lists reach kiosks like products.
    sync_version: Mapped[int] = mapped_column(BigInteger, default=0)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # Ids of the conference's ticket types and add-ons it admits; both empty: every ticket.
    ticket_type_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    addon_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    allow_multiple_entries: Mapped[bool] = mapped_column(default=True)
    allow_entry_after_exit: Mapped[bool] = mapped_column(default=True)
    days: Mapped[list[int]] = mapped_column(JSON, default=list)  # conference days 1…n; empty: every day
    opens: Mapped[dt.time | None] = mapped_column(Time)  # the daily window, on the venue's clock
    closes: Mapped[dt.time | None] = mapped_column(Time)
    stations: Mapped[list[str]] = mapped_column(JSON, default=list)  # the station names that use it
    rules: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # a rule document ({"version": 1, "rule": …})
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
