"""The server as deployed: ``doorstation server`` in its own process, not imported into the test.

A test process imports every model and hook anyway; a server process imports only what its routes
need. This caught a server that never stamped change-feed versions (kiosks saw no new check-ins)
because nothing it imported registered the flush hooks.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from doorstation.demo import start_server_process
from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.db.engine import make_engine, unit_of_work
from server.wiring import make_session_factory
from server.db.migrate import upgrade_to_head
from server.devices.service import create_device
from server.users.service import Role, add_user, set_role
from shared.decisions import Reason
from tests.command_line import run_doorstation
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.kiosk.test_badges import decode, pdf_pages
from tests.live_server import free_port
from tests.server.test_stripe import mark_migrated
from tests.web.conftest import http_sign_in


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
        paid, ada_id = ada.access_code, ada.id
        lead = add_user(session, email="lead@example.org", display_name="Lee", password="a long door password")
        set_role(session, lead, conference, Role.DOOR_LEAD)
    engine.dispose()
    port = free_port()
    server = start_server_process(url, port)
    base = f"http://127.0.0.1:{port}"
    kiosks: list = []
    try:
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

        # The console's badge: the composed server draws it with the kiosk's renderer (Qt, offscreen).
        with httpx.Client(base_url=base, timeout=60) as browser:
            assert http_sign_in(browser, "lead@example.org", "a long door password").status_code == 303
            badge = browser.get(f"/conferences/pycon/attendees/{ada_id}/badge.pdf")
        assert badge.status_code == 200 and badge.content.startswith(b"%PDF")
        pdf = tmp_path / "badge.pdf"
        pdf.write_bytes(badge.content)
        [page] = pdf_pages(pdf)
        assert decode(page)["Code128"] == paid
        # Drawn in a process of its own: the server's process has not loaded Qt (46 MB a worker).
        assert "libQt6" not in Path(f"/proc/{server.pid}/maps").read_text()
    finally:
        close_kiosks(kiosks)
        server.terminate()
        server.wait(10)


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_two_workers_on_postgresql_agree_and_two_kiosks_see_each_other(database_url, engine, tmp_path):
    """Production's shape: two uvicorn worker processes on PostgreSQL. Both read the one settings
    object from the same environment, so the admin token works whichever worker answers, and two
    kiosk cores syncing through them see each other's check-ins."""
    mark_migrated(engine)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = make_conference(session, slug="pycon")
        standard = make_ticket_type(session, conference, name="Standard", slug="standard")
        people = [make_attendee(session, conference, ticket_type=standard, first_name=n).access_code for n in "AB"]
        codes = [create_device(session, conference, name=f"k{n}", station=f"Door {n}")[1] for n in "AB"]
    port = free_port()
    server = start_server_process(database_url, port, admin_token="one-token-for-all", workers=2)
    base = f"http://127.0.0.1:{port}"
    try:
        assert len(worker_processes(server.pid)) == 2
        # Fresh connections are spread over the workers by the kernel: every one takes the token.
        statuses = {httpx.get(f"{base}/api/v1/admin/conferences/pycon/stats",
                              headers={"Authorization": "Bearer one-token-for-all"}).status_code for _ in range(20)}
        assert statuses == {200}
        kiosks = []
        for name, code in zip("ab", codes):
            credentials = pair(base, code, tmp_path / name)
            kiosks.append((SyncEngine(tmp_path / name / CACHE_FILE, credentials),
                           ScanPipeline(connect(tmp_path / name / CACHE_FILE), Station(name=credentials.station))))
        for (sync, pipeline), mine in zip(kiosks, people):
            sync.sync_once()
            assert pipeline.scan(mine).verdict.reason is Reason.OK
            sync.sync_once()
        for (sync, pipeline), theirs in zip(kiosks, reversed(people)):
            sync.sync_once()
            assert pipeline.scan(theirs).verdict.reason is Reason.ALREADY_CHECKED_IN
    finally:
        close_kiosks(kiosks)
        server.terminate()
        server.wait(10)


def close_kiosks(kiosks) -> None:
    for sync, pipeline in kiosks:
        sync.close()
        pipeline.connection.close()


def worker_processes(pid: int) -> list[int]:
    """uvicorn's worker processes under ``pid`` (spawned by multiprocessing)."""
    children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [c for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


def test_the_server_will_not_start_without_an_admin_token(tmp_path, monkeypatch):
    monkeypatch.delenv("DOORSTATION_ADMIN_TOKEN", raising=False)
    refused = run_doorstation("server", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}, expect=1)
    assert "Set DOORSTATION_ADMIN_TOKEN" in refused.stderr
    assert not (tmp_path / "db.sqlite3").exists()  # refused before touching the database


# What a worker leaves out at start (a worker's peak is held to 120 MB during a full download): the
# Stripe library and its HTTP clients, the pairing QR's segno, and the command line's own modules.
NOT_IN_AN_IDLE_WORKER = ("stripe", "requests", "httpx", "segno", "typer", "rich", "click", "alembic", "babel")
# The bound on the server's peak through a kiosk's first download, by database (the bound for a
# full download is 120 MB): measured 2026-12-07, 104 MB on SQLite and 114 MB on PostgreSQL; with the
# command line, Stripe and its clients still loaded it was 126 / ~130 MB idle.
PEAK_MB = {"sqlite": 110, "postgresql": 120}


def test_a_worker_imports_neither_stripe_nor_the_command_line_until_it_needs_them():
    """What uvicorn imports in a worker (doorstation.server_app), in a fresh interpreter: the test
    process has imported everything already."""
    probe = ("import sys; from doorstation.server_app import create_app; create_app(); "
             f"print(' '.join(m for m in {NOT_IN_AN_IDLE_WORKER!r} if m in sys.modules))")
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "DATABASE_URL": "sqlite://"}, check=True)
    assert ran.stdout.split() == []


def test_a_server_process_stays_small_through_a_kiosks_first_download(empty_database_url, tmp_path):
    """``doorstation server`` as deployed: it migrates, then serves in a fresh interpreter (same pid)
    that holds only what serving needs; a kiosk's first download (300 attendees) leaves its peak
    under the bound."""
    port = free_port()
    server = start_server_process(empty_database_url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        engine = make_engine(empty_database_url)
        with unit_of_work(make_session_factory(engine)) as session:
            conference = make_conference(session, slug="pycon")
            standard = make_ticket_type(session, conference, name="Standard", slug="standard")
            for n in range(300):
                make_attendee(session, conference, ticket_type=standard, first_name=f"P{n}")
            [code] = [create_device(session, conference, name="k", station="Door")[1]]
        engine.dispose()
        credentials = pair(base, code, tmp_path / "k")
        sync = SyncEngine(tmp_path / "k" / CACHE_FILE, credentials)
        try:
            sync.sync_once()
        finally:
            sync.close()
        cache = connect(tmp_path / "k" / CACHE_FILE)
        [count] = cache.execute("SELECT count(*) FROM attendees").fetchone()
        cache.close()
        assert count == 300
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak_mb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024
        bound = PEAK_MB[empty_database_url.split(":")[0].split("+")[0]]
        assert peak_mb <= bound, f"the server process peaked at {peak_mb:.0f} MB"
    finally:
        server.terminate()
        server.wait(10)
