"""The attendee pages in chromium: search, one attendee's story, check-in and undo by hand, the badge PDF."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from doorstation.badge_pdf import kiosk_badge_renderer
from server.attendees.models import Attendee
from server.checkin.models import CheckIn, CheckInCorrection
from server.db.engine import unit_of_work
from server.users.models import Role
from tests.factories import past_scan_time
from tests.live_server import live_server
from tests.web.conftest import CONFERENCE_A, CONFERENCE_B, sign_in
from tests.web.door_devices import PairedKiosk

pytestmark = pytest.mark.browser

SCANNED_AT = past_scan_time(5, 4, 7, 14, 5)  # 09:14:05 in Berlin (CEST)


def attendee_id(console_server, first_name: str) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(Attendee.id).where(Attendee.first_name == first_name))


def access_code(console_server, first_name: str) -> str:
    with console_server.session_factory() as session:
        return session.scalar(select(Attendee.access_code).where(Attendee.first_name == first_name))


@pytest.fixture
def berlin(console_server):
    with unit_of_work(console_server.session_factory) as session:
        console_server.conference(session).timezone = "Europe/Berlin"
    return console_server


def test_search_then_open_an_attendee_with_every_scan_in_the_conference_time(signed_in_page, berlin):
    kiosk = PairedKiosk(berlin, name="Kiosk A", station="Main entrance")
    assert kiosk.upload("check_in", access_code(berlin, "Ada"), SCANNED_AT) == "applied"
    assert kiosk.upload("exit", access_code(berlin, "Ada"), SCANNED_AT + dt.timedelta(hours=1)) == "applied"

    page = signed_in_page(Role.VIEWER)
    page.get_by_role("link", name="PyCon Test").click()
    page.get_by_role("navigation", name="PyCon Test").get_by_role("link", name="Attendees").click()
    page.get_by_label("Search by name, email, company or access code").fill("ada LOV")
    page.get_by_role("button", name="Search").click()
    results = page.locator("table tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Ada Lovelace")
    page.get_by_role("link", name="Ada Lovelace").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")
    expect(page.get_by_text(access_code(berlin, "Ada"), exact=True)).to_be_visible()
    expect(page.locator("dd", has_text="Paid")).to_be_visible()
    history = page.locator("section", has=page.get_by_role("heading", name="Every scan, in time order"))
    rows = history.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(f"{SCANNED_AT.year}-05-04 09:14:05 CEST")
    expect(rows.nth(0)).to_contain_text("Check-in")
    expect(rows.nth(0)).to_contain_text("Main entrance")
    expect(rows.nth(0)).to_contain_text("Kiosk A")
    expect(rows.nth(1)).to_contain_text("10:14:05 CEST")
    expect(rows.nth(1)).to_contain_text("Exit")
    # A viewer reads; they are offered no corrections.
    expect(page.get_by_role("button", name="Check in by hand")).to_have_count(0)
    expect(page.get_by_role("link", name="Badge (PDF)")).to_have_count(0)


def test_check_in_by_hand_and_undo_are_recorded_with_the_users_name_and_reach_the_kiosks(signed_in_page, berlin):
    kiosk = PairedKiosk(berlin, name="Kiosk A", station="Main entrance")
    grace = access_code(berlin, "Grace")
    page = signed_in_page(Role.DOOR_LEAD)
    name = page.credentials.name
    page.goto(f"/conferences/{CONFERENCE_A}/attendees/{attendee_id(berlin, 'Grace')}")
    page.get_by_role("button", name="Check in by hand").click()

    expect(page.get_by_role("status")).to_have_text("Checked in by hand.")
    check_ins = page.locator("section", has=page.get_by_role("heading", name="Check-ins")).locator("tbody tr")
    expect(check_ins).to_have_count(1)
    expect(check_ins.first).to_contain_text("Console")
    expect(check_ins.first).to_contain_text(name)
    history = page.locator("section", has=page.get_by_role("heading", name="Every scan, in time order"))
    expect(history.locator("tbody tr").first).to_contain_text("Check-in by hand")
    expect(history.locator("tbody tr").first).to_contain_text(name)
    assert kiosk.feed_record(grace)["checked_in_at"] is not None  # the kiosks learn of it

    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status")).to_have_text("Check-in taken back.")
    expect(check_ins).to_have_count(0)
    rows = history.locator("tbody tr")
    expect(rows).to_have_count(2)  # the check-in by hand stays on the record, and so does its undo
    expect(rows.nth(1)).to_contain_text("undone by hand")
    expect(rows.nth(1)).to_contain_text(name)
    assert kiosk.feed_record(grace)["checked_in_at"] is None
    with berlin.session_factory() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 0
        assert [c.made_by for c in session.scalars(select(CheckInCorrection))] == [name, name]


def _csrf_token(page) -> str:
    return json.loads(page.get_attribute("body", "hx-headers"))["X-CSRF-Token"]


def test_a_viewer_cannot_check_anyone_in_even_with_a_valid_form(signed_in_page, console_server):
    page = signed_in_page(Role.VIEWER)
    ada = attendee_id(console_server, "Ada")
    page.goto(f"/conferences/{CONFERENCE_A}/attendees/{ada}")
    response = page.request.post(f"/conferences/{CONFERENCE_A}/attendees/{ada}/check-ins",
                                 form={"csrf_token": _csrf_token(page)}, max_redirects=0)
    assert response.status == 404
    with console_server.session_factory() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 0
        assert session.scalar(select(Attendee.checked_in_at).where(Attendee.id == ada)) is None


def test_another_conferences_attendee_is_not_found(signed_in_page, console_server):
    page = signed_in_page(Role.ORGANIZER)
    alan = attendee_id(console_server, "Alan")  # an attendee of djangocon
    for path in (f"/conferences/{CONFERENCE_A}/attendees/{alan}", f"/conferences/{CONFERENCE_B}/attendees/{alan}"):
        response = page.goto(path)
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
        expect(page.get_by_text("Turing")).to_have_count(0)
    page.goto(f"/conferences/{CONFERENCE_A}/attendees?q=alan")
    expect(page.get_by_text("No attendee matches")).to_be_visible()
    response = page.request.post(f"/conferences/{CONFERENCE_A}/attendees/{alan}/check-ins",
                                 form={"csrf_token": _csrf_token(page)}, max_redirects=0)
    assert response.status == 404
    with console_server.session_factory() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == 0


def test_without_a_badge_renderer_the_badge_link_says_why(signed_in_page, console_server):
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"/conferences/{CONFERENCE_A}/attendees/{attendee_id(console_server, 'Ada')}")
    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="Badge (PDF)").click()
    assert navigation.value.status == 501
    expect(page.get_by_role("heading", level=1)).to_have_text("Badges cannot be drawn here")
    expect(page.get_by_role("alert")).to_contain_text("started without a badge renderer")


def test_the_badge_pdf_drawn_by_the_kiosks_renderer_holds_the_signed_code(qapp, database_url, console_server,
                                                                          make_console_user, new_page, tmp_path):
    credentials = make_console_user(Role.DOOR_LEAD)
    ada = attendee_id(console_server, "Ada")
    with live_server(database_url, badge_renderer=kiosk_badge_renderer) as base_url:
        page = new_page(base_url=base_url)
        sign_in(page, credentials)
        page.goto(f"/conferences/{CONFERENCE_A}/attendees/{ada}")
        response = page.request.get(page.get_by_role("link", name="Badge (PDF)").get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "badge.pdf"
    pdf.write_bytes(response.body())
    from shared.badge_codes import sign
    from tests.kiosk.test_badges import decode, pdf_pages

    [badge] = pdf_pages(pdf)
    code = access_code(console_server, "Ada")
    with console_server.session_factory() as session:
        conference = console_server.conference(session)
        expected = sign(conference.slug, code, conference.badge_private_key)
    assert decode(badge)["QRCode"] == expected  # the QR holds Ada's signed code: it opens the door
