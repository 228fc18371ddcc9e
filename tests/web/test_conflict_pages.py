"""The conflicts page in chromium: a conflict made through the kiosks' upload route, resolved with a note."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from server.db.engine import unit_of_work
from server.sync.models import SyncConflict
from server.users.models import Role
from tests.factories import make_attendee, past_scan_time
from tests.web.conftest import CONFERENCE_A
from tests.web.door_devices import PairedKiosk

pytestmark = pytest.mark.browser

SCANNED_AT = past_scan_time(5, 4, 10, 31)  # 12:31 in Berlin


@pytest.fixture
def conflict(console_server):
    """Door B let Bob in while offline; his order is still pending: the server records a conflict."""
    with unit_of_work(console_server.session_factory) as session:
        conference = console_server.conference(session)
        conference.timezone = "Europe/Berlin"
        bob = make_attendee(session, conference, first_name="Bob", last_name="Pending", order_status="pending")
        code = bob.access_code
    kiosk = PairedKiosk(console_server, name="Kiosk B", station="Door B")
    assert kiosk.upload("check_in", code, SCANNED_AT) == "conflict"
    return kiosk, code


def test_resolving_a_conflict_hides_it_and_show_resolved_shows_it_with_the_note(signed_in_page, console_server,
                                                                               conflict):
    kiosk, code = conflict
    page = signed_in_page(Role.DOOR_LEAD)
    name = page.credentials.name
    page.goto(f"/conferences/{CONFERENCE_A}/conflicts")
    card = page.locator("article.conflict")
    expect(card).to_have_count(1)
    expect(card).to_contain_text(f"Check-in at Door B, {SCANNED_AT.year}-05-04 12:31:00 CEST (code {code}): ")
    expect(card).to_contain_text("whose order is pending")
    expect(card).to_contain_text("Kiosk B")  # the device behind it
    expect(card.get_by_role("link", name="Bob Pending")).to_be_visible()

    page.get_by_label("What was done about it").fill("Paid at the desk; let in.")
    page.get_by_role("button", name="Resolve", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Conflict resolved")
    expect(page.locator("article.conflict")).to_have_count(0)
    expect(page.get_by_text("No open conflicts.")).to_be_visible()

    page.get_by_role("button", name="Show resolved").click()
    expect(page.locator("article.conflict")).to_have_count(1)
    expect(page.locator(".conflict__resolution")).to_have_text(
        f"✓ Resolved by {name} at " + page.locator(".conflict__resolution").inner_text().split(" at ", 1)[1])
    expect(page.locator(".conflict__resolution")).to_contain_text(": Paid at the desk; let in.")
    expect(page.get_by_label("What was done about it")).to_have_count(0)  # nothing left to resolve

    [seen_by_kiosk] = kiosk.conflicts()  # the kiosks' operator panel reads this
    assert (seen_by_kiosk["resolved_by"], seen_by_kiosk["resolution_note"]) == (name, "Paid at the desk; let in.")


def test_a_resolution_without_a_note_is_refused_in_words(signed_in_page, console_server, conflict):
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"/conferences/{CONFERENCE_A}/conflicts")
    page.get_by_label("What was done about it").fill("   ")  # passes the browser's "required", not ours
    page.get_by_role("button", name="Resolve", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("Say what was done about it: a note is required to resolve a conflict.")
    with console_server.session_factory() as session:
        assert session.scalar(select(SyncConflict.resolved_at)) is None


def test_a_viewer_sees_no_conflicts_page(signed_in_page, conflict):
    page = signed_in_page(Role.VIEWER)
    assert page.goto(f"/conferences/{CONFERENCE_A}/conflicts").status == 404
