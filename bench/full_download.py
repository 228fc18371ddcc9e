"""A fresh kiosk's full download, and what each feed format costs: the figures of issue 28 item 1.

Seeds a conference (or takes one seeded already with ``--seeded URL``, slug "bench"), starts
``doorstation server`` on it, then:

1. ``--runs`` fresh kiosks (each in a process of its own, bench/download_kiosk.py: the kiosk core,
   no Qt) downloading everything, then one more while a door scans every 20 ms: wall time until the
   last page is stored ("ready to scan": the door answers every attendee) and until the search index
   is filled after it ("search complete"; the search reads the rows meanwhile), how long
   the scans took (the longest waited for a page being stored), the kiosk's CPU (without the scans')
   and peak RSS, the server's CPU and peak RSS (the server's before anything else asks it: format
   "objects" costs more memory);
2. the pages of the whole conference fetched once in each format, 5,000 a page, as a kiosk asks for
   them: the bytes on the wire (format "objects" as JSON, the same gzip'd at level 6 as a gzip
   proxy would send it, and format "rows" gzip'd as the server sends it) and the server's CPU;

Kiosk, server (and PostgreSQL) share this machine; wall times depend on what else runs, so the
table's heading prints the load average, and the CPU times are the figures that hold.

    .venv/bin/python bench/full_download.py [--attendees 100000] [--runs 3] [--postgres URL | --seeded URL]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import table  # noqa: E402
from bench.databases import scratch_database  # noqa: E402
from bench.fleet import cpu_seconds  # noqa: E402
from bench.sync import peak_rss_mb  # noqa: E402
from doorstation.demo import start_server_process  # noqa: E402
from server.conferences.service import get_conference  # noqa: E402
from server.db.engine import make_engine, unit_of_work  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.devices.service import create_device  # noqa: E402
from server.wiring import make_session_factory  # noqa: E402

PAGE = 5000


def pair_token(base: str, pairing_code: str) -> str:
    answer = httpx.post(f"{base}/api/v1/sync/pair", json={"pairing_code": pairing_code}, timeout=30)
    answer.raise_for_status()
    return str(answer.json()["device_token"])


def fetch_all(base: str, token: str, form: str) -> tuple[int, int, int]:
    """Every page in one format: (attendees, bytes on the wire, bytes of the JSON once decompressed)."""
    params = {"format": form} if form == "rows" else {}
    attendees = wire = plain = 0
    with httpx.Client(base_url=base, timeout=120, headers={"Authorization": f"Bearer {token}"}) as client:
        after = 0
        while True:
            response = client.get("/api/v1/sync/changes", params={"after": after, "limit": PAGE, **params})
            response.raise_for_status()
            wire += int(response.headers["content-length"])
            plain += len(response.content)
            page = response.json()
            attendees += len(page["attendees"])
            after = page["next_cursor"]
            if not page["has_more"]:
                return attendees, wire, plain


def run(url: str, attendees: int, runs: int, port: int, seed: bool) -> list[tuple[str, ...]]:
    if seed:
        upgrade_to_head(url)
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        if seed:
            started = time.perf_counter()
            with unit_of_work(factory) as session:
                seed_demo(session, slug="bench", attendees=attendees)
            print(f"seeded {attendees:,} attendees in {time.perf_counter() - started:.0f} s", flush=True)
        with unit_of_work(factory) as session:
            conference = get_conference(session, "bench")
            codes = [create_device(session, conference, name=f"download {n}", station="Door")[1]
                     for n in range(runs + 4)]
    finally:
        engine.dispose()

    rows: list[tuple[str, ...]] = []
    server = start_server_process(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        for n in range(runs + 1):
            scanning = n == runs  # the last kiosk with a door scanning meanwhile: scans go first, the download waits
            cpu = cpu_seconds(server.pid)
            child = subprocess.run([sys.executable, "-m", "bench.download_kiosk", base, codes[2 + n],
                                    *(["--scanning"] if scanning else [])], cwd=ROOT, capture_output=True, text=True)
            if child.returncode:
                raise RuntimeError(f"the kiosk process failed: {child.stderr[-2000:]}")
            cpu = cpu_seconds(server.pid) - cpu
            figures = json.loads(child.stdout.splitlines()[-1])
            rows.append((f"fresh kiosk {n + 1}" + (", a door scanning" if scanning else ""),
                         f"{figures['rows']:,} attendees",
                         f"ready to scan {figures['ready_seconds']:.2f} s, search complete {figures['seconds']:.2f} s" + (
                             f"; {figures['scans']} scans meanwhile, median {figures['scan_p50_ms']:.0f} ms, "
                             f"longest {figures['scan_max_ms']:.0f} ms" if scanning else ""),
                         f"CPU kiosk {figures['ready_cpu']:.2f} s to ready, {figures['cpu']:.2f} s in all, "
                         f"server {cpu:.2f} s (load {os.getloadavg()[0]:.1f})",
                         f"peak RSS kiosk {figures['peak_rss_mb']:.0f} MB, server {peak_rss_mb(server.pid):.0f} MB"))
        for form, code in (("objects", codes[0]), ("rows", codes[1])):
            token = pair_token(base, code)
            cpu = cpu_seconds(server.pid)
            count, wire, plain = fetch_all(base, token, form)
            cpu = cpu_seconds(server.pid) - cpu
            rows.append((f'every page, format "{form}"', f"{count:,} attendees",
                         f"{wire / 1e6:.1f} MB on the wire" + (f" ({plain / 1e6:.1f} MB of JSON)" if wire != plain else ""),
                         f"server {cpu:.2f} s", ""))
        rows.append(('format "objects" gzip\'d at level 6 (as a proxy would)', "",
                     objects_gzipped(base, pair_token(base, codes[-1])), "", ""))
    finally:
        server.terminate()
        server.wait(10)
    return rows


def objects_gzipped(base: str, token: str) -> str:
    """Format 1's pages gzip'd at level 6 (a proxy's usual level): bytes, and the CPU it takes."""
    total, cpu = 0, 0.0
    with httpx.Client(base_url=base, timeout=120, headers={"Authorization": f"Bearer {token}"}) as client:
        after = 0
        while True:
            response = client.get("/api/v1/sync/changes", params={"after": after, "limit": PAGE})
            response.raise_for_status()
            started = time.process_time()
            total += len(gzip.compress(response.content, 6))
            cpu += time.process_time() - started
            page = response.json()
            after = page["next_cursor"]
            if not page["has_more"]:
                return f"{total / 1e6:.1f} MB on the wire, {cpu:.2f} s of CPU to compress"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL; default: a SQLite file")
    parser.add_argument("--seeded", default="", help="a database seeded before (slug 'bench'): used, not dropped")
    parser.add_argument("--port", type=int, default=8793)
    args = parser.parse_args()
    if args.seeded:
        rows = run(args.seeded, args.attendees, args.runs, args.port, seed=False)
        database = "PostgreSQL" if args.seeded.startswith("postgresql") else "SQLite"
    else:
        with scratch_database(args.postgres or None) as url:
            rows = run(url, args.attendees, args.runs, args.port, seed=True)
        database = "PostgreSQL" if args.postgres else "SQLite"
    table(f"A fresh kiosk's full download ({database}; kiosk, server and database on this machine)", rows,
          ("what", "size", "bytes / time", "CPU", "memory"))


if __name__ == "__main__":
    os.environ.setdefault("DOORSTATION_ADMIN_TOKEN", "bench")
    main()
