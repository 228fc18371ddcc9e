"""The change feed in its two formats over real HTTP: "objects" (format 1, what kiosks of earlier
releases ask for) and "rows" (the compact one, gzip-compressed), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from server.checkin_lists.service import ListFields, save_list
from server.conferences.service import get_conference, rotate_badge_key
from server.db.engine import unit_of_work
from server.sync.feed import conference_info
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.live_server import live_server
from tests.server.test_sync_http import device_token

HOLDING_FIELDS = ("kind", "product_id", "name", "quantity", "redeemed", "line_item_id")


@pytest.fixture
def base_url(database_url):
    with live_server(database_url) as url:
        yield url


def get_page(base_url: str, token: str, after: int, limit: int, **params: str) -> httpx.Response:
    response = httpx.get(f"{base_url}/api/v1/sync/changes", params={"after": after, "limit": limit, **params},
                         headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return response


def as_objects(page: dict) -> dict:
    """A "rows" page read back into format 1's shape (holdings as objects, inside as true/false)."""
    records = []
    for row in page.pop("attendees"):
        record = dict(zip(page["columns"], row, strict=True))
        record["holdings"] = [dict(zip(HOLDING_FIELDS, h, strict=True)) for h in json.loads(record["holdings"])]
        record["inside"] = bool(record["inside"])
        # Sent only when the conference has check-in lists; a kiosk holds none otherwise, as from "objects".
        record["passages"] = json.loads(record["passages"]) if "passages" in record else []
        records.append(record)
    del page["format"], page["columns"]
    return {**page, "attendees": records}


def as_said(page: dict) -> dict:
    """A page without the moment it was said at (the zones' "as of"): two answers compare by content."""
    page.pop("zones_as_of", None)
    return page


