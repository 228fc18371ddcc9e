"""The console's attendee search at 200,000 attendees, on SQLite and PostgreSQL: p50/p99 per kind of query.

    .venv/bin/python bench/attendee_search.py [--attendees 200000] [--postgres URL] [--repeat 40] [--keep]

``--keep`` leaves the seeded databases (/tmp/doorstation-bench-search.sqlite3 and the PostgreSQL
database doorstation_bench_search) and uses them again on the next run: seeding 200,000 takes minutes.

Runs the search the page runs (``server.attendees.service.search``: one page of 50, ordered by
name) on a demo conference (``server.demo_data``; its names come from 49 first and 50 last names,
so a name matches ~4,000 people: harder than a real conference's). Prints each backend's query
plan for a name search, to show the indexes answer it. Wall-clock and CPU time both: on a shared
machine the wall clock counts the time the search waited for a core.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bench.common import percentile, table
from server.attendees.models import Attendee
from server.attendees.repository import search_attendees
from server.attendees.service import search
from server.conferences.service import get_conference
from server.db.engine import make_engine, unit_of_work
from server.wiring import make_session_factory
from server.db.migrate import upgrade_to_head
from server.demo_data import seed_demo


def queries(session, conference_id: int, rng: random.Random) -> list[tuple[str, list[tuple[str, int]]]]:
    """(label, [(query, page)]) with terms taken from the data itself."""
    sample = session.execute(select(Attendee.first_name, Attendee.last_name, Attendee.email, Attendee.access_code,
                                    Attendee.company)
                             .where(Attendee.conference_id == conference_id).limit(2000)).all()
    picks = [rng.choice(sample) for _ in range(20)]
    return [
        ("first name, 3 letters ('gra')", [(p.first_name[:3].lower(), 1) for p in picks]),
        ("last name, whole", [(p.last_name.split()[0], 1) for p in picks]),
        ("first and last name ('grace hop')", [(f"{p.first_name} {p.last_name[:3]}", 1) for p in picks]),
        ("email, up to the number", [(p.email.rsplit(".", 2)[0] + ".", 1) for p in picks]),
        ("access code, whole", [(p.access_code, 1) for p in picks]),
        ("access code, 4 characters", [(p.access_code[:4], 1) for p in picks]),
        ("company ('acme')", [("acme", 1), ("hooli", 1), ("globex", 1), ("initech", 1)]),
        ("one letter ('a', 'm', 's')", [("a", 1), ("m", 1), ("s", 1)]),
        ("nothing matches", [("zzzq", 1), ("qqqq", 1)]),
        ("empty query, page 1", [("", 1)]),
        ("empty query, page 100", [("", 100)]),
        ("name, page 20 ('ada', 'grace')", [("ada", 20), ("grace", 20)]),
    ]


def measure(session_factory, slug: str, repeat: int) -> list[tuple[str, ...]]:
    rng = random.Random(7)
    with session_factory() as session:
        conference = get_conference(session, slug)
        kinds = queries(session, conference.id, rng)
    rows: list[tuple[str, ...]] = []
    everything: list[float] = []
    everything_cpu: list[float] = []
    for label, cases in kinds:
        samples, cpu, found = [], [], 0
        for n in range(repeat):
            query, page = cases[n % len(cases)]
            with unit_of_work(session_factory) as session:
                started, started_cpu = time.perf_counter(), time.process_time()
                result = search(session, get_conference(session, slug), query, page)
                samples.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                found = max(found, len(result.rows))
        everything += samples
        everything_cpu += cpu
        rows.append((label, f"{percentile(samples, 0.5):.1f}", f"{percentile(samples, 0.99):.1f}",
                     f"{percentile(cpu, 0.5):.1f}", f"{percentile(cpu, 0.99):.1f}", str(found)))
    rows.append(("all of the above", f"{percentile(everything, 0.5):.1f}", f"{percentile(everything, 0.99):.1f}",
                 f"{percentile(everything_cpu, 0.5):.1f}", f"{percentile(everything_cpu, 0.99):.1f}", ""))
    return rows


def plan(engine, session_factory, slug: str) -> str:
    with session_factory() as session:
        conference_id = get_conference(session, slug).id
        statement = None

        def capture(conn, cursor, sql, parameters, context, executemany):
            nonlocal statement
            if "FROM attendees" in sql and statement is None:
                statement = (sql, parameters)

        from sqlalchemy import event
        event.listen(engine, "before_cursor_execute", capture)
        search_attendees(session, conference_id, "grace hop", limit=51)  # the plans of its count and its page
        event.remove(engine, "before_cursor_execute", capture)
        assert statement is not None, "the search ran no query on attendees"
        sql, parameters = statement
        explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
        lines = session.connection().exec_driver_sql(explain + sql, parameters).all()
        return "\n".join("    " + str(line[-1]) for line in lines)


def seed_in_sql(session, attendees: int) -> None:
    """The same kind of people as ``seed_demo`` (its first and last names, companies and email pattern; one
    paid order each), written by the database itself: on a loaded 2-core machine the ORM path took most
    of an hour on PostgreSQL."""
    from server.conferences.service import add_ticket_type, create_conference
    from server.demo_data import COMPANIES, FIRST_NAMES, LAST_NAMES

    conference = create_conference(session, slug="bench", name="Bench", timezone="Europe/Berlin")
    ticket = add_ticket_type(session, conference, name="Standard", slug="standard", price="350.00")
    session.flush()

    def pick(values) -> str:  # a random element, drawn per row
        quoted = ",".join("'" + v.replace("'", "''").replace("-", " ") + "'" for v in values)
        return f"(ARRAY[{quoted}])[1 + floor(random() * {len(values)})::int + 0 * o.id]"

    session.execute(text(
        "INSERT INTO orders (conference_id, reference, status, email, subtotal, discount_amount, total, "
        "amount_refunded, attendee_details, created_at, updated_at) "
        "SELECT :conference, 'ORD-' || lpad(i::text, 8, '0'), 'paid', 'buyer' || i || '@example.org', "
        "350, 0, 350, 0, '[]', now(), now() FROM generate_series(1, :n) AS i"),
        {"conference": conference.id, "n": attendees})
    email = "lower(replace(replace(p.first || '.' || p.last || '.' || o.id, ' ', ''), '''', '')) || '@example.org'"
    session.execute(text(
        "INSERT INTO attendees (sync_version, conference_id, order_id, ticket_type_id, first_name, last_name, email, "
        "company, access_code, inside, created_at, updated_at) "
        f"SELECT o.id, :conference, o.id, :ticket, p.first, p.last, {email}, p.company, "
        "upper(substr(md5('a' || o.id), 1, 2) || lpad(to_hex(o.id), 6, '0')), false, now(), now() "
        f"FROM orders o CROSS JOIN LATERAL (SELECT {pick(FIRST_NAMES)} AS first, {pick(LAST_NAMES)} AS last, "
        f"{pick(COMPANIES)} AS company) AS p WHERE o.conference_id = :conference"),
        {"conference": conference.id, "ticket": ticket.id})


def run(url: str, attendees: int, repeat: int, label: str, *, in_sql: bool = False) -> None:
    upgrade_to_head(url)
    engine = make_engine(url)
    session_factory = make_session_factory(engine)
    started = time.perf_counter()
    with unit_of_work(session_factory) as session:
        if session.scalar(select(func.count(Attendee.id))) == 0:
            if in_sql:
                seed_in_sql(session, attendees)
            else:
                seed_demo(session, slug="bench", attendees=attendees)
        held = session.scalar(select(func.count(Attendee.id)))  # tickets of cancelled orders have no attendee
    seeded = time.perf_counter() - started
    # Statistics, and on PostgreSQL the visibility map and hint bits, as autovacuum leaves them after
    # a bulk load (without, the first searches over fresh rows also write those hint bits).
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
    rows = measure(session_factory, "bench", repeat)
    table(f"Attendee search, {label}, {held:,} attendees (seeded in {seeded:.0f} s), one page of 50, ms",
          rows, ("query", "p50", "p99", "cpu p50", "cpu p99", "rows"))
    print(f"  load average when done: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores); the cpu columns are this "
          "process's CPU time: all of a SQLite search, only the client's part of a PostgreSQL one")
    print(f"  plan of 'grace hop' on {label}:\n{plan(engine, session_factory, 'bench')}")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the seeded databases and use them again")
    parser.add_argument("--seed-in-sql", action="store_true", help="PostgreSQL: seed with INSERT … SELECT (faster)")
    args = parser.parse_args()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            path = Path("/tmp/doorstation-bench-search.sqlite3") if args.keep else Path(folder) / "search.sqlite3"
            run(f"sqlite:///{path}", args.attendees, args.repeat, "SQLite")
    if args.postgres:
        name = "doorstation_bench_search"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
            if not (args.keep and exists):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run(make_url(args.postgres).set(database=name).render_as_string(hide_password=False),
                args.attendees, args.repeat, "PostgreSQL", in_sql=args.seed_in_sql)
        finally:
            if not args.keep:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
