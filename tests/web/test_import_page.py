"""The attendee import page in chromium: every bad line shown before anything is written, then confirm."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from server.attendees.models import Attendee
from server.conferences.models import Conference
from server.db.engine import unit_of_work
from server.users.models import Role
from tests.web.conftest import CONFERENCE_A

pytestmark = pytest.mark.browser

BAD = """first_name,last_name,email,ticket_type,company
Ann,Able,ann@example.org,standard,Acme
Ben,Baker,not-an-email,standard,
Cid,Cole,cid@example.org,standard,
Dee,Dunn,dee@example.org,platinum,
"""
FIXED = BAD.replace("not-an-email", "ben@example.org").replace("platinum", "Standard")


def _attendees(console_server) -> list[str]:
    with console_server.session_factory() as session:
        conference_id = session.scalar(select(Conference.id).where(Conference.slug == CONFERENCE_A))
        return sorted(session.scalars(select(Attendee.first_name).where(Attendee.conference_id == conference_id)))


def _upload(page, text: str) -> None:
    page.get_by_label("CSV file", exact=True).set_input_files(files=[{"name": "people.csv", "mimeType": "text/csv",
                                                          "buffer": text.encode()}])
    page.get_by_role("button", name="Check the file").click()


def test_bad_lines_are_shown_with_their_numbers_before_anything_is_written_then_the_fixed_file_imports_once(
        console_server, signed_in_page, screenshots):
    page = signed_in_page(Role.ORGANIZER)
    page.goto(f"/conferences/{CONFERENCE_A}/import")
    expect(page.get_by_text("At most 20 MB")).to_be_visible()
    _upload(page, BAD)

    expect(page.get_by_role("heading", name="Nothing was imported: 2 lines to fix in people.csv")).to_be_visible()
    problems = page.locator("table.import-problems tbody tr")
    expect(problems).to_have_count(2)
    expect(problems.nth(0).locator("td")).to_have_text(["3", "'not-an-email' is not an email address"])
    expect(problems.nth(1).locator("td")).to_have_text(["5", "unknown ticket type 'platinum'"])
    assert _attendees(console_server) == ["Ada", "Grace"]  # nothing written, not even the good lines
    expect(page.get_by_role("status")).to_have_count(0)  # no word of an import that did not happen
    page.screenshot(path=str(screenshots / "console-import.png"), full_page=True)

    _upload(page, FIXED)
    expect(page.get_by_role("heading", name="Preview of people.csv: nothing is written until you confirm")).to_be_visible()
    rows = page.locator("table.import-rows tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(1)).to_contain_text("Ben Baker")
    assert _attendees(console_server) == ["Ada", "Grace"]  # a preview writes nothing
    page.get_by_role("button", name="Import 4 attendees").click()
    expect(page.get_by_role("status")).to_have_text("Imported 4 attendees.")
    assert _attendees(console_server) == ["Ada", "Ann", "Ben", "Cid", "Dee", "Grace"]

    # The same file again: every row is flagged as already imported, and there is nothing to confirm.
    _upload(page, FIXED)
    already = page.locator("table.import-already tbody tr")
    expect(already).to_have_count(4)
    expect(already.nth(0).locator("td")).to_have_text(["2", re.compile(r"^ann@example.org, Standard: already imported")])
    expect(page.get_by_text("There is nothing new to import in this file.")).to_be_visible()
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    assert len(_attendees(console_server)) == 6


def test_a_confirmation_imports_what_was_previewed_once_and_capacity_is_refused_with_its_message(
        console_server, signed_in_page):
    page = signed_in_page(Role.OWNER)
    page.goto(f"/conferences/{CONFERENCE_A}/import")
    _upload(page, FIXED)
    confirm = page.get_by_role("button", name="Import 4 attendees")
    expect(confirm).to_be_visible()
    token = page.locator("input[name=token]").input_value()
    csrf = page.locator("form[action$='/import/confirm'] input[name=csrf_token]").input_value()
    # Before it is confirmed, the venue fills up: the confirmation is refused with the capacity's words.
    with unit_of_work(console_server.session_factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == CONFERENCE_A))
        conference.total_capacity = 3
    confirm.click()
    expect(page.get_by_role("alert")).to_have_text(
        "Only 1 tickets remaining for this conference (venue capacity: 3). Nothing was imported.")
    assert len(_attendees(console_server)) == 2

    # The token is this browser session's: another organizer holding it imports nothing.
    other = signed_in_page(Role.ORGANIZER)
    other.goto(f"/conferences/{CONFERENCE_A}/import")
    stolen = other.request.post(f"/conferences/{CONFERENCE_A}/import/confirm", max_redirects=0, form={
        "token": token, "csrf_token": other.locator("input[name=csrf_token]").first.input_value()})
    assert stolen.status == 409 and "Nothing more was imported" in stolen.text()

    # The same preview, once there is room, imports; sent twice (the browser's back and resubmit), once.
    with unit_of_work(console_server.session_factory) as session:
        session.scalar(select(Conference).where(Conference.slug == CONFERENCE_A)).total_capacity = 100
    statuses = []
    for _ in range(2):
        answer = page.request.post(f"/conferences/{CONFERENCE_A}/import/confirm",
                                   form={"token": token, "csrf_token": csrf}, max_redirects=0)
        statuses.append(answer.status)
    assert statuses == [303, 409]
    assert len(_attendees(console_server)) == 6


def test_the_import_page_is_for_organizers_and_owners_only(console_server, signed_in_page):
    for role in (Role.DOOR_LEAD, Role.VIEWER):
        page = signed_in_page(role)
        answer = page.goto(f"/conferences/{CONFERENCE_A}/import")
        assert answer.status == 404
    page = signed_in_page(Role.ORGANIZER, conference="djangocon")
    assert page.goto(f"/conferences/{CONFERENCE_A}/import").status == 404


def test_a_file_over_the_limit_gets_the_pages_words_and_a_large_one_under_it_is_previewed(console_server,
                                                                                          signed_in_page):
    with unit_of_work(console_server.session_factory) as session:  # room for 2,500 (0: no venue limit)
        session.scalar(select(Conference).where(Conference.slug == CONFERENCE_A)).total_capacity = 0
    page = signed_in_page(Role.ORGANIZER)
    page.goto(f"/conferences/{CONFERENCE_A}/import")
    csrf = page.locator("input[name=csrf_token]").first.input_value()
    header = "first_name,last_name,email,ticket_type,company\n"
    rows = "".join(f"Person,Number {n},person{n}@example.org,standard,{'x' * 160}\n" for n in range(2500))
    assert len(rows) > 500_000  # well over the 256 KB every other form may send

    def upload(content: bytes):
        return page.request.post(f"/conferences/{CONFERENCE_A}/import", multipart={
            "csrf_token": csrf, "file": {"name": "people.csv", "mimeType": "text/csv", "buffer": content}})

    large = upload((header + rows).encode())
    assert large.status == 200 and "2500 attendees to import" in large.text()
    too_large = upload(header.encode() + b"x" * (20 * 1024 * 1024))
    assert too_large.status == 413
    assert "The file is larger than 20 MB: split it into smaller files" in too_large.text()
    assert _attendees(console_server) == ["Ada", "Grace"]
