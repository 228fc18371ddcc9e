"""Property: kiosks and the server agree, because both fold scans through shared.scan_effects.

Hypothesis writes the history: two or three kiosks (each with an entrance, an exit and a lunch
counter) scan three attendees, take scans back, go offline (they just do not sync) and come back in
any order; an order may be refunded on the server meanwhile. Everything runs for real: the kiosks'
scan pipelines and SQLite caches, their sync engines over HTTP to a uvicorn, the server's database
(SQLite and PostgreSQL). Every upload is recorded on its way to the server. Then:

- the server's state (as its change feed tells it) is the shared reducer's fold of those uploads,
  each batch in occurrence order; check-ins and exits count in occurrence order whatever the order
  the uploads came in;
- a conflict is recorded exactly where the reducer says a limit was crossed;
- every kiosk, after a sync, holds exactly the server's state.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.core import attendee_cache
from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.sync_engine import SyncEngine
from server.checkin.models import SyncEvent
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.orders.models import Order, OrderStatus
from shared.decisions import AttendeeState, Holding, ScanKind
from shared.scan_effects import RECORDS, Scan, apply_scan, undo, with_passages
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.live_server import live_server

T0 = past_scan_time(5, 4, 8, 0)
PEOPLE = ("ada", "bob", "cy")  # Ada has one lunch, Bob two, Cy one (and Cy's order may be refunded)
STATIONS = ("door", "exit", "lunch")


class RecordingTransport(httpx.HTTPTransport):
    """Notes every upload in the order the server receives it (the kiosks take turns).

    It hands the answer on once the upload is committed: the sync route's unit of work may still be
    committing when its answer arrives (the commit boundary is fixed on its own branch), and the
    model below needs the server to have seen the uploads in the order they were sent.
    """

    def __init__(self, log: list, session_factory):
        super().__init__()
        self.log, self.session_factory = log, session_factory

    def handle_request(self, request):
        response = super().handle_request(request)
        if request.method == "POST" and request.url.path.endswith("/sync/events") and response.status_code == 200:
            events = json.loads(request.content)["events"]
            self.log.append(("upload", events))
            wait_until_stored(self.session_factory, {e["uuid"] for e in events})
        return response


def wait_until_stored(session_factory, uuids: set[str]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with session_factory() as session:
            if session.scalar(select(func.count(SyncEvent.id)).where(SyncEvent.uuid.in_(uuids))) == len(uuids):
                return
        time.sleep(0.01)


@dataclass
class Kiosk:
    engine: SyncEngine
    connection: object
    pipelines: dict[str, ScanPipeline]

    def cached(self, code: str) -> tuple:
        row = self.connection.execute("SELECT * FROM attendees WHERE access_code = ?", (code,)).fetchone()
        return view(row["inside"], row["checked_in_at"], row["last_check_in_at"], row["last_check_in_station"],
                    attendee_cache.cached_holdings(row["holdings"]))


def view(inside, checked_in_at, last_at, last_station, holdings) -> tuple:
    """What both sides must agree on about an attendee, in one comparable shape."""
    moment = (lambda v: dt.datetime.fromisoformat(v) if isinstance(v, str) else v)
    return (bool(inside), moment(checked_in_at), moment(last_at), last_station or "",
            tuple(h["redeemed"] if isinstance(h, dict) else h.redeemed for h in holdings
                  if (h["kind"] if isinstance(h, dict) else h.product_type) == "addon"))


def action(kind: str):
    kiosk = st.integers(0, 2)
    if kind == "scan":
        return st.tuples(st.just("scan"), kiosk, st.sampled_from(STATIONS), st.sampled_from(PEOPLE))
    if kind == "undo":
        return st.tuples(st.just("undo"), kiosk, st.sampled_from(STATIONS))
    if kind == "sync":
        return st.tuples(st.just("sync"), kiosk)
    return st.just(("refund", "cy"))


# Mostly scans, a sync now and then (kiosks offline in between), undos, rarely a refund.
actions = st.sampled_from(["scan"] * 6 + ["undo"] * 2 + ["sync"] * 3 + ["refund"]).flatmap(action)
histories = st.tuples(st.integers(2, 3), st.lists(actions, min_size=10, max_size=40))


@pytest.fixture
def server(database_url):
    with live_server(database_url) as url:
        yield url


# Each history costs about a second of real syncing: a handful of them, and no shrinking (it would
# replay hundreds); a failure prints the whole history, which reads fine at this size.
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(history=histories)
# A check-in uploaded, taken back, the badge scanned again, undo and re-scan in one upload.
@example(history=(2, [("scan", 0, "door", "ada"), ("sync", 0), ("undo", 0, "door"), ("scan", 0, "door", "ada"),
                      ("scan", 1, "door", "ada"), ("sync", 0)]))
def test_kiosks_and_server_agree_on_every_history(server, session_factory, history):
    kiosk_count, steps = history
    folder = Path(tempfile.mkdtemp(prefix="one-rule-set-"))
    try:
        run(server, session_factory, folder, kiosk_count, steps)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(url, session_factory, folder: Path, kiosk_count: int, steps) -> None:
    with unit_of_work(session_factory) as session:
        conference = make_conference(session)
        ticket = make_ticket_type(session, conference, name="Standard")
        lunch = make_addon(session, conference, name="Lunch")
        people = {name: make_attendee(session, conference, ticket_type=ticket, addons={lunch: 2 if name == "bob" else 1},
                                      first_name=name.title()) for name in PEOPLE}
        codes = {name: a.access_code for name, a in people.items()}
        cy_order = people["cy"].order_id
        pairing = [create_device(session, conference, name=f"kiosk {n}", station=f"K{n}")[1] for n in range(kiosk_count)]
        lunch_id = lunch.id
    log: list = []  # uploads and refunds, in the order the server saw them
    kiosks = []
    for n, code in enumerate(pairing):
        credentials = pair(url, code, folder / f"k{n}")
        engine = SyncEngine(folder / f"k{n}" / CACHE_FILE, credentials, transport=RecordingTransport(log, session_factory))
        connection = connect(folder / f"k{n}" / CACHE_FILE)
        stations = {"door": Station(f"K{n} door"), "exit": Station(f"K{n} exit", kind=ScanKind.EXIT),
                    "lunch": Station(f"K{n} lunch", kind=ScanKind.REDEMPTION, product_id=lunch_id)}
        kiosks.append(Kiosk(engine, connection, {k: ScanPipeline(connection, s) for k, s in stations.items()}))
        engine.sync_once()
    try:
        for minute, action in enumerate(steps, start=1):
            now = T0 + dt.timedelta(minutes=minute)
            if action[0] == "refund":
                with unit_of_work(session_factory) as session:
                    session.get(Order, cy_order).status = OrderStatus.REFUNDED
                log.append(("refund", codes["cy"]))
                continue
            kiosk = kiosks[action[1] % kiosk_count]
            if action[0] == "scan":
                kiosk.pipelines[action[2]].scan(codes[action[3]], now=now)
            elif action[0] == "undo":
                kiosk.pipelines[action[2]].undo_last(now=now)
            else:
                assert kiosk.engine.sync_once().online
        for _ in range(2):  # everyone back online: upload, then download what the others uploaded
            for kiosk in kiosks:
                status = kiosk.engine.sync_once()
                assert status.online and status.last_error == "" and status.events_waiting == 0

        expected, conflicts, passages_only = reduce_log(log, codes, lunch_id)
        feed = {a["access_code"]: a for a in httpx.get(
            f"{url}/api/v1/sync/changes", params={"after": 0},
            headers={"Authorization": f"Bearer {kiosks[0].engine.credentials.token}"}).json()["attendees"]}
        for name, code in codes.items():
            on_server = view(feed[code]["inside"], feed[code]["checked_in_at"], feed[code]["last_check_in_at"],
                             feed[code]["last_check_in_station"], feed[code]["holdings"])
            assert all(h["redeemed"] <= h["quantity"] for h in feed[code]["holdings"]), f"{name}: over the limit"
            assert on_server == summary(expected[code]), f"{name}: the server is not the fold of its uploads"
            if passages_only is not None:  # no refund: arrival order cannot matter for check-ins and exits
                assert on_server[:4] == summary(passages_only[code])[:4], f"{name}: not in occurrence order"
            for n, kiosk in enumerate(kiosks):
                assert kiosk.cached(code) == on_server, f"kiosk {n} does not hold the server's state of {name}"
        with session_factory() as session:
            recorded = set(session.scalars(select(SyncEvent.uuid).where(SyncEvent.status == "conflict",
                                                                        SyncEvent.access_code.in_(codes.values()))))
        assert recorded == conflicts
    finally:
        for kiosk in kiosks:
            kiosk.engine.close()
            kiosk.connection.close()


def summary(state: AttendeeState) -> tuple:
    return view(state.inside, state.checked_in_at, state.last_check_in_at, state.last_check_in_station, state.holdings)


def base_states(codes: dict[str, str], lunch_id: int) -> dict[str, AttendeeState]:
    return {code: with_passages(AttendeeState(code, name.title(), "", "Standard", "paid", holdings=(
        Holding("ticket_type", 0, "Standard"), Holding("addon", lunch_id, "Lunch", 2 if name == "bob" else 1))), [])
        for name, code in codes.items()}


def reduce_log(log, codes, lunch_id):
    """The model: the shared reducer over the recorded uploads (each in occurrence order), and the refunds.

    Returns the states, the UUIDs the reducer says crossed a limit, and — when nothing was refunded —
    the states of one fold of every effective scan in occurrence order, ignoring upload order.
    """
    states = base_states(codes, lunch_id)
    seen: dict[str, dict] = {}  # uuid → {"event", "status"}
    conflicts: set[str] = set()
    refunded = False
    for entry in log:
        if entry[0] == "refund":
            states[entry[1]] = replace(states[entry[1]], order_status="refunded")
            refunded = True
            continue
        batch = {}
        for e in entry[1]:
            if e["uuid"] not in seen:
                batch.setdefault(e["uuid"], e)
        for e in sorted(batch.values(), key=lambda e: dt.datetime.fromisoformat(e["occurred_at"])):
            record = {"event": e, "status": "applied"}
            seen[e["uuid"]] = record
            state = states.get(e["access_code"])
            if e["kind"] == "undo":
                original = seen.get(e["undoes"])
                if original is None or state is None or original["event"]["access_code"] != e["access_code"]:
                    record["status"] = "rejected"
                elif original["status"] == "applied":
                    states[e["access_code"]] = undo(state, scan_of(original["event"]))
                    original["status"] = "undone"
                continue
            if e["kind"] in RECORDS:
                continue
            step = apply_scan(state, scan_of(e))
            if step.crossed_a_limit:
                record["status"] = "conflict"
                conflicts.add(e["uuid"])
            else:
                states[e["access_code"]] = step.state
    in_time = None
    if not refunded:
        in_time = base_states(codes, lunch_id)
        effective = [r["event"] for r in seen.values() if r["status"] == "applied"
                     and r["event"]["kind"] in ("check_in", "exit")]
        for e in sorted(effective, key=lambda e: e["occurred_at"]):
            in_time[e["access_code"]] = apply_scan(in_time[e["access_code"]], scan_of(e)).state
    return states, conflicts, in_time


def scan_of(e: dict) -> Scan:
    return Scan(e["kind"], dt.datetime.fromisoformat(e["occurred_at"]), e["station"], e["product_type"],
                e["product_id"])
