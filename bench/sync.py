"""Sync against a real server process: a fresh kiosk's full download, the upload of a queued
backlog, an incremental sync, and ingest from ten kiosks at once.

Three processes, as at a venue: the server (``doorstation server``), the kiosk (bench/sync_kiosk.py:
kiosk core only, so its peak RSS is the kiosk's own), and this one, which seeds the database, makes
the changes the incremental sync brings down, and plays the ten kiosks of the ingest figure.

    .venv/bin/python bench/sync.py [--attendees 100000] [--postgres postgresql+psycopg://…/test]

Without ``--postgres`` the server runs on a SQLite file; with it, on a new database next to the one
named, dropped at the end. Every folder it makes is deleted at the end, also when it fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import table  # noqa: E402
from bench.databases import scratch_database  # noqa: E402
from bench.fleet import cpu_seconds  # noqa: E402
from server.attendees.models import Attendee  # noqa: E402
from server.conferences.service import get_conference  # noqa: E402
from server.db.engine import make_engine, unit_of_work  # noqa: E402
from server.wiring import make_session_factory  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.devices.service import create_device  # noqa: E402
from doorstation.demo import start_server_process  # noqa: E402
from server.orders.models import Order, OrderStatus  # noqa: E402
from shared.protocol import EventKind, ScanEvent, UploadRequest, UploadResponse  # noqa: E402

INGEST_KIOSKS = 10
INGEST_EVENTS_PER_KIOSK = 2000
INGEST_BATCH = 500
INCREMENTAL_CHANGES = 1000


def peak_rss_mb(pid: int) -> float:
    """The peak resident set (VmHWM) of a process we started."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class KioskProcess:
    """bench/sync_kiosk.py in a child process; its steps' figures read line by line."""

    def __init__(self, base: str, pairing_code: str, data_dir: Path, backlog: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.sync_kiosk", "--server", base, "--pairing-code", pairing_code,
             "--data-dir", str(data_dir), "--backlog", str(backlog)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def next_step(self, expected: str) -> dict:
        assert self.process.stdout is not None and self.process.stdin is not None  # both are pipes
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the kiosk process ended before '{expected}' (exit code {self.process.wait()})")
        figures = json.loads(line)
        if figures["step"] != expected:
            raise RuntimeError(f"the kiosk process said '{figures['step']}', expected '{expected}'")
        return figures

    def go_on(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


def postgres_cpu_seconds() -> float:
    """User + system CPU time of every PostgreSQL process on this machine (its backends and writers):
    the database's share of an ingest, when nothing else uses it meanwhile."""
    ticks, total = os.sysconf("SC_CLK_TCK"), 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, fields = stat.read_text().split(" (", 1)[1].rsplit(")", 1)
        except OSError:  # the process ended meanwhile
            continue
        if name == "postgres":
            values = fields.split()
            total += (int(values[11]) + int(values[12])) / ticks
    return total


def post_events(client: httpx.Client, events: list[ScanEvent]) -> Counter:
    """Upload one batch; the statuses of the events the server acknowledged."""
    response = client.post("/api/v1/sync/events", json=UploadRequest(events=events).model_dump(mode="json"))
    response.raise_for_status()
    return Counter(result.status.value for result in UploadResponse.model_validate_json(response.content).results)


def event(kind: EventKind, code: str, station: str) -> ScanEvent:
    return ScanEvent(uuid=uuid.uuid4(), kind=kind, access_code=code, station=station,
                     occurred_at=dt.datetime.now(dt.UTC))


def device_client(base: str, pairing_code: str) -> httpx.Client:
    """An HTTP client holding the token of a newly paired device (another kiosk, played by this process)."""
    answer = httpx.post(f"{base}/api/v1/sync/pair", json={"pairing_code": pairing_code}, timeout=30)
    answer.raise_for_status()
    return httpx.Client(base_url=base, timeout=120,
                        headers={"Authorization": f"Bearer {answer.json()['device_token']}"})


def make_changes(base: str, pairing_code: str, codes: list[str]) -> Counter:
    """Exit scans at another door for ``codes`` (attendees inside): one change each to sync down."""
    with device_client(base, pairing_code) as client:
        statuses: Counter[str] = Counter()
        for start in range(0, len(codes), INGEST_BATCH):
            statuses += post_events(client, [event(EventKind.EXIT, code, "Exit") for code in codes[start:start + INGEST_BATCH]])
        return statuses


def ingest(base: str, pairing_codes: list[str], codes: list[str]) -> tuple[Counter, int, float]:
    """Ten kiosks upload 2,000 check-ins each at once, in 500-event batches.

    Codes cycle through the paid attendees, so the figure means the same at any conference size.
    Returns the statuses the server answered, the events sent, and the seconds taken.
    """
    clients = [device_client(base, code) for code in pairing_codes]
    statuses: list[Counter] = [Counter() for _ in clients]
    errors: list[BaseException] = []

    def kiosk(n: int) -> None:
        mine = [codes[(n * INGEST_EVENTS_PER_KIOSK + i) % len(codes)] for i in range(INGEST_EVENTS_PER_KIOSK)]
        try:
            for start in range(0, len(mine), INGEST_BATCH):
                statuses[n] += post_events(clients[n], [event(EventKind.CHECK_IN, code, f"Door {n + 1}")
                                                        for code in mine[start:start + INGEST_BATCH]])
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=kiosk, args=(n,)) for n in range(len(clients))]
    try:
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    finally:
        for client in clients:
            client.close()
    if errors:
        raise errors[0]
    return sum(statuses, Counter()), len(clients) * INGEST_EVENTS_PER_KIOSK, seconds


