"""The exports page in chromium: each CSV downloaded as a person downloads it, then read."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from server.attendees.models import Attendee
from server.db.engine import unit_of_work
from server.users.models import Role
from tests.factories import make_attendee, past_scan_time
from tests.web.conftest import CONFERENCE_A
from tests.web.door_devices import PairedKiosk

pytestmark = pytest.mark.browser

T0 = past_scan_time(5, 4, 7, 14)  # 09:14 in Berlin


@pytest.fixture
def event_day(console_server):
    """Ada in at 09:14 at Main entrance, out at 10:14; Grace a no-show; a formula-looking name checked in."""
    with unit_of_work(console_server.session_factory) as session:
        conference = console_server.conference(session)
        conference.timezone = "Europe/Berlin"
        sneaky = make_attendee(session, conference, first_name='=HYPERLINK("http://evil.example","x")',
                               last_name="Zoë")
        codes = {a.first_name: a.access_code for a in session.scalars(
            select(Attendee).where(Attendee.conference_id == conference.id))}
        codes["sneaky"] = sneaky.access_code
    kiosk = PairedKiosk(console_server, name="Kiosk A", station="Main entrance")
    assert kiosk.upload("check_in", codes["Ada"], T0) == "applied"
    assert kiosk.upload("exit", codes["Ada"], T0 + dt.timedelta(hours=1)) == "applied"
    assert kiosk.upload("check_in", codes["sneaky"], T0 + dt.timedelta(minutes=5)) == "applied"
    return codes


def download(page, title: str) -> tuple[str, list[dict[str, str]]]:
    """Click the download link; the file's name and its rows (the header's names as keys)."""
    with page.expect_download() as started:
        page.get_by_role("link", name=f"Download {title} (CSV)").click()
    download = started.value
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads "Zoë" right
    return download.suggested_filename, list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_each_export_downloads_from_the_page_and_reads_right(signed_in_page, event_day):
    page = signed_in_page(Role.VIEWER)
    page.goto(f"/conferences/{CONFERENCE_A}/exports")

    name, rows = download(page, "check-ins")
    assert name == "pycon-check-ins.csv"
    by_name = {row["Name"]: row for row in rows}
    assert set(by_name) == {"Ada Lovelace", '\'=HYPERLINK("http://evil.example","x") Zoë'}  # escaped: text, not a formula
    ada = by_name["Ada Lovelace"]
    assert (ada["First check-in"], ada["First check-in station"], ada["Exits"], ada["Last exit"], ada["Inside now"]) \
        == (f"{T0.year}-05-04 09:14:00 CEST", "Main entrance", "1", f"{T0.year}-05-04 10:14:00 CEST", "no")

    name, rows = download(page, "no-shows")
    assert name == "pycon-no-shows.csv" and [row["Name"] for row in rows] == ["Grace Hopper"]

    name, rows = download(page, "scan log")
    assert name == "pycon-scan-log.csv"
    assert [(row["Time"], row["Scan"], row["Station"], row["Device"]) for row in rows] == [
        (f"{T0.year}-05-04 09:14:00 CEST", "Check-in", "Main entrance", "Kiosk A"),
        (f"{T0.year}-05-04 09:19:00 CEST", "Check-in", "Main entrance", "Kiosk A"),
        (f"{T0.year}-05-04 10:14:00 CEST", "Exit", "Main entrance", "Kiosk A")]
    assert rows[1]["Attendee"].startswith("'=HYPERLINK")


def test_an_export_of_another_conference_is_not_found(signed_in_page, event_day):
    page = signed_in_page(Role.VIEWER, conference="djangocon")
    assert page.request.get(f"/conferences/{CONFERENCE_A}/exports/check-ins.csv").status == 404
    assert page.request.get("/conferences/djangocon/exports/nothing.csv").status == 404
