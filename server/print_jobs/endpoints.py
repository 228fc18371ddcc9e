"""The print station's side of print jobs: fetch its open jobs on every sync, acknowledge each after printing."""

from __future__ import annotations

from fastapi import APIRouter

from server.api import DbSession, IdPath
from server.conferences.models import Conference
from server.print_jobs.service import acknowledge, jobs_for_device
from server.sync.endpoints import CurrentDevice
from shared.badge_codes import sign
from shared.protocol import PrintJobAck, PrintJobRecord, PrintJobsPage

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])


@router.get("/print-jobs", response_model=PrintJobsPage)
def print_jobs(device: CurrentDevice, session: DbSession) -> PrintJobsPage:
    """Badges sent to this device from the console and not acknowledged yet, oldest first."""
    conference = session.get_one(Conference, device.conference_id)
    records = []
    for job in jobs_for_device(session, device):
        attendee = job.attendee
        records.append(PrintJobRecord(
            id=job.id, access_code=attendee.access_code, first_name=attendee.first_name,
            last_name=attendee.last_name, company=attendee.company,
            ticket_type=attendee.ticket_type.name if attendee.ticket_type else "",
            payload=sign(conference.slug, attendee.access_code, conference.badge_private_key),
            requested_by=job.requested_by, language=attendee.language or ""))
    return PrintJobsPage(jobs=records)


@router.post("/print-jobs/{job_id}/ack", status_code=204)
def acknowledge_print_job(job_id: IdPath, body: PrintJobAck, device: CurrentDevice, session: DbSession) -> None:
    """This device printed the job (or its printer failed); idempotent: the first acknowledgement counts,
    but a failed job reprinted at the station may be acknowledged again as printed."""
    acknowledge(session, device, job_id, body)
