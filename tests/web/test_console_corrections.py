"""The smaller things a review found, each where a person meets it: a reload after "Add device" makes no second
device and shows the code once; a ticket type whose sale opens next week says so; orders name their buyer;
check-ins and undos made by hand are in the scan log; a dashboard that cannot reach the server says its
figures are old; the fleet and the stations read whole at a tablet's 768 px; the sign-in form's CSRF
cookie is one the server issued. Chromium and HTTP against a live server, SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from server.attendees.bulk import TicketHolder, write_ticket_holders
from server.attendees.models import Attendee
from server.conferences.service import get_conference, get_ticket_type
from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.devices.models import Device
from server.orders.models import Order
from server.users.models import Role
from tests.factories import make_ticket_type
from tests.web.conftest import CONFERENCE_A, PASSWORD, form_token
from tests.web.door_devices import PairedKiosk

A = f"/conferences/{CONFERENCE_A}"


def main(html: str) -> str:
    return unescape(html.split("<main", 1)[1])


def devices_named(console_server, name: str) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(func.count(Device.id)).where(Device.name == name))


@pytest.mark.browser
def test_adding_a_device_shows_its_code_once_and_a_reload_adds_no_second_device(signed_in_page, console_server):
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"{A}/devices")
    page.get_by_label("Name").fill("Kiosk 7")
    page.get_by_label("Station").fill("Door G")
    page.get_by_role("button", name="Add device").click()
    code = page.get_by_test_id("pairing-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    assert re.search(rf"{A}/devices/\d+/pairing$", page.url)  # a page of its own, not the answer to a POST
    page.reload()
    expect(page.get_by_role("status")).to_have_text("The pairing code of Kiosk 7 was shown once and is not shown "
                                                    "again.")
    expect(page.get_by_test_id("pairing-code")).to_have_count(0)
    assert code not in page.content()
    assert devices_named(console_server, "Kiosk 7") == 1
    page.get_by_role("link", name="Back to the devices").click()
    expect(page.locator('tr[data-device="Kiosk 7"]')).to_have_count(1)


def test_a_ticket_type_whose_sale_opens_next_week_says_from_when(console_server, signed_in_client):
    with unit_of_work(console_server.session_factory) as session:
        conference = get_conference(session, CONFERENCE_A)  # Europe/... or UTC: its clock is on the page
        opens = (utcnow() + dt.timedelta(days=7)).replace(second=0, microsecond=0)
        make_ticket_type(session, conference, name="Late bird", slug="late", available_from=opens)
        make_ticket_type(session, conference, name="Was early", slug="early",
                         available_until=utcnow() - dt.timedelta(days=1))
        zone = conference.timezone
    from server.conferences.time_entry import in_venue_words

    page = main(signed_in_client(Role.VIEWER).get(f"{A}/products").text)
    late = page.split("Late bird", 1)[1].split("</tr>", 1)[0]
    assert f"on sale from {in_venue_words(opens, zone)}" in late
    assert ">on sale<" not in late
    assert "sale ended" in page.split("Was early", 1)[1].split("</tr>", 1)[0]
    assert ">on sale<" in page.split("Standard", 1)[1].split("</tr>", 1)[0]  # always on sale


def test_an_imported_order_names_its_buyer(console_server, signed_in_client):
    with unit_of_work(console_server.session_factory) as session:
        conference = get_conference(session, CONFERENCE_A)
        write_ticket_holders(session, conference, [TicketHolder(
            first_name="Katherine", last_name="Johnson", email="kj@example.org", company="NASA",
            ticket_type=get_ticket_type(session, conference, "standard"))])
        reference = session.scalar(select(Order.reference).join(Attendee, Attendee.order_id == Order.id)
                                   .where(Attendee.email == "kj@example.org"))
    viewer = signed_in_client(Role.VIEWER)
    listing = main(viewer.get(f"{A}/orders").text)
    row = listing.split(reference, 2)[2].split("</tr>", 1)[0]
    assert "<td>Katherine Johnson</td>" in row and "—" not in row
    assert "Katherine Johnson, kj@example.org" in main(viewer.get(f"{A}/orders/{reference}").text)


def test_check_ins_and_undos_made_by_hand_are_in_the_scan_log(console_server, signed_in_client):
    kiosk = PairedKiosk(console_server, name="Kiosk 1", station="Door A")
    with console_server.session_factory() as session:
        ada, grace = session.execute(select(Attendee.id, Attendee.access_code).join(Order)
                                     .where(Attendee.first_name.in_(["Ada", "Grace"])).order_by(Attendee.first_name)
                                     ).all()
    assert kiosk.upload("check_in", grace.access_code, utcnow() - dt.timedelta(minutes=5)) == "applied"
    door_lead = signed_in_client(Role.DOOR_LEAD)
    page = door_lead.get(f"{A}/attendees/{ada.id}")
    assert door_lead.post(f"{A}/attendees/{ada.id}/check-ins",
                          data={"csrf_token": form_token(page.text)}).status_code == 303
    page = door_lead.get(f"{A}/attendees/{ada.id}")
    [check_in_id] = re.findall(rf"{A}/attendees/{ada.id}/check-ins/(\d+)/undo", page.text)
    assert door_lead.post(f"{A}/attendees/{ada.id}/check-ins/{check_in_id}/undo",
                          data={"csrf_token": form_token(page.text)}).status_code == 303
    download = door_lead.get(f"{A}/exports/scan-log.csv")
    header, *rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    log = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(e["Scan"], e["Access code"], e["Device"]) for e in log] == [
        ("Check-in", grace.access_code, "Kiosk 1"),
        ("Check-in by hand", ada.access_code, "Console"),
        ("Undo by hand", ada.access_code, "Console")]
    name = door_lead.credentials.name
    assert log[1]["Attendee"] == "Ada Lovelace" and log[1]["Reason"] == f"by {name}"
    assert log[2]["Reason"].startswith(f"by {name}: the check-in of ") and log[2]["Reason"].endswith(" taken back")


@pytest.mark.browser
def test_a_dashboard_that_cannot_reach_the_server_says_its_figures_are_old(signed_in_page, console_server):
    page = signed_in_page(Role.VIEWER)
    page.goto(f"{A}/dashboard")
    taken = page.get_by_test_id("taken-at").inner_text()
    expect(page.get_by_test_id("stale-note")).to_be_hidden()
    page.route("**/dashboard/live", lambda route: route.abort("connectionrefused"))  # the server is down
    note = page.get_by_test_id("stale-note")
    expect(note).to_be_visible(timeout=8_000)
    expect(note).to_contain_text("Not up to date: the server did not answer at ")
    expect(note).to_contain_text(f"These figures are from {taken}.")
    page.unroute("**/dashboard/live")
    page.route("**/dashboard/live", lambda route: route.fulfill(status=503, body="down for maintenance"))
    expect(page.get_by_test_id("taken-at")).to_have_text(taken)  # nothing swapped in from the 503
    page.unroute("**/dashboard/live")  # back: the next poll replaces the figures, and the word goes
    expect(page.get_by_test_id("stale-note")).to_be_hidden(timeout=8_000)


@pytest.mark.browser
def test_at_768_px_the_fleet_and_the_stations_show_every_column_without_an_inner_scroll(signed_in_page,
                                                                                      console_server):
    for number in range(3):
        kiosk = PairedKiosk(console_server, name=f"Registration kiosk {number}", station=f"North entrance {number}")
        kiosk.http.post("/api/v1/sync/health", json={
            "app_version": "1.4.2-build.20261201", "last_sync_at": utcnow().isoformat(), "events_waiting": 0,
            "last_error": "", "printer": "Zebra ZD421 (ready)", "station": f"North entrance {number}",
            "mode": "check_in"})
        with console_server.session_factory() as session:
            code = session.scalar(select(Attendee.access_code).order_by(Attendee.id).limit(1))
        kiosk.upload("failed_scan" if number else "check_in", code, utcnow() - dt.timedelta(minutes=1))
    page = signed_in_page(Role.DOOR_LEAD, viewport={"width": 768, "height": 1024})
    for path, table in ((f"{A}/devices", "[data-testid=fleet]"), (f"{A}/dashboard", "#stations-heading + .table-wrap table")):
        page.goto(path)
        cells = page.locator(f"{table} tbody td, {table} tbody th")
        expect(cells.first).to_be_visible()
        hidden = page.evaluate("""(selector) => {
            const wraps = [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1);
            const cells = [...document.querySelectorAll(selector + ' tbody td, ' + selector + ' tbody th')];
            const out = cells.filter(c => c.getBoundingClientRect().right > window.innerWidth + 1);
            return {scrolling: wraps.length, outside: out.map(c => c.textContent.trim())};
        }""", table)
        assert hidden == {"scrolling": 0, "outside": []}, path
    page.goto(f"{A}/devices")
    # Each value says what it is (the header row is out of sight): the label drawn before it.
    labels = page.evaluate("""() => [...document.querySelectorAll('tr[data-device="Registration kiosk 1"] td')]
        .map(td => getComputedStyle(td, '::before').content + ' ' + td.textContent.trim().replace(/\\s+/g, ' '))""")
    assert labels[:7] == ['"Station · mode: " North entrance 1 · check-in', '"State: " Online',
                          f'"Last sync: " {labels[2].split(" ", 3)[3]}', '"Scans waiting: " 0', '"Last error: " —',
                          '"Printer: " Zebra ZD421 (ready)', '"Version: " 1.4.2-build.20261201']


def test_a_sign_in_csrf_cookie_the_server_did_not_issue_is_refused(console_server, make_console_user):
    import httpx

    user = make_console_user(Role.VIEWER)
    with httpx.Client(base_url=console_server.base_url, timeout=30) as client:
        # Someone planted a cookie of their choosing (a sibling domain can) and repeats it in the form.
        for planted in ("attacker-chosen-value-0123456789", "nonce.bad-signature-0123456789"):
            client.cookies.set("doorstation_sign_in_csrf", planted, path="/sign-in")
            answer = client.post("/sign-in", data={"email": user.email, "password": PASSWORD, "next": "/",
                                                   "csrf_token": planted})
            assert answer.status_code == 403, planted
            assert "This sign-in form had expired or did not come from this page." in unescape(answer.text)
            assert "doorstation_session" not in client.cookies
            client.cookies.clear()
        form = client.get("/sign-in")  # the server's own token
        issued = form_token(form.text)
        assert issued != planted and client.cookies["doorstation_sign_in_csrf"] == issued
        signed = client.post("/sign-in", data={"email": user.email, "password": PASSWORD, "next": "/",
                                               "csrf_token": issued})
        assert signed.status_code == 303


@pytest.mark.browser
def test_a_dashboard_whose_server_stopped_answering_says_its_figures_are_old(signed_in_page, console_server):
    """The demo's `kill -STOP`: the connection is there, the answer never comes."""
    page = signed_in_page(Role.VIEWER)
    page.goto(f"{A}/dashboard")
    taken = page.get_by_test_id("taken-at").inner_text()
    page.route("**/dashboard/live", lambda route: None)  # held: never answered
    note = page.get_by_test_id("stale-note")
    expect(note).to_be_visible(timeout=15_000)  # a poll every 3 s, given up after 6 s
    expect(note).to_contain_text(f"These figures are from {taken}.")
