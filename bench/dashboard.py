"""The live dashboard's snapshot at scale: 200,000 attendees and 500,000 scan events.

    .venv/bin/python bench/dashboard.py [--postgres URL] [--no-sqlite] [--runs 200] [--port 8792]

Seeds a two-day conference with bulk inserts and takes the dashboard at day 2, 12:20 (lunch on the
second day): ~90% of the admitted came on day 1 between 07:30 and 11:30, most came back on day 2,
exits in the evening, lunches redeemed, 2% of scans refused, 12 kiosks. The scenario's times are
shifted so that its 12:20 is the moment of the seeding: the server, which reads its own clock, then
answers for that moment too. Two measures, ``--runs`` times each:

- the snapshot (every query the page polls), each in its own transaction as a request would, with a
  breakdown per query;
- what a signed-in browser waits for: ``GET /conferences/bench/dashboard/live`` (the fragment htmx
  polls: the snapshot, the chart and the HTML) from a real ``doorstation server`` over a socket.

The databases and folders it creates are dropped at the end. Statistics are gathered after the
seeding (ANALYZE; VACUUM on PostgreSQL), as autovacuum would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import create_engine, func, insert, select, text, update
from sqlalchemy.engine import make_url

from bench.common import summary, table
from doorstation.demo import start_server_process
from server.attendees.access_codes import ALPHABET as CODE_ALPHABET
from server.attendees.models import Attendee
from server.checkin.models import CheckIn, ProductRedemption, SyncEvent
from server.conferences.models import Conference
from server.conferences.service import add_addon, add_ticket_type, create_conference, get_conference
from server.dashboard import repository
from server.dashboard.flow import flow
from server.dashboard.service import snapshot
from server.db.engine import make_engine, unit_of_work
from server.db.migrate import upgrade_to_head
from server.devices.models import Device
from server.devices.service import fleet
from server.orders.models import Order, OrderLineItem
from server.sync.models import SyncConflict
from server.users.models import Role
from server.users.service import add_user
from server.wiring import make_session_factory
from server.zones.models import ZonePresence
from server.zones.service import create_zone, figures
from shared.order_status import ADMITS_ENTRY

ZONE = ZoneInfo("Europe/Berlin")  # the demo conference's
DAY1 = dt.date(2026, 6, 10)
SCENARIO_NOW = dt.datetime.combine(DAY1 + dt.timedelta(days=1), dt.time(12, 20), ZONE).astimezone(dt.UTC)
# The scenario's "now" is the moment a database's seeding starts (its times are moved by the difference).
NOW = SCENARIO_NOW
SHIFT = dt.timedelta(0)


def start_the_scenario_now() -> None:
    global NOW, SHIFT
    NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
    SHIFT = NOW - SCENARIO_NOW
STATIONS = {"check_in": ["Door A", "Door B", "Door C", "Door D", "Door E", "Door F"], "exit": ["Exit 1", "Exit 2"],
            "redemption": ["Lunch 1", "Lunch 2"], "door_check": [f"Room {n} door" for n in range(1, 13)]}
ROOMS = 12  # six in each of two halls; a room's door is a door check of the ticket with the room's entry as zone role
BATCH = 20_000


def at(day: int, hour: float, rng: random.Random, spread_h: float) -> dt.datetime:
    start = dt.datetime.combine(DAY1 + dt.timedelta(days=day), dt.time(0), ZONE) + dt.timedelta(hours=hour)
    return (start + dt.timedelta(hours=abs(rng.gauss(0, spread_h)))).astimezone(dt.UTC) + SHIFT


def bulk_insert(session, model, rows: list[dict]) -> None:
    """Rows with their ids: COPY on PostgreSQL (multi-row INSERTs are bound by Python's per-row work
    there), executemany on SQLite. Every row names the same columns; defaults are filled in here."""
    if not rows:
        return
    table = model.__table__
    columns = list(rows[0])
    defaults = {c.name: c.default.arg for c in table.columns
                if c.name not in columns and c.default is not None and not callable(c.default.arg)}
    defaults.update({c.name: NOW for c in table.columns if c.name not in columns and c.name not in defaults
                     and c.default is not None and c.name in ("created_at", "updated_at", "received_at")})
    if session.get_bind().dialect.name != "postgresql":
        for start in range(0, len(rows), BATCH):
            session.execute(insert(model), [{**defaults, **row} for row in rows[start:start + BATCH]])
        return
    names = columns + list(defaults)
    cursor = session.connection().connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_copy_value(row[n]) if n in row else _copy_value(defaults[n]) for n in names])


def _copy_value(value):
    if isinstance(value, list):
        return json.dumps(value)
    if hasattr(value, "value") and not isinstance(value, (int, float)):  # an enum
        return value.value
    return value


def seed_people(session, attendees: int, rng: random.Random) -> int:
    """The conference, its products, and one order with one attendee each, bulk-inserted with their ids
    (no RETURNING round trips); the seat counters set as server.capacity.counters keeps them."""
    conference = create_conference(session, slug="bench", name="BenchCon", timezone=ZONE.key)
    standard = add_ticket_type(session, conference, name="Standard", slug="standard", price="350.00")
    lunch = add_addon(session, conference, name="Lunch", slug="lunch", price="25.00")
    dinner = add_addon(session, conference, name="Conference Dinner", slug="dinner", price="80.00")
    session.flush()
    # Pending orders hold seats for 15 minutes: 100 live holds at once is a busy box office.
    statuses = ["paid"] * 91 + ["partially_refunded"] * 3 + ["refunded"] * 3 + ["cancelled"] * 3
    codes: set[str] = set()
    while len(codes) < attendees:
        codes |= {"".join(rng.choices(CODE_ALPHABET, k=8)) for _ in range(attendees - len(codes))}
    orders: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    taken = {"seats": 0, lunch.id: 0, dinner.id: 0}
    created = NOW - dt.timedelta(days=60)
    for n, code in enumerate(sorted(codes, key=lambda _: rng.random()), start=1):
        status = "pending" if n <= 100 else rng.choice(statuses)
        hold = NOW + dt.timedelta(minutes=10) if status == "pending" else None
        orders.append({"id": n, "conference_id": conference.id, "reference": f"ORD-{n:08d}", "status": status,
                       "email": f"person{n}@example.org", "subtotal": 350, "total": 350,
                       "hold_expires_at": hold, "attendee_details": [], "created_at": created, "updated_at": created})
        order_lines: list[tuple[int | None, int | None, str, int]] = [(standard.id, None, "Standard", 1)]
        if rng.random() < 0.6:
            order_lines.append((None, lunch.id, "Lunch", 2))
        if rng.random() < 0.25:
            order_lines.append((None, dinner.id, "Conference Dinner", 1))
        for ticket_type_id, addon_id, description, quantity in order_lines:
            lines.append({"id": len(lines) + 1, "order_id": n, "ticket_type_id": ticket_type_id, "addon_id": addon_id,
                          "description": description, "quantity": quantity, "unit_price": 25, "line_total": 25})
            if status in ADMITS_ENTRY or hold is not None:
                taken[addon_id or "seats"] += quantity
        if status != "pending":  # attendees are made at payment
            people.append({"id": n, "sync_version": n, "conference_id": conference.id, "order_id": n,
                           "ticket_type_id": standard.id, "first_name": f"Person{n}", "last_name": "Bench",
                           "email": f"person{n}@example.org", "company": "", "access_code": code,
                           "created_at": created, "updated_at": created})
    for model, rows in ((Order, orders), (OrderLineItem, lines), (Attendee, people)):
        bulk_insert(session, model, rows)
    conference.seats_taken = standard.quantity_taken = taken["seats"]
    lunch.quantity_taken, dinner.quantity_taken = taken[lunch.id], taken[dinner.id]
    if session.get_bind().dialect.name == "postgresql":  # ids were given: move the sequences past them
        for table_name in ("orders", "order_line_items", "attendees"):
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                                 f"(SELECT max(id) FROM {table_name}))"))
    session.flush()
    return conference.id


def seed(url: str, attendees: int, events: int) -> None:
    upgrade_to_head(url)
    factory = make_session_factory(make_engine(url))
    started = time.perf_counter()
    rng = random.Random(7)
    with unit_of_work(factory) as session:
        conference_id = seed_people(session, attendees, rng)
        devices = {}
        for names in STATIONS.values():
            for name in names:
                device = Device(conference_id=conference_id, name=f"Kiosk {name}", station=name, paired_at=NOW,
                                last_seen_at=NOW - dt.timedelta(seconds=rng.randint(0, 200)))
                session.add(device)
                session.flush()
                devices[name] = device.id
        conference = session.get_one(Conference, conference_id)
        venue = create_zone(session, conference, name="Venue", capacity=attendees, reset_at=dt.time(4, 0))
        halls = [create_zone(session, conference, name=f"Hall {n}", capacity=attendees // 3, parent_id=venue.id)
                 for n in (1, 2)]
        rooms = [create_zone(session, conference, name=f"Room {n}", capacity=2_000, parent_id=halls[(n - 1) // 6].id,
                             at_full="refuse" if n % 2 else "warn") for n in range(1, ROOMS + 1)]
        venue_id, room_ids = venue.id, [room.id for room in rooms]
        standard_id = session.scalar(text("SELECT id FROM ticket_types WHERE slug = 'standard' AND conference_id = :c"),
                                     {"c": conference_id})
    print(f"  {attendees:,} attendees seeded in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    with factory() as session:
        people = session.execute(
            select(Attendee.id, Attendee.access_code, Order.status, Order.id)
            .join(Order, Attendee.order_id == Order.id).where(Attendee.conference_id == conference_id)).all()
        lunch_lines = dict(session.execute(
            select(OrderLineItem.order_id, OrderLineItem.id).join(Order, Order.id == OrderLineItem.order_id)
            .where(Order.conference_id == conference_id, OrderLineItem.description == "Lunch")).all())
        lunch_id = session.scalar(text("SELECT id FROM addons WHERE slug = 'lunch' AND conference_id = :c"),
                                  {"c": conference_id})
    sync_rows: list[dict[str, Any]] = []
    check_ins: list[dict[str, Any]] = []
    redemptions: list[dict[str, Any]] = []
    first_at: dict[int, Any] = {}
    inside: set[int] = set()
    whereabouts: dict[int, tuple[dt.datetime, int | None]] = {}  # the latest move wins (shared.zone_moves)

    def scan(kind, person, when, station, zone=None, **extra):
        if when > NOW:
            return
        role, zone_id = zone or (None, None)
        if role is not None and kind != "failed_scan" and when >= whereabouts.get(person.id, (when, None))[0]:
            whereabouts[person.id] = (when, None if role == "exit" else zone_id)
        sync_rows.append({"id": len(sync_rows) + 1, "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                          "conference_id": conference_id,
                          "device_id": devices[station], "kind": kind, "access_code": person.access_code,
                          "attendee_id": person.id, "station": station, "product_kind": extra.get("product_kind"),
                          "product_id": extra.get("product_id"), "kiosk_reason": extra.get("reason", "ok"),
                          "occurred_at": when, "received_at": when, "status": "applied", "reason": "ok",
                          "undoes": None, "zone_role": role, "zone_id": zone_id, "to_zone_id": None})

    for person in people:
        if len(sync_rows) >= events:
            break
        if person.status.value not in ADMITS_ENTRY:
            if rng.random() < 0.05:
                scan("failed_scan", person, at(0, 8, rng, 1.5), rng.choice(STATIONS["check_in"]), reason="refunded")
            continue
        days = [d for d, chance in ((0, 0.9), (1, 0.75)) if rng.random() < chance]
        for day in days:
            entry = at(day, 7.5, rng, 1.6)
            if entry > NOW:
                continue
            station = rng.choice(STATIONS["check_in"])
            if rng.random() < 0.02:
                scan("failed_scan", person, entry - dt.timedelta(seconds=20), station, reason="not_found")
            scan("check_in", person, entry, station, ("entry", venue_id))
            check_ins.append({"id": len(check_ins) + 1, "attendee_id": person.id, "conference_id": conference_id,
                              "station": station, "checked_in_at": entry})
            first_at.setdefault(person.id, entry)
            inside.add(person.id)
            if day == 0 and rng.random() < 0.65:
                scan("exit", person, at(0, 17, rng, 1.0), rng.choice(STATIONS["exit"]), ("exit", venue_id))
                inside.discard(person.id)
            if day == 1 and rng.random() < 0.4:  # a talk in a room on day 2
                room = rng.randrange(ROOMS)
                scan("door_check", person, at(1, 9.5, rng, 1.2), f"Room {room + 1} door", ("entry", room_ids[room]),
                     product_kind="ticket_type", product_id=standard_id)
            line = lunch_lines.get(person[3])
            lunch_at = at(day, 12, rng, 0.7)
            if line and lunch_at <= NOW and rng.random() < 0.9:
                station = rng.choice(STATIONS["redemption"])
                scan("redemption", person, lunch_at, station, product_kind="addon", product_id=lunch_id)
                redemptions.append({"id": len(redemptions) + 1, "attendee_id": person.id,
                                    "order_line_item_id": line, "conference_id": conference_id, "station": station,
                                    "redeemed_at": lunch_at})
    conflicts = []
    with unit_of_work(factory) as session:
        bulk_insert(session, SyncEvent, sync_rows)
        conflicts = [{"conference_id": conference_id, "event_id": n, "reason": "fully_redeemed",
                      "message": "Lunch at Lunch 1 for a bench attendee: already fully redeemed",
                      "created_at": NOW} for n in range(1, 400, 10)]
        for rows, model in ((check_ins, CheckIn), (redemptions, ProductRedemption)):
            bulk_insert(session, model, rows)
        session.execute(insert(SyncConflict), conflicts)
        bulk_insert(session, ZonePresence, [{"attendee_id": a, "conference_id": conference_id, "zone_id": zone,
                                             "since": since} for a, (since, zone) in sorted(whereabouts.items())])
        # First check-ins from the rows just written, in one statement (an UPDATE per attendee takes minutes).
        session.execute(update(Attendee).where(Attendee.conference_id == conference_id).values(
            checked_in_at=select(func.min(CheckIn.checked_in_at)).where(CheckIn.attendee_id == Attendee.id)
            .scalar_subquery()).execution_options(synchronize_session=False))
        inside_ids = sorted(inside)
        for start in range(0, len(inside_ids), BATCH):
            session.execute(update(Attendee).where(Attendee.id.in_(inside_ids[start:start + BATCH]))
                            .values(inside=True).execution_options(synchronize_session=False))
        if session.get_bind().dialect.name == "postgresql":
            for table_name in ("sync_events", "check_ins", "product_redemptions"):
                session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                                     f"(SELECT max(id) FROM {table_name}))"))
    print(f"  {len(sync_rows):,} scan events ({len(check_ins):,} check-ins, {len(redemptions):,} redemptions) "
          f"written in {time.perf_counter() - started:.0f} s")


def analyse(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT") if url.startswith("postgresql") else make_engine(url)
    with engine.connect() as connection:
        connection.execute(text("VACUUM ANALYZE" if url.startswith("postgresql") else "ANALYZE"))
        if not url.startswith("postgresql"):
            connection.commit()
    engine.dispose()


def measure(url: str, runs: int) -> tuple[list[float], dict[str, list[float]], int]:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    totals: list[float] = []
    parts: dict[str, list[float]] = {}
    with factory() as session:
        conference = get_conference(session, "bench")
    queries = {
        "attendance": lambda s: repository.attendance(s, conference.id),
        "entries per 5 min": lambda s: repository.entries_per_bucket(
            s, conference.id, NOW - dt.timedelta(hours=3), NOW, 300),
        "stations": lambda s: repository.station_activity(s, conference.id, NOW - dt.timedelta(minutes=10)),
        "devices": lambda s: fleet(s, conference, NOW),
        "redemptions": lambda s: repository.redemptions_per_product(s, conference.id),
        "open conflicts": lambda s: repository.open_conflicts(s, conference.id),
        "zones": lambda s: figures(s, conference.id),
        "flow at the doors": lambda s: flow(s, conference.id, 10_000, NOW),
    }
    for run in range(runs + 3):  # three to warm up, not counted
        with unit_of_work(factory) as session:
            started = time.perf_counter()
            taken = snapshot(session, conference, NOW)
            elapsed = (time.perf_counter() - started) * 1000
        if run >= 3:
            totals.append(elapsed)
        for name, query in queries.items():
            with unit_of_work(factory) as session:
                started = time.perf_counter()
                query(session)
                if run >= 3:
                    parts.setdefault(name, []).append((time.perf_counter() - started) * 1000)
    a = taken.attendance
    print(f"  snapshot: {a.checked_in:,} of {a.expected:,} checked in, {a.inside:,} inside, "
          f"{sum(b.entries for b in taken.entries):,} entries in the chart, {len(taken.stations)} stations, "
          + ", ".join(f"{r.name} {r.served:,} of {r.of:,}" for r in taken.redemptions[:2]))
    print(f"  zones: " + ", ".join(f"{z.name} {z.inside:,}" for z in taken.zones[:4])
          + (f"; flow: {taken.flow.summary}, {len(taken.flow.doors)} doors" if taken.flow else ""))
    engine.dispose()
    return totals, parts, a.checked_in


def measure_http(url: str, runs: int, port: int, checked_in: int) -> list[float]:
    """``runs`` polls of the live fragment by a signed-in owner, from a server process of its own."""
    with unit_of_work(make_session_factory(engine := make_engine(url))) as session:
        add_user(session, email="bench@example.org", display_name="Bench", password="bench-password-1",
                 conference=get_conference(session, "bench"), role=Role.OWNER)
    engine.dispose()
    server = start_server_process(url, port)
    times: list[float] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            form = client.get("/sign-in")
            token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
            assert token, form.text[:300]
            signed_in = client.post("/sign-in", data={"email": "bench@example.org", "password": "bench-password-1",
                                                      "next": "/", "csrf_token": token.group(1)})
            assert signed_in.status_code == 303, signed_in.text[:300]
            for run in range(runs + 3):
                started = time.perf_counter()
                response = client.get("/conferences/bench/dashboard/live")
                elapsed = (time.perf_counter() - started) * 1000
                shown = re.search(r'data-testid="checked-in">([\d,]+)<', response.text)
                # What it measures is an answer with the figures in it, not an error page.
                assert response.status_code == 200 and shown and shown.group(1) == f"{checked_in:,}", response.text[:300]
                if run >= 3:
                    times.append(elapsed)
    finally:
        server.terminate()
        server.wait(timeout=30)
    late = dt.datetime.now(dt.UTC) - NOW
    print(f"  over HTTP, signed in: {len(times)} answers showing {checked_in:,} checked in "
          f"(the server's clock {late.total_seconds() / 60:.0f} min past the scenario's 12:20)")
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL; a database is created next to it and dropped")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--attendees", type=int, default=200_000)
    parser.add_argument("--events", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--port", type=int, default=8792, help="for the server the HTTP measure starts")
    args = parser.parse_args()
    rows = []
    targets = []
    folder = Path(tempfile.mkdtemp(prefix="doorstation-dashboard-bench-"))
    admin = None
    postgres_name = f"doorstation_dashboard_bench_{uuid.uuid4().hex[:8]}"
    try:
        if not args.no_sqlite:
            targets.append(("SQLite", f"sqlite:///{folder / 'server.sqlite3'}"))
        if args.postgres:
            admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{postgres_name}"'))
            targets.append(("PostgreSQL", make_url(args.postgres).set(database=postgres_name)
                            .render_as_string(hide_password=False)))
        for label, url in targets:
            print(f"{label}:")
            start_the_scenario_now()
            seed(url, args.attendees, args.events)
            analyse(url)
            load = os.getloadavg()[0]
            totals, parts, checked_in = measure(url, args.runs)
            print(f"  snapshot {summary(totals)}  (load average {load:.1f} before, {os.getloadavg()[0]:.1f} after)")
            polls = measure_http(url, args.runs, args.port, checked_in)
            rows.append((label, "live fragment over HTTP", *summary(polls).split("  ")[:2]))
            rows.append((label, "whole snapshot", *summary(totals).split("  ")[:2]))
            for name, samples in parts.items():
                rows.append((label, name, *summary(samples).split("  ")[:2]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{postgres_name}" WITH (FORCE)'))
            admin.dispose()
    table(f"Dashboard snapshot, {args.attendees:,} attendees, {args.events:,} scan events, {args.runs} runs",
          rows, ("database", "what", "p50", "p99"))


if __name__ == "__main__":
    main()
