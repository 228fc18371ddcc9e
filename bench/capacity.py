"""Capacity: 200 concurrent order attempts for the last 10 seats (SQLite and PostgreSQL), and the
cost of validating capacity under the lock as the number of sold seats grows.

    .venv/bin/python bench/capacity.py [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import table  # noqa: E402
from server.attendees.bulk import TicketHolder, write_ticket_holders  # noqa: E402
from server.capacity.service import validate_global_capacity  # noqa: E402
from server.conferences.models import Conference  # noqa: E402
from server.conferences.service import add_ticket_type, create_conference  # noqa: E402
from server.db.engine import make_engine, make_session_factory, unit_of_work  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.errors import Conflict  # noqa: E402
from server.orders.models import Order, OrderLineItem, OrderStatus  # noqa: E402
from server.orders.service import AttendeeDetails, Cart, place_order  # noqa: E402


def fresh_database(postgres: str | None) -> str:
    if postgres is None:
        return f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    name = f"doorstation_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres.rsplit("/", 1)[0] + "/" + name


def seed(factory, sold: int, capacity: int) -> tuple[int, int]:
    with unit_of_work(factory) as session:
        conference = create_conference(session, slug="bench", name="Bench", total_capacity=capacity)
        ticket = add_ticket_type(session, conference, name="Standard", slug="standard", price="100.00")
        if sold:
            write_ticket_holders(session, conference, [
                TicketHolder(first_name="P", last_name=str(n), email=f"p{n}@example.org", company="",
                             ticket_type=ticket, addons=(), status=OrderStatus.PAID) for n in range(sold)])
        return conference.id, ticket.id


def race(factory, conference_id: int, ticket_id: int, buyers: int) -> tuple[int, float]:
    barrier = threading.Barrier(buyers)

    def buy(_):
        barrier.wait()
        try:
            with unit_of_work(factory) as session:
                place_order(session, session.get(Conference, conference_id),
                            Cart(buyer=AttendeeDetails(first_name="B", email="b@example.org"), tickets={ticket_id: 1}))
            return True
        except Conflict:
            return False

    started = time.perf_counter()
    with ThreadPoolExecutor(buyers) as pool:
        outcomes = list(pool.map(buy, range(buyers)))
    return sum(outcomes), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="")
    parser.add_argument("--buyers", type=int, default=200)
    args = parser.parse_args()
    rows, validation = [], []
    for label, postgres in (("SQLite", None), ("PostgreSQL", args.postgres or None)):
        if label == "PostgreSQL" and not postgres:
            continue
        url = fresh_database(postgres)
        upgrade_to_head(url)
        # 30 connections (as one server worker has); the 200 attempts queue for them, as requests would.
        engine = make_engine(url, pool_timeout=300)
        factory = make_session_factory(engine)
        conference_id, ticket_id = seed(factory, sold=990, capacity=1000)
        won, seconds = race(factory, conference_id, ticket_id, args.buyers)
        with factory() as session:
            seats = session.scalar(select(func.sum(OrderLineItem.quantity)).join(Order).where(
                Order.conference_id == conference_id, Order.status.in_([OrderStatus.PAID, OrderStatus.PENDING])))
        rows.append((label, str(args.buyers), str(won), str(max(0, (seats or 0) - 1000)),
                     f"{args.buyers / seconds:.0f} attempts/s"))
        engine.dispose()
        for sold in (1_000, 10_000, 100_000):
            url = fresh_database(postgres)  # one database per size: nothing else in it
            upgrade_to_head(url)
            engine = make_engine(url)
            factory = make_session_factory(engine)
            conference_id, _ = seed(factory, sold=sold, capacity=sold + 100)
            times = []
            for _ in range(50):
                with unit_of_work(factory) as session:
                    conference = session.get_one(Conference, conference_id)
                    started = time.perf_counter()
                    validate_global_capacity(session, conference, 1)
                    times.append((time.perf_counter() - started) * 1000)
            validation.append((label, f"{sold:,}", f"{statistics.median(times):.2f}"))
            engine.dispose()
    table(f"Capacity race: {args.buyers} concurrent attempts for the last 10 seats", rows,
          ("database", "attempts", "orders won", "oversold", "throughput"))
    table("Capacity validation under the lock (median of 50)", validation, ("database", "seats sold", "ms"))


if __name__ == "__main__":
    main()