def statuses_in_words(statuses: Counter) -> str:
    return ", ".join(f"{count:,} {status}" for status, count in sorted(statuses.items()))


def run(url: str, folder: Path, attendees: int, port: int) -> list[tuple[str, ...]]:
    upgrade_to_head(url)
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        started = time.perf_counter()
        with unit_of_work(factory) as session:
            seed_demo(session, slug="bench", attendees=attendees)
        print(f"seeded {attendees:,} attendees in {time.perf_counter() - started:.0f} s", flush=True)
        with unit_of_work(factory) as session:
            conference = get_conference(session, "bench")
            pairing = [create_device(session, conference, name=f"kiosk {n}", station=f"Door {n}")[1]
                       for n in range(2 + INGEST_KIOSKS)]
            paid = list(session.scalars(select_paid_codes(conference.id)))
    finally:
        engine.dispose()

    rows: list[tuple[str, ...]] = []
    server = start_server_process(url, port)
    base = f"http://127.0.0.1:{port}"
    kiosk = KioskProcess(base, pairing[0], folder / "kiosk", backlog=20_000)
    try:
        kiosk.next_step("started")
        pair_step = kiosk.next_step("pair")
        full = kiosk.next_step("full download")
        rows.append(("full download", f"{full['rows']:,} attendees",
                     f"{full['seconds']:.2f} s (kiosk CPU {full.get('cpu_seconds', 0):.2f} s)",
                     f"{full['rows'] / full['seconds']:,.0f} rows/s",
                     f"kiosk {full['peak_rss_mb']:.0f} MB, server {peak_rss_mb(server.pid):.0f} MB"))
        backlog = kiosk.next_step("upload backlog")
        rows.append(("upload backlog", f"{backlog['acknowledged']:,} events acknowledged of {backlog['sent']:,} sent "
                     f"({backlog['left_in_outbox']} left)", f"{backlog['seconds']:.2f} s",
                     f"{backlog['acknowledged'] / backlog['seconds']:,.0f} events/s",
                     f"kiosk {backlog['peak_rss_mb']:.0f} MB"))
        after = kiosk.next_step("download after the backlog")
        rows.append(("download after the backlog", f"{after['rows']:,} attendees", f"{after['seconds']:.2f} s",
                     f"{after['rows'] / max(after['seconds'], 1e-9):,.0f} rows/s", ""))
        kiosk.next_step("ready for changes")
        inside = codes_inside(url, limit=INCREMENTAL_CHANGES)
        exits = make_changes(base, pairing[1], inside)
        kiosk.go_on()
        incremental = kiosk.next_step("incremental sync")
        rows.append((f"incremental sync after {sum(exits.values()):,} exits ({statuses_in_words(exits)})",
                     f"{incremental['rows']:,} attendees", f"{incremental['seconds']:.2f} s",
                     f"{incremental['rows'] / max(incremental['seconds'], 1e-9):,.0f} rows/s",
                     f"kiosk {incremental['peak_rss_mb']:.0f} MB (whole run)"))
        kiosk.close()

        cpu_before, database_before = cpu_seconds(server.pid), postgres_cpu_seconds()
        statuses, sent, seconds = ingest(base, pairing[2:], paid)
        server_cpu, database_cpu = cpu_seconds(server.pid) - cpu_before, postgres_cpu_seconds() - database_before
        acknowledged = sum(statuses.values())
        if acknowledged != sent:
            raise RuntimeError(f"ingest: {sent:,} events sent, {acknowledged:,} acknowledged")
        rows.append((f"ingest, {INGEST_KIOSKS} kiosks at once ({statuses_in_words(statuses)})",
                     f"{acknowledged:,} events acknowledged", f"{seconds:.2f} s", f"{acknowledged / seconds:,.0f} events/s",
                     f"server {peak_rss_mb(server.pid):.0f} MB"))
        print(f"ingest: server process CPU {server_cpu:.2f} s, {server_cpu / acknowledged * 1e6:.0f} µs an event; "
              + (f"PostgreSQL's processes {database_cpu:.2f} s, {database_cpu / acknowledged * 1e6:.0f} µs an event; "
                 if url.startswith("postgresql") else "")
              + f"load average {os.getloadavg()[0]:.1f}", flush=True)
        print(f"kiosk process: paired in {pair_step['seconds']:.2f} s; backlog scans {backlog['outcomes']}", flush=True)
    finally:
        kiosk.close()
        server.terminate()
        server.wait(10)
    return rows


def select_paid_codes(conference_id: int):
    return (select(Attendee.access_code).join(Order)
            .where(Order.conference_id == conference_id, Order.status == OrderStatus.PAID).order_by(Attendee.id))


def codes_inside(url: str, *, limit: int) -> list[str]:
    """Attendees the server has inside now (the backlog's check-ins), for exit scans."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.scalars(select(Attendee.access_code).where(Attendee.inside.is_(True))
                                           .order_by(Attendee.id).limit(limit)))
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=100_000)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL; default: a SQLite file")
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doorstation-sync-bench-") as folder, \
            scratch_database(args.postgres or None) as url:
        rows = run(url, Path(folder), args.attendees, args.port)
    database = "PostgreSQL" if args.postgres else "SQLite"
    table(f"Sync against a local server process ({database}, {args.attendees:,} attendees; the kiosk in its own "
          f"process, kiosk core without Qt)", rows, ("what", "size", "time", "rate", "peak RSS"))


if __name__ == "__main__":
    os.environ.setdefault("DOORSTATION_ADMIN_TOKEN", "bench")
    main()
