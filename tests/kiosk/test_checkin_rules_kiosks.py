"""Property, for real: random check-in rules, random scans at two offline kiosks → the kiosks' folds are the server's.

Hypothesis writes a rule (tests/shared/test_checkin_rules_folds.py's strategy) and a history: two kiosks
(each a door whose station uses the list, and an exit) scan two attendees and sync now and then, in any
order. Everything runs for real: the kiosks' scan pipelines and SQLite caches deciding offline, their sync
engines over HTTP to a uvicorn, the server's database (SQLite and PostgreSQL). Every upload is recorded
on its way. Then:

- the server's state (its change feed) is the shared reducer's fold of those uploads, each batch in
  occurrence order, with the list's rules; a conflict is recorded exactly where that fold refuses;
- every kiosk, after a sync, holds exactly the server's state and passages.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.checkin.models import SyncEvent
from server.checkin_lists.service import (
    ListFields,
    conference_days,
    save_list,
    set_days,
    shared_list,
    venue_of,
)
from server.db.engine import unit_of_work
from server.devices.service import create_device
from shared.checkin_lists import CompiledList
from shared.decisions import AttendeeState, Holding, ScanKind
from shared.scan_effects import apply_scan, with_passages
from tests.factories import make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.kiosk.test_one_rule_set_kiosks import RecordingTransport, scan_of, summary, view
from tests.live_server import live_server
from tests.shared.test_checkin_rules_folds import rules

T0 = past_scan_time(5, 4, 7, 0)
PEOPLE = ("ada", "bob")
actions = st.one_of(
    st.tuples(st.just("scan"), st.integers(0, 1), st.sampled_from(["door", "exit"]), st.sampled_from(PEOPLE),
              st.integers(1, 400)),
    st.tuples(st.just("sync"), st.integers(0, 1)))


@pytest.fixture
def server(database_url):
    with live_server(database_url) as url:
        yield url


ONCE_A_DAY = {"<": [{"var": "entries_today"}, 1]}
# Both kiosks offline let Ada in the same day; the second upload is the conflict.
BOTH_OFFLINE = [("scan", 0, "door", "ada", 60), ("scan", 1, "door", "ada", 60), ("sync", 0), ("sync", 1)]


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(rule=rules, steps=st.lists(actions, min_size=6, max_size=24))
@example(rule=ONCE_A_DAY, steps=BOTH_OFFLINE)
def test_two_offline_kiosks_with_a_random_rule_fold_as_the_server(server, session_factory, rule, steps):
    folder = Path(tempfile.mkdtemp(prefix="checkin-rules-"))
    try:
        run(server, session_factory, folder, rule, steps)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(url, session_factory, folder: Path, rule, steps) -> None:
    stations = [f"K{n} {what}" for n in range(2) for what in ("door", "exit")]
    with unit_of_work(session_factory) as session:
        conference = make_conference(session)
        set_days(session, conference, T0.date(), T0.date() + dt.timedelta(days=3))
        ticket = make_ticket_type(session, conference, name="Conference")
        people = {name: make_attendee(session, conference, ticket_type=ticket, first_name=name.title())
                  for name in PEOPLE}
        codes = {name: a.access_code for name, a in people.items()}
        row = save_list(session, conference, ListFields(
            name="Doors", ticket_type_ids=[], addon_ids=[], allow_multiple_entries=True, allow_entry_after_exit=True,
            days=[], opens=None, closes=None, stations=stations, rules={"version": 1, "rule": rule}))
        compiled = CompiledList(shared_list(row), venue_of(session, conference))
        list_id, ticket_id = row.id, ticket.id
        assert conference_days(session, conference.id)
        pairing = [create_device(session, conference, name=f"kiosk {n}", station=f"K{n}")[1] for n in range(2)]
    log: list = []
    kiosks = []
    for n, code in enumerate(pairing):
        credentials = pair(url, code, folder / f"k{n}")
        engine = SyncEngine(folder / f"k{n}" / CACHE_FILE, credentials, transport=RecordingTransport(log, session_factory))
        connection = connect(folder / f"k{n}" / CACHE_FILE)
        pipelines = {"door": ScanPipeline(connection, Station(f"K{n} door")),
                     "exit": ScanPipeline(connection, Station(f"K{n} exit", kind=ScanKind.EXIT))}
        kiosks.append((engine, connection, pipelines))
        assert engine.sync_once().online
    try:
        now = T0
        for action in steps:
            engine, _connection, pipelines = kiosks[action[1]]
            if action[0] == "scan":
                now += dt.timedelta(minutes=action[4])
                pipelines[action[2]].scan(codes[action[3]], now=now)
            else:
                assert engine.sync_once().online
        for _ in range(2):  # everyone back online: upload, then download what the other uploaded
            for engine, _connection, _pipelines in kiosks:
                status = engine.sync_once()
                assert status.online and status.last_error == "" and status.events_waiting == 0

        expected, conflicts = fold(log, codes, ticket_id, compiled)
        feed = {a["access_code"]: a for a in httpx.get(
            f"{url}/api/v1/sync/changes", params={"after": 0},
            headers={"Authorization": f"Bearer {kiosks[0][0].credentials.token}"}).json()["attendees"]}
        for name, code in codes.items():
            record = feed[code]
            on_server = view(record["inside"], record["checked_in_at"], record["last_check_in_at"],
                             record["last_check_in_station"], record["holdings"])
            assert on_server == summary(expected[code]), f"{name}: the server is not the fold of its uploads"
            passages = sorted((p["at"], p["entering"], p["station"]) for p in record["passages"])
            assert passages == sorted((p.at.isoformat(), p.entering, p.station) for p in expected[code].passages or ())
            for n, (_engine, connection, _pipelines) in enumerate(kiosks):
                row = connection.execute("SELECT * FROM attendees WHERE access_code = ?", (code,)).fetchone()
                cached = view(row["inside"], row["checked_in_at"], row["last_check_in_at"],
                              row["last_check_in_station"], [])
                assert cached[:4] == on_server[:4], f"kiosk {n} does not hold the server's state of {name}"
                # (the same moments; a rows page writes them with their microseconds, ".000000" included)
                assert sorted((dt.datetime.fromisoformat(p["at"]).isoformat(), p["entering"], p["station"])
                              for p in json.loads(row["passages"])) == passages
        with session_factory() as session:  # this history's (the database outlives one example)
            recorded = set(session.scalars(select(SyncEvent.uuid).where(
                SyncEvent.status == "conflict", SyncEvent.access_code.in_(codes.values()))))
        assert recorded == conflicts
        if (rule, steps) == (ONCE_A_DAY, BOTH_OFFLINE):
            assert len(conflicts) == 1
    finally:
        for engine, connection, _pipelines in kiosks:
            engine.close()
            connection.close()


def fold(log, codes, ticket_id: int, compiled: CompiledList):
    """The model: the shared reducer, with the list, over the recorded uploads (each in occurrence order)."""
    states = {code: with_passages(AttendeeState(code, name.title(), "", "Conference", "paid",
                                                holdings=(Holding("ticket_type", ticket_id, "Conference"),)), [])
              for name, code in codes.items()}
    seen: set[str] = set()
    conflicts: set[str] = set()
    for entry in log:
        batch = {e["uuid"]: e for e in entry[1] if e["uuid"] not in seen and e["kind"] in ("check_in", "exit")}
        for e in sorted(batch.values(), key=lambda e: dt.datetime.fromisoformat(e["occurred_at"])):
            seen.add(e["uuid"])
            scan = scan_of(e)
            listed = compiled if scan.station in compiled.checkin_list.stations else None
            step = apply_scan(states[e["access_code"]], scan, listed)
            if step.crossed_a_limit:
                conflicts.add(e["uuid"])
            else:
                states[e["access_code"]] = step.state
        seen.update(e["uuid"] for e in entry[1])
    return states, conflicts
