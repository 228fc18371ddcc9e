"""A fleet of kiosks against one server: the change feed, uploads and health reports, as kiosks send them.

Each simulated kiosk polls the change feed every 2 s (from its own cursor), uploads a check-in every
5 s and reports its health every 30 s, starting at a random moment so that they do not beat in step.
A kiosk told 503 waits the Retry-After it is given, as a real one does (kiosk/core/sync_engine.py).
The server is ``doorstation server`` in its own process(es) on PostgreSQL (``--workers 2``: two
processes behind one address); the kiosks are asyncio tasks in this process.

    .venv/bin/python bench/fleet.py [--kiosks 500] [--seconds 60] [--workers 1] [--postgres postgresql+psycopg://…/test]

Prints, per route: answers, p50 and p99 of the time to answer, 503s (busy, turned away at once) and
errors (anything else not 2xx, or no answer within 30 s); and the server's CPU time per kiosk.
The load generator shares the machine: its own CPU time is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import resource
import statistics
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

import httpx
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import percentile, table  # noqa: E402
from bench.databases import scratch_database  # noqa: E402
from doorstation.demo import start_server_process  # noqa: E402
from server.attendees.models import Attendee  # noqa: E402
from server.db.engine import make_engine, unit_of_work  # noqa: E402
from server.wiring import make_session_factory  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.devices.service import create_device, pair_device  # noqa: E402

FEED_EVERY_S = 2.0
UPLOAD_EVERY_S = 5.0
HEALTH_EVERY_S = 30.0
ANSWER_WITHIN_S = 30.0


def seed(url: str, kiosks: int, attendees: int) -> tuple[list[str], list[str]]:
    """The conference, its attendees' access codes, and a paired device token per kiosk."""
    upgrade_to_head(url)
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = seed_demo(session, slug="fleet", attendees=attendees)
        codes = list(session.scalars(select(Attendee.access_code).where(Attendee.conference_id == conference.id)))
        tokens = []
        for n in range(kiosks):
            _, pairing_code = create_device(session, conference, name=f"kiosk {n}", station=f"Door {n % 8}")
            tokens.append(pair_device(session, pairing_code)[1])
    engine.dispose()
    return codes, tokens


