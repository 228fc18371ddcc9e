"""A kiosk process killed with SIGKILL in the middle of its first download keeps whole pages only, answers
scans from them and finds them by search, and the next download goes on from there to the end; killed
while it fills the search index after the last page, it keeps the index true to the rows it holds, and
the next download finishes the fill.

The download stores each page in one transaction whose commit does not wait for the disk, with the
search triggers taken out (kiosk.core.cache), and fills the search index after its last page, a few
thousand rows a transaction: a kill at any moment must leave neither half a page, nor a row the search
cannot find, nor an index that disagrees with the rows, nor a table without its triggers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import httpx
import pytest
from sqlalchemy import func, select

from kiosk.core import attendee_cache
from kiosk.core.cache import connect, get_meta
from kiosk.core.device import CACHE_FILE, load_credentials, pair
from kiosk.core.sync_engine import SyncEngine
from server.attendees.models import Attendee
from server.db.engine import unit_of_work
from server.demo_data import seed_demo
from server.devices.service import create_device
from tests.live_server import live_server

PAGE = 200

DOWNLOADER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kiosk.core.device import CACHE_FILE, load_credentials
    from kiosk.core.sync_engine import SyncEngine
    folder = Path(sys.argv[1])
    engine = SyncEngine(folder / CACHE_FILE, load_credentials(folder), page_size=int(sys.argv[2]), timeout=30)
    engine.download(lambda stage, received: print(received, flush=True))
    print("done", flush=True)
""")

# The same, with every stage named and the search index filled a few rows a transaction (so that a kill
# lands in the middle of the fill).
FILLER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kiosk.core import attendee_cache
    from kiosk.core.device import CACHE_FILE, load_credentials
    from kiosk.core.sync_engine import SyncEngine
    attendee_cache.SEARCH_FILL_ROWS = 5
    folder = Path(sys.argv[1])
    engine = SyncEngine(folder / CACHE_FILE, load_credentials(folder), page_size=1000, timeout=30)
    engine.download(lambda stage, count: print(stage, count, flush=True))
    print("done", flush=True)
