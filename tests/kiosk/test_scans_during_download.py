"""A door scanning while the kiosk downloads the conference waits at most for the page being stored.

Each page is stored in one write transaction; a scan also writes (its outbox row). Before the writers
of a process took turns (kiosk.core.write_turns), a scan waiting for SQLite's lock slept and woke into
the next page's transaction again and again: 6 scans got through a download of 100,000 in 3.5 s."""

from __future__ import annotations

import threading
import time

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.db.engine import unit_of_work
from server.demo_data import seed_demo
from server.devices.service import create_device
from tests.live_server import live_server


def test_a_scan_during_a_download_waits_for_one_page_at_most(session_factory, database_url, tmp_path):
    with unit_of_work(session_factory) as session:
        conference = seed_demo(session, slug="pycon", attendees=3000)
        code = create_device(session, conference, name="door", station="Door")[1]
    with live_server(database_url) as url:
        engine = SyncEngine(tmp_path / CACHE_FILE, pair(url, code, tmp_path), page_size=150, timeout=30)
        pages_stored = 0  # read by the scanning thread: an int's update is atomic
        waited: list[int] = []  # pages stored while each scan waited
        done = threading.Event()

        def count_page(stage: str, _received: int) -> None:
            nonlocal pages_stored
            pages_stored += stage == "download"

        def scan_at_the_door() -> None:
            pipeline = ScanPipeline(connect(tmp_path / CACHE_FILE), Station(name="Door A"))
            try:
                while not done.is_set():
                    before = pages_stored
                    pipeline.scan("NOBODY00")  # refused, and recorded: a write like any scan's
                    waited.append(pages_stored - before)
                    time.sleep(0.002)
            finally:
                pipeline.connection.close()

        door = threading.Thread(target=scan_at_the_door)
        door.start()
        try:
            engine.download(count_page)
        finally:
            done.set()
            door.join()
            engine.close()
    assert pages_stored == 20 and len(waited) >= pages_stored // 2, (pages_stored, len(waited))
    assert max(waited) <= 1, waited
