"""Print jobs between the server and a print station: each badge printed once, whatever dies when, and a
failed one reprinted from the operator panel counts as that job printed."""

from __future__ import annotations

import json
from contextlib import closing
from dataclasses import asdict, replace

import httpx
import pytest
from sqlalchemy import func, select

from kiosk.badges.printing import QUEUE_FILE, KeptBadge, PrintQueue
from kiosk.badges.render import BadgeData
from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, load_credentials
from kiosk.core.print_jobs import acknowledge_finished, new_jobs
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.settings import KioskSettings, StationMode, save_settings
from kiosk.core.sync_engine import SyncEngine
from server.attendees.repository import attendee_by_code
from server.checkin.models import CheckIn
from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.devices.service import create_device, list_devices, pair_device
from server.print_jobs.models import PrintJob
from server.print_jobs.service import send_badge
from shared.decisions import Outcome
from tests.kiosk.door import PIN, open_window, shown
from tests.kiosk.x_server import wait_for_x_focus

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


def _scan_log(connection) -> list[str]:
    return [row["kind"] for row in connection.execute("SELECT kind FROM scan_log ORDER BY seq")]


def test_a_failed_job_reprinted_checks_in_once_and_reaches_the_desk_as_printed(door):
    job_id = _send_ada_to_the_kiosk(door)
    cache_path = door.data_dir / CACHE_FILE
    with closing(SyncEngine(cache_path, load_credentials(door.data_dir))) as engine, \
            closing(connect(cache_path)) as connection:
        engine.sync_once()
        [job] = new_jobs(connection)
        pipeline = ScanPipeline(connection, PRINT_STATION.station())
        assert pipeline.finish_print_job(job.id, job.access_code, "Ada Lovelace", job.payload, printed=False,
                                         detail="Printer 'Zebra' is out of paper.", check_in=True) is None
        engine.sync_once()
        assert _job(door, job_id) == ("failed", True) and _check_ins(door) == 0

        # Paper in, the operator reprints the kept badge: the job prints after all, with its check-in.
        verdict = pipeline.finish_print_job(job.id, job.access_code, "Ada Lovelace", job.payload, printed=True,
                                            detail="printer Zebra", check_in=True)
        assert verdict is not None and verdict.outcome is Outcome.ACCEPT
        engine.sync_once()
        assert _job(door, job_id) == ("printed", True) and _check_ins(door) == 1
        assert new_jobs(connection) == []  # never printed again by itself

        # The same kept badge reprinted once more: the page is recorded, Ada is not checked in again;
        # a late failure does not take the print back.
        assert pipeline.finish_print_job(job.id, job.access_code, "Ada Lovelace", job.payload, printed=True,
                                         check_in=True) is None
        assert pipeline.finish_print_job(job.id, job.access_code, "Ada Lovelace", job.payload, printed=False,
                                         detail="jam", check_in=True) is None
        engine.sync_once()
        assert _job(door, job_id) == ("printed", True) and _check_ins(door) == 1
        assert _scan_log(connection) == ["badge_printed", "check_in", "badge_printed"]


def test_a_reprint_while_the_failure_is_being_acknowledged_is_acknowledged_next(tmp_path):
    with closing(connect(tmp_path / "cache.sqlite3")) as connection:
        connection.execute("INSERT INTO print_jobs (id, record, received_at) VALUES (7, '{}', '2027-05-14T09:00:00')")
        pipeline = ScanPipeline(connection, PRINT_STATION.station())
        pipeline.finish_print_job(7, "AB12CD34", "Ada Lovelace", "", printed=False, detail="jam")
        told = []

        def send(method, url, json):
            told.append(json["outcome"])
            if len(told) == 1:  # the operator's reprint comes out while the failure is on its way
                pipeline.finish_print_job(7, "AB12CD34", "Ada Lovelace", "", printed=True)
            return httpx.Response(204)

        acknowledge_finished(connection, send, lambda response: response)
        acknowledge_finished(connection, send, lambda response: response)
        acknowledge_finished(connection, send, lambda response: response)
        assert told == ["failed", "printed"]


def test_a_badge_kept_after_a_printer_error_keeps_its_job_across_a_restart(tmp_path):
    ada = BadgeData("PyCon", "Ada Lovelace", "", "Standard", "AB12CD34", "DS1.pycon.x")
    bob = BadgeData("PyCon", "Bob Unpaid", "", "Standard", "ZZ99YY88", "pycon:ZZ99YY88")
    (tmp_path / QUEUE_FILE).write_text(json.dumps([asdict(bob)]))  # as an older kiosk wrote it
    PrintQueue(tmp_path).keep(ada, 7)
    assert PrintQueue(tmp_path).pending() == [KeptBadge(bob, None), KeptBadge(ada, 7)]
    PrintQueue(tmp_path).done(ada)
    assert PrintQueue(tmp_path).pending() == [KeptBadge(bob, None)]


@pytest.mark.x11
def test_a_job_whose_print_failed_is_reprinted_from_the_panel_checks_in_and_the_desk_has_it_printed(qtbot, door,
                                                                                                    keyboard):
    """The operator's part through the tests' X server, as a person's keys and clicks arrive."""
    save_settings(door.data_dir, replace(PRINT_STATION, printer="Jammed-Printer-3000").with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)
    with qtbot.waitSignal(window.badgePrinted, timeout=20_000) as printed:
        job_id = _send_ada_to_the_kiosk(door)  # printed at the station's next sync
    assert printed.args == [""]
    assert shown(window)[:2] == ("red", "Printer error")
    assert "reprint it from the operator panel" in window.verdict.detail.text()
    qtbot.waitUntil(lambda: _job(door, job_id) == ("failed", True), timeout=10_000)  # the desk sees the error
    assert _check_ins(door) == 0

    # The printer fixed (PDF output here), the operator reprints from the panel.
    window.apply_settings(PRINT_STATION.with_pin(PIN))
    window.verdict.dismiss()
    keyboard.click(window.scan_screen.operator)
    keyboard.type(PIN)
    keyboard.key("Return")
    qtbot.waitUntil(lambda: window.panel.reprint.isVisible(), timeout=3000)
    with qtbot.waitSignal(window.badgePrinted, timeout=10_000) as printed:
        keyboard.click(window.panel.reprint)
    assert printed.args[0].endswith(".pdf") and shown(window)[:2] == ("green", "Badge printed")
    assert window.print_queue.pending() == []
    qtbot.waitUntil(lambda: (_job(door, job_id), _check_ins(door)) == (("printed", True), 1), timeout=10_000)

    # Exactly once: more syncs print nothing more, and Ada is checked in once.
    qtbot.wait(1500)
    assert len(list((door.data_dir / "printed-badges").glob("*.pdf"))) == 1 and _check_ins(door) == 1

    # At the door: the same kiosk set to check-in says she is in already, from the badge desk.
    window.apply_settings(KioskSettings(station_name="Door A").with_pin(PIN))
    window.verdict.dismiss()
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.paid)  # a scanner's keys, capitals through Shift
    colour, headline, name = shown(window)
    assert (colour, name) == ("amber", "Ada Lovelace")
    assert headline.startswith("Already checked in at") and headline.endswith("Badge desk"), headline
    window.shutdown()
