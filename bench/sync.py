"""Sync throughput against a real server process: a fresh kiosk's full download, an incremental
sync, the upload of a queued backlog, and ingest from ten kiosks at once.

    .venv/bin/python bench/sync.py [--attendees 100000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import table  # noqa: E402
from kiosk.core.cache import connect  # noqa: E402
from kiosk.core.device import CACHE_FILE, pair  # noqa: E402
from kiosk.core.scan_pipeline import ScanPipeline  # noqa: E402
from kiosk.core.station import Station  # noqa: E402
from kiosk.core.sync_engine import SyncEngine  # noqa: E402
from server.conferences.service import get_conference  # noqa: E402
from server.db.engine import make_engine, make_session_factory, unit_of_work  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.devices.service import create_device  # noqa: E402
from doorstation.demo import start_server_process  # noqa: E402
from shared.decisions import ScanKind  # noqa: E402
from shared.protocol import EventKind, ScanEvent, UploadRequest  # noqa: E402


def peak_rss_mb(pid: int | None = None) -> float:
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="doorstation-sync-bench-"))
    url = args.database_url or f"sqlite:///{folder / 'server.sqlite3'}"
    upgrade_to_head(url)
    factory = make_session_factory(make_engine(url))
    started = time.perf_counter()
    with unit_of_work(factory) as session:
        seed_demo(session, slug="bench", attendees=args.attendees)
    print(f"seeded {args.attendees:,} attendees in {time.perf_counter() - started:.0f} s")
    with unit_of_work(factory) as session:
        conference = get_conference(session, "bench")
        codes = [create_device(session, conference, name=f"kiosk {n}", station=f"Door {n}")[1] for n in range(12)]
    server = start_server_process(url, args.port)
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    try:
        # 1. Full download into a fresh kiosk.
        data_dir = folder / "kiosk"
        credentials = pair(base, codes[0], data_dir)
        engine = SyncEngine(data_dir / CACHE_FILE, credentials, page_size=5000, timeout=60)
        started = time.perf_counter()
        received = engine.download()
        seconds = time.perf_counter() - started
        rows.append(("full download", f"{received:,} attendees", f"{seconds:.2f} s", f"{received / seconds:,.0f} rows/s",
                     f"kiosk {peak_rss_mb():.0f} MB, server {peak_rss_mb(server.pid):.0f} MB"))

        # 2. Upload of a backlog: 20,000 scans queued while offline.
        cache = connect(data_dir / CACHE_FILE)
        pipeline = ScanPipeline(cache, Station(name="Door 0"))
        backlog = [row[0] for row in cache.execute("SELECT access_code FROM attendees ORDER BY id LIMIT 20000")]
        for code in backlog:
            pipeline.scan(code)
        started = time.perf_counter()
        sent = engine.upload()
        seconds = time.perf_counter() - started
        rows.append(("upload backlog", f"{sent:,} events", f"{seconds:.2f} s", f"{sent / seconds:,.0f} events/s", ""))

        # 3. Incremental: the changes those scans made (and nothing else) come back down.
        started = time.perf_counter()
        changed = engine.download()
        seconds = time.perf_counter() - started
        rows.append(("download after the backlog", f"{changed:,} attendees", f"{seconds:.2f} s",
                     f"{changed / max(seconds, 1e-9):,.0f} rows/s", ""))

        # 4. A routine incremental sync: 1,000 changes (exits at another door) since the last one.
        other = pair(base, codes[11], folder / "k-exit")
        exits = SyncEngine(folder / "k-exit" / CACHE_FILE, other, timeout=60)  # a second kiosk, at the exit
        exits.download()
        exit_pipeline = ScanPipeline(connect(folder / "k-exit" / CACHE_FILE), Station(name="Exit", kind=ScanKind.EXIT))
        for code in backlog[:1000]:
            exit_pipeline.scan(code)
        exits.upload()
        exits.close()
        started = time.perf_counter()
        changed = engine.download()
        seconds = time.perf_counter() - started
        rows.append(("incremental sync, 1,000 changes", f"{changed:,} attendees", f"{seconds:.2f} s",
                     f"{changed / max(seconds, 1e-9):,.0f} rows/s", ""))
        engine.close()

        # 5. Ingest: ten kiosks upload at once, 500-event batches.
        tokens = [pair(base, code, folder / f"k{n}").token for n, code in enumerate(codes[1:11])]
        all_codes = [row[0] for row in cache.execute("SELECT access_code FROM attendees ORDER BY id")]
        per_kiosk = 2000
        now = dt.datetime.now(dt.UTC)

        def kiosk(n: int, token: str) -> None:
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120) as client:
                mine = all_codes[20000 + n * per_kiosk: 20000 + (n + 1) * per_kiosk]
                for start in range(0, len(mine), 500):
                    events = [ScanEvent(uuid=uuid.uuid4(), kind=EventKind.CHECK_IN, access_code=code, station=f"Door {n}",
                                        occurred_at=now) for code in mine[start:start + 500]]
                    client.post("/api/v1/sync/events", json=UploadRequest(events=events).model_dump(mode="json")
                                ).raise_for_status()

        threads = [threading.Thread(target=kiosk, args=(n, token)) for n, token in enumerate(tokens)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        total = per_kiosk * len(tokens)
        rows.append(("ingest, 10 kiosks at once", f"{total:,} events", f"{seconds:.2f} s",
                     f"{total / seconds:,.0f} events/s", f"server {peak_rss_mb(server.pid):.0f} MB"))
    finally:
        server.terminate()
        server.wait(10)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    table(f"Sync against a local server process ({database}, {args.attendees:,} attendees)", rows,
          ("what", "size", "time", "rate", "peak RSS"))


if __name__ == "__main__":
    os.environ.setdefault("DOORSTATION_ADMIN_TOKEN", "bench")
    main()
