"""The one reducer: what a scan does to an attendee's state, on the kiosk's summary and the server's passages."""

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.decisions import AttendeeState, Holding, Outcome, Reason
from shared.order_status import HOLDS_SEAT, admits_entry
from shared.scan_effects import Scan, Step, apply_scan, undo, with_passages

T0 = dt.datetime(2026, 5, 4, 8, 0, tzinfo=dt.UTC)


def fold(state: AttendeeState, scans: list[Scan]) -> tuple[AttendeeState, list[Step]]:
    """Scans (no undos) through the reducer in the order given."""
    steps = []
    for scan in scans:
        steps.append(step := apply_scan(state, scan))
        state = step.state
    return state, steps


def minutes(n: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=n)


def ada(*, server: bool, status: str = "paid", lunches: int = 1) -> AttendeeState:
    """Ada as the server knows her (every passage) or as a kiosk's cache does (the summary only)."""
    state = AttendeeState("ADA00001", "Ada Lovelace", "", "Standard", status,
                          holdings=(Holding("ticket_type", 1, "Standard"),
                                    Holding("addon", 7, "Lunch", quantity=lunches, redeemed=0, line_item_id=70)))
    return with_passages(state, []) if server else state


def summary(state: AttendeeState) -> tuple:
    return (state.inside, state.checked_in_at, state.last_check_in_at, state.last_check_in_station,
            tuple(h.redeemed for h in state.holdings))


def test_order_status_gate_and_seats_have_one_definition_each():
    assert [s for s in ("pending", "paid", "partially_refunded", "refunded", "cancelled", None) if admits_entry(s)] \
        == ["paid", "partially_refunded"]
    assert [s for s in ("pending", "paid", "partially_refunded", "refunded", "cancelled", None) if s in HOLDS_SEAT] \
        == ["pending", "paid", "partially_refunded"]


def test_first_check_in_is_the_earliest_even_when_it_arrives_last():
    state, steps = fold(ada(server=True), [Scan("check_in", minutes(60), "Door A"), Scan("check_in", minutes(5), "Door B")])
    assert [s.verdict.reason for s in steps] == [Reason.OK, Reason.ALREADY_CHECKED_IN]
    assert (state.checked_in_at, state.last_check_in_at, state.last_check_in_station) == (minutes(5), minutes(60), "Door A")


def test_a_late_check_in_before_an_exit_leaves_the_attendee_outside():
    state, _ = fold(ada(server=True), [Scan("check_in", minutes(0), "Door A"), Scan("exit", minutes(30), "Exit"),
                                       Scan("check_in", minutes(10), "Door B")])  # uploaded late by an offline kiosk
    assert state.inside is False and state.checked_in_at == minutes(0)


def test_undo_of_the_first_check_in_with_a_re_scan_keeps_the_re_scan():
    """The issue's case: the wrong badge scanned, taken back, the right one scanned again."""
    state, _ = fold(ada(server=True), [Scan("check_in", minutes(0), "Door A")])
    state = undo(state, Scan("check_in", minutes(0), "Door A"))
    state, _ = fold(state, [Scan("check_in", minutes(2), "Door A")])
    assert (state.checked_in_at, state.last_check_in_at, state.inside) == (minutes(2), minutes(2), True)


def test_a_single_lunch_is_redeemed_once_and_an_undo_gives_it_back():
    state, steps = fold(ada(server=True), [Scan("redemption", minutes(0), "Lunch", "addon", 7),
                                           Scan("redemption", minutes(1), "Lunch", "addon", 7)])
    assert [(s.verdict.outcome, s.crossed_a_limit) for s in steps] == [(Outcome.ACCEPT, False), (Outcome.REFUSE, True)]
    assert steps[1].verdict.reason is Reason.FULLY_REDEEMED and state.holdings[1].remaining == 0
    state = undo(state, Scan("redemption", minutes(0), "Lunch", "addon", 7))
    assert apply_scan(state, Scan("redemption", minutes(2), "Lunch", "addon", 7)).verdict.outcome is Outcome.ACCEPT


def test_a_refunded_order_admits_nothing_and_changes_nothing():
    state = ada(server=True, status="refunded")
    after, steps = fold(state, [Scan("check_in", minutes(0), "Door A"), Scan("redemption", minutes(1), "L", "addon", 7)])
    assert [s.verdict.reason for s in steps] == [Reason.REFUNDED, Reason.REFUNDED] and after == state


# Histories: (minute, kind) with distinct minutes, as scans at the doors of one attendee.
KINDS = ["check_in", "exit", "redemption", "door_check"]
histories = st.lists(st.tuples(st.integers(0, 600), st.sampled_from(KINDS)), max_size=12,
                     unique_by=lambda scan: scan[0])


def scans_of(history) -> list[Scan]:
    return [Scan(kind, minutes(m), f"Door {m % 3}", "addon" if kind in ("redemption", "door_check") else None,
                 7 if kind in ("redemption", "door_check") else None) for m, kind in history]


@settings(max_examples=200, deadline=None)
@given(histories, st.randoms(use_true_random=False))
def test_check_ins_and_exits_give_the_same_state_in_any_arrival_order(history, rng: random.Random):
    """The server keeps passages: late scans land where they happened, whatever order they come in."""
    scans = [s for s in scans_of(history) if s.kind in ("check_in", "exit")]
    in_time, _ = fold(ada(server=True), sorted(scans, key=lambda s: s.at))
    shuffled = list(scans)
    rng.shuffle(shuffled)
    any_order, _ = fold(ada(server=True), shuffled)
    assert summary(any_order) == summary(in_time)


@settings(max_examples=200, deadline=None)
@given(histories, st.integers(1, 2))
def test_a_kiosk_folding_its_scans_in_time_agrees_with_the_server(history, lunches):
    """A kiosk knows only the summary; scanning in time order, it must hold what the server holds."""
    scans = sorted(scans_of(history), key=lambda s: s.at)
    kiosk, kiosk_steps = fold(ada(server=False, lunches=lunches), scans)
    server, server_steps = fold(ada(server=True, lunches=lunches), scans)
    assert summary(kiosk) == summary(server)
    assert [(s.verdict.outcome, s.verdict.reason) for s in kiosk_steps] == \
        [(s.verdict.outcome, s.verdict.reason) for s in server_steps]
    assert all(h.redeemed <= h.quantity for h in server.holdings)
    # A conflict exactly where a limit is crossed: the redemptions past the quantity.
    redemptions = [s for s, scan in zip(server_steps, scans) if scan.kind == "redemption"]
    assert [s.crossed_a_limit for s in redemptions] == [n >= lunches for n in range(len(redemptions))]


@settings(max_examples=200, deadline=None)
@given(histories, st.data())
def test_undo_takes_back_exactly_one_scan(history, data):
    scans = sorted([s for s in scans_of(history) if s.kind != "door_check"], key=lambda s: s.at)
    if not scans:
        return
    taken_back = data.draw(st.sampled_from(scans))
    with_it, steps = fold(ada(server=True, lunches=2), scans)
    admitted = {id(scan) for scan, step in zip(scans, steps) if step.verdict.admitted}
    after_undo = undo(with_it, taken_back if id(taken_back) in admitted else None)
    without, _ = fold(ada(server=True, lunches=2), [s for s in scans if s is not taken_back])
    if taken_back.kind != "redemption" or id(taken_back) in admitted:
        assert summary(after_undo)[:4] == summary(without)[:4]
