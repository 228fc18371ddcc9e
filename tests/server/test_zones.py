"""Zones over HTTP to a real uvicorn, on SQLite and PostgreSQL: set-up, who is inside which room as
kiosks that were offline upload in any order, the running counts the triggers keep, alarms, the
doors' flow and the nightly reset."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from server.conferences.service import get_conference
from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.zones import repository
from server.zones.models import Zone, ZonePresence
from server.zones.service import reset_due
from shared.zone_moves import NOWHERE, AtFull, Whereabouts, ZoneDoor, ZoneMap, ZoneRole
from shared.zone_moves import Zone as ZoneRule
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.live_server import live_server

NOW = utcnow().replace(microsecond=0)
ADMIN = {"Authorization": "Bearer test-admin"}


@pytest.fixture
def venue(database_url, session_factory, monkeypatch):
    """A live server; 40 paid attendees of "pycon", one of another conference, and three kiosks."""
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", "test-admin")
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", timezone="Europe/Berlin")
        ticket = make_ticket_type(session, conference)
        people = [make_attendee(session, conference, ticket_type=ticket, first_name=f"P{n}") for n in range(40)]
        other = make_conference(session, slug="other")
        make_attendee(session, other)
        codes = [create_device(session, conference, name=f"Kiosk {n}", station=f"Door {n}")[1] for n in range(3)]
        found = {"codes": [p.access_code for p in people], "ids": {p.access_code: p.id for p in people},
                 "ticket": ticket.id, "conference_id": conference.id, "other_id": other.id}
    with live_server(database_url) as url:
        found["url"] = url
        found["tokens"] = [httpx.post(f"{url}/api/v1/sync/pair", json={"pairing_code": code}).json()["device_token"]
                           for code in codes]
        yield found


def add_zone(url: str, slug: str = "pycon", **body) -> httpx.Response:
    return httpx.post(f"{url}/api/v1/admin/conferences/{slug}/zones", json=body, headers=ADMIN, timeout=30)


def zones_now(url: str) -> dict[str, tuple[int, int | None]]:
    response = httpx.get(f"{url}/api/v1/admin/conferences/pycon/zones", headers=ADMIN, timeout=30)
    assert response.status_code == 200, response.text
    return {z["name"]: (z["inside"], z["alarm"]) for z in response.json()}


def upload(url: str, token: str, events: list[dict]) -> list[dict]:
    response = httpx.post(f"{url}/api/v1/sync/events", json={"events": events},
                          headers={"Authorization": f"Bearer {token}"}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()["results"]


def scan(kind: str, code: str, at: dt.datetime, door: ZoneDoor | None, *, station: str, ticket: int) -> dict:
    event = {"uuid": str(uuid.uuid4()), "kind": kind, "access_code": code, "occurred_at": at.isoformat(),
             "station": station}
    if kind == "door_check":
        event |= {"product_type": "ticket_type", "product_id": ticket}
    if door is not None:
        event |= {"zone_role": door.role.value, "zone_id": door.zone_id, "to_zone_id": door.to_zone_id}
    return event


def make_venue(url: str) -> dict[str, int]:
    """The venue (100), its hall (50) and two rooms of 10: Room A refuses at full, Room B warns."""
    ids: dict[str, int] = {}
    for name, capacity, parent, at_full in (("Venue", 100, None, "warn"), ("Hall", 50, "Venue", "warn"),
                                            ("Room A", 10, "Hall", "refuse"), ("Room B", 10, "Hall", "warn")):
        response = add_zone(url, name=name, capacity=capacity, parent_id=ids.get(parent or ""), at_full=at_full,
                            reset_at="04:00")
        assert response.status_code == 201, response.text
        ids[name] = response.json()["id"]
    return ids


def test_entering_a_room_leaves_the_room_one_was_in(venue):
    url, token, ticket = venue["url"], venue["tokens"][0], venue["ticket"]
    z = make_venue(url)
    ada, bob = venue["codes"][:2]
    t = NOW - dt.timedelta(minutes=30)
    upload(url, token, [
        scan("check_in", ada, t, ZoneDoor(ZoneRole.ENTRY, z["Venue"]), station="Main door", ticket=ticket),
        scan("check_in", bob, t, ZoneDoor(ZoneRole.ENTRY, z["Venue"]), station="Main door", ticket=ticket),
        scan("door_check", ada, t + dt.timedelta(minutes=1), ZoneDoor(ZoneRole.ENTRY, z["Room A"]),
             station="Room A door", ticket=ticket),
        scan("door_check", bob, t + dt.timedelta(minutes=2), ZoneDoor(ZoneRole.ENTRY, z["Room A"]),
             station="Room A door", ticket=ticket),
        # Ada walks from Room A into Room B: she is in one room of the hall, not two.
        scan("door_check", ada, t + dt.timedelta(minutes=3), ZoneDoor(ZoneRole.ENTRY, z["Room B"]),
             station="Room B door", ticket=ticket),
    ])
    assert zones_now(url) == {"Venue": (2, None), "Hall": (2, None), "Room A": (1, None), "Room B": (1, None)}
    # Bob leaves Room A by its exit: he is in the hall still, and in the venue.
    upload(url, token, [scan("exit", bob, t + dt.timedelta(minutes=4), ZoneDoor(ZoneRole.EXIT, z["Room A"]),
                             station="Room A exit", ticket=ticket)])
    assert zones_now(url) == {"Venue": (2, None), "Hall": (2, None), "Room A": (0, None), "Room B": (1, None)}


def test_a_zone_is_set_up_within_its_own_conference_only(venue, session_factory):
    url = venue["url"]
    with unit_of_work(session_factory) as session:
        foreign = Zone(conference_id=venue["other_id"], name="Their hall", capacity=10)
        session.add(foreign)
        session.flush()
        foreign_id = foreign.id
    refused = [add_zone(url, name="Room", parent_id=foreign_id),  # another conference's zone
               add_zone(url, name="Room", capacity=-1), add_zone(url, name="Room", at_full="panic"),
               add_zone(url, name="", capacity=5), add_zone(url, name="Room", reset_at="25:00")]
    assert [r.status_code for r in refused] == [404, 422, 422, 422, 422]
    assert add_zone(url, name="Room", capacity=5).status_code == 201
    assert add_zone(url, name="Room", capacity=5).status_code == 422  # the same name twice
    assert add_zone(url, slug="nope", name="Room").status_code == 404
    with session_factory() as session:
        assert session.scalars(select(Zone.name).where(Zone.conference_id == venue["conference_id"])).all() == ["Room"]


def offline_histories(z: dict[str, int], codes: list[str], seed: int) -> list[list[tuple[str, str, dt.datetime, ZoneDoor]]]:
    """Three kiosks' scans over an hour (venue door, Room A's door, a transfer from A to B with the
    venue's exit beside it), each kept by its kiosk while offline."""
    rng = random.Random(seed)
    start = NOW - dt.timedelta(hours=2)
    doors = [
        [("check_in", ZoneDoor(ZoneRole.ENTRY, z["Venue"]))],
        [("door_check", ZoneDoor(ZoneRole.ENTRY, z["Room A"])), ("door_check", ZoneDoor(ZoneRole.ENTRY, z["Room B"]))],
        [("door_check", ZoneDoor(ZoneRole.TRANSFER, z["Room A"], z["Room B"])),
         ("exit", ZoneDoor(ZoneRole.EXIT, z["Venue"])), ("exit", ZoneDoor(ZoneRole.EXIT, z["Hall"]))],
    ]
    histories: list[list[tuple[str, str, dt.datetime, ZoneDoor]]] = [[], [], []]
    for code in codes:
        for _ in range(rng.randint(1, 6)):
            kiosk = rng.randrange(3)
            kind, door = rng.choice(doors[kiosk])
            at = start + dt.timedelta(seconds=rng.randrange(3600))
            histories[kiosk].append((kind, code, at, door))
    return histories


