"""The kiosk's side of bench/full_download.py, in a process of its own with the kiosk core only (no
server code, no Qt), so its peak RSS is the kiosk's: pair a fresh kiosk, download everything (with
``--scanning``, while a door scans every 20 ms on its own connection, as the kiosk's scan thread
does), print one JSON line of figures: the download's (when its last page was stored, the door
ready to answer every scan, and when the search index was filled too), and how long the scans took
(a scan waits for the page being stored).

    .venv/bin/python -m bench.download_kiosk SERVER_URL PAIRING_CODE [--scanning]
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine

SCAN_EVERY = 0.02  # seconds


def scan_meanwhile(cache: Path, stop: threading.Event, took: list[float], cpu: list[float]) -> None:
    """Scan the first attendee stored (or a code nobody has, before the first page) until ``stop``; the
    thread's CPU time goes to ``cpu`` (not the download's)."""
    pipeline = ScanPipeline(connect(cache), Station(name="Door A"))
    started_cpu = time.thread_time()
    try:
        while not stop.wait(SCAN_EVERY):
            row = pipeline.connection.execute("SELECT access_code FROM attendees LIMIT 1").fetchone()
            started = time.perf_counter()
            pipeline.scan(row[0] if row else "NOBODY00")
            took.append(time.perf_counter() - started)
    finally:
        pipeline.connection.close()
        cpu.append(time.thread_time() - started_cpu)


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not ``ru_maxrss``: Linux counts in it the parent's
    pages at the fork (bench/full_download.py seeding 100,000 attendees in-process made every kiosk
    "174–198 MB"; a kiosk's own peak is ~100 MB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(server_url: str, pairing_code: str, scanning: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="doorstation-download-") as folder:
        credentials = pair(server_url, pairing_code, Path(folder))
        engine = SyncEngine(Path(folder) / CACHE_FILE, credentials, page_size=5000, timeout=120)
        stop, scans, scanning_cpu = threading.Event(), list[float](), list[float]()
        scanner = threading.Thread(target=scan_meanwhile, args=(Path(folder) / CACHE_FILE, stop, scans, scanning_cpu))
        try:
            if scanning:
                scanner.start()
            stored: list[tuple[float, resource.struct_rusage]] = []  # when the last page was stored

            def progress(stage: str, _received: int) -> None:
                if stage == "stored":
                    stored.append((time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)))

            before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
            rows = engine.download(progress)
            seconds, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
            ready_at, ready = stored[-1]
            stop.set()
            if scanning:
                scanner.join()
            searchable = len(engine.connection.execute(  # the search index is filled after the last page
                "SELECT rowid FROM attendee_search WHERE attendee_search MATCH 'a*' LIMIT 10").fetchall())
        finally:
            stop.set()
            engine.close()
    scans.sort()
    print(json.dumps({"rows": rows, "seconds": seconds, "searchable": searchable,
                      "ready_seconds": ready_at - started,
                      "ready_cpu": ready.ru_utime + ready.ru_stime - before.ru_utime - before.ru_stime,
                      "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime - sum(scanning_cpu),
                      "peak_rss_mb": peak_rss_mb(), "scans": len(scans),
                      "scan_p50_ms": 1000 * scans[len(scans) // 2] if scans else 0,
                      "scan_max_ms": 1000 * scans[-1] if scans else 0}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], scanning=sys.argv[3:] == ["--scanning"])
