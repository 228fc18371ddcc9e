"""Three kiosks at the doors of a venue and its tutorial room go offline, scan, and come back: each
estimates the room's count from its last figure and its own scans ("≈ 8 of 8, as of 10:42"), refuses
entry once its figure says full, and after the sync every kiosk shows the server's count, which is the
one the triggers keep. Real scan pipelines and caches, sync engines over HTTP to a uvicorn, SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import httpx
import pytest

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from kiosk.core.verdict_text import describe
from kiosk.core.zone_figures import door_figures
from server.conferences.service import get_conference
from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.zones import repository
from server.zones.service import create_zone
from shared.decisions import Outcome, Reason, ScanKind
from shared.zone_moves import ZoneDoor, ZoneRole
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.live_server import live_server

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def doors(database_url, session_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", "test-admin")
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", timezone="Europe/Berlin")
        ticket = make_ticket_type(session, conference, name="Standard")
        codes = [make_attendee(session, conference, ticket_type=ticket, first_name=f"P{n}").access_code
                 for n in range(20)]
        venue = create_zone(session, conference, name="Venue", capacity=500)
        hall = create_zone(session, conference, name="Hall", capacity=100, parent_id=venue.id)
        room = create_zone(session, conference, name="Room A", capacity=8, parent_id=hall.id, at_full="refuse")
        zones = {"Venue": venue.id, "Hall": hall.id, "Room A": room.id}
        pairing = [create_device(session, conference, name=f"Kiosk {n}")[1] for n in range(3)]
        ticket_id = ticket.id
    stations = [
        Station("Main door", zone_door=ZoneDoor(ZoneRole.ENTRY, zones["Venue"])),
        Station("Room A door", kind=ScanKind.DOOR_CHECK, product_type="ticket_type", product_id=ticket_id,
                zone_door=ZoneDoor(ZoneRole.ENTRY, zones["Room A"])),
        Station("Room A exit", kind=ScanKind.EXIT, zone_door=ZoneDoor(ZoneRole.EXIT, zones["Room A"])),
    ]
    with live_server(database_url) as url:
        kiosks = []
        for n, (code, station) in enumerate(zip(pairing, stations, strict=True)):
            credentials = pair(url, code, tmp_path / f"k{n}")
            engine = SyncEngine(tmp_path / f"k{n}" / CACHE_FILE, credentials)
            connection = connect(tmp_path / f"k{n}" / CACHE_FILE)
            kiosks.append((engine, ScanPipeline(connection, station)))
            assert engine.sync_once().online
        yield {"url": url, "kiosks": kiosks, "codes": codes, "zones": zones}
        for engine, pipeline in kiosks:
            engine.close()
            pipeline.connection.close()


def shown(pipeline: ScanPipeline, now: dt.datetime) -> list[str]:
    return [f.text(now, BERLIN) for f in door_figures(pipeline.connection, pipeline.station.zone_door)]


def test_kiosks_offline_estimate_refuse_at_full_and_agree_once_synced(doors, session_factory):
    (main, main_door), (room, room_door), (out, room_exit) = doors["kiosks"]
    codes, zones = doors["codes"], doors["zones"]
    start = utcnow().replace(microsecond=0) - dt.timedelta(minutes=30)
    # Offline from here: nobody syncs.
    for n, code in enumerate(codes):
        assert main_door.scan(code, now=start + dt.timedelta(seconds=n)).verdict.outcome is Outcome.ACCEPT
    verdicts = [room_door.scan(code, now=start + dt.timedelta(minutes=5, seconds=n)) for n, code in enumerate(codes[:9])]
    assert [v.verdict.outcome for v in verdicts] == [Outcome.ACCEPT] * 8 + [Outcome.REFUSE]
    assert verdicts[8].verdict.reason is Reason.ZONE_FULL and verdicts[8].message == "Room A full: 8 of 8"
    words = describe(verdicts[8].verdict, kind=ScanKind.DOOR_CHECK, message=verdicts[8].message)
    assert (words.headline, words.detail) == ("Room A full: 8 of 8", "Entry refused until someone leaves.")
    now = start + dt.timedelta(minutes=6)
    as_of = room_door.connection.execute("SELECT value FROM meta WHERE key = 'zones_as_of'").fetchone()[0]
    at = dt.datetime.fromisoformat(as_of).astimezone(BERLIN).strftime("%H:%M")
    assert shown(room_door, now) == [f"Room A: ≈ 8 of 8, as of {at}"]
    room_figure = door_figures(room_door.connection, room_door.station.zone_door)[0]
    assert room_figure.alarm_text(dt.datetime.fromisoformat(as_of) + dt.timedelta(minutes=12)) == \
        "Room A full: 8 of 8; entry refused until someone leaves (figure 12 minutes old)"
    for n, code in enumerate(codes[:3]):  # three leave by the room's exit, at the third kiosk
        assert room_exit.scan(code, now=start + dt.timedelta(minutes=10, seconds=n)).verdict.admitted

    # Back online, in another order than they scanned; a second round brings everyone the others' scans.
    for engine in (out, main, room, out, main, room):
        status = engine.sync_once()
        assert status.online and status.events_waiting == 0, status.last_error

    with httpx.Client(base_url=doors["url"], headers={"Authorization": "Bearer test-admin"}) as admin:
        on_server = {z["name"]: z["inside"] for z in admin.get("/api/v1/admin/conferences/pycon/zones").json()}
    # 12 in the venue's halls' corridors, 3 left Room A into the hall, 5 still in Room A.
    assert on_server == {"Venue": 20, "Hall": 8, "Room A": 5}
    now = utcnow()
    assert shown(room_door, now) == ["Room A: 5 of 8"]
    assert shown(room_exit, now) == ["Room A: 5 of 8"]
    assert shown(main_door, now) == ["Venue: 20 of 500"]
    with session_factory() as session:
        conference = get_conference(session, "pycon")
        kept = {k: v for k, v in repository.people_at(session, conference.id).items() if v}
        assert kept == repository.counted_from_rows(session, conference.id)  # the triggers' counts are the rows'
        assert kept == {zones["Venue"]: 12, zones["Hall"]: 3, zones["Room A"]: 5}
    # Room for three more: the one refused before is let in now.
    assert room_door.scan(codes[8], now=now).verdict.outcome is Outcome.ACCEPT
    assert shown(room_door, now)[0].startswith("Room A: ≈ 6 of 8, as of ")
