import datetime as dt

import pytest
from sqlalchemy import select

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


def test_seat_counters_agree_with_the_orders_through_every_transition(session):
    """The counters validation reads must always equal a count made afresh over the orders."""
    from decimal import Decimal

    from server.attendees.bulk import TicketHolder, write_ticket_holders
    from server.conferences.models import AddOn, Conference, TicketType
    from server.orders.holds import release_expired_holds
    from server.orders.service import (
        AttendeeDetails,
        Cart,
        cancel_order,
        mark_paid,
        place_order,
        refund_order,
    )

    conference = make_conference(session, total_capacity=100)
    standard = make_ticket_type(session, conference, name="Standard", total_quantity=50)
    lunch = make_addon(session, conference, name="Lunch", total_quantity=80)
    buyer = AttendeeDetails(first_name="B", email="b@example.org")

    def sold(product_is) -> int:
        """The recount over the orders: what paid, partly refunded and pending-with-a-live-hold orders hold."""
        from sqlalchemy import and_, func, or_

        from server.orders.models import Order, OrderLineItem

        return int(session.scalar(
            select(func.coalesce(func.sum(OrderLineItem.quantity), 0)).join(Order, OrderLineItem.order_id == Order.id)
            .where(Order.conference_id == conference.id, product_is(OrderLineItem),
                   or_(Order.status.in_(["paid", "partially_refunded"]),
                       and_(Order.status == "pending", Order.hold_expires_at > utcnow())))))

    def check():
        session.flush()
        release_expired_holds(session)
        counted = session.execute(
            select(Conference.seats_taken).where(Conference.id == conference.id)).scalar()
        tt = session.execute(select(TicketType.quantity_taken)
                             .where(TicketType.id == standard.id)).scalar()
        ad = session.execute(select(AddOn.quantity_taken).where(AddOn.id == lunch.id)).scalar()
        assert (counted, tt, ad) == (get_global_sold_count(session, conference),
                                     sold(lambda line: line.ticket_type_id == standard.id),
                                     sold(lambda line: line.addon_id == lunch.id))
        return counted, tt, ad

    a = place_order(session, conference, Cart(buyer=buyer, tickets={standard.id: 3}, addons={lunch.id: 2}))
    assert check() == (3, 3, 2)
    mark_paid(session, a)
    b = place_order(session, conference, Cart(buyer=buyer, tickets={standard.id: 2}))
    assert check() == (5, 5, 2)
    cancel_order(session, b)
    assert check() == (3, 3, 2)
    refund_order(session, a, Decimal("10.00"))  # partial: seats stay taken
    assert check() == (3, 3, 2)
    refund_order(session, a)  # the rest: seats come back
    assert check() == (0, 0, 0)
    make_order(session, conference, status="pending", tickets={standard: 4},
               hold_expires_at=utcnow() - dt.timedelta(minutes=1))  # an expired hold
    assert check() == (0, 0, 0)  # released when counted
    write_ticket_holders(session, conference, [
        TicketHolder(first_name="P", last_name=str(n), email=f"p{n}@example.org", ticket_type=standard,
                     addons=((lunch, 1),), status=status)
        for n, status in enumerate([OrderStatus.PAID] * 3 + [OrderStatus.CANCELLED, OrderStatus.REFUNDED])])
    assert check() == (3, 3, 3)
    validate_global_capacity(session, conference, 97)
    with pytest.raises(Conflict, match="Only 97 tickets remaining"):
        validate_global_capacity(session, conference, 98)


def test_a_pending_order_without_a_hold_expiry_takes_no_seat_in_the_count_nor_in_validation(session):
    """Reference sold count: PENDING counts only with a live hold. Validation agrees, so such an order
    neither shows as sold nor blocks the venue for ever (no hold release would ever reach it)."""
    from server.attendees.bulk import TicketHolder, write_ticket_holders

    conference = make_conference(session, total_capacity=5)
    ticket = make_ticket_type(session, conference, total_quantity=5)
    order = make_order(session, conference, status="pending", tickets={ticket: 2})  # a live hold: counted
    assert get_global_sold_count(session, conference) == 2
    order.hold_expires_at = None  # say, an order taken for payment by invoice
    session.flush()
    write_ticket_holders(session, conference, [TicketHolder(first_name="P", last_name="", email="p@example.org",
                                                            ticket_type=ticket, status=OrderStatus.PENDING)])
    session.commit()
    assert get_global_sold_count(session, conference) == 0
    assert get_global_remaining(session, conference) == 5
    validate_global_capacity(session, conference, 5)  # all five seats can still be sold
    with pytest.raises(Conflict, match=r"^Only 5 tickets remaining for this conference \(venue capacity: 5\)\.$"):
        validate_global_capacity(session, conference, 6)
    session.rollback()
    order.hold_expires_at = utcnow() + dt.timedelta(minutes=15)  # a hold again: counted again
    session.flush()
    assert get_global_sold_count(session, conference) == 2
    with pytest.raises(Conflict, match=r"^Only 3 tickets remaining"):
        validate_global_capacity(session, conference, 4)
