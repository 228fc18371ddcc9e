"""Property: random check-in rules, random scans at two offline kiosks → the kiosks' folds are the server's.

Each kiosk decides offline from what it synced plus its own scans (the summary state the cache keeps,
and the passages it knows); the server folds every upload, each in occurrence order, onto the whole
set of passages, and records a conflict where its fold refuses a scan a kiosk let through. Then:

- a kiosk's verdict is the server's verdict on the same knowledge (summary or passages alike);
- the server's state is the fold of the passages it applied; every scan a kiosk let through is either
  applied or a conflict (nothing lost), and nothing else is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.checkin_lists import CheckinList, CompiledList
from shared.checkin_rules import VERSION
from shared.decisions import AttendeeState, Holding, Outcome, Passage
from shared.scan_effects import Scan, apply_scan, with_passages
from tests.checkin_rules.corpus import VENUE

T0 = dt.datetime(2026, 5, 11, 6, 0, tzinfo=dt.UTC)  # 08:00 in Berlin, conference day 1
STATIONS = ("Main door", "Staff entrance")


def var(name: str) -> dict:
    return {"var": name}


atoms = st.one_of(
    st.builds(lambda n: {"<": [var("entries_today"), n]}, st.integers(1, 3)),
    st.builds(lambda n: {"<=": [var("entries_number"), n]}, st.integers(0, 4)),
    st.builds(lambda n: {"<": [var("entries_days"), n]}, st.integers(1, 3)),
    st.builds(lambda n: {"or": [{"==": [var("minutes_since_last_entry"), -1]},
                                {">=": [var("minutes_since_last_entry"), n]}]}, st.integers(1, 300)),
    st.builds(lambda h: {"isBefore": [var("now"), {"buildTime": ["customtime", f"{h:02d}:00"]}]}, st.integers(8, 20)),
    st.builds(lambda h: {"isAfter": [var("now"), {"buildTime": ["customtime", f"{h:02d}:00"]}]}, st.integers(6, 12)),
    st.builds(lambda s: {"==": [var("station"), s]}, st.sampled_from(STATIONS)),
    st.builds(lambda d: {"inList": [var("conference_day"), d]}, st.lists(st.integers(1, 4), min_size=1, unique=True)),
    st.builds(lambda s: {"==": [var("entry_status"), s]}, st.sampled_from(["present", "absent"])),
)
rules = st.recursive(atoms, lambda inner: st.builds(lambda op, cs: {op: cs}, st.sampled_from(["and", "or"]),
                                                     st.lists(inner, min_size=1, max_size=3)), max_leaves=5)
lists = st.builds(
    lambda rule, multiple, re_entry: CheckinList(1, "Doors", allow_multiple_entries=multiple,
                                                 allow_entry_after_exit=re_entry, stations=frozenset(STATIONS),
                                                 rules={"version": VERSION, "rule": rule}),
    rules, st.booleans(), st.booleans())
# (kiosk, check-in or exit, minutes since the last action, station) or a sync of one kiosk
actions = st.one_of(
    st.tuples(st.just("scan"), st.integers(0, 1), st.booleans(), st.integers(1, 600), st.sampled_from(STATIONS)),
    st.tuples(st.just("sync"), st.integers(0, 1)))


def fresh() -> AttendeeState:
    return AttendeeState("ADA00001", "Ada", "", "Conference", "paid", holdings=(Holding("ticket_type", 1, "Conference"),))


@settings(max_examples=300, deadline=None)
@given(checkin_list=lists, history=st.lists(actions, max_size=30))
def test_two_offline_kiosks_and_the_server_fold_alike(checkin_list, history):
    compiled = CompiledList(checkin_list, VENUE)
    server = with_passages(fresh(), [])  # every passage: the server's form
    synced = [replace(server, passages=None) for _ in range(2)]  # the summary a kiosk's cache keeps
    known = [(), ()]  # the passages each kiosk has synced
    waiting: list[list[tuple[Scan, Passage]]] = [[], []]
    admitted_offline, conflicts = set(), set()
    at = T0
    for action in history:
        if action[0] == "scan":
            _, k, entering, minutes, station = action
            at += dt.timedelta(minutes=minutes)
            scan = Scan("check_in" if entering else "exit", at, station)
            mine = tuple(p for _, p in waiting[k])
            state = synced[k]
            for earlier, _ in waiting[k]:
                state = apply_scan(state, earlier).state or state
            step = apply_scan(state, scan, compiled, passages=known[k] + mine)
            # The same knowledge in the server's form decides the same.
            twin = apply_scan(with_passages(fresh(), known[k] + mine), scan, compiled)
            assert (step.verdict.outcome, step.verdict.explanation) == (twin.verdict.outcome, twin.verdict.explanation)
            if step.verdict.outcome is not Outcome.REFUSE:
                waiting[k].append((scan, Passage(at, entering, station)))
                admitted_offline.add(scan)
        else:
            server = upload(server, waiting[action[1]], compiled, conflicts)
            synced[action[1]], known[action[1]] = replace(server, passages=None), server.passages or ()
    for k in (0, 1):  # everyone back online
        server = upload(server, waiting[k], compiled, conflicts)
    # The server's state is the fold of its passages, and each of them was admitted by a kiosk.
    assert server == with_passages(fresh(), server.passages or ())
    assert {(p.at, p.entering) for p in server.passages or ()} <= {(s.at, s.kind == "check_in") for s in admitted_offline}
    assert conflicts <= admitted_offline
    assert len(server.passages or ()) + len(conflicts) == len(admitted_offline)  # nothing lost


def upload(server: AttendeeState, waiting: list, compiled: CompiledList, conflicts: set) -> AttendeeState:
    """One kiosk's upload, folded in occurrence order: a scan the rules now refuse is a conflict."""
    for scan, _ in sorted(waiting, key=lambda w: w[0].at):
        step = apply_scan(server, scan, compiled)
        if step.crossed_a_limit:
            conflicts.add(scan)
        else:
            server = step.state or server
    waiting.clear()
    return server
