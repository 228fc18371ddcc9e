"""Scan pipeline latency with 200,000 attendees cached: payload in → verdict out, outbox committed.

    .venv/bin/python bench/scan_pipeline.py [--attendees 200000] [--scans 10000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import summary, table  # noqa: E402
from kiosk.core.cache import connect, set_meta  # noqa: E402
from kiosk.core.scan_pipeline import ScanPipeline  # noqa: E402
from kiosk.core.station import Station  # noqa: E402
from shared.decisions import ScanKind  # noqa: E402


def fill_cache(path: Path, attendees: int) -> list[str]:
    connection = connect(path)
    set_meta(connection, "conference_slug", "bench")
    codes = [f"{n:08d}" for n in range(attendees)]
    holdings = json.dumps([{"kind": "addon", "product_id": 1, "name": "Lunch", "quantity": 3, "redeemed": 0,
                            "line_item_id": None}])
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO attendees (id, access_code, full_name, email, company, ticket_type, order_status, holdings, "
        "version) VALUES (?, ?, ?, ?, 'Acme', 'Standard', 'paid', ?, 1)",
        ((n + 1, code, f"Person {n}", f"p{n}@example.org", holdings) for n, code in enumerate(codes)))
    connection.execute("COMMIT")
    connection.close()
    return codes


def run(pipeline: ScanPipeline, payloads: list[str]) -> tuple[str, str, str]:
    """Latencies, CPU time a scan (holds on a machine others load, where latencies do not), and the
    verdicts given (so a row labelled "check-in" is not timing refusals)."""
    samples: list[float] = []
    outcomes: Counter[str] = Counter()
    cpu_started = time.process_time()
    for payload in payloads:
        started = time.perf_counter()
        result = pipeline.scan(payload)
        samples.append((time.perf_counter() - started) * 1000)
        outcomes[result.verdict.outcome.value] += 1
    cpu = (time.process_time() - cpu_started) * 1000 / max(1, len(payloads))
    return (summary(samples), f"{cpu:.3f} ms",
            ", ".join(f"{count:,} {outcome}" for outcome, count in sorted(outcomes.items())))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=200_000)
    parser.add_argument("--scans", type=int, default=10_000)
    parser.add_argument("--synchronous", default="FULL", choices=["FULL", "NORMAL"],
                        help="NORMAL only to see what the per-commit fsync costs; the kiosk uses FULL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doorstation-bench-") as folder:
        rows = measure(Path(folder) / "cache.sqlite3", args)
    table(f"Scan pipeline: payload → verdict with outbox row committed (SQLite WAL, synchronous={args.synchronous}, "
          f"{args.attendees:,} cached)", rows, ("scan", "latency", "CPU a scan", "verdicts"))


def measure(path: Path, args: argparse.Namespace) -> list[tuple[str, str, str, str]]:
    started = time.perf_counter()
    codes = fill_cache(path, args.attendees)
    print(f"cache of {args.attendees:,} attendees built in {time.perf_counter() - started:.1f} s ({path})")
    step = max(1, len(codes) // args.scans)
    sample = codes[::step][: args.scans]
    connection = connect(path)
    try:
        connection.execute(f"PRAGMA synchronous={args.synchronous}")
        check_in = ScanPipeline(connection, Station(name="Door A"))
        redeem = ScanPipeline(connection, Station(name="Lunch", kind=ScanKind.REDEMPTION, product_id=1))
        return [
            ("check-in (first scan)", *run(check_in, sample)),
            ("check-in (re-entry, amber)", *run(check_in, sample[: args.scans // 2])),
            ("redemption", *run(redeem, sample)),
            ("unknown badge (refused, recorded)", *run(check_in, [f"X{n:07d}" for n in range(2000)])),
        ]
    finally:
        connection.close()

if __name__ == "__main__":
    main()
