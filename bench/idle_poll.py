"""A fleet's commonest request: a kiosk's poll of the change feed with nothing new, at the server.

With ``--changes 1 10 100`` also a poll that finds that many changes (the cursor held that many
versions behind the feed's last): in a fleet that scans, almost every poll finds a few.

A real ``doorstation server`` process; this one polls it over one kept-alive connection, as a kiosk
does (format "rows", gzip), and reads the server process's CPU time from /proc around the polls: the
server's work per poll, not the client's, and not time spent waiting for a core. With ``--profile``,
the same polls go through the application in this process (httpx's ASGI transport, the route's
thread hop made inline so that cProfile sees the route) and the heaviest functions by CPU time are printed.

    .venv/bin/python bench/idle_poll.py [--polls 2000] [--changes 1 10 100] [--postgres postgresql+psycopg://…/test] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import table  # noqa: E402
from bench.databases import scratch_database  # noqa: E402
from bench.fleet import cpu_seconds  # noqa: E402
from doorstation.demo import start_server_process  # noqa: E402
from server.db.engine import make_engine, unit_of_work  # noqa: E402
from server.wiring import make_session_factory  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.devices.service import create_device  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402

TOKEN = "bench-idle-poll"
WARM_UP = 200


def pairing_code(url: str) -> str:
    upgrade_to_head(url)
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = seed_demo(session, slug="poll", attendees=300)
        _, code = create_device(session, conference, name="bench", station="Door")
    engine.dispose()
    return code


def first_sync(client: httpx.Client, code: str) -> int:
    """Pair, download everything as a fresh kiosk does; the cursor it ends at."""
    token = client.post("/api/v1/sync/pair", json={"pairing_code": code}).json()["device_token"]
    client.headers.update({"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"})
    cursor = 0
    while True:
        page = client.get("/api/v1/sync/changes", params={"after": cursor, "format": "rows"}).json()
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return cursor


def idle_polls(client: httpx.Client, cursor: int, n: int, behind: int = 0) -> int:
    """``n`` polls from ``behind`` versions below ``cursor``; the attendees the last one found."""
    found = 0
    for _ in range(n):
        answer = client.get("/api/v1/sync/changes", params={"after": cursor - behind, "format": "rows"})
        assert answer.status_code == 200, answer.text
        found = len(answer.json()["attendees"])
        assert behind or found == 0, answer.text
    return found


def profile(url: str, code: str, n: int) -> None:
    import anyio.to_thread

    from server.app import create_app

    async def inline(function, *args, **_):  # the route in this thread, where cProfile looks
        return function(*args)

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    os.environ.setdefault("DOORSTATION_ADMIN_TOKEN", TOKEN)
    app = create_app(url)

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            token = (await client.post("/api/v1/sync/pair", json={"pairing_code": code})).json()["device_token"]
            client.headers.update({"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"})
            cursor = 0
            while True:
                page = (await client.get("/api/v1/sync/changes", params={"after": cursor, "format": "rows"})).json()
                cursor = page["next_cursor"]
                if not page["has_more"]:
                    break
            profiler = cProfile.Profile(time.process_time)  # CPU time: a wait for the database costs nothing
            profiler.enable()
            for _ in range(n):
                await client.get("/api/v1/sync/changes", params={"after": cursor, "format": "rows"})
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)

    asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polls", type=int, default=2000)
    parser.add_argument("--postgres", help="a PostgreSQL URL; without it, a SQLite file")
    parser.add_argument("--changes", type=int, nargs="*", default=[],
                        help="also polls that find this many changes (e.g. 1 10 100)")
    parser.add_argument("--profile", action="store_true", help="cProfile the polls through the app in this process")
    args = parser.parse_args()
    with scratch_database(args.postgres) as url:
        code = pairing_code(url)
        if args.profile:
            profile(url, code, args.polls)
            return
        port = 19000 + os.getpid() % 1000
        server = start_server_process(url, port, admin_token=TOKEN)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as kiosk:
                cursor = first_sync(kiosk, code)
                idle_polls(kiosk, cursor, WARM_UP)
                rows = []
                for behind in [0, *args.changes]:
                    idle_polls(kiosk, cursor, WARM_UP // 4, behind)
                    before = cpu_seconds(server.pid)
                    found = idle_polls(kiosk, cursor, args.polls, behind)
                    cpu_ms = (cpu_seconds(server.pid) - before) * 1000 / args.polls
                    rows.append((f"poll finding {behind} versions ({found} attendees)", str(args.polls), f"{cpu_ms:.3f}"))
        finally:
            server.terminate()
            server.wait(30)
    database = "PostgreSQL" if args.postgres else "SQLite"
    table(f"A poll at the server ({database}), format rows, one kiosk, kept alive", rows,
          ("request", "n", "server CPU ms/poll"))


if __name__ == "__main__":
    main()
