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

import pytest
from sqlalchemy import create_engine, func, select, text

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.db.engine import make_engine, make_session_factory, unit_of_work
from server.devices.service import create_device
from server.sync.models import SyncEvent
from tests.factories import make_attendee, make_conference
from tests.live_server import live_server


class Kiosk:
    """A kiosk core as the app runs it: its cache, its scan pipeline, its sync engine."""

    def __init__(self, data_dir: Path, base_url: str, pairing_code: str) -> None:
        credentials = pair(base_url, pairing_code, data_dir)
        self.engine = SyncEngine(data_dir / CACHE_FILE, credentials, timeout=5)
        self.connection = connect(data_dir / CACHE_FILE)
        self.pipeline = ScanPipeline(self.connection, Station(name=credentials.station))

    def waiting(self) -> set[str]:
        return {row[0] for row in self.connection.execute("SELECT uuid FROM outbox")}


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

        assert status.online is False and status.last_error == "server error 500"
        assert kiosk.waiting() == scanned and len(scanned) == 5  # nothing acknowledged, nothing deleted
        assert _stored_uuids(session_factory) == []
        _mend_commits(database_url)
        assert kiosk.engine.sync_once().events_waiting == 0
        assert sorted(_stored_uuids(session_factory)) == sorted(scanned)
