"""The server answers only for what is committed: a COMMIT that fails, a server killed mid-upload.

A kiosk deletes every outbox row the server answers "applied" (or "duplicate") for. If the answer
left before the transaction committed, a failed COMMIT or a crash in between would lose that scan
everywhere. These tests make the COMMIT really fail in the database, and really SIGKILL a server
process, with real kiosk cores uploading over HTTP.
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select, text

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.checkin.models import SyncEvent
from server.db.engine import make_engine, unit_of_work
from server.devices.service import create_device
from server.wiring import make_session_factory
from tests.factories import make_attendee, make_conference
from tests.live_server import live_server


class Kiosk:
    """A kiosk core as the app runs it: its cache, its scan pipeline, its sync engine."""

    opened: list[Kiosk] = []  # closed after each test by close_kiosks

    def __init__(self, data_dir: Path, base_url: str, pairing_code: str, transport=None) -> None:
        credentials = pair(base_url, pairing_code, data_dir)
        self.engine = SyncEngine(data_dir / CACHE_FILE, credentials, timeout=5, transport=transport)
        self.connection = connect(data_dir / CACHE_FILE)
        self.pipeline = ScanPipeline(self.connection, Station(name=credentials.station))
        Kiosk.opened.append(self)

    def close(self) -> None:
        self.engine.close()
        self.connection.close()

    def waiting(self) -> set[str]:
        return {row[0] for row in self.connection.execute("SELECT uuid FROM outbox")}


@pytest.fixture(autouse=True)
def close_kiosks():
    """Every Kiosk a test made is closed after it (its HTTP connections and cache connections)."""
    yield
    while Kiosk.opened:
        Kiosk.opened.pop().close()


def _arrange(session_factory, devices: int = 1) -> tuple[list[str], list[str]]:
    """A conference with attendees and paired-to-be devices: (access codes, pairing codes)."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        codes = [make_attendee(session, conference, first_name=f"P{n}").access_code for n in range(5)]
        pairing = [create_device(session, conference, name=f"kiosk {n}", station=f"Door {n}")[1]
                   for n in range(devices)]
    return codes, pairing


def _stored_uuids(session_factory) -> list[str]:
    with session_factory() as session:
        return [str(u) for u in session.scalars(select(SyncEvent.uuid))]


# A COMMIT that fails ------------------------------------------------------------------------------

def _break_commits_of_uploads(database_url: str) -> None:
    """From now on, a transaction that stores a scan event fails at COMMIT (not before).

    PostgreSQL: a deferred constraint trigger, which runs at COMMIT and raises. SQLite: a trigger
    that writes a row whose deferred foreign key points nowhere; SQLite checks deferred foreign keys
    at COMMIT and refuses it ("FOREIGN KEY constraint failed").
    """
    engine = create_engine(database_url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("""
                CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$"""))
            connection.execute(text("""
                CREATE CONSTRAINT TRIGGER refuse_upload_commit AFTER INSERT ON sync_events
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit()"""))
        else:
            connection.execute(text("CREATE TABLE nowhere (id INTEGER PRIMARY KEY)"))
            connection.execute(text("CREATE TABLE dangling (nowhere_id INTEGER REFERENCES nowhere (id) "
                                    "DEFERRABLE INITIALLY DEFERRED)"))
            connection.execute(text("CREATE TRIGGER refuse_upload_commit AFTER INSERT ON sync_events "
                                    "BEGIN INSERT INTO dangling VALUES (1); END"))
    engine.dispose()


