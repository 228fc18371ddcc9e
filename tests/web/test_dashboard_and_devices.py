"""The live dashboard and the devices pages in chromium, with real kiosk cores syncing against the same
live server (SQLite and PostgreSQL): what a door lead sees move, pair and revoke."""

from __future__ import annotations

import pytest
import cv2
import numpy
import zxingcpp
from playwright.sync_api import expect
from sqlalchemy import select

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.settings import KioskSettings, StationMode, save_settings
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.attendees.models import Attendee
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.users.models import Role
from shared.protocol import parse_pairing_payload
from tests.web.conftest import CONFERENCE_A, CONFERENCE_B

pytestmark = pytest.mark.browser


class Kiosk:
    """A real kiosk core (cache, scan pipeline, sync engine), paired with a code; closed after each test."""

    opened: list[Kiosk] = []

    def __init__(self, base_url: str, code: str, data_dir):
        self.credentials = pair(base_url, code, data_dir)
        self.engine = SyncEngine(data_dir / CACHE_FILE, self.credentials)
        self.pipeline = ScanPipeline(connect(data_dir / CACHE_FILE), Station(name=self.credentials.station or "Door"))
        Kiosk.opened.append(self)

    def close(self) -> None:
        self.engine.close()
        self.pipeline.connection.close()

    def sync(self):
        return self.engine.sync_once()


@pytest.fixture(autouse=True)
def kiosks_closed():
    yield
    while Kiosk.opened:
        Kiosk.opened.pop().close()


def access_codes(console_server, slug: str = CONFERENCE_A) -> list[str]:
    with console_server.session_factory() as session:
        conference = console_server.conference(session, slug)
        return list(session.scalars(select(Attendee.access_code).where(Attendee.conference_id == conference.id)
                                    .order_by(Attendee.id)))


def new_kiosk(console_server, tmp_path, name: str = "Kiosk 1", station: str = "Door A") -> Kiosk:
    with unit_of_work(console_server.session_factory) as session:
        _device, code = create_device(session, console_server.conference(session), name=name, station=station)
    return Kiosk(console_server.base_url, code, tmp_path / name.replace(" ", "-"))


def test_the_dashboard_moves_within_5_seconds_while_a_kiosk_scans(signed_in_page, console_server, tmp_path):
    kiosk = new_kiosk(console_server, tmp_path)
    assert kiosk.sync().attendees_cached == 2
    page = signed_in_page(Role.VIEWER)
    page.goto(f"/conferences/{CONFERENCE_A}/dashboard")
    expect(page.get_by_test_id("checked-in")).to_have_text("0")
    expect(page.get_by_text("of 2 expected")).to_be_visible()
    expect(page.get_by_test_id("devices-online")).to_have_text("1")
    page.evaluate("window.notReloaded = true")

    ada, grace = access_codes(console_server)
    assert kiosk.pipeline.scan(ada).verdict.admitted
    assert kiosk.sync().events_waiting == 0
    expect(page.get_by_test_id("checked-in")).to_have_text("1", timeout=5_000)
    expect(page.get_by_test_id("inside")).to_have_text("1")
    expect(page.locator('tr[data-station="Door A"] [data-testid="station-scans"]')).to_have_text("1")

    kiosk.pipeline.scan(grace)
    kiosk.pipeline.scan("NOTACODE")  # refused at the kiosk: the station's refused share moves too
    kiosk.sync()
    expect(page.get_by_test_id("checked-in")).to_have_text("2", timeout=5_000)
    expect(page.locator('tr[data-station="Door A"] [data-testid="station-scans"]')).to_have_text("3")
    expect(page.locator('tr[data-station="Door A"]')).to_contain_text("33%")
    assert page.evaluate("window.notReloaded") is True  # it moved by itself, without a reload