""")


def test_a_download_killed_midway_leaves_whole_pages_and_resumes(session_factory, database_url, tmp_path):
    with unit_of_work(session_factory) as session:
        conference = seed_demo(session, slug="pycon", attendees=3000)
        code = create_device(session, conference, name="door", station="Door")[1]
        conference_id = conference.id
    with live_server(database_url) as url:
        pair(url, code, tmp_path)
        process = subprocess.Popen([sys.executable, "-c", DOWNLOADER, str(tmp_path), str(PAGE)],
                                   stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        reported = []
        deadline = time.monotonic() + 60
        while len(reported) < 3 and time.monotonic() < deadline:
            reported.append(process.stdout.readline().strip())
        os.kill(process.pid, signal.SIGKILL)  # pages go on arriving: most likely mid-page
        process.wait()
        process.stdout.close()
        assert "done" not in reported, "the download ended before it could be killed: give it more pages"

        connection = connect(tmp_path / CACHE_FILE)
        cursor = int(get_meta(connection, "cursor") or "0")
        held = attendee_cache.count(connection)
        with session_factory() as session:
            total, up_to_cursor = session.execute(
                select(func.count(), func.count().filter(Attendee.sync_version <= cursor))
                .where(Attendee.conference_id == conference_id)).one()
        # Whole pages: exactly the server's attendees up to the stored feed position, and at least what was reported.
        assert held == up_to_cursor and held >= int(reported[-1]) and held % PAGE == 0 and 0 < held < total
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.execute("INSERT INTO attendee_search(attendee_search) VALUES ('integrity-check')")
        assert not attendee_cache.search_complete(connection)  # the search reads the rows until the fill
        assert {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} >= {
            "attendees_ai", "attendees_ad", "attendees_au"}
        someone = connection.execute("SELECT access_code, full_name FROM attendees ORDER BY version DESC").fetchone()
        assert attendee_cache.attendee_state(connection, someone["access_code"]) is not None  # a scan is answered
        assert someone["access_code"] in [r["access_code"] for r in attendee_cache.search(connection, someone["access_code"])]
        connection.close()

        # A round that fails meanwhile (offline) leaves the index to the download's end: the rest of the pages
        # are then still stored without indexing, the fast way.
        unreachable = httpx.MockTransport(lambda request: (_ for _ in ()).throw(httpx.ConnectError("no network")))
        offline = SyncEngine(tmp_path / CACHE_FILE, load_credentials(tmp_path), page_size=PAGE, timeout=30,
                             transport=unreachable)
        try:
            assert not offline.sync_once().online
            assert get_meta(offline.connection, attendee_cache.SEARCH_FILLED_TO) == "0"
        finally:
            offline.close()

        engine = SyncEngine(tmp_path / CACHE_FILE, load_credentials(tmp_path), page_size=PAGE, timeout=30)
        try:
            assert engine.download() == total - held  # goes on from the last whole page, not from the start
            assert attendee_cache.count(engine.connection) == total
            assert attendee_cache.search_complete(engine.connection)
            # (rank 1: the index compared with the rows themselves, every one of them indexed as it is)
            engine.connection.execute("INSERT INTO attendee_search(attendee_search, rank) VALUES ('integrity-check', 1)")
            last = engine.connection.execute("SELECT full_name FROM attendees ORDER BY version DESC").fetchone()[0]
            assert attendee_cache.search(engine.connection, last.split()[-1])
        finally:
            engine.close()


@pytest.mark.parametrize("next_round", ["online", "offline"])
def test_a_download_killed_while_it_fills_the_search_index_finishes_the_fill_next_time(session_factory, database_url,
                                                                                       tmp_path, next_round):
    """The next round finishes the fill: after its download when the server answers, and from the rows
    held when it does not (the desk is not left on the slower search of the rows while offline)."""
    with unit_of_work(session_factory) as session:
        conference = seed_demo(session, slug="pycon", attendees=3000)
        code = create_device(session, conference, name="desk", station="Desk")[1]
    with live_server(database_url) as url:
        pair(url, code, tmp_path)
        process = subprocess.Popen([sys.executable, "-c", FILLER, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
        reported = []
        deadline = time.monotonic() + 60
        while not (reported and reported[-1].startswith("indexed")) and time.monotonic() < deadline:
            reported.append(process.stdout.readline().strip())
        os.kill(process.pid, signal.SIGKILL)  # chunks of 5 rows go on: most likely mid-fill
        process.wait()
        process.stdout.close()
        assert any(line.startswith("stored") for line in reported) and reported[-1].startswith("indexed"), reported

        connection = connect(tmp_path / CACHE_FILE)
        filled_to = int(get_meta(connection, attendee_cache.SEARCH_FILLED_TO) or "0")
        held = connection.execute("SELECT count(*) FROM attendees WHERE id <= ?", (filled_to,)).fetchone()[0]
        assert 0 < held < attendee_cache.count(connection), "the fill ended before it could be killed: give it smaller chunks"
        assert connection.execute("SELECT count(*) FROM attendee_search WHERE attendee_search MATCH ?",
                                  ('"' + connection.execute("SELECT access_code FROM attendees WHERE id > ? LIMIT 1",
                                                            (filled_to,)).fetchone()[0].lower() + '"',)).fetchone()[0] == 0
        connection.execute("INSERT INTO attendee_search(attendee_search) VALUES ('integrity-check')")
        unindexed = connection.execute("SELECT access_code FROM attendees ORDER BY id DESC").fetchone()[0]
        assert [r["access_code"] for r in attendee_cache.search(connection, unindexed)] == [unindexed]
        connection.close()

        unreachable = httpx.MockTransport(lambda request: (_ for _ in ()).throw(httpx.ConnectError("no network")))
        engine = SyncEngine(tmp_path / CACHE_FILE, load_credentials(tmp_path), page_size=1000, timeout=30,
                            transport=unreachable if next_round == "offline" else None)
        try:
            if next_round == "offline":
                assert not engine.sync_once().online
            else:
                assert engine.download() == 0  # nothing new: the fill goes on from its mark
            assert attendee_cache.search_complete(engine.connection)
            engine.connection.execute("INSERT INTO attendee_search(attendee_search, rank) VALUES ('integrity-check', 1)")
            assert engine.connection.execute("SELECT count(*) FROM attendee_search WHERE attendee_search MATCH ?",
                                             (f'"{unindexed.lower()}"',)).fetchone()[0] == 1
            assert [r["access_code"] for r in attendee_cache.search(engine.connection, unindexed)] == [unindexed]
        finally:
            engine.close()
