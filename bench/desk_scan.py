"""The help desk's scan at the server: lookup, order status, the scan and the badge data in one unit of work.

A real ``doorstation server`` process; this one sends the desk's requests one after the other, as a
desk does, and reads the server process's CPU time from /proc around them (so the figure is the
server's work per scan, not the client's, and not time spent waiting for a core). With ``--profile``,
the same check-ins go through the application in this process (httpx's ASGI transport, the route's
thread hop made inline so that cProfile sees the route) and the heaviest functions by CPU time are printed.

    .venv/bin/python bench/desk_scan.py [--scans 1000] [--postgres postgresql+psycopg://…/test] [--profile]

Prints, per kind of scan: the server's CPU time per scan, and p50 / p99 of the time to answer.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import percentile, table  # noqa: E402
from bench.databases import scratch_database  # noqa: E402
from bench.fleet import cpu_seconds  # noqa: E402
from doorstation.demo import start_server_process  # noqa: E402
from server.attendees.models import Attendee  # noqa: E402
from server.db.engine import make_engine, unit_of_work  # noqa: E402
from server.wiring import make_session_factory  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.orders.models import Order  # noqa: E402
from shared.order_status import ADMITS_ENTRY  # noqa: E402

TOKEN = "bench-desk"


def admitted_codes(url: str, attendees: int) -> list[str]:
    upgrade_to_head(url)
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = seed_demo(session, slug="desk", attendees=attendees)
        codes = list(session.scalars(select(Attendee.access_code).join(Order, Attendee.order_id == Order.id)
                                     .where(Attendee.conference_id == conference.id, Attendee.checked_in_at.is_(None),
                                            Order.status.in_(ADMITS_ENTRY))))
    engine.dispose()
    return codes


def profile(url: str, codes: list[str]) -> None:
    import anyio.to_thread

    from server.app import create_app

    async def inline(function, *args, **_):  # the route in this thread, where cProfile looks
        return function(*args)

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    os.environ["DOORSTATION_ADMIN_TOKEN"] = TOKEN
    app = create_app(url)

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), headers={"Authorization": f"Bearer {TOKEN}"},
                                     base_url="http://bench/api/v1/admin/conferences/desk/attendees") as desk:
            warm, timed = codes[:50], codes[50:]
            for code in warm:
                assert (await desk.post(f"/{code}/check-ins", json={"station": "Desk"})).status_code == 201
            profiler = cProfile.Profile(time.process_time)  # CPU time: a wait for the database costs nothing
            profiler.enable()
            for code in timed:
                await desk.post(f"/{code}/check-ins", json={"station": "Desk"})
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)

    asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--postgres", help="a PostgreSQL URL; without it, a SQLite file")
    parser.add_argument("--profile", action="store_true", help="cProfile the check-ins through the app in this process")
    args = parser.parse_args()
    with scratch_database(args.postgres) as url:
        codes = admitted_codes(url, attendees=int(args.scans * 1.5) + 100)[:args.scans]
        if args.profile:
            profile(url, codes)
            return
        port = 19000 + os.getpid() % 1000
        server = start_server_process(url, port, admin_token=TOKEN)
        rows = []
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}/api/v1/admin/conferences/desk/attendees",
                              headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30) as desk:
                lines = {}
                for code in codes:  # what the desk has on screen before it redeems (not timed)
                    redeemable = desk.get(f"/{code}").json()["redeemable"]
                    if redeemable:
                        lines[code] = redeemable[0]["line_item_id"]
                for kind, requests in (
                        ("check-in", [(f"/{code}/check-ins", {"station": "Desk"}) for code in codes]),
                        ("redemption", [(f"/{code}/redemptions", {"line_item_id": line}) for code, line in lines.items()])):
                    answers_ms = []
                    before = cpu_seconds(server.pid)
                    for path, body in requests:
                        started = time.perf_counter()
                        answer = desk.post(path, json=body)
                        answers_ms.append((time.perf_counter() - started) * 1000)
                        assert answer.status_code == 201, answer.text
                    cpu_ms = (cpu_seconds(server.pid) - before) * 1000 / len(requests)
                    rows.append((kind, str(len(requests)), f"{cpu_ms:.2f}", f"{statistics.median(answers_ms):.2f}",
                                 f"{percentile(answers_ms, 0.99):.2f}"))
        finally:
            server.terminate()
            server.wait(30)
    database = "PostgreSQL" if args.postgres else "SQLite"
    table(f"The help desk's scans at the server ({database}), one after another", rows,
          ("scan", "n", "server CPU ms/scan", "p50 ms", "p99 ms"))


if __name__ == "__main__":
    main()
