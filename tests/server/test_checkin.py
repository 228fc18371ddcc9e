import datetime as dt

import pytest

from server.checkin.models import CheckIn
from server.checkin.service import (
    AttendeeNotFound,
    check_in,
    get_badge_data,
    get_redeemable_products,
    lookup_attendee,
    record_door_check,
    redeem_product,
    validate_order_status,
)
from server.errors import Conflict
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("paid", None),
        ("partially_refunded", None),
        ("pending", "Order status is 'Pending' — check-in not allowed."),
        ("refunded", "Order status is 'Refunded' — check-in not allowed."),
        ("cancelled", "Order status is 'Cancelled' — check-in not allowed."),
    ],
)
def test_order_status_gate(session, status, expected):
    assert validate_order_status(make_attendee(session, order_status=status)) == expected


def test_attendee_without_order_may_not_check_in(session):
    attendee = make_attendee(session, order_status=None)
    assert validate_order_status(attendee) == "Attendee has no associated order."


def test_lookup_finds_by_code_only_within_the_conference(session):
    attendee = make_attendee(session)
    other = make_conference(session)
    found = lookup_attendee(session, conference=attendee.conference, access_code=attendee.access_code)
    assert found.id == attendee.id
    with pytest.raises(AttendeeNotFound):
        lookup_attendee(session, conference=other, access_code=attendee.access_code)
    with pytest.raises(AttendeeNotFound):
        lookup_attendee(session, conference=attendee.conference, access_code="ZZZZZZZZ")


def test_re_entry_is_recorded_and_first_check_in_time_kept(session):
    attendee = make_attendee(session)
    first = dt.datetime(2026, 5, 1, 9, 14, tzinfo=dt.UTC)
    check_in(session, attendee=attendee, station="Door B", at=first)
    check_in(session, attendee=attendee, station="Door A", at=first + dt.timedelta(hours=3))
    session.expire_all()
    assert attendee.checked_in_at == first
    assert [c.station for c in session.query(CheckIn).order_by(CheckIn.id)] == ["Door B", "Door A"]
    badge = get_badge_data(session, attendee)
    assert badge["check_in_count"] == 2 and badge["checked_in"] is True and badge["first_check_in_at"] == first


def test_badge_data_shows_name_ticket_and_addons(session):
    conference = make_conference(session)
    lunch = make_addon(session, conference, name="Lunch")
    attendee = make_attendee(session, conference, addons={lunch: 2}, ticket_type=make_ticket_type(session, conference, name="VIP"))
    badge = get_badge_data(session, attendee)
    assert badge["name"] == "Ada Lovelace"
    assert badge["ticket_type"] == "VIP"
    assert badge["checked_in"] is False and badge["check_in_count"] == 0
    assert [(p["name"], p["quantity"]) for p in badge["products"]] == [("Lunch", 2)]


def test_door_check_needs_exactly_one_product_of_the_attendees_conference(session):
    attendee = make_attendee(session)
    own_addon = make_addon(session, attendee.conference, name="Tutorial")
    other = make_conference(session)
    with pytest.raises(ValueError, match="^Exactly one of ticket_type or addon must be provided.$"):
        record_door_check(session, attendee=attendee)
    with pytest.raises(ValueError, match="^Exactly one of ticket_type or addon must be provided.$"):
        record_door_check(session, attendee=attendee, addon=own_addon, ticket_type=attendee.ticket_type)
    with pytest.raises(ValueError, match="^Ticket type does not belong to the attendee's conference.$"):
        record_door_check(session, attendee=attendee, ticket_type=make_ticket_type(session, other))
    with pytest.raises(ValueError, match="^Add-on does not belong to the attendee's conference.$"):
        record_door_check(session, attendee=attendee, addon=make_addon(session, other))
    check = record_door_check(session, attendee=attendee, addon=own_addon, station="Room 1")
    assert check.addon_id == own_addon.id and check.station == "Room 1"


def test_redemption_up_to_the_purchased_quantity(session):
    conference = make_conference(session)
    lunch = make_addon(session, conference, name="Lunch")
    attendee = make_attendee(session, conference, addons={lunch: 2})
    [product] = get_redeemable_products(session, attendee)
    assert (product["description"], product["quantity"], product["remaining"]) == ("Lunch", 2, 2)
    line_item = next(i for i in attendee.order.line_items if i.addon_id == lunch.id)
    redeem_product(session, attendee=attendee, order_line_item=line_item)
    assert get_redeemable_products(session, attendee)[0]["remaining"] == 1
    redeem_product(session, attendee=attendee, order_line_item=line_item)
    assert get_redeemable_products(session, attendee) == []
    with pytest.raises(Conflict, match=r"^Product 'Lunch' is fully redeemed \(2/2\)\.$"):
        redeem_product(session, attendee=attendee, order_line_item=line_item)


def test_redemption_refuses_a_line_item_of_someone_elses_order(session):
    conference = make_conference(session)
    lunch = make_addon(session, conference)
    attendee = make_attendee(session, conference, addons={lunch: 1})
    stranger = make_attendee(session, conference, addons={lunch: 1})
    strangers_item = next(i for i in stranger.order.line_items if i.addon_id)
    with pytest.raises(ValueError, match="^Line item does not belong to the attendee's order.$"):
        redeem_product(session, attendee=attendee, order_line_item=strangers_item)


def test_no_order_means_nothing_to_redeem(session):
    assert get_redeemable_products(session, make_attendee(session, order_status=None)) == []