def test_a_kiosk_pairs_from_the_code_on_the_page_and_is_listed_online(signed_in_page, console_server, tmp_path):
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"/conferences/{CONFERENCE_A}/devices")
    expect(page.get_by_text("No devices yet")).to_be_visible()
    page.get_by_label("Name").fill("Kiosk 3")
    page.get_by_label("Station").fill("Door C")
    page.get_by_role("button", name="Add device").click()
    code = page.get_by_test_id("pairing-code").inner_text().strip()
    assert len(code) == 11 and code[5] == "-"

    # The QR on screen holds the same code and this server's address: a kiosk's camera pairs from it.
    png = page.locator(".pairing__qr svg").screenshot()
    image = cv2.imdecode(numpy.frombuffer(png, numpy.uint8), cv2.IMREAD_GRAYSCALE)
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert [parse_pairing_payload(text) for text in decoded] == [(code, console_server.base_url)]

    kiosk = Kiosk(console_server.base_url, code, tmp_path / "kiosk-3")
    assert kiosk.credentials.station == "Door C"
    save_settings(tmp_path / "kiosk-3", KioskSettings(station_name="Door C", mode=StationMode.EXIT))  # set up
    assert kiosk.sync().online
    page.get_by_role("link", name="Back to the devices").click()
    row = page.locator('tr[data-device="Kiosk 3"]')
    expect(row.get_by_test_id("device-state")).to_have_text("Online")
    expect(row).to_contain_text("Door C")
    expect(row).to_contain_text("Door C · exit")  # the station and mode the kiosk reported
    # The code worked once: a second kiosk cannot pair with it.
    with pytest.raises(Exception, match="not valid"):
        pair(console_server.base_url, code, tmp_path / "kiosk-4")


def test_revoking_a_device_stops_its_sync_at_once(signed_in_page, console_server, tmp_path):
    kiosk = new_kiosk(console_server, tmp_path, name="Kiosk 9", station="Door Z")
    assert kiosk.sync().online
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"/conferences/{CONFERENCE_A}/devices")
    page.get_by_role("link", name="Revoke Kiosk 9").click()
    expect(page.get_by_role("heading", name="Revoke Kiosk 9?")).to_be_visible()
    page.get_by_role("button", name="Revoke Kiosk 9").click()
    expect(page.get_by_role("status")).to_contain_text("Kiosk 9 is revoked")
    expect(page.locator('tr[data-device="Kiosk 9"]').get_by_test_id("device-state")).to_have_text("Revoked")
    status = kiosk.sync()
    assert status.revoked and "revoked" in status.last_error


def test_a_door_lead_of_one_conference_gets_404_on_anothers_devices(signed_in_page, console_server, tmp_path):
    with unit_of_work(console_server.session_factory) as session:
        other_device, _ = create_device(session, console_server.conference(session, CONFERENCE_B), name="B's kiosk")
        other_id = other_device.id
    page = signed_in_page(Role.DOOR_LEAD, CONFERENCE_A)
    for path in (f"/conferences/{CONFERENCE_B}/devices", f"/conferences/{CONFERENCE_B}/dashboard",
                 f"/conferences/{CONFERENCE_B}/devices/live", f"/conferences/{CONFERENCE_A}/devices/{other_id}/revoke"):
        response = page.goto(path)
        assert response.status == 404, path
        expect(page.get_by_text("B's kiosk")).to_have_count(0)
    # Revoking B's device through A's page (a forged form) is refused the same way, and changes nothing.
    page.goto(f"/conferences/{CONFERENCE_A}/devices")
    token = page.locator('input[name="csrf_token"]').first.get_attribute("value")
    answer = page.request.post(f"/conferences/{CONFERENCE_A}/devices/{other_id}/revoke", form={"csrf_token": token})
    assert answer.status == 404
    with console_server.session_factory() as session:
        from server.devices.models import Device
        assert session.get(Device, other_id).revoked_at is None


def test_a_viewer_sees_the_dashboard_but_not_the_devices(signed_in_page, console_server):
    page = signed_in_page(Role.VIEWER)
    assert page.goto(f"/conferences/{CONFERENCE_A}/dashboard").status == 200
    assert page.goto(f"/conferences/{CONFERENCE_A}/devices").status == 404


def test_adding_a_device_without_a_name_says_so_and_adds_nothing(signed_in_page, console_server):
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"/conferences/{CONFERENCE_A}/devices")
    page.get_by_label("Station").fill("Door D")
    page.get_by_label("Name").fill("   ")
    page.get_by_role("button", name="Add device").click()
    expect(page.get_by_role("alert")).to_contain_text("A device needs a name.")
    expect(page.get_by_label("Station")).to_have_value("Door D")
    expect(page.get_by_text("No devices yet")).to_be_visible()
