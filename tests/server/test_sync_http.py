"""The sync routes over real HTTP, as a kiosk (or anyone holding a device token) calls them."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import func, select

from server.attendees.models import Attendee
from server.checkin.models import CheckIn, DoorCheck, ProductRedemption, SyncEvent
from server.conferences.models import AddOn, TicketType
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.feed_versions import FeedPosition
from server.sync.models import SyncConflict
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.live_server import live_server


@pytest.fixture
def base_url(database_url):
    with live_server(database_url) as url:
        yield url


def device_token(session_factory, base_url: str, slug: str = "pycon") -> str:
    from server.conferences.service import get_conference

    with unit_of_work(session_factory) as session:
        _device, code = create_device(session, get_conference(session, slug), name="kiosk", station="Door A")
    response = httpx.post(f"{base_url}/api/v1/sync/pair", json={"pairing_code": code})
    assert response.status_code == 200, response.text
    return response.json()["device_token"]


def poll(base_url: str, token: str, after: int, limit: int) -> dict:
    response = httpx.get(f"{base_url}/api/v1/sync/changes", params={"after": after, "limit": limit},
                         headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return response.json()


def download(base_url: str, token: str, after: int, limit: int) -> tuple[int, list[dict], list[dict]]:
    """Every page until ``has_more`` is false, as a kiosk pages: (final cursor, attendees, products)."""
    attendees, products = [], []
    for _ in range(100):  # a cursor that does not advance would page forever
        page = poll(base_url, token, after, limit)
        attendees += page["attendees"]
        products += page["products"]
        assert page["next_cursor"] >= after
        after = page["next_cursor"]
        if not page["has_more"]:
            return after, attendees, products
    raise AssertionError("the feed kept saying has_more after 100 pages")


# The cursor ---------------------------------------------------------------------------------------

def test_paging_through_interleaved_attendees_and_products_misses_nothing_and_repeats_nothing(
        session_factory, base_url):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        standard = make_ticket_type(session, conference, name="Standard")
        lunch = make_addon(session, conference, name="Lunch")
        people = [make_attendee(session, conference, ticket_type=standard, addons={lunch: 1}, first_name="A0")]
        make_ticket_type(session, conference, name="Student")
        people += [make_attendee(session, conference, ticket_type=standard, addons={lunch: 1}, first_name=f"A{n}")
                   for n in (1, 2)]  # two attendees on consecutive versions: a page boundary between them
        make_addon(session, conference, name="Dinner")
        people += [make_attendee(session, conference, ticket_type=standard, addons={lunch: 1}, first_name=f"A{n}")
                   for n in (3, 4)]
        make_addon(session, conference, name="T-shirt")  # the newest version is a product's
        codes = sorted(p.access_code for p in people)
        conference_id = conference.id
    with session_factory() as session:
        versions = sorted([(a.sync_version, "attendee") for a in session.scalars(select(Attendee))]
                          + [(p.sync_version, "product") for m in (TicketType, AddOn) for p in session.scalars(select(m))])
    kinds = [kind for _, kind in versions]
    assert kinds == ["product", "product", "attendee", "product", "attendee", "attendee", "product", "attendee",
                     "attendee", "product"]
    newest = versions[-1][0]
    token = device_token(session_factory, base_url)

    for limit in (1, 2, 3, 1000):
        cursor, attendees, products = download(base_url, token, 0, limit)
        assert sorted(a["access_code"] for a in attendees) == codes, f"limit {limit}"  # each exactly once
        assert {p["name"] for p in products} == {"Standard", "Lunch", "Student", "Dinner", "T-shirt"}
        assert all([h["name"] for h in a["holdings"]] == ["Standard", "Lunch"] for a in attendees)
        assert cursor == newest
        page = poll(base_url, token, cursor, limit)
        assert len(page.pop("server_id")) == 36  # the database's identity, as at pairing
        assert page | {"conference": None} == {
            "next_cursor": newest, "has_more": False, "attendees": [], "products": [], "checkin_lists": [],
            "conference": None, "last_version": newest}

    # A later change: exactly that comes down, once.
    with unit_of_work(session_factory) as session:
        session.scalar(select(AddOn).where(AddOn.name == "Dinner")).name = "Gala dinner"
        session.scalar(select(Attendee).where(Attendee.first_name == "A2")).company = "ACME"
    cursor, attendees, products = download(base_url, token, newest, 1)
    assert [(a["first_name"], a["company"]) for a in attendees] == [("A2", "ACME")]
    assert [p["name"] for p in products] == ["Gala dinner"]
    assert cursor == newest + 2 and conference_id


# The conference filter on upload ------------------------------------------------------------------

def test_an_upload_naming_another_conferences_attendee_touches_nothing_of_theirs(session_factory, base_url):
    """Posted straight to the route (a kiosk would refuse the scan locally): the device's token
    is for pycon, the access code is Eve's in another conference."""
    with unit_of_work(session_factory) as session:
        make_conference(session, slug="pycon")
        other = make_conference(session, slug="otherconf")
        ticket = make_ticket_type(session, other, name="Other standard")
        dinner = make_addon(session, other, name="Other dinner")
        eve = make_attendee(session, other, ticket_type=ticket, addons={dinner: 1}, first_name="Eve")
        eve_id, eve_code, eve_version, other_id = eve.id, eve.access_code, eve.sync_version, other.id
        ticket_id, dinner_id = ticket.id, dinner.id
    token = device_token(session_factory, base_url)
    at = past_scan_time(5, 1, 9, 0)

    def event(kind: str, minutes: int, **extra) -> dict:
        return {"uuid": str(uuid.uuid4()), "kind": kind, "access_code": eve_code,
                "occurred_at": (at + dt.timedelta(minutes=minutes)).isoformat(), "station": "Door A", **extra}

    events = [event("check_in", 0), event("door_check", 1, product_type="ticket_type", product_id=ticket_id),
              event("redemption", 2, product_type="addon", product_id=dinner_id), event("exit", 3)]
    response = httpx.post(f"{base_url}/api/v1/sync/events", json={"events": events},
                          headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200, response.text
    assert [(r["status"], r["reason"]) for r in response.json()["results"]] == [("conflict", "not_found")] * 4
    with session_factory() as session:
        eve = session.get(Attendee, eve_id)
        assert (eve.checked_in_at, eve.inside, eve.sync_version) == (None, False, eve_version)
        for model in (CheckIn, DoorCheck, ProductRedemption):
            assert session.scalar(select(func.count()).select_from(model)) == 0
        assert session.scalar(select(func.count(SyncEvent.id)).where(
            (SyncEvent.attendee_id == eve_id) | (SyncEvent.conference_id == other_id))) == 0
        assert session.scalar(select(func.count(SyncConflict.id)).where(SyncConflict.conference_id == other_id)) == 0


# Kiosks of an earlier release ------------------------------------------------------------------------

def test_a_kiosk_of_the_earlier_release_sending_product_kind_has_its_door_check_and_lunch_applied(
        session_factory, base_url):
    """Kiosks in the field name a scan's product type "product_kind" (now "product_type"): the server
    still takes it, and still sends products and holdings with their type under "kind"."""
    with unit_of_work(session_factory) as session:
        pycon = make_conference(session, slug="pycon")
        tutorial = make_ticket_type(session, pycon, name="Tutorial day")
        lunch = make_addon(session, pycon, name="Lunch")
        ada = make_attendee(session, pycon, ticket_type=tutorial, addons={lunch: 1}, first_name="Ada")
        ada_id, code, tutorial_id, lunch_id = ada.id, ada.access_code, tutorial.id, lunch.id
    token = device_token(session_factory, base_url)
    at = past_scan_time(5, 1, 9, 0)
    events = [{"uuid": str(uuid.uuid4()), "kind": kind, "access_code": code, "station": "Room 1",
               "occurred_at": (at + dt.timedelta(minutes=n)).isoformat(), "product_kind": product_kind,
               "product_id": product_id}
              for n, (kind, product_kind, product_id) in enumerate(
                  [("door_check", "ticket_type", tutorial_id), ("redemption", "addon", lunch_id)])]

    response = httpx.post(f"{base_url}/api/v1/sync/events", json={"events": events},
                          headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == ["applied", "applied"]
    with session_factory() as session:
        assert session.scalars(select(DoorCheck.ticket_type_id).where(DoorCheck.attendee_id == ada_id)).all() \
            == [tutorial_id]
        assert session.scalar(select(func.count(ProductRedemption.id)).where(
            ProductRedemption.attendee_id == ada_id)) == 1
        assert sorted(session.scalars(select(SyncEvent.product_type).where(SyncEvent.attendee_id == ada_id))) \
            == ["addon", "ticket_type"]
    _cursor, attendees, products = download(base_url, token, 0, 100)
    assert sorted((p["kind"], p["name"]) for p in products) == [("addon", "Lunch"), ("ticket_type", "Tutorial day")]
    assert [(h["kind"], h["redeemed"]) for h in attendees[0]["holdings"]] == [("ticket_type", 0), ("addon", 1)]


def test_a_poll_with_nothing_new_is_two_reads_and_no_write(session_factory, base_url, statements):
    """Most of a fleet's requests: 500 kiosks poll 250 times a second. A poll with nothing new reads
    the device and the feed's position with its conference, and writes nothing (last seen is kept to
    30 s), so it never waits for a writer's lock."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        make_attendee(session, conference, ticket_type=make_ticket_type(session, conference))
    token = device_token(session_factory, base_url)
    cursor = poll(base_url, token, 0, 100)["next_cursor"]
    statements.clear()
    page = poll(base_url, token, cursor, 100)
    assert (page["next_cursor"], page["attendees"], page["products"]) == (cursor, [], [])
    assert page["conference"]["slug"] == "pycon"  # a key rotation still reaches the kiosk
    assert [words[0] for words in statements] == ["SELECT", "SELECT"], statements


# Set-wise ingest ---------------------------------------------------------------------------------

def _upload(base_url: str, token: str, events: list[dict]) -> list[tuple[str, str]]:
    response = httpx.post(f"{base_url}/api/v1/sync/events", json={"events": events},
                          headers={"Authorization": f"Bearer {token}"}, timeout=60)
    assert response.status_code == 200, response.text
    return [(r["status"], r["reason"]) for r in response.json()["results"]]


@dataclass
class _Backlog:
    """201 attendees with a lunch each and one refunded, and a paired kiosk that has checked the first one in."""

    conference_id: int
    token: str
    codes: list[str]
    refunded_code: str
    ticket_id: int
    lunch_id: int

    def events(self, *, undo: bool) -> list[dict]:
        """A kiosk's backlog of 500 scans: check-ins, lunches (20 second ones: conflicts), door checks, exits,
        the refunded order's check-in, with ``undo`` one undo, and unknown codes to make up the 500."""
        codes, event = self.codes, _event
        events = [event("check_in", code, 10 + n) for n, code in enumerate(codes[1:])]  # 200
        events += [event("redemption", code, 300 + n, product_type="addon", product_id=self.lunch_id)
                   for n, code in enumerate(codes[1:101])]  # 100
        events += [event("redemption", code, 400 + n, product_type="addon", product_id=self.lunch_id)
                   for n, code in enumerate(codes[1:21])]  # 20 second lunches: conflicts
        events += [event("door_check", code, 500 + n, product_type="ticket_type", product_id=self.ticket_id)
                   for n, code in enumerate(codes[101:151])]  # 50
        events += [event("exit", code, 600 + n) for n, code in enumerate(codes[151:])]  # 50
        events += [event("check_in", self.refunded_code, 700)]  # a conflict: the order was refunded
        if undo:
            events += [event("undo", codes[200], 800, undoes=events[-2]["uuid"])]  # takes back an exit of this upload
        events += [event("check_in", "ZZZZZZZZ", 900 + n) for n in range(500 - len(events))]  # unknown codes: conflicts
        return events


def _event(kind: str, code: str, seconds: int, **extra) -> dict:
    at = past_scan_time(5, 1, 9, 0) + dt.timedelta(seconds=seconds)
    return {"uuid": str(uuid.uuid4()), "kind": kind, "access_code": code, "station": "Door A",
            "occurred_at": at.isoformat(), **extra}


def _backlog(session_factory, base_url) -> _Backlog:
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        ticket = make_ticket_type(session, conference)
        lunch = make_addon(session, conference)
        people = [make_attendee(session, conference, ticket_type=ticket, addons={lunch: 1}, first_name=f"P{n}")
                  for n in range(201)]
        refunded = make_attendee(session, conference, ticket_type=ticket, order_status="refunded")
        seeded = (conference.id, [p.access_code for p in people], refunded.access_code, ticket.id, lunch.id)
    conference_id, codes, refunded_code, ticket_id, lunch_id = seeded
    backlog = _Backlog(conference_id, device_token(session_factory, base_url), codes, refunded_code, ticket_id,
                       lunch_id)
    assert _upload(base_url, backlog.token, [_event("check_in", codes[0], 0)]) == [("applied", "ok")]
    return backlog


def _each_attendee_changed_has_its_own_version_the_newest_the_feeds(session_factory, conference_id: int) -> None:
    with session_factory() as session:
        versions = sorted(session.scalars(select(Attendee.sync_version).where(Attendee.conference_id == conference_id)))
        assert len(set(versions)) == len(versions)
        assert session.scalar(select(FeedPosition.last_version).where(FeedPosition.conference_id == conference_id)) \
            == versions[-1]


def test_an_upload_without_undos_on_postgresql_reads_and_folds_before_it_takes_the_feed_lock(
        session_factory, base_url, database_url, statements):
    """Uploads of a conference queue for its feed lock, so on PostgreSQL an upload that neither undoes
    nor crosses a zone's door reads the committed feed position, the UUIDs already stored, the lists,
    the attendees, their holdings and their passages, and folds, all before it takes the lock; under
    it only one read (did a writer since touch these attendees or store these UUIDs, and what are the
    lists made of now: it has check-ins), and the writes: 18 statements for 500 events, 7 under the lock.
    (SQLite holds the database's write lock from the start of every transaction: no such split.)"""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite's transactions hold the write lock from their start")
    backlog = _backlog(session_factory, base_url)
    statements.clear()
    events = backlog.events(undo=False)
    assert len(events) == 500

    answers = _upload(base_url, backlog.token, events)

    assert answers.count(("applied", "ok")) == 200 + 100 + 50 + 50
    assert answers.count(("conflict", "fully_redeemed")) == 20
    sent = [" ".join(words[:2]) for words in statements]
    assert sent.count("UPDATE feed_positions") == 1, sent  # the lock, with exactly the versions the fold needs
    under_lock = sent[sent.index("UPDATE feed_positions") + 1:]
    assert [s.split()[0] for s in under_lock].count("SELECT") == 1, under_lock
    assert len(under_lock) <= 7 and len(sent) <= 18, sent
    _each_attendee_changed_has_its_own_version_the_newest_the_feeds(session_factory, backlog.conference_id)


def test_an_upload_of_500_events_is_written_set_wise_with_one_version_allocation(
        session_factory, base_url, statements):
    """Ten kiosks' backlogs arrive 500 events an upload. Whatever its size, an upload reads the device,
    locks the lines it redeems, takes the feed lock while reserving the versions it may need, reads
    the UUIDs already stored, the attendees, their holdings (three reads), their passages and the
    scans its undos take back; then writes each table in one statement (events, conflicts, check-ins,
    door checks, redemptions, the attendees' states) and gives back the versions of the attendees it
    did not touch (an unknown code here): 17 statements, and one more for the conference's check-in lists
    when the upload has check-ins (what the conference's lists are made of; a conference whose
    lists changed since the server last compiled them adds five reads: the lists, the conference, its days
    and the names its rules speak of). Writing row by row, it was 517 on SQLite."""
    backlog = _backlog(session_factory, base_url)
    one = len(statements)
    statements.clear()
    events = backlog.events(undo=True)
    assert len(events) == 500

    answers = _upload(base_url, backlog.token, events)

    assert answers.count(("applied", "ok")) == 200 + 100 + 50 + 50 + 1
    assert answers.count(("conflict", "fully_redeemed")) == 20
    sent = Counter(" ".join(words) for words in statements)
    assert len(statements) <= 18, f"{len(statements)} statements (1 event: {one}): {sent}"
    assert sent["UPDATE feed_positions SET"] == 2  # the reservation under the lock, and the give-back
    _each_attendee_changed_has_its_own_version_the_newest_the_feeds(session_factory, backlog.conference_id)
