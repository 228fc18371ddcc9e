"""Named queries about print jobs and the devices they go to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.attendees.models import Attendee
from server.devices.models import Device
from server.print_jobs.models import PrintJob
from shared.station_data import StationMode


def print_stations(session: Session, conference_id: int) -> list[Device]:
    """The devices a badge can be sent to: paired and not revoked, by station name.

    Those whose last health report says they print badges; every paired device while none says so
    (kiosks older than fleet health report nothing). A job sent to a kiosk that does not print
    waits until it is set to print.
    """
    devices = list(session.scalars(
        select(Device).where(Device.conference_id == conference_id, Device.paired_at.is_not(None),
                             Device.revoked_at.is_(None))
        .order_by(Device.station, Device.name, Device.id)))
    printing = [device for device in devices if device.station_mode == StationMode.BADGE_PRINTING]
    return printing or devices


def open_jobs(session: Session, device_id: int, limit: int) -> list[PrintJob]:
    """A device's jobs not acknowledged yet, oldest first, with their attendees."""
    return list(session.scalars(
        select(PrintJob).where(PrintJob.device_id == device_id, PrintJob.acknowledged_at.is_(None))
        .options(selectinload(PrintJob.attendee).selectinload(Attendee.ticket_type))
        .order_by(PrintJob.id).limit(limit)))


def jobs_of_attendees(session: Session, attendee_ids: list[int]) -> dict[int, list[PrintJob]]:
    """Every print job of these attendees, newest first, by attendee id (for the console)."""
    jobs: dict[int, list[PrintJob]] = {i: [] for i in attendee_ids}
    if attendee_ids:
        for job in session.scalars(select(PrintJob).where(PrintJob.attendee_id.in_(attendee_ids))
                                   .options(selectinload(PrintJob.device)).order_by(PrintJob.id.desc())):
            jobs[job.attendee_id].append(job)
    return jobs
