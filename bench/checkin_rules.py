"""What a check-in list's rules add to a kiosk scan (issue 23: at most 50 µs), with 200,000 attendees cached.

    .venv/bin/python bench/checkin_rules.py [--attendees 200000] [--scans 4000]

Three figures. The engine alone: ``shared.checkin_lists.admit`` on a conference's main-days list (ticket
types, two days of four, a daily window, "once a day") over an attendee with three passages, CPU time per
decision. The pipeline: the same cache scanned at a station without a list and at one with it, in turns
(one scan each, so the machine's load falls on both alike); the difference of their CPU time per scan is
what the list adds (reading the list's version and the attendee's passages, and deciding), and their
wall-clock p50 / p99 show the scan as the volunteer waits for it. CPU times hold under a busy machine;
the wall-clock figures do not, quote them with ``uptime``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import summary, table  # noqa: E402
from bench.scan_pipeline import fill_cache  # noqa: E402
from kiosk.core import checkin_lists as kiosk_lists  # noqa: E402
from kiosk.core.attendee_cache import attendee_state_and_passages  # noqa: E402
from kiosk.core.cache import connect, set_meta, write_transaction  # noqa: E402
from kiosk.core.scan_pipeline import ScanPipeline  # noqa: E402
from kiosk.core.station import Station  # noqa: E402
from shared.checkin_lists import CheckinList, CompiledList, admit  # noqa: E402
from shared.checkin_rules import Venue  # noqa: E402
from shared.decisions import AttendeeState, Holding, Passage  # noqa: E402
from shared.protocol import CheckinListRecord, ConferenceInfo  # noqa: E402

FIRST_DAY = dt.date(2026, 5, 11)
RULE = {"version": 1, "rule": {"<": [{"var": "entries_today"}, 1]}}


def main_days() -> CheckinList:
    return CheckinList(1, "Main days", ticket_type_ids=frozenset({1, 2}), days=frozenset({2, 3}),
                       opens=dt.time(7, 0), closes=dt.time(23, 0), stations=frozenset({"Door A"}), rules=RULE)


def engine_alone(decisions: int) -> tuple[str, str, str]:
    venue = Venue("Europe/Berlin", tuple(FIRST_DAY + dt.timedelta(days=n) for n in range(4)), {1: "Standard"})
    compiled = CompiledList(main_days(), venue)
    ada = AttendeeState("ADA00001", "Ada", "", "Standard", "paid", holdings=(Holding("ticket_type", 1, "Standard"),))
    at = dt.datetime(2026, 5, 12, 12, 0, tzinfo=dt.UTC)
    passages = (Passage(at - dt.timedelta(days=1), True, "Door A"), Passage(at - dt.timedelta(hours=20), False, "Door A"),
                Passage(at - dt.timedelta(days=1, hours=-2), True, "Door A"))
    started = time.process_time()
    for _ in range(decisions):
        admit(compiled, ada, at=at, station="Door A", passages=passages)
    per = (time.process_time() - started) / decisions * 1e6
    return ("engine alone: admit() on the main-days list", f"{per:.1f} µs CPU a decision", f"n={decisions:,}")


def prepare(path: Path, attendees: int) -> list[str]:
    codes = fill_cache(path, attendees)
    connection = connect(path)
    holdings = json.dumps([{"kind": "ticket_type", "product_id": 1, "name": "Standard", "quantity": 1, "redeemed": 0,
                            "line_item_id": None}])
    listed = main_days()
    record = CheckinListRecord(id=1, name=listed.name, ticket_type_ids=[1, 2], addon_ids=[], allow_multiple_entries=True,
                               allow_entry_after_exit=True, days=[2, 3], opens="07:00", closes="23:00",
                               stations=["Door A"], rules=RULE, version=1)
    with write_transaction(connection):
        connection.execute("UPDATE attendees SET holdings = ?", (holdings,))
        set_meta(connection, "conference_timezone", "Europe/Berlin")
        set_meta(connection, "cursor", "1")
        connection.execute("INSERT INTO products (product_type, id, name) VALUES ('ticket_type', 1, 'Standard')")
        kiosk_lists.store(connection, [record], ConferenceInfo(
            slug="bench", name="Bench", timezone="Europe/Berlin", badge_public_key="", first_day=FIRST_DAY,
            last_day=FIRST_DAY + dt.timedelta(days=3)))
    connection.close()
    return codes


def in_turns(path: Path, codes: list[str], scans: int) -> list[tuple[str, str, str]]:
    step = max(1, len(codes) // (2 * scans))
    sample = codes[::step][: 2 * scans]
    now = dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC)  # conference day 2, inside the window
    connection = connect(path)
    try:
        plain = ScanPipeline(connection, Station(name="Door B"))  # no list names it
        ruled = ScanPipeline(connection, Station(name="Door A"))  # the list names it
        walls: dict[str, list[float]] = {"plain": [], "ruled": []}
        cpu = {"plain": 0.0, "ruled": 0.0}
        admitted = {"plain": 0, "ruled": 0}
        for n, code in enumerate(sample):
            which, pipeline = ("plain", plain) if n % 2 == 0 else ("ruled", ruled)
            cpu_started, started = time.process_time(), time.perf_counter()
            verdict = pipeline.scan(code, now=now).verdict
            walls[which].append((time.perf_counter() - started) * 1000)
            cpu[which] += time.process_time() - cpu_started
            admitted[which] += verdict.admitted
        added = (cpu["ruled"] / len(walls["ruled"]) - cpu["plain"] / len(walls["plain"])) * 1e6
        return [
            ("check-in, station without a list", summary(walls["plain"]),
             f"{cpu['plain'] / len(walls['plain']) * 1e6:.0f} µs CPU a scan, {admitted['plain']:,} admitted"),
            ("check-in, station with the main-days list", summary(walls["ruled"]),
             f"{cpu['ruled'] / len(walls['ruled']) * 1e6:.0f} µs CPU a scan, {admitted['ruled']:,} admitted"),
            ("what the list adds", "", f"{added:+.0f} µs CPU a scan"),
        ]
    finally:
        connection.close()


def decision_only(path: Path, codes: list[str], decisions: int) -> tuple[str, str, str]:
    """The scan's read and decision without its write (the commit's fsync is most of a scan's time and
    all of its noise): the same attendees decided at both stations, CPU time each."""
    now = dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC)
    connection = connect(path)
    try:
        costs = {}
        for checkin_list_id, station in ((None, "Door B"), (1, "Door A")):  # no list names Door B
            pipeline = ScanPipeline(connection, Station(name=station))
            started = time.process_time()
            for code in codes[:decisions]:
                listed = pipeline._checkin_list()
                attendee, passages = attendee_state_and_passages(connection, code, passages=listed is not None)
                pipeline._decide(attendee, signed=False, access_code=code, now=now, checkin_list=listed,
                                 passages=passages)
            costs[checkin_list_id] = (time.process_time() - started) / decisions * 1e6
        return ("read and decide (no write)", f"{costs[None]:.0f} µs → {costs[1]:.0f} µs CPU",
                f"the list adds {costs[1] - costs[None]:+.0f} µs CPU a scan (n={decisions:,})")
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=200_000)
    parser.add_argument("--scans", type=int, default=4000, help="scans at each station")
    args = parser.parse_args()
    rows = [engine_alone(20_000)]
    with tempfile.TemporaryDirectory(prefix="doorstation-bench-") as folder:
        path = Path(folder) / "cache.sqlite3"
        codes = prepare(path, args.attendees)
        rows.append(decision_only(path, codes[1::2], 20_000))
        rows += in_turns(path, codes, args.scans)
    table(f"Check-in rules at a kiosk ({args.attendees:,} cached, SQLite WAL, synchronous=FULL)", rows,
          ("what", "latency", "cost"))


if __name__ == "__main__":
    main()