def upload(base_url: str, token: str, events: list[dict]) -> None:
    response = httpx.post(f"{base_url}/api/v1/sync/events", json={"events": events},
                          headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    assert {r["status"] for r in response.json()["results"]} == {"applied"}, response.text


def scan(kind: str, code: str, station: str, at: dt.datetime, **more) -> dict:
    return {"uuid": str(uuid.uuid4()), "kind": kind, "access_code": code, "station": station,
            "occurred_at": at.isoformat(), **more}


@pytest.mark.parametrize("with_lists", [False, True], ids=["no check-in lists", "a check-in list"])
def test_a_kiosk_reading_rows_learns_exactly_what_a_kiosk_reading_objects_learns(session_factory, base_url,
                                                                                 with_lists):
    """Every page, paged two at a time, says the same in both formats: names with accents, an attendee
    without a ticket, an unpaid order, add-ons with redemptions, the last of two check-ins, the last
    badge print, a time with microseconds; with a check-in list, every passage."""
    with unit_of_work(session_factory) as session:
        pycon = make_conference(session, slug="pycon")
        if with_lists:
            save_list(session, pycon, ListFields(
                name="Main doors", ticket_type_ids=[], addon_ids=[], allow_multiple_entries=True,
                allow_entry_after_exit=True, days=[], opens=None, closes=None, stations=["Door A", "Door B"],
                rules=None))
        standard = make_ticket_type(session, pycon, name="Standard")
        lunch, dinner = make_addon(session, pycon, name="Lunch"), make_addon(session, pycon, name="Dîner")
        ada = make_attendee(session, pycon, ticket_type=standard, addons={lunch: 2, dinner: 1}, first_name="Ada")
        zoe = make_attendee(session, pycon, ticket_type=standard, first_name="Zoë", last_name="Ørsted")
        unpaid = make_attendee(session, pycon, ticket_type=standard, order_status="pending", first_name="Bob")
        no_order = make_attendee(session, pycon, order_status=None, first_name="Cy")
        other = make_conference(session, slug="other")
        make_attendee(session, other, first_name="Eve")  # another conference's: in neither format
        codes = ada.access_code, zoe.access_code
        lunch_id = lunch.id
    del unpaid, no_order
    token = device_token(session_factory, base_url)
    at = past_scan_time(5, 1, 9, 0).replace(microsecond=123456)
    upload(base_url, token, [
        scan("check_in", codes[0], "Door A", at),
        scan("exit", codes[0], "Door A", at + dt.timedelta(minutes=1)),
        scan("check_in", codes[0], "Door B", at + dt.timedelta(minutes=2)),
        scan("redemption", codes[0], "Lunch desk", at + dt.timedelta(minutes=3), product_type="addon",
             product_id=lunch_id),
        scan("badge_printed", codes[1], "Print 1", at + dt.timedelta(minutes=4)),
        scan("badge_printed", codes[1], "Print 2", at + dt.timedelta(minutes=5)),
    ])

    pages = {"objects": [], "rows": []}
    for form in pages:
        after = 0
        for _ in range(20):
            page = get_page(base_url, token, after, 2, **({"format": "rows"} if form == "rows" else {})).json()
            pages[form].append(as_said(as_objects(page) if form == "rows" else page))
            after = page["next_cursor"]
            if not page["has_more"]:
                break

    for rows, objects in zip(pages["rows"], pages["objects"], strict=True):
        assert set(rows) == set(objects)
        for key in rows:
            assert rows[key] == objects[key], key
    attendees = {a["first_name"]: a for page in pages["rows"] for a in page["attendees"]}
    assert sorted(attendees) == ["Ada", "Bob", "Cy", "Zoë"]
    assert (attendees["Ada"]["last_check_in_station"], attendees["Ada"]["inside"]) == ("Door B", True)
    assert [(h["name"], h["quantity"], h["redeemed"]) for h in attendees["Ada"]["holdings"]] == [
        ("Standard", 1, 0), ("Lunch", 2, 1), ("Dîner", 1, 0)]
    assert dt.datetime.fromisoformat(attendees["Ada"]["last_check_in_at"]) == at + dt.timedelta(minutes=2)
    assert attendees["Zoë"]["badge_printed_station"] == "Print 2"
    assert (attendees["Cy"]["holdings"], attendees["Cy"]["order_status"]) == ([], None)
    if with_lists:  # sent as JSON text, as the kiosk stores it
        assert [(p["entering"], p["station"]) for p in attendees["Ada"]["passages"]] == [
            (True, "Door A"), (False, "Door A"), (True, "Door B")]


def test_rows_come_gzip_compressed_and_an_old_kiosk_still_gets_objects(session_factory, base_url):
    with unit_of_work(session_factory) as session:
        pycon = make_conference(session, slug="pycon")
        standard = make_ticket_type(session, pycon, name="Standard")
        lunch = make_addon(session, pycon, name="Lunch")
        for n in range(200):
            make_attendee(session, pycon, ticket_type=standard, addons={lunch: 1}, first_name=f"Person{n}")
    token = device_token(session_factory, base_url)

    old = get_page(base_url, token, 0, 500)  # a kiosk of an earlier release names no format
    rows = httpx.get(f"{base_url}/api/v1/sync/changes", params={"after": 0, "limit": 500, "format": "rows"},
                     headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"})
    packed = httpx.get(f"{base_url}/api/v1/sync/changes", params={"after": 0, "limit": 500, "format": "rows"},
                       headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"})

    assert len(old.json()["attendees"]) == 200 and "format" not in old.json()
    assert "content-encoding" not in rows.headers and rows.json()["format"] == "rows"
    assert packed.headers["content-encoding"] == "gzip"
    on_the_wire = int(packed.headers["content-length"])  # (httpx has decompressed .content)
    assert as_said(packed.json()) == as_said(rows.json())
    # The bytes a kiosk receives: a tenth of format 1's JSON (here ~1/20; 100,000 attendees: 4.1 MB, not 58 MB)
    assert on_the_wire * 10 < len(old.content), (on_the_wire, len(old.content))


def test_a_format_this_server_does_not_know_is_refused_in_words(session_factory, base_url):
    with unit_of_work(session_factory) as session:
        make_conference(session, slug="pycon")
    token = device_token(session_factory, base_url)

    response = httpx.get(f"{base_url}/api/v1/sync/changes", params={"after": 0, "format": "columns-v9"},
                         headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 422
    assert "'objects' or 'rows'" in response.text, response.text


def test_a_rows_poll_with_nothing_new_is_two_reads_and_no_write(session_factory, base_url, statements):
    """A fleet's polls in the new format cost what they cost in the old: the feed's position and the
    server's identity, no attendee query."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        make_attendee(session, conference, ticket_type=make_ticket_type(session, conference))
    token = device_token(session_factory, base_url)
    cursor = get_page(base_url, token, 0, 100, format="rows").json()["next_cursor"]
    statements.clear()

    page = get_page(base_url, token, cursor, 100, format="rows").json()

    assert (page["next_cursor"], page["attendees"], page["products"]) == (cursor, [], [])
    assert [words[0] for words in statements] == ["SELECT", "SELECT"], statements


@pytest.mark.parametrize("format", ["rows", "objects"])
def test_a_kiosk_caught_up_after_a_new_zone_polls_on_the_fast_path(session_factory, base_url, statements, format):
    """A zone's version (a new zone, a nightly reset) moves the cursor too: the kiosk that has it is caught
    up, and its next poll is again the two reads a fleet's polls cost, not an attendee query each time."""
    from server.zones.service import create_zone

    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        make_attendee(session, conference, ticket_type=make_ticket_type(session, conference))
    token = device_token(session_factory, base_url)
    cursor = get_page(base_url, token, 0, 100, format=format).json()["next_cursor"]
    with unit_of_work(session_factory) as session:
        create_zone(session, session.merge(conference), name="Room A", capacity=300)
    page = get_page(base_url, token, cursor, 100, format=format).json()
    assert [zone["name"] for zone in page["zones"]] == ["Room A"]
    assert page["next_cursor"] == page["last_version"] > cursor
    statements.clear()

    again = get_page(base_url, token, page["next_cursor"], 100, format=format).json()
    assert (again["next_cursor"], again["attendees"]) == (page["next_cursor"], [])
    assert [words[0] for words in statements] == ["SELECT", "SELECT"], statements


def test_a_page_of_fewer_columns_carries_just_those(session_factory):
    """Which columns travel is the caller's choice (a projection by kiosk mode): the encoding writes
    those, in that order, and names them."""
    from server.sync.feed import feed_page_rows

    with unit_of_work(session_factory) as session:
        pycon = make_conference(session, slug="pycon")
        make_attendee(session, pycon, ticket_type=make_ticket_type(session, pycon), first_name="Ada")
        conference_id = pycon.id
    with session_factory() as session:
        page = json.loads(feed_page_rows(session, conference_id, 0, 10, server_id="s", gzip=False,
                                         columns=("version", "first_name", "id")))

    assert page["columns"] == ["version", "first_name", "id"]
    assert [row[1] for row in page["attendees"]] == ["Ada"] and page["has_more"] is False


@pytest.mark.parametrize("feed_format", ["objects", "rows"])
def test_a_poll_reads_the_conference_a_kiosk_is_sent_and_not_its_secrets(session_factory, base_url, feed_format):
    """A fleet's poll reads the columns its page carries in one SELECT, not the whole conference as an
    object: its signing key and Stripe secrets never leave the database for a poll (and loading them
    was a third of a poll's CPU). A rotated key still reaches the kiosk on its next poll."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        make_attendee(session, conference, ticket_type=make_ticket_type(session, conference))
    token = device_token(session_factory, base_url)
    cursor = get_page(base_url, token, 0, 100, format=feed_format).json()["next_cursor"]
    with unit_of_work(session_factory) as session:
        rotate_badge_key(session, get_conference(session, "pycon"))
    with unit_of_work(session_factory) as session:
        conference = get_conference(session, "pycon")
        expected = conference_info(conference, None).model_dump(mode="json")
    sent: list[str] = []

    def record(_connection, _cursor, statement, *_):
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        page = get_page(base_url, token, cursor, 100, format=feed_format).json()
    finally:
        event.remove(Engine, "before_cursor_execute", record)

    assert page["conference"] == expected and expected["previous_badge_public_key"]
    assert not [s for s in sent if "private_key" in s or "stripe" in s], sent


def test_a_rows_poll_that_finds_one_check_in_is_one_read_for_the_page(session_factory, base_url, statements):
    """In a fleet that scans, almost every poll finds a few attendees changed: it reads them in one plain
    SELECT (no server-side cursor: DECLARE, FETCH, CLOSE were three round trips for a page of a few rows),
    and the products, check-in lists and zones only when their versions moved (the feed's position says)."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        standard = make_ticket_type(session, conference)
        code = [make_attendee(session, conference, ticket_type=standard).access_code for _ in range(3)][1]
    token = device_token(session_factory, base_url)
    cursor = get_page(base_url, token, 0, 100, format="rows").json()["next_cursor"]
    upload(base_url, token, [scan("check_in", code, "Door 1", past_scan_time(5, 1, 9, 0))])
    statements.clear()

    page = get_page(base_url, token, cursor, 100, format="rows").json()

    assert len(page["attendees"]) == 1 and page["products"] == page["checkin_lists"] == []
    assert page["next_cursor"] == page["last_version"] > cursor
    # the device, the feed's position, the page (a conference without zones reads no zone figures)
    assert [words[0] for words in statements] == ["SELECT"] * 3, statements
