"""A deactivated ticket type or add-on is not sold, said in words; what was sold before stays valid at the door."""

import pytest

from server.checkin.service import check_in
from server.conferences.service import set_product_active
from server.errors import Conflict
from server.orders.service import AttendeeDetails, Cart, place_order
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type

BUYER = AttendeeDetails(first_name="Grace", last_name="Hopper", email="grace@example.org")


def test_a_deactivated_ticket_type_or_add_on_is_refused_in_words(session):
    conference = make_conference(session)
    standard = make_ticket_type(session, conference, name="Standard")
    lunch = make_addon(session, conference, name="Lunch")
    set_product_active(session, standard, False)
    with pytest.raises(Conflict) as refused:
        place_order(session, conference, Cart(buyer=BUYER, tickets={standard.id: 1}))
    assert (refused.value.code, refused.value.message) == (
        "deactivated", "'Standard' is no longer on sale: the organizer has withdrawn it.")
    set_product_active(session, standard, True)
    set_product_active(session, lunch, False)
    with pytest.raises(Conflict, match=r"^'Lunch' is no longer on sale: the organizer has withdrawn it\.$"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={standard.id: 1}, addons={lunch.id: 1}))
    set_product_active(session, lunch, True)
    assert place_order(session, conference, Cart(buyer=BUYER, tickets={standard.id: 1}, addons={lunch.id: 1}))


def test_a_ticket_sold_before_deactivation_still_checks_in(session):
    conference = make_conference(session)
    standard = make_ticket_type(session, conference, name="Standard")
    attendee = make_attendee(session, conference, ticket_type=standard)
    set_product_active(session, standard, False)
    check_in(session, attendee=attendee, station="Door A")
    assert attendee.checked_in_at is not None