@pytest.mark.parametrize("seed", [1, 2])
def test_kiosks_back_from_offline_agree_with_the_running_counts(venue, session_factory, seed):
    """Whatever order the kiosks come back in, and however their uploads are cut, the zones' counts
    are the ones the shared rule gives for every scan at once, and the triggers' counts are the rows'."""
    url, ticket = venue["url"], venue["ticket"]
    z = make_venue(url)
    histories = offline_histories(z, venue["codes"], seed)
    # The one truth: each person's moves folded by the shared rule, in time order.
    zones = ZoneMap([ZoneRule(z["Venue"], "Venue", 100), ZoneRule(z["Hall"], "Hall", 50, z["Venue"]),
                     ZoneRule(z["Room A"], "Room A", 10, z["Hall"], AtFull.REFUSE),
                     ZoneRule(z["Room B"], "Room B", 10, z["Hall"])])
    where: dict[str, Whereabouts] = {}
    for _kind, code, at, door in sorted((m for h in histories for m in h), key=lambda m: m[2]):
        where[code] = zones.moved(where.get(code, NOWHERE), door, at)
    people_at: dict[int, int] = {}
    for w in where.values():
        if w.zone_id is not None:
            people_at[w.zone_id] = people_at.get(w.zone_id, 0) + 1
    expected = {name: zones.occupancy(people_at)[zone_id] for name, zone_id in z.items()}

    rng = random.Random(seed)
    order = [0, 1, 2]
    rng.shuffle(order)
    for kiosk in order:  # each kiosk comes back and uploads its outbox, cut in pieces
        events = [scan(kind, code, at, door, station=f"Door {kiosk}", ticket=ticket)
                  for kind, code, at, door in histories[kiosk]]
        rng.shuffle(events)
        for n in range(0, len(events), 7):
            results = upload(url, venue["tokens"][kiosk], events[n:n + 7])
            assert {r["status"] for r in results} <= {"applied"}
        upload(url, venue["tokens"][kiosk], events[:5])  # a retry of what was already sent: nothing twice

    assert {name: inside for name, (inside, _alarm) in zones_now(url).items()} == expected
    with session_factory() as session:
        kept = repository.people_at(session, venue["conference_id"])  # by the triggers
        assert {k: v for k, v in kept.items() if v} == repository.counted_from_rows(session, venue["conference_id"])
        assert sum(people_at.values()) == session.scalar(
            select(func.count()).select_from(ZonePresence).where(ZonePresence.zone_id.is_not(None)))


