"""The live dashboard's snapshot at scale: 200,000 attendees and 500,000 scan events.

    .venv/bin/python bench/dashboard.py [--postgres URL] [--no-sqlite] [--runs 60]

Seeds a two-day conference with bulk inserts and takes the dashboard at day 2, 12:20 (lunch on the
second day): ~90% of the admitted came on day 1 between 07:30 and 11:30, most came back on day 2,
exits in the evening, lunches redeemed, 2% of scans refused, 12 kiosks. Then builds the snapshot
(every query the page polls) ``--runs`` times, each in its own transaction as a request would, and
prints p50/p99 with a breakdown per query. The databases and folders it creates are dropped at the end.
Statistics are gathered after the seeding (ANALYZE; VACUUM on PostgreSQL), as autovacuum would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, select, text, update  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.common import summary, table  # noqa: E402
from server.attendees.models import Attendee  # noqa: E402
from server.checkin.models import CheckIn, ProductRedemption  # noqa: E402
from server.conferences.service import get_conference  # noqa: E402
from server.dashboard import repository  # noqa: E402
from server.dashboard.service import snapshot  # noqa: E402
from server.db.base import utcnow  # noqa: E402
from server.db.engine import make_engine, make_session_factory, unit_of_work  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.devices.models import Device  # noqa: E402
from server.orders.models import Order, OrderLineItem  # noqa: E402
from server.sync.models import SyncConflict, SyncEvent  # noqa: E402
from shared.order_status import ADMITS_ENTRY  # noqa: E402

ZONE = ZoneInfo("Europe/Berlin")  # the demo conference's
DAY1 = dt.date(2026, 6, 10)
NOW = dt.datetime.combine(DAY1 + dt.timedelta(days=1), dt.time(12, 20), ZONE).astimezone(dt.UTC)
STATIONS = {"check_in": ["Door A", "Door B", "Door C", "Door D", "Door E", "Door F"], "exit": ["Exit 1", "Exit 2"],
            "redemption": ["Lunch 1", "Lunch 2"]}
BATCH = 20_000


def at(day: int, hour: float, rng: random.Random, spread_h: float) -> dt.datetime:
    start = dt.datetime.combine(DAY1 + dt.timedelta(days=day), dt.time(0), ZONE) + dt.timedelta(hours=hour)
    return (start + dt.timedelta(hours=abs(rng.gauss(0, spread_h)))).astimezone(dt.UTC)


def seed(url: str, attendees: int, events: int) -> None:
    upgrade_to_head(url)
    factory = make_session_factory(make_engine(url))
    started = time.perf_counter()
    with unit_of_work(factory) as session:
        conference = seed_demo(session, slug="bench", attendees=attendees)
        conference_id = conference.id
        devices = {}
        for kind, names in STATIONS.items():
            for name in names:
                device = Device(conference_id=conference_id, name=f"Kiosk {name}", station=name, paired_at=NOW,
                                last_seen_at=NOW - dt.timedelta(seconds=random.randint(0, 200)))
                session.add(device)
                session.flush()
                devices[name] = device.id
    print(f"  {attendees:,} attendees seeded in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    rng = random.Random(7)
    with factory() as session:
        people = session.execute(
            select(Attendee.id, Attendee.access_code, Order.status, Order.id)
            .join(Order, Attendee.order_id == Order.id).where(Attendee.conference_id == conference_id)).all()
        lunch_lines = dict(session.execute(
            select(OrderLineItem.order_id, OrderLineItem.id).join(Order, Order.id == OrderLineItem.order_id)
            .where(Order.conference_id == conference_id, OrderLineItem.description == "Lunch")).all())
        lunch_id = session.scalar(text("SELECT id FROM addons WHERE slug = 'lunch' AND conference_id = :c"),
                                  {"c": conference_id})
    sync_rows, check_ins, redemptions, first_at, inside = [], [], [], {}, set()

    def scan(kind, person, when, station, **extra):
        if when > NOW:
            return
        sync_rows.append({"uuid": str(uuid.UUID(int=rng.getrandbits(128))), "conference_id": conference_id,
                          "device_id": devices[station], "kind": kind, "access_code": person.access_code,
                          "attendee_id": person.id, "station": station, "product_kind": extra.get("product_kind"),
                          "product_id": extra.get("product_id"), "kiosk_reason": extra.get("reason", "ok"),
                          "occurred_at": when, "received_at": when, "status": "applied", "reason": "ok",
                          "undoes": None})

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
            scan("check_in", person, entry, station)
            check_ins.append({"attendee_id": person.id, "conference_id": conference_id, "station": station,
                              "checked_in_at": entry})
            first_at.setdefault(person.id, entry)
            inside.add(person.id)
            if person.id in inside and day == 0 and rng.random() < 0.65:
                scan("exit", person, at(0, 17, rng, 1.0), rng.choice(STATIONS["exit"]))
                inside.discard(person.id)
            line = lunch_lines.get(person[3])
            lunch_at = at(day, 12, rng, 0.7)
            if line and lunch_at <= NOW and rng.random() < 0.9:
                station = rng.choice(STATIONS["redemption"])
                scan("redemption", person, lunch_at, station, product_kind="addon", product_id=lunch_id)
                redemptions.append({"attendee_id": person.id, "order_line_item_id": line,
                                    "conference_id": conference_id, "station": station, "redeemed_at": lunch_at})
    conflicts = []
    with unit_of_work(factory) as session:
        for start in range(0, len(sync_rows), BATCH):
            ids = session.scalars(insert(SyncEvent).returning(SyncEvent.id), sync_rows[start:start + BATCH]).all()
            if start == 0:
                conflicts = [{"conference_id": conference_id, "event_id": ids[n], "reason": "fully_redeemed",
                              "message": "Lunch at Lunch 1 for a bench attendee: already fully redeemed",
                              "created_at": NOW} for n in range(0, 400, 10)]
        for rows, model in ((check_ins, CheckIn), (redemptions, ProductRedemption)):
            for start in range(0, len(rows), BATCH):
                session.execute(insert(model), rows[start:start + BATCH])
        session.execute(insert(SyncConflict), conflicts)
        firsts = sorted(first_at.items())
        for start in range(0, len(firsts), BATCH):
            session.execute(update(Attendee).execution_options(synchronize_session=False),
                            [{"id": i, "checked_in_at": when, "inside": i in inside}
                             for i, when in firsts[start:start + BATCH]])
    print(f"  {len(sync_rows):,} scan events ({len(check_ins):,} check-ins, {len(redemptions):,} redemptions) "
          f"written in {time.perf_counter() - started:.0f} s")


def analyse(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT") if url.startswith("postgresql") else make_engine(url)
    with engine.connect() as connection:
        connection.execute(text("VACUUM ANALYZE" if url.startswith("postgresql") else "ANALYZE"))
        if not url.startswith("postgresql"):
            connection.commit()
    engine.dispose()


def measure(url: str, runs: int) -> tuple[list[float], dict[str, list[float]]]:
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
        "redemptions": lambda s: repository.redemptions_per_product(s, conference.id),
        "open conflicts": lambda s: repository.open_conflicts(s, conference.id),
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
    engine.dispose()
    return totals, parts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL; a database is created next to it and dropped")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--attendees", type=int, default=200_000)
    parser.add_argument("--events", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=60)
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
            seed(url, args.attendees, args.events)
            analyse(url)
            totals, parts = measure(url, args.runs)
            print(f"  snapshot {summary(totals)}")
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
