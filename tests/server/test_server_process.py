"""The server as deployed: ``doorstation server`` in its own process, not imported into the test.

A test process imports every model and hook anyway; a server process imports only what its routes
need. This caught a server that never stamped change-feed versions (kiosks saw no new check-ins)
because nothing it imported registered the flush hooks.
"""

from __future__ import annotations

import httpx

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.db.engine import make_engine, make_session_factory, unit_of_work
from server.db.migrate import upgrade_to_head
from server.demo_launcher import start_server_process
from server.devices.service import create_device
from shared.decisions import Reason
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.live_server import free_port


def test_a_separate_server_process_propagates_check_ins_and_enforces_capacity(tmp_path):
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    upgrade_to_head(url)
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = make_conference(session, slug="pycon", total_capacity=3)
        standard = make_ticket_type(session, conference, name="Standard", slug="standard")
        ada = make_attendee(session, conference, ticket_type=standard)
        make_attendee(session, conference, ticket_type=standard, first_name="Bob")
        codes = [create_device(session, conference, name=f"k{n}", station=f"Door {n}")[1] for n in "AB"]
        paid = ada.access_code
    engine.dispose()
    port = free_port()
    server = start_server_process(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        kiosks = []
        for name, code in zip("ab", codes):
            credentials = pair(base, code, tmp_path / name)
            kiosks.append((SyncEngine(tmp_path / name / CACHE_FILE, credentials),
                           ScanPipeline(connect(tmp_path / name / CACHE_FILE), Station(name=credentials.station))))
        for sync, _ in kiosks:
            sync.sync_once()
        assert kiosks[0][1].scan(paid).verdict.reason is Reason.OK
        kiosks[0][0].sync_once()
        kiosks[1][0].sync_once()
        assert kiosks[1][1].scan(paid).verdict.reason is Reason.ALREADY_CHECKED_IN

        order = {"buyer": {"first_name": "C", "email": "c@example.org"}, "tickets": {"standard": 1}}
        assert httpx.post(f"{base}/api/v1/conferences/pycon/orders", json=order).status_code == 201  # seat 3 of 3
        refused = httpx.post(f"{base}/api/v1/conferences/pycon/orders", json=order)
        assert refused.status_code == 409
        assert refused.json()["detail"]["message"] == "This conference is sold out (venue capacity: 3)."
    finally:
        server.terminate()
        server.wait(10)
