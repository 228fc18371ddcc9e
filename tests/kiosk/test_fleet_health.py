"""Fleet health: a real kiosk core reports after its sync rounds to a real server (uvicorn on 127.0.0.1),
and the server keeps what it said on the device row, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.settings import KioskSettings, StationMode, save_settings
from kiosk.core.sync_engine import SyncEngine
from server.db.engine import unit_of_work
from server.devices.models import Device
from server.devices.service import create_device, judge
from tests.factories import make_attendee, make_conference
from tests.live_server import live_server


@pytest.fixture
def conference(session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", timezone="Europe/Berlin")
        code = make_attendee(session, conference).access_code
        device, pairing_code = create_device(session, conference, name="Kiosk 1", station="Door A")
        return {"code": code, "pairing_code": pairing_code, "device_id": device.id}


class RefuseUploads(httpx.HTTPTransport):
    """The server's upload route failing (a 503 from a proxy in front of it): scans stay waiting."""

    def handle_request(self, request):
        if request.url.path.endswith("/sync/events"):
            return httpx.Response(503, request=request)
        return super().handle_request(request)


def device_row(session_factory, device_id: int) -> Device:
    with session_factory() as session:
        return session.get(Device, device_id)


def test_a_kiosk_reports_its_health_after_each_round(database_url, conference, session_factory, tmp_path):
    data_dir = tmp_path / "kiosk"
    with live_server(database_url) as url:
        credentials = pair(url, conference["pairing_code"], data_dir)
        save_settings(data_dir, KioskSettings(station_name="Exit North", mode=StationMode.EXIT))
        engine = SyncEngine(data_dir / CACHE_FILE, credentials)
        engine.printer_state = lambda: "2 badges waiting to print: the printer is out of paper"
        status = engine.sync_once()
        assert status.online and status.last_error == ""
        device = device_row(session_factory, conference["device_id"])
        assert device.app_version and device.app_version != "unknown"
        assert device.kiosk_last_sync_at == status.last_success_at
        assert (device.reported_station, device.station_mode) == ("Exit North", "exit")
        assert device.events_waiting == 0 and device.oldest_waiting_at is None and device.last_error == ""
        assert device.printer_state == "2 badges waiting to print: the printer is out of paper"
        engine.close()

        # The upload route fails: two scans wait, the oldest scanned 7 minutes ago; the kiosk says so.
        engine = SyncEngine(data_dir / CACHE_FILE, credentials, transport=RefuseUploads())
        pipeline = ScanPipeline(connect(data_dir / CACHE_FILE), KioskSettings("Exit North", StationMode.EXIT).station())
        now = dt.datetime.now(dt.UTC)
        pipeline.scan(conference["code"], now=now - dt.timedelta(minutes=7))
        pipeline.scan(conference["code"], now=now - dt.timedelta(minutes=1))
        status = engine.sync_once()
        assert status.online is False and status.events_waiting == 2
        device = device_row(session_factory, conference["device_id"])
        assert device.events_waiting == 2
        assert device.oldest_waiting_at == now - dt.timedelta(minutes=7)
        assert device.last_error == "Server error 503; retrying."
        assert judge(device, dt.datetime.now(dt.UTC)).alerts == ("2 scans waiting to upload, the oldest for 7 min.",)
        engine.close()

        # The route works again: everything uploads, and the next report says so.
        engine = SyncEngine(data_dir / CACHE_FILE, credentials)
        engine.sync_once()
        device = device_row(session_factory, conference["device_id"])
        assert (device.events_waiting, device.last_error, device.printer_state) == (0, "", "")
        assert judge(device, dt.datetime.now(dt.UTC)).state == "online"
        engine.close()


def test_an_older_server_without_the_health_route_still_syncs(database_url, conference, session_factory, tmp_path):
    """A newer kiosk and an older server: the report is refused (404) once, then not sent again."""

    class OlderServer(httpx.HTTPTransport):
        asked = 0

        def handle_request(self, request):
            if request.url.path.endswith("/sync/health"):
                OlderServer.asked += 1
                return httpx.Response(404, json={"detail": "Not Found"}, request=request)
            return super().handle_request(request)

    with live_server(database_url) as url:
        credentials = pair(url, conference["pairing_code"], tmp_path / "kiosk")
        engine = SyncEngine(tmp_path / "kiosk" / CACHE_FILE, credentials, transport=OlderServer())
        for _ in range(3):
            status = engine.sync_once()
            assert status.online and status.last_error == "" and status.attendees_cached == 1
        assert OlderServer.asked == 1
        engine.close()


def test_a_kiosk_older_than_fleet_health_syncs_and_reports_nothing(database_url, conference, session_factory):
    """An older kiosk never calls the health route; a health report with only some fields is taken too."""
    with live_server(database_url) as url:
        token = httpx.post(f"{url}/api/v1/sync/pair", json={"pairing_code": conference["pairing_code"]}).json()[
            "device_token"]
        headers = {"Authorization": f"Bearer {token}"}
        assert httpx.get(f"{url}/api/v1/sync/changes", headers=headers).status_code == 200
        assert device_row(session_factory, conference["device_id"]).health_reported_at is None
        answer = httpx.post(f"{url}/api/v1/sync/health", headers=headers, json={"app_version": "0.0.9"})
        assert answer.status_code == 204
        device = device_row(session_factory, conference["device_id"])
        assert device.app_version == "0.0.9" and device.health_reported_at is not None
        bad = httpx.post(f"{url}/api/v1/sync/health", headers=headers, json={"events_waiting": -1})
        assert bad.status_code == 422
        assert device_row(session_factory, conference["device_id"]).app_version == "0.0.9"
