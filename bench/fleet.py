"""A fleet of kiosks against one server: the change feed, uploads and health reports, as kiosks send them.

Each simulated kiosk polls the change feed every 2 s (from its own cursor), uploads a check-in every
5 s and reports its health every 30 s, starting at a random moment so that they do not beat in step.
A kiosk told 503 waits the Retry-After it is given, as a real one does (kiosk/core/sync_engine.py).
The server is ``doorstation server`` in its own process(es) on PostgreSQL (``--workers 2``: two
processes behind one address); the kiosks are asyncio tasks in this process, each with one kept-alive
connection spoken by hand (KioskConnection: httpx took a core of its own at 500 kiosks).

    .venv/bin/python bench/fleet.py [--kiosks 500] [--seconds 60] [--workers 1] [--postgres postgresql+psycopg://…/test]

Prints, per route: answers, p50 and p99 of the time to answer, 503s (busy, turned away at once) and
errors (anything else not 2xx, or no answer within 30 s); and the server's CPU time per kiosk.
The load generator shares the machine: its own CPU time is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
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
import uvloop
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


class Answer:
    """What the fleet reads of an answer: its status, Retry-After and body."""

    __slots__ = ("status_code", "retry_after", "body")

    def __init__(self, status_code: int, retry_after: str | None, body: bytes) -> None:
        self.status_code, self.retry_after, self.body = status_code, retry_after, body


class KioskConnection:
    """One kept-alive HTTP/1.1 connection, as a kiosk's client holds one, spoken by hand on asyncio's
    streams: the request written as bytes, the answer read by its Content-Length.

    Why not httpx's AsyncClient: with 500 kiosks it took a whole core of this process (~1.5 ms of
    CPU a request), on the same two cores as the server, so the fleet figure measured the load
    generator. This costs a tenth of that. Every route the fleet calls answers with a
    Content-Length (or 204 with no body); an answer without one is counted as an error.
    """

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port = host, port
        self.head = f"Host: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> Answer:
        """Sent again once on a new connection if the kept-alive one turns out closed by the server
        (uvicorn closes one idle for 5 s: a kiosk that waited out a 503), as SyncEngine._send does;
        every route the fleet calls is safe to repeat (events are applied once by UUID)."""
        reused = self.streams is not None
        try:
            return await self._exchange(method, path, body)
        except (ConnectionResetError, BrokenPipeError, asyncio.IncompleteReadError):
            if not reused:
                raise
        return await self._exchange(method, path, body)

    async def _exchange(self, method: str, path: str, body: bytes) -> Answer:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        length = f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n" if method == "POST" else ""
        writer.write(f"{method} {path} HTTP/1.1\r\n{self.head}{length}\r\n".encode() + body)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ", 2)[1])
            fields = {name.strip().lower(): value.strip()
                      for name, _, value in (line.partition(":") for line in lines[1:] if line)}
            if "content-length" not in fields and status != 204:
                raise ConnectionError(f"an answer without Content-Length ({status})")
            content = await reader.readexactly(int(fields.get("content-length", "0")))
        except BaseException:
            self.close()
            raise
        if fields.get("connection", "").lower() == "close":
            self.close()
        return Answer(status, fields.get("retry-after"), content)

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


class Fleet:
    def __init__(self, base: str, tokens: list[str], codes: list[str], seconds: float) -> None:
        self.base, self.tokens, self.codes, self.seconds = base, tokens, codes, seconds
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.busy: dict[str, int] = defaultdict(int)
        self.errors: dict[str, list[str]] = defaultdict(list)

    async def run(self) -> None:
        deadline = time.monotonic() + self.seconds
        await asyncio.gather(*(self.kiosk(n, token, deadline) for n, token in enumerate(self.tokens)))

    async def kiosk(self, n: int, token: str, deadline: float) -> None:
        rng = random.Random(n)
        address = httpx.URL(self.base)
        connection = KioskConnection(address.host, address.port or 80, token)
        cursor = 0
        now = time.monotonic()
        next_feed = now + rng.uniform(0, FEED_EVERY_S)
        next_upload = now + rng.uniform(0, UPLOAD_EVERY_S)
        next_health = now + rng.uniform(0, HEALTH_EVERY_S)
        try:
            while True:
                due = min(next_feed, next_upload, next_health)
                if due >= deadline:
                    return
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                wait = 0.0
                if due == next_feed:  # as kiosks of this release ask: format "rows"
                    answer = await self.ask("feed", connection, "GET",
                                            f"/api/v1/sync/changes?after={cursor}&limit=500&format=rows")
                    if answer is not None and answer.status_code == 200:
                        cursor = json.loads(answer.body)["next_cursor"]
                    wait, next_feed = self.retry_after(answer), due + FEED_EVERY_S
                elif due == next_upload:
                    event = {"uuid": str(uuid.uuid4()), "kind": "check_in", "access_code": rng.choice(self.codes),
                             "occurred_at": dt.datetime.now(dt.UTC).isoformat(), "station": f"Door {n % 8}"}
                    answer = await self.ask("upload", connection, "POST", "/api/v1/sync/events",
                                            json.dumps({"events": [event]}).encode())
                    wait, next_upload = self.retry_after(answer), due + UPLOAD_EVERY_S
                else:
                    report = {"app_version": "bench", "last_sync_at": dt.datetime.now(dt.UTC).isoformat(),
                              "station": f"Door {n % 8}", "mode": "check_in"}
                    answer = await self.ask("health", connection, "POST", "/api/v1/sync/health",
                                            json.dumps(report).encode())
                    wait, next_health = self.retry_after(answer), due + HEALTH_EVERY_S
                if wait:  # the server is busy: this kiosk's whole round waits, as SyncEngine.run does
                    later = time.monotonic() + wait
                    next_feed, next_upload, next_health = (max(t, later) for t in (next_feed, next_upload, next_health))
        finally:
            connection.close()

    async def ask(self, route: str, connection: KioskConnection, method: str, path: str,
                  body: bytes = b"") -> Answer | None:
        started = time.perf_counter()
        try:
            answer = await asyncio.wait_for(connection.request(method, path, body), ANSWER_WITHIN_S)
        except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError) as error:
            self.errors[route].append(error.__class__.__name__)
            return None
        self.samples[route].append((time.perf_counter() - started) * 1000)
        if answer.status_code == 503:
            self.busy[route] += 1
        elif answer.status_code >= 300:
            self.errors[route].append(str(answer.status_code))
        return answer

    @staticmethod
    def retry_after(answer: Answer | None) -> float:
        if answer is None or answer.status_code != 503:
            return 0.0
        return float(answer.retry_after or "2")


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
            uvloop.run(fleet.run())  # (uvloop: what uvicorn[standard] runs the server on too)
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
