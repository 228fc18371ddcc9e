import datetime as dt

import pytest

from shared.decisions import AttendeeState, Holding, Outcome, Reason, ScanKind, decide

LUNCH = Holding(product_type="addon", product_id=7, name="Lunch", quantity=2, redeemed=0, line_item_id=1)


def person(status="paid", **kwargs):
    return AttendeeState(access_code="A3K9M2X1", name="Ada", company="", ticket_type="Standard", order_status=status,
                         holdings=(Holding(product_type="ticket_type", product_id=1, name="Standard"), LUNCH), **kwargs)


@pytest.mark.parametrize(("status", "outcome", "reason"), [
    ("paid", Outcome.ACCEPT, Reason.OK), ("partially_refunded", Outcome.ACCEPT, Reason.OK),
    ("pending", Outcome.REFUSE, Reason.UNPAID), ("refunded", Outcome.REFUSE, Reason.REFUNDED),
    ("cancelled", Outcome.REFUSE, Reason.CANCELLED), (None, Outcome.REFUSE, Reason.UNPAID)])
def test_check_in_order_gate(status, outcome, reason):
    verdict = decide(ScanKind.CHECK_IN, person(status))
    assert (verdict.outcome, verdict.reason) == (outcome, reason)


def test_re_entry_is_allowed_but_reported():
    at = dt.datetime(2026, 5, 1, 9, 14, tzinfo=dt.UTC)
    verdict = decide(ScanKind.CHECK_IN, person(last_check_in_at=at, last_check_in_station="Door B"))
    assert (verdict.outcome, verdict.reason, verdict.admitted) == (Outcome.WARN, Reason.ALREADY_CHECKED_IN, True)


def test_unknown_badge():
    assert decide(ScanKind.CHECK_IN, None).reason is Reason.NOT_FOUND


def test_door_check_needs_the_product():
    assert decide(ScanKind.DOOR_CHECK, person(), product_type="addon", product_id=7).reason is Reason.OK
    assert decide(ScanKind.DOOR_CHECK, person(), product_type="addon", product_id=8).reason is Reason.PRODUCT_NOT_PURCHASED
    assert decide(ScanKind.DOOR_CHECK, person(), product_type="ticket_type", product_id=1).reason is Reason.OK
    assert decide(ScanKind.DOOR_CHECK, person("refunded"), product_type="addon", product_id=7).reason is Reason.REFUNDED


def test_redemption_up_to_quantity():
    verdict = decide(ScanKind.REDEMPTION, person(), product_id=7)
    assert verdict.reason is Reason.OK and verdict.holding.remaining == 2
    used_up = AttendeeState(**{**person().__dict__, "holdings": (Holding("addon", 7, "Lunch", 2, 2),)})
    assert decide(ScanKind.REDEMPTION, used_up, product_id=7).reason is Reason.FULLY_REDEEMED


def test_exit_of_someone_never_inside_is_reported():
    assert decide(ScanKind.EXIT, person(inside=True)).reason is Reason.OK
    assert decide(ScanKind.EXIT, person()).reason is Reason.NOT_CHECKED_IN


def test_what_a_station_scans_is_recorded_and_sent_under_the_same_kind():
    """A kiosk writes its station's ScanKind as the event's kind: each must be an EventKind the server takes."""
    from shared.protocol import EventKind

    assert {kind.value for kind in ScanKind} <= {kind.value for kind in EventKind}
