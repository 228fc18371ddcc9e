"""Sending a badge to a print station, and the station's acknowledgement.

Exactly once, across a kiosk that dies half-way: the server hands out a device's open jobs on
every sync until they are acknowledged; the kiosk records a job's id as printed in its own cache
(in the transaction that records the print) before it acknowledges, so a job handed out again
after a crash is recognised there and only acknowledged. An acknowledgement is idempotent, and
changes a job's outcome one way only: a failed job the station's operator reprinted is
acknowledged again, as printed (failed → printed); a printed job never goes back to failed.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.conferences.models import Conference
from server.db.base import utcnow
from server.devices.models import Device
from server.devices.service import DeviceRef
from server.errors import Conflict, InvalidInput, NotFound
from server.print_jobs.models import PrintJob
from server.print_jobs.repository import open_jobs
from shared.languages import N_, Marked
from shared.order_status import admits_entry
from shared.protocol import PrintJobAck, PrintJobOutcome

MAX_JOBS_PER_SYNC = 50


def send_badge(session: Session, conference: Conference, attendee: Attendee, device_id: int, *,
               requested_by: str) -> PrintJob:
    """Queue ``attendee``'s badge for the print station ``device_id`` (a device of the same conference)."""
    device = session.get(Device, device_id)
    if device is None or device.conference_id != conference.id:
        raise InvalidInput(Marked(N_("Choose one of this conference's print stations.")), code="unknown_print_station")
    if device.revoked_at is not None or device.paired_at is None:
        raise Conflict(Marked(N_("'%(station)s' is not a paired kiosk any more: choose another."),
                              station=device.station or device.name),
                       code="print_station_unavailable")
    if attendee.conference_id != conference.id:
        raise NotFound("No such attendee in this conference.")
    if not admits_entry(attendee.order.status if attendee.order else None):
        raise Conflict(Marked(N_("%(name)s's order is not paid: take the payment first, then print the badge."),
                              name=f"{attendee.first_name} {attendee.last_name}"), code="order_not_paid")
    job = PrintJob(conference_id=conference.id, device_id=device.id, attendee_id=attendee.id,
                   requested_by=requested_by[:300])
    session.add(job)
    session.flush()
    return job


def jobs_for_device(session: Session, device: DeviceRef) -> list[PrintJob]:
    """The device's open jobs (oldest first); the first hand-out is noted for the console."""
    jobs = open_jobs(session, device.id, MAX_JOBS_PER_SYNC)
    now = utcnow()
    for job in jobs:
        job.delivered_at = job.delivered_at or now
    session.flush()
    return jobs


def acknowledge(session: Session, device: DeviceRef, job_id: int, ack: PrintJobAck) -> PrintJob:
    """Close a job with the station's outcome. The first acknowledgement counts, and a repeated one
    changes nothing, but for one upgrade: failed, then printed (the badge kept at the station after a
    printer error was reprinted from its operator panel). Its time becomes the reprint's, for the desk."""
    job = session.get(PrintJob, job_id, with_for_update=True)
    if job is None or job.device_id != device.id:
        raise NotFound(f"No print job {job_id} for this device.")
    reprinted = job.outcome == PrintJobOutcome.FAILED.value and ack.outcome is PrintJobOutcome.PRINTED
    if job.acknowledged_at is None or reprinted:
        job.acknowledged_at = utcnow()
        job.outcome = ack.outcome.value
        job.outcome_detail = ack.detail[:300]
        session.flush()
    return job