class Fleet:
    def __init__(self, base: str, tokens: list[str], codes: list[str], seconds: float) -> None:
        self.base, self.tokens, self.codes, self.seconds = base, tokens, codes, seconds
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.busy: dict[str, int] = defaultdict(int)
        self.errors: dict[str, list[str]] = defaultdict(list)

    async def run(self) -> None:
        limits = httpx.Limits(max_connections=len(self.tokens) + 10, max_keepalive_connections=len(self.tokens) + 10)
        async with httpx.AsyncClient(base_url=self.base, limits=limits, timeout=ANSWER_WITHIN_S) as client:
            self.client = client
            deadline = time.monotonic() + self.seconds
            await asyncio.gather(*(self.kiosk(n, token, deadline) for n, token in enumerate(self.tokens)))

    async def kiosk(self, n: int, token: str, deadline: float) -> None:
        rng = random.Random(n)
        headers = {"Authorization": f"Bearer {token}"}
        cursor = 0
        now = time.monotonic()
        next_feed = now + rng.uniform(0, FEED_EVERY_S)
        next_upload = now + rng.uniform(0, UPLOAD_EVERY_S)
        next_health = now + rng.uniform(0, HEALTH_EVERY_S)
        while True:
            due = min(next_feed, next_upload, next_health)
            if due >= deadline:
                return
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            wait = 0.0
            if due == next_feed:
                answer = await self.ask("feed", "GET", "/api/v1/sync/changes", headers,
                                        params={"after": cursor, "limit": 500})
                if answer is not None and answer.status_code == 200:
                    cursor = answer.json()["next_cursor"]
                wait, next_feed = self.retry_after(answer), due + FEED_EVERY_S
            elif due == next_upload:
                event = {"uuid": str(uuid.uuid4()), "kind": "check_in", "access_code": rng.choice(self.codes),
                         "occurred_at": dt.datetime.now(dt.UTC).isoformat(), "station": f"Door {n % 8}"}
                answer = await self.ask("upload", "POST", "/api/v1/sync/events", headers, json={"events": [event]})
                wait, next_upload = self.retry_after(answer), due + UPLOAD_EVERY_S
            else:
                report = {"app_version": "bench", "last_sync_at": dt.datetime.now(dt.UTC).isoformat(),
                          "station": f"Door {n % 8}", "mode": "check_in"}
                answer = await self.ask("health", "POST", "/api/v1/sync/health", headers, json=report)
                wait, next_health = self.retry_after(answer), due + HEALTH_EVERY_S
            if wait:  # the server is busy: this kiosk's whole round waits, as SyncEngine.run does
                later = time.monotonic() + wait
                next_feed, next_upload, next_health = (max(t, later) for t in (next_feed, next_upload, next_health))

    async def ask(self, route: str, method: str, path: str, headers: dict, **options) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            answer = await self.client.request(method, path, headers=headers, **options)
        except httpx.HTTPError as error:
            self.errors[route].append(error.__class__.__name__)
            return None
        self.samples[route].append((time.perf_counter() - started) * 1000)
        if answer.status_code == 503:
            self.busy[route] += 1
        elif answer.status_code >= 300:
            self.errors[route].append(str(answer.status_code))
        return answer

    @staticmethod
    def retry_after(answer: httpx.Response | None) -> float:
        if answer is None or answer.status_code != 503:
            return 0.0
        return float(answer.headers.get("retry-after", "2"))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children that were waited for (a uvicorn's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--attendees", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1, help="server processes behind one address")
    parser.add_argument("--postgres", default=os.environ.get("DOORSTATION_TEST_POSTGRES_URL",
                                                            "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    args = parser.parse_args()
    with scratch_database(args.postgres) as url:
        codes, tokens = seed(url, args.kiosks, args.attendees)
        port = 18000 + os.getpid() % 1000
        server = start_server_process(url, port, workers=args.workers)
        try:
            fleet = Fleet(f"http://127.0.0.1:{port}", tokens, codes, args.seconds)
            server_cpu, own_cpu = cpu_seconds(server.pid), resource.getrusage(resource.RUSAGE_SELF)
            started = time.monotonic()
            asyncio.run(fleet.run())
            elapsed = time.monotonic() - started  # longer than --seconds by the last answers' wait
            server_cpu = cpu_seconds(server.pid) - server_cpu
            after = resource.getrusage(resource.RUSAGE_SELF)
            own = after.ru_utime + after.ru_stime - own_cpu.ru_utime - own_cpu.ru_stime
        finally:
            server.terminate()
            server.wait(30)
    rows = []
    for route in ("feed", "upload", "health"):
        samples = fleet.samples[route]
        rows.append((route, str(len(samples)), f"{statistics.median(samples):.1f}" if samples else "-",
                     f"{percentile(samples, 0.99):.1f}" if samples else "-", str(fleet.busy[route]),
                     str(len(fleet.errors[route])) + (f" ({', '.join(sorted(set(fleet.errors[route])))})"
                                                      if fleet.errors[route] else "")))
    table(f"{args.kiosks} kiosks for {args.seconds:.0f} s against {args.workers} server process(es) on PostgreSQL, "
          f"{args.attendees} attendees", rows, ("route", "answers", "p50 ms", "p99 ms", "503 busy", "errors"))
    print(f"server CPU: {server_cpu:.1f} s in {elapsed:.0f} s ({100 * server_cpu / elapsed:.0f} % of a core; "
          f"{1000 * server_cpu / elapsed / args.kiosks:.1f} ms per kiosk per second); "
          f"the load generator (this process, on the same cores): {own:.1f} s")


if __name__ == "__main__":
    main()
