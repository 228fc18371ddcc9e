"""Capacity: 200 concurrent order attempts for the last 10 seats (SQLite and PostgreSQL), and the
cost of validating capacity under the lock as the number of sold seats grows.

    .venv/bin/python bench/capacity.py [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import table  # noqa: E402
from bench.databases import scratch_database  # noqa: E402
from server.attendees.bulk import TicketHolder, write_ticket_holders  # noqa: E402
from server.capacity.service import validate_global_capacity  # noqa: E402
from server.conferences.models import Conference  # noqa: E402
from server.conferences.service import add_ticket_type, create_conference  # noqa: E402
from server.db.engine import make_engine, unit_of_work  # noqa: E402
from server.wiring import make_session_factory  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.errors import Conflict  # noqa: E402
from server.orders.models import Order, OrderLineItem, OrderStatus  # noqa: E402
from server.orders.service import AttendeeDetails, Cart, place_order  # noqa: E402


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


def race_on(postgres: str | None, buyers: int) -> tuple[int, int, float]:
    """``buyers`` at once for the last 10 of 1,000 seats: orders won, seats sold over capacity, seconds."""
    with scratch_database(postgres) as url:
        upgrade_to_head(url)
        # 30 connections (as one server worker has); the 200 attempts queue for them, as requests would.
        engine = make_engine(url, pool_timeout=300)
        try:
            factory = make_session_factory(engine)
            conference_id, ticket_id = seed(factory, sold=990, capacity=1000)
            won, seconds = race(factory, conference_id, ticket_id, buyers)
            with factory() as session:
                seats = session.scalar(select(func.sum(OrderLineItem.quantity)).join(Order).where(
                    Order.conference_id == conference_id,
                    Order.status.in_([OrderStatus.PAID, OrderStatus.PENDING])))
        finally:
            engine.dispose()
    return won, (seats or 0) - 1000, seconds


def validation_times(postgres: str | None, sold: int) -> list[float]:
    """validate_global_capacity (conference lock taken, counter read) with ``sold`` seats sold, 50 times."""
    with scratch_database(postgres) as url:  # one database per size: nothing else in it
        upgrade_to_head(url)
        engine = make_engine(url)
        try:
            factory = make_session_factory(engine)
            conference_id, _ = seed(factory, sold=sold, capacity=sold + 100)
            times = []
            for _ in range(50):
                with unit_of_work(factory) as session:
                    conference = session.get_one(Conference, conference_id)
                    if conference.seats_taken != sold:  # else the figure is for an empty conference
                        raise RuntimeError(f"{conference.seats_taken} seats taken, expected {sold}")
                    started = time.perf_counter()
                    validate_global_capacity(session, conference, 1)
                    times.append((time.perf_counter() - started) * 1000)
        finally:
            engine.dispose()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="")
    parser.add_argument("--buyers", type=int, default=200)
    args = parser.parse_args()
    rows, validation = [], []
    for label, postgres in (("SQLite", None), ("PostgreSQL", args.postgres or None)):
        if label == "PostgreSQL" and not postgres:
            continue
        won, oversold, seconds = race_on(postgres, args.buyers)
        rows.append((label, str(args.buyers), str(won), str(max(0, oversold)), f"{args.buyers / seconds:.0f} attempts/s"))
        for sold in (1_000, 10_000, 100_000):
            validation.append((label, f"{sold:,}", f"{statistics.median(validation_times(postgres, sold)):.2f}"))
    table(f"Capacity race: {args.buyers} concurrent attempts for the last 10 seats", rows,
          ("database", "attempts", "orders won", "oversold", "throughput"))
    table("Capacity validation under the lock (median of 50)", validation, ("database", "seats sold", "ms"))


if __name__ == "__main__":
    main()