def _mend_commits(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP TRIGGER refuse_upload_commit ON sync_events"))
            connection.execute(text("DROP FUNCTION refuse_at_commit()"))
        else:
            connection.execute(text("DROP TRIGGER refuse_upload_commit"))
    engine.dispose()


def test_an_upload_whose_commit_fails_is_not_acknowledged_and_stays_in_the_outbox(database_url, session_factory,
                                                                                 tmp_path):
    codes, [pairing_code] = _arrange(session_factory)
    with live_server(database_url) as url:
        kiosk = Kiosk(tmp_path / "a", url, pairing_code)
        kiosk.engine.sync_once()
        for code in codes:
            assert kiosk.pipeline.scan(code).verdict.admitted
        scanned = kiosk.waiting()
        _break_commits_of_uploads(database_url)

        status = kiosk.engine.sync_once()

        assert status.online is False and status.last_error == "Server error 500; retrying."
        assert kiosk.waiting() == scanned and len(scanned) == 5  # nothing acknowledged, nothing deleted
        assert _stored_uuids(session_factory) == []
        _mend_commits(database_url)
        assert kiosk.engine.sync_once().events_waiting == 0
        assert sorted(_stored_uuids(session_factory)) == sorted(scanned)


# A server killed while two kiosks upload ----------------------------------------------------------

KILLS_PER_DATABASE = 6


class KillOnAnswer(httpx.HTTPTransport):
    """When armed, SIGKILLs the server the moment an upload's answer has been received in full:
    the most dangerous point, where an answer sent before its COMMIT is a lost scan."""

    armed = threading.Event()
    server_pid = 0
    _lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path.endswith("/sync/events") and response.status_code == 200:
            response.read()
            with self._lock:
                if self.armed.is_set():
                    os.kill(self.server_pid, signal.SIGKILL)
                    self.armed.clear()
        return response


def _still_set(flag: threading.Event, *, within: float) -> bool:
    deadline = time.monotonic() + within
    while flag.is_set() and time.monotonic() < deadline:
        time.sleep(0.001)
    return flag.is_set()


class Door(threading.Thread):
    """A kiosk that scans and syncs in a loop; ``turn`` is held for each round, so the test can
    stop it between rounds and look at its outbox at rest."""

    def __init__(self, kiosk: Kiosk, codes: list[str], seed: int) -> None:
        super().__init__(daemon=True)
        self.kiosk, self.codes, self.random = kiosk, codes, random.Random(seed)
        self.turn = threading.Lock()
        self.stop = threading.Event()
        self.scanned: set[str] = set()

    def run(self) -> None:
        while not self.stop.is_set():
            with self.turn:
                for code in self.random.choices(self.codes, k=self.random.randint(1, 8)):
                    self.scanned.add(self.kiosk.pipeline.scan(code).event_uuid)
                self.kiosk.engine.sync_once()
            time.sleep(0.001)

    def acknowledged(self) -> set[str]:
        """What the server answered for: the kiosk deleted it from its outbox."""
        return self.scanned - self.kiosk.waiting()


def test_a_server_killed_during_uploads_lost_nothing_it_acknowledged(empty_database_url, tmp_path):
    from doorstation.demo import start_server_process
    from server.checkin.models import CheckIn
    from server.db.migrate import upgrade_to_head
    from tests.live_server import free_port

    url = empty_database_url
    upgrade_to_head(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    codes, pairing = _arrange(factory, devices=2)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server_process(url, port)
    doors = [Door(Kiosk(tmp_path / f"k{n}", base, code, KillOnAnswer()), codes, seed=n)
             for n, code in enumerate(pairing)]
    chance = random.Random(13)
    try:
        for door in doors:
            door.start()
        for kill in range(KILLS_PER_DATABASE):
            time.sleep(chance.uniform(0.1, 0.8))  # somewhere in the middle of uploads
            if kill % 2:  # at a random moment
                os.kill(server.pid, signal.SIGKILL)
            else:  # just as an upload's answer arrives
                KillOnAnswer.server_pid = server.pid
                KillOnAnswer.armed.set()
                assert not _still_set(KillOnAnswer.armed, within=20)
            server.wait()
            for door in doors:
                assert door.turn.acquire(timeout=20)  # the round in flight ends (with a transport error)
            stored = set(_stored_uuids(factory))
            for door in doors:
                missing = door.acknowledged() - stored
                assert not missing, f"{len(missing)} acknowledged events are not in the database"
            server = start_server_process(url, port)
            for door in doors:
                door.turn.release()
        for door in doors:
            door.stop.set()
            door.join(timeout=20)
        for door in doors:
            assert door.kiosk.engine.sync_once().events_waiting == 0
    finally:
        for door in doors:
            door.stop.set()
        server.kill()
        server.wait()
        engine.dispose()  # the engine still answers below: a disposed engine opens new connections on demand
    stored = _stored_uuids(factory)
    scanned = set().union(*(door.scanned for door in doors))
    assert len(scanned) > 50 and set(stored) == scanned
    assert len(stored) == len(set(stored))  # none stored twice
    with factory() as session:  # …and no entry applied twice: one check-in row per applied check-in event
        applied = session.scalar(select(func.count(SyncEvent.id)).where(SyncEvent.kind == "check_in",
                                                                        SyncEvent.status == "applied"))
        assert session.scalar(select(func.count(CheckIn.id))) == applied > 0
    engine.dispose()


def test_every_route_commits_before_it_answers():
    """A route whose unit of work is not scoped to the endpoint function would answer before its COMMIT
    (FastAPI runs request-scoped ``yield`` dependencies after the response is sent)."""
    from fastapi.routing import APIRoute

    from server.api import unit_of_work_dependency
    from server.app import create_app

    def scopes(dependant):
        for sub in dependant.dependencies:
            if sub.call is unit_of_work_dependency:
                yield sub.scope
            yield from scopes(sub)

    def api_routes(routes):
        for route in routes:
            if isinstance(route, APIRoute):
                yield route
            elif hasattr(route, "original_router"):  # an included router (FastAPI ≥ 0.16x keeps it whole)
                yield from api_routes(route.original_router.routes)

    routes = list(api_routes(create_app("sqlite://").routes))
    with_a_session = {f"{sorted(route.methods)} {route.path}": set(scopes(route.dependant)) for route in routes}
    with_a_session = {route: found for route, found in with_a_session.items() if found}
    assert len(with_a_session) >= 20
    assert {path: found for path, found in with_a_session.items() if found != {"function"}} == {}
