"""The dashboard's zones and doors in chromium, with a real kiosk core syncing against the live server
(SQLite and PostgreSQL): a room filling up, its alarm, and the doors' flow, moving without a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.users.models import Role
from server.zones.service import create_zone
from shared.zone_moves import ZoneDoor, ZoneRole
from tests.web.conftest import CONFERENCE_A
from tests.web.test_dashboard_and_devices import access_codes

pytestmark = pytest.mark.browser


def test_a_room_fills_up_on_the_dashboard_with_its_alarm_and_the_doors_flow(signed_in_page, console_server, tmp_path,
                                                                            screenshots):
    with unit_of_work(console_server.session_factory) as session:
        conference = console_server.conference(session)
        venue = create_zone(session, conference, name="Venue", capacity=100)
        room = create_zone(session, conference, name="Room A", capacity=2, parent_id=venue.id)
        room_id = room.id
        _device, code = create_device(session, conference, name="Kiosk 1", station="Room A door")
    credentials = pair(console_server.base_url, code, tmp_path / "kiosk")
    engine = SyncEngine(tmp_path / "kiosk" / CACHE_FILE, credentials)
    pipeline = ScanPipeline(connect(tmp_path / "kiosk" / CACHE_FILE),
                            Station("Room A door", zone_door=ZoneDoor(ZoneRole.ENTRY, room_id)))
    try:
        assert engine.sync_once().online
        page = signed_in_page(Role.VIEWER)
        page.goto(f"/conferences/{CONFERENCE_A}/dashboard")
        room_row = page.locator('li[data-zone="Room A"]')
        expect(room_row).to_contain_text("0 of 2 inside")
        expect(room_row.get_by_test_id("zone-alarm")).to_have_count(0)
        page.evaluate("window.notReloaded = true")

        ada, grace = access_codes(console_server)
        assert pipeline.scan(ada).verdict.admitted
        engine.sync_once()
        expect(room_row.get_by_test_id("zone-inside")).to_have_text("1", timeout=5_000)
        expect(page.locator('li[data-zone="Venue"]')).to_contain_text("1 of 100 inside")  # the room is in the venue
        expect(room_row.get_by_test_id("zone-alarm")).to_have_count(0)  # 50 %

        assert pipeline.scan(grace).verdict.admitted
        engine.sync_once()
        expect(room_row.get_by_test_id("zone-alarm")).to_have_text("Room A full: 2 of 2", timeout=5_000)
        door = page.locator('tr[data-door="Room A door"]')
        expect(door.get_by_test_id("door-admitted")).to_have_text("2")
        expect(page.get_by_test_id("flow-summary")).to_contain_text("Everyone expected is in.")
        assert page.evaluate("window.notReloaded") is True
        page.screenshot(path=str(screenshots / "console-dashboard-zones.png"), full_page=True)
    finally:
        engine.close()
        pipeline.connection.close()


def test_an_organizer_sets_up_the_venue_and_a_room_and_a_bad_capacity_is_refused(signed_in_page, console_server):
    page = signed_in_page(Role.ORGANIZER)
    page.goto(f"/conferences/{CONFERENCE_A}/zones")
    expect(page.get_by_text("No zones yet.")).to_be_visible()
    page.get_by_label("Name").fill("Venue")
    page.get_by_label("Capacity").fill("500")
    page.get_by_label("Nightly reset").fill("04:00")
    page.get_by_role("button", name="Add zone").click()
    expect(page.locator('tr[data-zone="Venue"]')).to_contain_text("04:00")

    page.get_by_label("Name").fill("Room A")
    page.get_by_label("Capacity").fill("three hundred")
    page.get_by_label("Inside").select_option(label="Venue")
    page.get_by_role("button", name="Add zone").click()
    expect(page.get_by_text("The capacity 'three hundred' is not a whole number.")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Room A")  # what was typed comes back
    expect(page.locator('tr[data-zone="Room A"]')).to_have_count(0)  # nothing written

    page.get_by_label("Capacity").fill("300")
    page.get_by_label("At full").select_option(label="Refuse entry until someone leaves")
    page.get_by_role("button", name="Add zone").click()
    room = page.locator('tr[data-zone="Room A"]')
    expect(room).to_contain_text("300")
    expect(room).to_contain_text("Refuse entry until someone leaves")

    viewer = signed_in_page(Role.VIEWER)
    viewer.goto(f"/conferences/{CONFERENCE_A}/zones")
    expect(viewer.locator('tr[data-zone="Room A"]')).to_be_visible()
    expect(viewer.get_by_role("button", name="Add zone")).to_have_count(0)
