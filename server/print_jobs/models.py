"""Badges the console sends to a print station: a job per badge, addressed to one device."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.attendees.models import Attendee
from server.db.base import Base, utcnow
from server.devices.models import Device


class PrintJob(Base):
    """One badge to print at one device. The kiosk fetches its open jobs on every sync and
    acknowledges each after printing (``outcome``); a job acknowledged is never handed out again. A failed
    job the station reprinted from its operator panel is acknowledged once more, as printed."""

    __tablename__ = "print_jobs"
    # The kiosk's question on every sync: "my jobs not acknowledged yet".
    __table_args__ = (Index("ix_print_jobs_device_open", "device_id", "acknowledged_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"), index=True)
    requested_by: Mapped[str] = mapped_column(String(300))  # who sent it, in words (kept if the user goes)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[dt.datetime | None]  # first handed to the kiosk
    acknowledged_at: Mapped[dt.datetime | None]
    outcome: Mapped[str] = mapped_column(String(20), default="")  # "" (open) | printed | failed
    outcome_detail: Mapped[str] = mapped_column(String(300), default="")  # the printer's words on failure

    device: Mapped[Device] = relationship()
    attendee: Mapped[Attendee] = relationship()
