"""Print jobs between the server and a print station's core: each badge printed once, whatever dies when."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, load_credentials
from kiosk.core.print_jobs import new_jobs
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.settings import KioskSettings, StationMode
from kiosk.core.sync_engine import SyncEngine
from server.attendees.repository import attendee_by_code
from server.checkin.models import CheckIn
from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.devices.service import create_device, list_devices, pair_device
from server.print_jobs.models import PrintJob
from server.print_jobs.service import send_badge

PRINT_STATION = KioskSettings(station_name="Badge desk", mode=StationMode.BADGE_PRINTING, check_in_on_print=True)


def _send_ada_to_the_kiosk(door) -> int:
    with unit_of_work(door.session_factory) as session:
        conference = get_conference(session, "pycon")
        [device] = list_devices(session, conference)
        job = send_badge(session, conference, attendee_by_code(session, conference.id, door.paid), device.id,
                         requested_by="Dana Door <lead@example.org>")
        return job.id


def _job(door, job_id: int) -> tuple[str, bool]:
    with door.session_factory() as session:
        job = session.get(PrintJob, job_id)
        return job.outcome, job.acknowledged_at is not None


def _check_ins(door) -> int:
    with door.session_factory() as session:
        return session.scalar(select(func.count(CheckIn.id)))


def test_a_station_killed_after_printing_and_before_its_ack_does_not_print_the_badge_again(door):
    job_id = _send_ada_to_the_kiosk(door)
    cache_path = door.data_dir / CACHE_FILE
    engine = SyncEngine(cache_path, load_credentials(door.data_dir))
    assert engine.sync_once().last_error == ""
    connection = connect(cache_path)
    [job] = new_jobs(connection)
    assert (job.id, job.access_code, job.first_name) == (job_id, door.paid, "Ada")
    assert job.payload.startswith("DS1.pycon.")  # signed by the server: any door kiosk trusts the printed QR

    # The badge came out and was recorded here; the kiosk dies before any sync tells the server.
    pipeline = ScanPipeline(connection, PRINT_STATION.station())
    pipeline.finish_print_job(job.id, job.access_code, "Ada Lovelace", job.payload, printed=True, check_in=True)
    engine.close()
    assert _job(door, job_id) == ("", False)

    # Restarted: the server hands the job out again; it is recognised, acknowledged, not printed.
    engine = SyncEngine(cache_path, load_credentials(door.data_dir))
    assert engine.sync_once().last_error == ""
    assert new_jobs(connection) == []
    assert _job(door, job_id) == ("printed", True)
    assert _check_ins(door) == 1  # the check-in recorded with the print went up with the upload
    credentials = load_credentials(door.data_dir)
    answer = httpx.get(f"{door.url}/api/v1/sync/print-jobs", headers={"Authorization": f"Bearer {credentials.token}"})
    assert answer.json() == {"jobs": []}  # acknowledged: never handed out again

    # A second acknowledgement (a retried request) changes nothing.
    again = httpx.post(f"{door.url}/api/v1/sync/print-jobs/{job_id}/ack", json={"outcome": "failed", "detail": "jam"},
                       headers={"Authorization": f"Bearer {credentials.token}"})
    assert again.status_code == 204 and _job(door, job_id) == ("printed", True)
    engine.close()
    connection.close()


def test_a_printer_error_reaches_the_desk_and_the_job_is_not_retried_by_itself(door):
    job_id = _send_ada_to_the_kiosk(door)
    cache_path = door.data_dir / CACHE_FILE
    engine = SyncEngine(cache_path, load_credentials(door.data_dir))
    engine.sync_once()
    connection = connect(cache_path)
    [job] = new_jobs(connection)
    ScanPipeline(connection, PRINT_STATION.station()).finish_print_job(
        job.id, job.access_code, "Ada Lovelace", job.payload, printed=False, detail="Printer 'Zebra' is out of paper.")
    engine.sync_once()
    with door.session_factory() as session:
        stored = session.get(PrintJob, job_id)
        assert (stored.outcome, stored.outcome_detail) == ("failed", "Printer 'Zebra' is out of paper.")
    assert new_jobs(connection) == [] and _check_ins(door) == 0  # not printed: not checked in either
    engine.close()
    connection.close()


def test_a_device_sees_only_its_own_print_jobs(door):
    job_id = _send_ada_to_the_kiosk(door)
    with unit_of_work(door.session_factory) as session:
        _device, code = create_device(session, get_conference(session, "pycon"), name="Door B kiosk", station="Door B")
        _, token = pair_device(session, code)
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{door.url}/api/v1/sync/print-jobs", headers=headers).json() == {"jobs": []}
    refused = httpx.post(f"{door.url}/api/v1/sync/print-jobs/{job_id}/ack", json={}, headers=headers)
    assert refused.status_code == 404 and _job(door, job_id) == ("", False)
    assert httpx.get(f"{door.url}/api/v1/sync/print-jobs").status_code == 401  # no token, no jobs
