"""A server driven past what it can serve answers at once (503, Retry-After) and serves again when load drops.

At 100 kiosks one ``doorstation server`` process on PostgreSQL used to wedge: requests stalled 30–90 s,
then failed with pool timeouts as 500s, even the health check. Here a real server process is driven
past its limit deterministically: the test holds a lock on the attendees, so the requests at work
stay at work, and every further kiosk poll must be turned away quickly, not queued behind them.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import text

from doorstation.demo import start_server_process
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.sync_engine import SyncEngine
from server.db.engine import unit_of_work
from server.wiring import make_session_factory
from server.devices.service import create_device
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.live_server import free_port
from tests.server.test_stripe import mark_migrated

AT_WORK = 2
RETRY_AFTER = 7


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_past_its_limit_the_server_turns_kiosks_away_at_once_and_serves_again_when_load_drops(
        database_url, engine, tmp_path, monkeypatch):
    mark_migrated(engine)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = make_conference(session, slug="pycon")
        standard = make_ticket_type(session, conference, name="Standard", slug="standard")
        codes = [make_attendee(session, conference, ticket_type=standard, first_name=f"P{n}").access_code
                 for n in range(20)]
        pairing_codes = [create_device(session, conference, name=f"k{n}", station=f"Door {n}")[1] for n in range(2)]
    for name, value in {"DB_POOL_SIZE": "4", "DB_MAX_OVERFLOW": "0", "MAX_REQUESTS_AT_WORK": str(AT_WORK),
                        "ADMISSION_WAIT_S": "0.3", "BUSY_RETRY_AFTER_S": str(RETRY_AFTER)}.items():
        monkeypatch.setenv(f"DOORSTATION_{name}", value)
    port = free_port()
    server = start_server_process(database_url, port)
    base = f"http://127.0.0.1:{port}"
    kiosk = None
    try:
        token = pair(base, pairing_codes[0], tmp_path / "a").token
        kiosk = SyncEngine(tmp_path / "b" / CACHE_FILE, pair(base, pairing_codes[1], tmp_path / "b"))
        feed = {"url": f"{base}/api/v1/sync/changes", "params": {"after": 0},
                "headers": {"Authorization": f"Bearer {token}"}, "timeout": 60}

        def poll() -> tuple[int, float, httpx.Response]:
            started = time.monotonic()
            response = httpx.get(**feed)
            return response.status_code, time.monotonic() - started, response

        with engine.connect() as holder, ThreadPoolExecutor(max_workers=60) as pool:
            holder.execute(text("LOCK TABLE attendees IN ACCESS EXCLUSIVE MODE"))  # the feed's reads now wait
            stuck = [pool.submit(poll) for _ in range(AT_WORK)]
            _wait_for_queries_blocked_on_a_lock(holder, AT_WORK)

            # Every turn is taken: 50 more kiosks polling at once are turned away, at once. (Each waits
            # 0.3 s for a turn; the bound leaves room for a busy test machine, and is far below the
            # wedge's 30-90 s, or the held lock's forever.)
            answers = [future.result() for future in [pool.submit(poll) for _ in range(50)]]
            assert {status for status, _, _ in answers} == {503}
            assert max(seconds for _, seconds, _ in answers) < 10.0
            busy = answers[0][2]
            assert busy.headers["retry-after"] == str(RETRY_AFTER)
            assert busy.json()["detail"] == {"code": "busy", "message": "The server is busy; try again shortly."}
            # An upload turned away stores nothing: sent again once load drops, it is applied (not a duplicate).
            scan = {"uuid": str(uuid.uuid4()), "kind": "check_in", "access_code": codes[0], "station": "Door 0",
                    "occurred_at": dt.datetime.now(dt.UTC).isoformat()}
            upload = {"url": f"{base}/api/v1/sync/events", "json": {"events": [scan]}, "headers": feed["headers"],
                      "timeout": 60}
            started = time.monotonic()
            refused = httpx.post(**upload)
            assert (refused.status_code, refused.headers["retry-after"]) == (503, str(RETRY_AFTER))
            assert time.monotonic() - started < 5.0
            # A person at the console gets a page that tries again by itself.
            page = httpx.get(f"{base}/conferences", headers={"Accept": "text/html"}, timeout=30)
            assert page.status_code == 503 and "The server is busy; try again shortly." in page.text
            assert '<meta http-equiv="refresh" content="7">' in page.text
            # The liveness check still answers, at once.
            started = time.monotonic()
            assert httpx.get(f"{base}/api/v1/health", timeout=5).status_code == 200
            assert time.monotonic() - started < 5.0
            # A kiosk reads the answer as "busy" and waits as long as it was told.
            status = kiosk.sync_once()
            assert (status.online, status.retry_after) == (False, RETRY_AFTER)
            assert status.last_error == f"Server busy; retrying in {RETRY_AFTER} s."
            holder.rollback()  # load drops

            assert [future.result()[0] for future in stuck] == [200] * AT_WORK  # the held ones finish
        status, seconds, response = poll()
        assert status == 200 and seconds < 5.0 and len(response.json()["attendees"]) == 20
        assert [r["status"] for r in httpx.post(**upload).json()["results"]] == ["applied"]
        assert kiosk.sync_once().online and kiosk.status.retry_after == 0
    finally:
        if kiosk is not None:
            kiosk.close()
        server.terminate()
        server.wait(10)


def _wait_for_queries_blocked_on_a_lock(connection, count: int) -> None:
    deadline = time.monotonic() + 20
    with connection.engine.connect() as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                           "AND datname = current_database()")).scalar_one()
            if waiting >= count:
                return
            watcher.rollback()  # pg_stat_activity is read once per transaction
            time.sleep(0.05)
    raise AssertionError(f"{count} feed requests never reached the database")


def test_every_admitted_request_has_a_connection_to_finish_with():
    """More requests at work than connections is the wedge itself: the settings refuse it, saying what to change."""
    from server.settings import ServerSettings

    with pytest.raises(ValueError, match=r"MAX_REQUESTS_AT_WORK \(30\) must be at most the database connections less "
                                         r"two for the periodic jobs \(28\)"):
        ServerSettings(max_requests_at_work=30, db_pool_size=10, db_max_overflow=20)

