"""The live dashboard's snapshot after scans that arrived the way kiosks send them (HTTP to a live server),
on SQLite and on PostgreSQL: the figures a door lead reads."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
import pytest

from server.conferences.service import get_conference
from server.dashboard.chart import entries_chart
from server.dashboard.service import snapshot
from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.devices.service import create_device
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type
from tests.live_server import live_server

NOW = utcnow().replace(microsecond=0)


@pytest.fixture
def door(database_url, session_factory, monkeypatch):
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", "test-admin")
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", timezone="America/New_York")
        ticket = make_ticket_type(session, conference)
        lunch = make_addon(session, conference, name="Lunch")
        make_addon(session, conference, name="T-shirt")  # sold to nobody: not listed
        paid = [make_attendee(session, conference, ticket_type=ticket, addons={lunch: 2}, first_name=n)
                for n in ("Ada", "Bob", "Cy")]
        partial = make_attendee(session, conference, ticket_type=ticket, order_status="partially_refunded")
        refunded = make_attendee(session, conference, ticket_type=ticket, order_status="refunded")
        make_attendee(session, conference, ticket_type=ticket, order_status="pending", addons={lunch: 5})  # on hold
        other = make_conference(session, slug="other")
        make_attendee(session, other)  # another conference's attendee counts nowhere here
        _device, code = create_device(session, conference, name="Kiosk 1", station="Door A")
        codes = {"paid": [a.access_code for a in paid], "partial": partial.access_code,
                 "refunded": refunded.access_code, "lunch": lunch.id,
                 "cy_lunch_line": next(line.id for line in paid[2].order.line_items if line.addon_id == lunch.id)}
    with live_server(database_url) as url:
        token = httpx.post(f"{url}/api/v1/sync/pair", json={"pairing_code": code}).json()["device_token"]
        yield url, token, codes


def upload(url: str, token: str, *events: dict) -> list[dict]:
    body = {"events": [{"uuid": str(uuid.uuid4()), "station": "Door A", **e} for e in events]}
    response = httpx.post(f"{url}/api/v1/sync/events", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return response.json()["results"]


def ago(minutes: float) -> str:
    return (NOW - dt.timedelta(minutes=minutes)).isoformat()


def test_the_snapshot_says_what_happened_at_the_doors(door, session_factory):
    url, token, codes = door
    ada, bob, cy = codes["paid"]
    upload(url, token,
           {"kind": "check_in", "access_code": ada, "occurred_at": ago(40)},
           {"kind": "check_in", "access_code": bob, "occurred_at": ago(3)},
           {"kind": "check_in", "access_code": codes["partial"], "occurred_at": ago(2)},
           {"kind": "failed_scan", "access_code": codes["refunded"], "occurred_at": ago(1), "reason": "refunded"},
           {"kind": "exit", "access_code": ada, "occurred_at": ago(30), "station": "Exit"},
           {"kind": "check_in", "access_code": ada, "occurred_at": ago(20)},  # came back
           {"kind": "exit", "access_code": bob, "occurred_at": ago(1), "station": "Exit"})
    lunch = {"kind": "redemption", "access_code": cy, "product_kind": "addon", "product_id": codes["lunch"],
             "station": "Lunch"}
    results = upload(url, token, {**lunch, "occurred_at": ago(15)}, {**lunch, "occurred_at": ago(14)},
                     {**lunch, "occurred_at": ago(13)})
    assert [r["status"] for r in results] == ["applied", "applied", "conflict"]  # Cy bought two

    with session_factory() as session:
        taken = snapshot(session, get_conference(session, "pycon"), NOW)
    a = taken.attendance
    assert (a.expected, a.checked_in, a.inside) == (4, 3, 2)  # paid ×3 and partially refunded; Bob went out
    assert taken.open_conflicts == 1
    assert [(r.name, r.served, r.of) for r in taken.redemptions] == [("Lunch", 2, 6)]  # the pending order's 5 not
    stations = {row.station: row for row in taken.stations}
    assert set(stations) == {"Door A", "Exit", "Lunch"}
    assert (stations["Door A"].scans, stations["Door A"].refused) == (3, 1)  # 40 and 20 minutes ago: not in 10 min
    assert stations["Door A"].refused_share == pytest.approx(1 / 3)
    assert stations["Door A"].last_scan_at == NOW - dt.timedelta(minutes=1)
    assert stations["Door A"].last_scan_at.tzinfo.key == "America/New_York"
    assert (stations["Lunch"].scans, stations["Exit"].scans) == (0, 1)
    assert sum(b.entries for b in taken.entries) == 4  # Ada twice, Bob, the partial refund
    assert taken.entries[-1].starts_at <= NOW.astimezone(taken.entries[-1].starts_at.tzinfo) \
        < taken.entries[-1].starts_at + dt.timedelta(minutes=5)
    assert [d.name for d in taken.devices] == ["Kiosk 1"] and taken.devices_online == 1
    chart = entries_chart(taken.entries)
    assert chart.peak >= 1 and len(chart.bars) == 36 and "4 in all" in chart.summary


def test_a_silent_device_counts_offline(door, session_factory):
    with session_factory() as session:
        conference = get_conference(session, "pycon")
        later = snapshot(session, conference, utcnow() + dt.timedelta(minutes=3))
    assert (later.devices_online, later.devices_offline) == (0, 1)
    assert later.alerts[0][1].startswith("Silent for 3 min")


def counted(session_factory) -> tuple[int, int, int]:
    """Checked in, inside and lunches served, counted row by row (what the running counts must equal)."""
    from sqlalchemy import func, select

    from server.attendees.models import Attendee
    from server.checkin.models import ProductRedemption
    with session_factory() as session:
        conference = get_conference(session, "pycon")
        checked_in, inside = session.execute(
            select(func.count(Attendee.checked_in_at), func.count().filter(Attendee.inside))
            .where(Attendee.conference_id == conference.id)).one()
        served = session.scalar(select(func.count()).select_from(ProductRedemption)
                                .where(ProductRedemption.conference_id == conference.id))
    return checked_in, inside, served


def test_the_running_counts_follow_undo_the_desk_and_exits(door, session_factory):
    """Every writer moves the counts the dashboard reads: kiosk scans, their undo, the desk."""
    url, token, codes = door
    ada, bob, cy = codes["paid"]
    lunch = {"kind": "redemption", "access_code": cy, "product_kind": "addon", "product_id": codes["lunch"]}
    first = {"uuid": str(uuid.uuid4()), "kind": "check_in", "access_code": ada, "occurred_at": ago(5)}
    upload(url, token, first, {"kind": "check_in", "access_code": bob, "occurred_at": ago(4)},
           {"kind": "exit", "access_code": bob, "occurred_at": ago(3)}, {**lunch, "occurred_at": ago(2)})
    redeemed = {"uuid": str(uuid.uuid4()), **lunch, "occurred_at": ago(1)}
    upload(url, token, redeemed)

    def dashboard() -> tuple[int, int, int]:
        with session_factory() as session:
            taken = snapshot(session, get_conference(session, "pycon"))
        return taken.attendance.checked_in, taken.attendance.inside, taken.redemptions[0].served

    assert dashboard() == counted(session_factory) == (2, 1, 2)
    upload(url, token, {"kind": "undo", "access_code": ada, "occurred_at": ago(0.5), "undoes": first["uuid"],
                        "reason": "check_in"},
           {"kind": "undo", "access_code": cy, "occurred_at": ago(0.4), "undoes": redeemed["uuid"],
            "reason": "redemption"})
    assert dashboard() == counted(session_factory) == (1, 0, 1)  # Ada never came in; one lunch taken back
    admin = {"Authorization": "Bearer test-admin"}
    desk = f"{url}/api/v1/admin/conferences/pycon/attendees/{cy}"
    assert httpx.post(f"{desk}/check-ins", json={"station": "Desk"}, headers=admin).status_code == 201
    assert httpx.post(f"{desk}/redemptions", json={"line_item_id": codes["cy_lunch_line"]},
                      headers=admin).status_code == 201
    assert dashboard() == counted(session_factory) == (2, 1, 2)


def test_one_statement_over_many_attendees_moves_the_counts_by_each(database_url, session_factory):
    """The counts follow statements that change many rows at once, in both directions, as an import or
    a psql session would write them (PostgreSQL's triggers add up a statement's rows, SQLite's go row by row)."""
    from sqlalchemy import text

    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        ticket = make_ticket_type(session, conference)
        lunch = make_addon(session, conference, name="Lunch")
        for n in range(40):
            make_attendee(session, conference, ticket_type=ticket, addons={lunch: 1}, first_name=f"P{n}")
        other = make_conference(session, slug="other")
        make_attendee(session, other)
        ids = {"pycon": conference.id, "other": other.id}

    def run(statement: str) -> tuple[int, int, int]:
        with unit_of_work(session_factory) as session:
            session.execute(text(statement), ids)
        with session_factory() as session:
            taken = snapshot(session, get_conference(session, "pycon"))
            moved = (taken.attendance.checked_in, taken.attendance.inside,
                     taken.redemptions[0].served if taken.redemptions else 0)
            assert snapshot(session, get_conference(session, "other")).attendance.checked_in == 0
        assert moved == counted(session_factory)
        return moved

    came = "UPDATE attendees SET checked_in_at = CURRENT_TIMESTAMP, inside = true WHERE conference_id = :pycon"
    assert run(came) == (40, 40, 0)
    assert run("UPDATE attendees SET inside = (id % 4 = 0) WHERE conference_id = :pycon") == (40, 10, 0)
    assert run("UPDATE attendees SET first_name = 'Renamed' WHERE conference_id = :pycon") == (40, 10, 0)
    undone = "UPDATE attendees SET checked_in_at = NULL, inside = false WHERE conference_id = :pycon AND id % 2 = 0"
    assert run(undone) == (20, 0, 0)
    assert run("""INSERT INTO product_redemptions
            (attendee_id, order_line_item_id, conference_id, station, redeemed_by, redeemed_at)
        SELECT a.id, l.id, a.conference_id, 'Lunch', '', CURRENT_TIMESTAMP
        FROM attendees a JOIN order_line_items l ON l.order_id = a.order_id AND l.addon_id IS NOT NULL
        WHERE a.conference_id = :pycon""") == (20, 0, 40)
    assert run("DELETE FROM product_redemptions WHERE id % 4 = 0") == (20, 0, 30)
    # Deleting the checked-in attendees takes their lunches with them (a cascade: more statements' triggers).
    checked_in, inside, served = run("DELETE FROM attendees WHERE conference_id = :pycon AND checked_in_at IS NOT NULL")
    assert (checked_in, inside) == (0, 0) and 0 < served < 30