def test_an_undone_entry_takes_the_person_back_out(venue):
    url, token, ticket = venue["url"], venue["tokens"][0], venue["ticket"]
    z = make_venue(url)
    ada = venue["codes"][0]
    t = NOW - dt.timedelta(minutes=10)
    entry = scan("check_in", ada, t, ZoneDoor(ZoneRole.ENTRY, z["Venue"]), station="Main door", ticket=ticket)
    room = scan("door_check", ada, t + dt.timedelta(minutes=1), ZoneDoor(ZoneRole.ENTRY, z["Room A"]),
                station="Room A door", ticket=ticket)
    upload(url, token, [entry, room])
    assert zones_now(url)["Room A"] == (1, None)
    upload(url, token, [{"uuid": str(uuid.uuid4()), "kind": "undo", "access_code": ada, "station": "Room A door",
                         "occurred_at": (t + dt.timedelta(minutes=2)).isoformat(), "undoes": room["uuid"]}])
    assert zones_now(url) == {"Venue": (1, None), "Hall": (0, None), "Room A": (0, None), "Room B": (0, None)}


def test_alarms_at_80_95_and_100_percent(venue):
    url, token, ticket = venue["url"], venue["tokens"][0], venue["ticket"]
    z = make_venue(url)
    t = NOW - dt.timedelta(minutes=20)
    enter_a = ZoneDoor(ZoneRole.ENTRY, z["Room A"])
    codes = venue["codes"]
    upload(url, token, [scan("door_check", code, t, enter_a, station="Room A door", ticket=ticket)
                        for code in codes[:8]])
    assert zones_now(url)["Room A"] == (8, 80)
    upload(url, token, [scan("door_check", codes[8], t, enter_a, station="Room A door", ticket=ticket)])
    assert zones_now(url)["Room A"] == (9, 80)  # 90 %: not yet 95
    upload(url, token, [scan("door_check", codes[9], t, enter_a, station="Room A door", ticket=ticket)])
    assert zones_now(url)["Room A"] == (10, 100)
    assert zones_now(url)["Hall"] == (10, None)  # 10 of 50


