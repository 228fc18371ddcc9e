"""The kiosk's side of bench/sync.py, in a process of its own: pair, full download, a backlog of
scans uploaded, the download after it, and an incremental sync. Only kiosk code runs here (no
server, no Qt), so the peak RSS it reports is the kiosk core's and nothing else's.

Started by bench/sync.py; speaks JSON lines: one on stdout after each step, and before the
incremental sync it waits for a line on stdin (the parent makes the changes meanwhile).

    .venv/bin/python -m bench.sync_kiosk --server URL --pairing-code CODE --data-dir DIR [--backlog 20000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine


def peak_rss_mb() -> float:
    """This process's peak resident set so far (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(step: str, **figures) -> None:
    print(json.dumps({"step": step, "peak_rss_mb": round(peak_rss_mb(), 1), **figures}), flush=True)


def outbox_rows(engine: SyncEngine) -> int:
    return engine.connection.execute("SELECT count(*) FROM outbox").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--pairing-code", required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--backlog", type=int, default=20_000)
    args = parser.parse_args()
    report("started")

    started = time.perf_counter()
    credentials = pair(args.server, args.pairing_code, args.data_dir)
    report("pair", seconds=time.perf_counter() - started)

    engine = SyncEngine(args.data_dir / CACHE_FILE, credentials, page_size=5000, timeout=60)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        received = engine.download()
        report("full download", rows=received, seconds=time.perf_counter() - started,
               cpu_seconds=time.process_time() - cpu_started)  # the kiosk's own CPU: holds under others' load

        # Scans queued while offline (not timed: that is bench/scan_pipeline.py), then uploaded.
        cache = connect(args.data_dir / CACHE_FILE)
        pipeline = ScanPipeline(cache, Station(name="Door 0"))
        codes = [row[0] for row in cache.execute("SELECT access_code FROM attendees ORDER BY id LIMIT ?",
                                                 (args.backlog,))]
        outcomes = Counter(pipeline.scan(code).verdict.outcome.value for code in codes)
        cache.close()
        queued = outbox_rows(engine)
        started = time.perf_counter()
        sent = engine.upload()
        seconds = time.perf_counter() - started
        left = outbox_rows(engine)  # a row leaves the outbox only when the server acknowledged it
        report("upload backlog", scans=len(codes), outcomes=dict(outcomes), sent=sent, acknowledged=queued - left,
               left_in_outbox=left, seconds=seconds)

        started = time.perf_counter()
        changed = engine.download()
        report("download after the backlog", rows=changed, seconds=time.perf_counter() - started)

        report("ready for changes")
        sys.stdin.readline()  # the parent has made its changes on the server
        started = time.perf_counter()
        changed = engine.download()
        report("incremental sync", rows=changed, seconds=time.perf_counter() - started)
    finally:
        engine.close()


if __name__ == "__main__":
    main()
