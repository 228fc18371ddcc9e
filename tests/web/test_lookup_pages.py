"""Who looked up whom: a real kiosk core logs a search and an attendee opened, its sync round uploads them
(once, however often they are sent), and the owner reads them in the console; nobody else can."""

from __future__ import annotations

import datetime as dt
from contextlib import closing

import httpx
import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from kiosk.core import lookup_log
from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.sync_engine import SyncEngine
from server.attendees.models import Attendee
from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.sync.models import KioskLookup
from server.users.models import Role
from tests.web.conftest import CONFERENCE_A

pytestmark = pytest.mark.browser


@pytest.fixture
def kiosk_lookups(console_server, tmp_path):
    """A help desk searched "ada lov" and opened Ada Lovelace; its sync round uploaded both."""
    with unit_of_work(console_server.session_factory) as session:
        _device, code = create_device(session, get_conference(session, CONFERENCE_A), name="Desk kiosk",
                                      station="Help desk")
        ada = session.scalars(select(Attendee.access_code).where(Attendee.last_name == "Lovelace")).one()
    data_dir = tmp_path / "kiosk"
    credentials = pair(console_server.base_url, code, data_dir)
    engine = SyncEngine(data_dir / CACHE_FILE, credentials)
    try:
        with closing(connect(data_dir / CACHE_FILE)) as cache:
            typed = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)  # the typing paused a while ago
            lookup_log.record_search(cache, "Help desk", "ada", now=typed)
            lookup_log.record_search(cache, "Help desk", "ada lov", now=typed)  # typing on: the same search, one line
            lookup_log.record_lookup(cache, "Help desk", ada)
            sent = [dict(row) for row in cache.execute("SELECT uuid, kind, query, access_code, station, occurred_at "
                                                        "FROM lookup_log")]
            assert len(sent) == 2
            status = engine.sync_once()
            assert status.online and not status.last_error
            assert lookup_log.waiting(cache) == 0  # the server has them: forgotten here
    finally:
        engine.close()
    # The answer was lost on the way (say): the kiosk sends the same batch again; stored once.
    again = httpx.post(console_server.url("/api/v1/sync/lookups"), json={"lookups": sent},
                       headers={"Authorization": f"Bearer {credentials.token}"})
    assert again.status_code == 200 and len(again.json()["stored"]) == 2
    with console_server.session_factory() as session:
        assert session.scalar(select(func.count(KioskLookup.id))) == 2
    return ada


def test_the_owner_reads_who_looked_up_whom(signed_in_page, kiosk_lookups):
    page = signed_in_page(Role.OWNER)
    page.goto(f"/conferences/{CONFERENCE_A}/dashboard")
    page.get_by_role("navigation").get_by_role("link", name="Lookups").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Help desk")
    expect(rows.nth(0)).to_contain_text("Desk kiosk")
    expect(rows.nth(0).get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(rows.nth(1)).to_contain_text("Searched")
    expect(rows.nth(1)).to_contain_text("“ada lov”")


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.DOOR_LEAD, Role.VIEWER])
def test_no_one_but_the_owner_sees_the_lookups(signed_in_client, kiosk_lookups, role):
    client = signed_in_client(role)
    response = client.get(f"/conferences/{CONFERENCE_A}/lookups")
    assert response.status_code == 404
    assert "Lovelace" not in response.text