def test_the_nightly_reset_empties_the_venue_at_its_time(venue, session_factory):
    url, token, ticket = venue["url"], venue["tokens"][0], venue["ticket"]
    z = make_venue(url)
    t = NOW - dt.timedelta(minutes=20)
    upload(url, token, [scan("door_check", code, t, ZoneDoor(ZoneRole.ENTRY, z["Room B"]), station="Room B door",
                             ticket=ticket) for code in venue["codes"][:5]])
    assert zones_now(url)["Venue"] == (5, None)
    # The next night at 04:00 in Berlin, and a minute later (once only).
    berlin = NOW.astimezone(get_zone("Europe/Berlin"))
    next_night = (berlin + dt.timedelta(days=1)).replace(hour=4, minute=0, second=30)
    with unit_of_work(session_factory) as session:
        assert reset_due(session, next_night - dt.timedelta(hours=1)) == 0  # 03:00: not yet
        assert reset_due(session, next_night.astimezone(dt.UTC)) == 5
        assert reset_due(session, (next_night + dt.timedelta(minutes=1)).astimezone(dt.UTC)) == 0
    assert zones_now(url) == {"Venue": (0, None), "Hall": (0, None), "Room A": (0, None), "Room B": (0, None)}


def get_zone(name: str):
    from zoneinfo import ZoneInfo
    return ZoneInfo(name)


def test_the_doors_flow_and_the_people_to_come(venue):
    url, ticket = venue["url"], venue["ticket"]
    codes = venue["codes"]
    now = utcnow()
    # Doors 0 and 1 admit 12 each over the last 5 minutes; door 2 one person (slow), and refuses one.
    for kiosk, people in ((0, codes[:12]), (1, codes[12:24]), (2, codes[24:25])):
        upload(url, venue["tokens"][kiosk], [
            scan("check_in", code, now - dt.timedelta(seconds=20 * (n + 1)), None, station=f"Door {kiosk}",
                 ticket=ticket) for n, code in enumerate(people)])
    upload(url, venue["tokens"][2], [{"uuid": str(uuid.uuid4()), "kind": "failed_scan", "access_code": "ZZZZZZZZ",
                                      "occurred_at": (now - dt.timedelta(minutes=2)).isoformat(),
                                      "station": "Door 2", "reason": "not_found"}])
    response = httpx.get(f"{url}/api/v1/admin/conferences/pycon/flow", headers=ADMIN, timeout=30)
    assert response.status_code == 200, response.text
    flow = response.json()
    doors = {d["station"]: d for d in flow["doors"]}
    assert [sum(doors[f"Door {n}"]["admitted_per_minute"]) for n in range(3)] == [12, 12, 1]
    assert sum(doors["Door 2"]["refused_per_minute"]) == 1
    assert [doors[f"Door {n}"]["flag"] for n in range(3)] == ["", "", "slow"]
    assert flow["to_come"] == 40 - 25
    assert flow["busy_doors"] == 3 and flow["per_minute"] == pytest.approx(25 / 5)
    assert flow["summary"] == "15 to come; at 5 a minute over 3 doors: about 3 minutes"


def signed_in_viewer(url: str, session_factory) -> httpx.Client:
    import re

    from server.users.models import Role
    from server.users.service import add_user

    with unit_of_work(session_factory) as session:
        add_user(session, email="viewer@example.org", display_name="Viewer", password="viewer-password-1",
                 conference=get_conference(session, "pycon"), role=Role.VIEWER)
    client = httpx.Client(base_url=url, timeout=30)
    form = client.get("/sign-in")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token
    assert client.post("/sign-in", data={"email": "viewer@example.org", "password": "viewer-password-1",
                                         "csrf_token": token.group(1)}).status_code == 303
    return client


