import datetime as dt

import pytest

from server.capacity.service import get_global_remaining, get_global_sold_count, validate_global_capacity
from server.db.base import utcnow
from server.errors import Conflict
from server.orders.models import OrderStatus
from tests.factories import make_addon, make_conference, make_order, make_ticket_type


def test_sold_count_counts_paid_partially_refunded_and_live_holds_only(session):
    conference = make_conference(session, total_capacity=100)
    ticket = make_ticket_type(session, conference)
    for status, quantity in [("paid", 3), ("partially_refunded", 2), ("refunded", 5), ("cancelled", 7)]:
        make_order(session, conference, status=status, tickets={ticket: quantity})
    make_order(session, conference, status="pending", tickets={ticket: 4})  # live hold
    make_order(session, conference, status="pending", tickets={ticket: 6},
               hold_expires_at=utcnow() - dt.timedelta(seconds=1))  # expired hold
    assert get_global_sold_count(session, conference) == 3 + 2 + 4


def test_addons_take_no_seats(session):
    conference = make_conference(session, total_capacity=10)
    ticket = make_ticket_type(session, conference)
    lunch = make_addon(session, conference)
    make_order(session, conference, tickets={ticket: 2}, addons={lunch: 5})
    assert get_global_sold_count(session, conference) == 2


def test_sales_of_a_deleted_ticket_type_still_count(session):
    conference = make_conference(session, total_capacity=10)
    ticket = make_ticket_type(session, conference)
    make_order(session, conference, tickets={ticket: 4})
    session.delete(ticket)
    session.flush()
    session.expire_all()
    assert get_global_sold_count(session, conference) == 4
    assert get_global_remaining(session, conference) == 6


def test_other_conferences_sales_do_not_count(session):
    ours, theirs = make_conference(session, total_capacity=10), make_conference(session, total_capacity=10)
    make_order(session, theirs, tickets={make_ticket_type(session, theirs): 9})
    assert get_global_sold_count(session, ours) == 0


def test_unlimited_conference_has_no_remaining_and_never_refuses(session):
    conference = make_conference(session, total_capacity=0)
    make_order(session, conference, tickets={make_ticket_type(session, conference): 50})
    assert get_global_remaining(session, conference) is None
    validate_global_capacity(session, conference, 10_000)


def test_validation_messages_match_the_reference(session):
    conference = make_conference(session, total_capacity=10)
    ticket = make_ticket_type(session, conference)
    make_order(session, conference, tickets={ticket: 8})
    validate_global_capacity(session, conference, 2)
    with pytest.raises(Conflict, match=r"^Only 2 tickets remaining for this conference \(venue capacity: 10\)\.$"):
        validate_global_capacity(session, conference, 3)
    make_order(session, conference, tickets={ticket: 2})
    with pytest.raises(Conflict, match=r"^This conference is sold out \(venue capacity: 10\)\.$") as error:
        validate_global_capacity(session, conference, 1)
    assert error.value.code == "sold_out"


def test_validation_reads_capacity_after_locking_not_from_a_stale_object(session_factory):
    with session_factory() as session:
        conference = make_conference(session, total_capacity=0)
        make_order(session, conference, tickets={make_ticket_type(session, conference): 5})
        session.commit()
    with session_factory() as other:
        other.get(type(conference), conference.id).total_capacity = 5
        other.commit()
    with session_factory() as session:
        stale = conference  # still says unlimited
        assert stale.total_capacity == 0
        with pytest.raises(Conflict, match="sold out"):
            validate_global_capacity(session, stale, 1)


def test_remaining_reflects_statuses(session):
    conference = make_conference(session, total_capacity=5)
    ticket = make_ticket_type(session, conference)
    order = make_order(session, conference, tickets={ticket: 2})
    assert get_global_remaining(session, conference) == 3
    order.status = OrderStatus.REFUNDED
    session.flush()
    assert get_global_remaining(session, conference) == 5