def read_csv(response: httpx.Response) -> list[dict[str, str]]:
    import csv
    import io

    assert response.status_code == 200, response.text[:300]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_exports_of_occupancy_per_zone_and_throughput_per_door(venue, session_factory):
    url, token, ticket = venue["url"], venue["tokens"][0], venue["ticket"]
    z = make_venue(url)
    ada, bob, cy = venue["codes"][:3]
    t = (NOW - dt.timedelta(hours=2)).replace(minute=0, second=0)  # on a 5-minute boundary
    upload(url, token, [
        scan("check_in", ada, t + dt.timedelta(minutes=1), ZoneDoor(ZoneRole.ENTRY, z["Venue"]), station="Main door",
             ticket=ticket),
        scan("check_in", bob, t + dt.timedelta(minutes=2), ZoneDoor(ZoneRole.ENTRY, z["Venue"]), station="Main door",
             ticket=ticket),
        scan("door_check", ada, t + dt.timedelta(minutes=6), ZoneDoor(ZoneRole.ENTRY, z["Room A"]),
             station="Room A door", ticket=ticket),
        scan("exit", bob, t + dt.timedelta(minutes=12), ZoneDoor(ZoneRole.EXIT, z["Venue"]), station="Main door",
             ticket=ticket),
    ])
    # A refusal at the venue's door, stamped with the door's zone role as kiosks of this release's first
    # days sent it: it moves no one in the export.
    upload(url, token, [{"uuid": str(uuid.uuid4()), "kind": "failed_scan", "access_code": cy, "station": "Main door",
                         "occurred_at": (t + dt.timedelta(minutes=3)).isoformat(), "reason": "zone_full",
                         "zone_role": "entry", "zone_id": z["Venue"]}])
    client = signed_in_viewer(url, session_factory)
    try:
        occupancy = read_csv(client.get("/conferences/pycon/exports/zone-occupancy.csv"))
        throughput = read_csv(client.get("/conferences/pycon/exports/door-throughput.csv"))
    finally:
        client.close()
    inside = {(row["From (UTC)"], row["Zone"]): int(row["Inside at the end"]) for row in occupancy}
    at = [(t + dt.timedelta(minutes=m)).isoformat() for m in (0, 5, 10)]
    assert [inside[(at[0], zone)] for zone in ("Venue", "Hall", "Room A", "Room B")] == [2, 0, 0, 0]
    assert [inside[(at[1], zone)] for zone in ("Venue", "Hall", "Room A", "Room B")] == [2, 1, 1, 0]
    assert [inside[(at[2], zone)] for zone in ("Venue", "Hall", "Room A", "Room B")] == [1, 1, 1, 0]
    assert next(r for r in occupancy if r["From (UTC)"] == at[1] and r["Zone"] == "Room A")["Share of capacity"] == "10 %"
    doors = {(row["From (UTC)"], row["Door"]): (row["Admitted"], row["Exits"], row["Refused"]) for row in throughput}
    assert doors == {(at[0], "Main door"): ("2", "0", "1"), (at[1], "Room A door"): ("1", "0", "0"),
                     (at[2], "Main door"): ("0", "1", "0")}


def test_a_scan_naming_another_conferences_zone_moves_no_one(venue, session_factory):
    url, token, ticket = venue["url"], venue["tokens"][0], venue["ticket"]
    z = make_venue(url)
    with unit_of_work(session_factory) as session:
        foreign = Zone(conference_id=venue["other_id"], name="Their hall", capacity=10)
        session.add(foreign)
        session.flush()
        foreign_id = foreign.id
    t = NOW - dt.timedelta(minutes=5)
    results = upload(url, token, [
        scan("check_in", venue["codes"][0], t, ZoneDoor(ZoneRole.ENTRY, foreign_id), station="Main door", ticket=ticket),
        scan("door_check", venue["codes"][1], t, ZoneDoor(ZoneRole.TRANSFER, z["Room A"], foreign_id),
             station="Room A door", ticket=ticket)])
    assert [r["status"] for r in results] == ["applied", "applied"]  # the check-in counts, the move does not
    assert zones_now(url) == {"Venue": (0, None), "Hall": (0, None), "Room A": (0, None), "Room B": (0, None)}
    with session_factory() as session:
        assert repository.people_at(session, venue["other_id"]) == {}
        assert session.scalar(select(func.count()).select_from(ZonePresence)
                              .where(ZonePresence.zone_id.is_not(None))) == 0
    assert add_zone(url, name="Late room", reset_at="04:00+02:00").status_code == 422
