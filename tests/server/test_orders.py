import datetime as dt
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from server.attendees.models import Attendee
from server.attendees.repository import order_attendees
from server.capacity.service import get_global_sold_count
from server.db.base import utcnow
from server.errors import Conflict, InvalidInput
from server.orders.holds import release_expired_holds
from server.orders.models import OrderStatus
from server.orders.service import (
    AttendeeDetails,
    Cart,
    cancel_order,
    mark_paid,
    place_order,
    refund_order,
)
from server.vouchers.models import VoucherType
from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes
from tests.factories import make_addon, make_conference, make_ticket_type

BUYER = AttendeeDetails(first_name="Grace", last_name="Hopper", email="grace@example.org", company="Navy")


def voucher(session, conference, **kwargs):
    values = dict(conference=conference, prefix="V-", count=1, voucher_type=VoucherType.PERCENTAGE,
                  discount_value=Decimal(50))
    [v] = generate_voucher_codes(session, VoucherBulkConfig(**(values | kwargs)))
    return v


def test_order_is_pending_with_a_15_minute_hold_and_correct_totals(session):
    conference = make_conference(session, total_capacity=10)
    ticket = make_ticket_type(session, conference, price="100.00")
    lunch = make_addon(session, conference, price="20.00")
    now = utcnow()
    order = place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 2}, addons={lunch.id: 3}), now=now)
    assert order.status is OrderStatus.PENDING
    assert order.hold_expires_at == now + dt.timedelta(minutes=15)
    assert order.reference.startswith("ORD-") and len(order.reference) == 12
    assert (order.subtotal, order.discount_amount, order.total) == (Decimal("260.00"), 0, Decimal("260.00"))
    assert get_global_sold_count(session, conference) == 2
    assert session.scalars(select(Attendee)).all() == []  # not paid yet


def test_payment_creates_one_attendee_per_ticket_with_unique_codes(session):
    conference = make_conference(session)
    ticket = make_ticket_type(session, conference)
    people = [AttendeeDetails(first_name=n, email=f"{n}@example.org") for n in ("Ann", "Bob", "Cy")]
    order = place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 3}, attendees=people))
    mark_paid(session, order)
    attendees = order_attendees(session, order.id)
    assert order.status is OrderStatus.PAID and order.paid_at is not None
    assert [a.first_name for a in attendees] == ["Ann", "Bob", "Cy"]
    assert len({a.access_code for a in attendees}) == 3
    assert all(re.fullmatch(r"[A-Z0-9]{8}", a.access_code) for a in attendees)
    with pytest.raises(Conflict, match="only a pending order can be paid"):
        mark_paid(session, order)


def test_tickets_default_to_the_buyer(session):
    conference = make_conference(session)
    order = place_order(session, conference, Cart(buyer=BUYER, tickets={make_ticket_type(session, conference).id: 2}))
    mark_paid(session, order)
    assert [(a.full_name, a.company) for a in order_attendees(session, order.id)] == [("Grace Hopper", "Navy")] * 2


@pytest.mark.parametrize(("kind", "value", "total"), [
    (VoucherType.PERCENTAGE, 25, "150.00"), (VoucherType.FIXED_AMOUNT, 30, "170.00"),
    (VoucherType.FIXED_AMOUNT, 500, "0.00")])
def test_voucher_discounts(session, kind, value, total):
    conference = make_conference(session)
    ticket = make_ticket_type(session, conference, price="100.00")
    code = voucher(session, conference, voucher_type=kind, discount_value=Decimal(value)).code
    order = place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 2}, voucher_code=code))
    assert order.total == Decimal(total)


def test_comp_voucher_order_is_paid_at_once(session):
    conference = make_conference(session)
    ticket = make_ticket_type(session, conference, price="100.00")
    code = voucher(session, conference, voucher_type=VoucherType.COMP, discount_value=Decimal(100)).code
    order = place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}, voucher_code=code))
    assert order.total == 0 and order.status is OrderStatus.PAID
    assert len(session.scalars(select(Attendee)).all()) == 1


def test_voucher_restricted_to_other_products_discounts_only_those(session):
    conference = make_conference(session)
    ticket = make_ticket_type(session, conference, price="100.00")
    lunch = make_addon(session, conference, price="20.00")
    code = voucher(session, conference, voucher_type=VoucherType.COMP, applicable_addons=[lunch]).code
    order = place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}, addons={lunch.id: 2},
                                                  voucher_code=code))
    assert order.total == Decimal("100.00")


def test_voucher_use_count_validity_and_activity(session):
    conference = make_conference(session)
    ticket = make_ticket_type(session, conference)
    single = voucher(session, conference, max_uses=1)
    cart = Cart(buyer=BUYER, tickets={ticket.id: 1}, voucher_code=single.code)
    place_order(session, conference, cart)
    assert single.times_used == 1
    with pytest.raises(Conflict, match="has been used up"):
        place_order(session, conference, cart)
    expired = voucher(session, conference, valid_until=utcnow() - dt.timedelta(days=1),
                      valid_from=utcnow() - dt.timedelta(days=2))
    with pytest.raises(Conflict, match="has expired"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}, voucher_code=expired.code))
    future = voucher(session, conference, valid_from=utcnow() + dt.timedelta(days=1))
    with pytest.raises(Conflict, match="not valid yet"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}, voucher_code=future.code))
    inactive = voucher(session, conference)
    inactive.is_active = False
    with pytest.raises(Conflict, match="no longer active"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}, voucher_code=inactive.code))
    with pytest.raises(InvalidInput, match="'NOPE' is not valid"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}, voucher_code="NOPE"))


def test_hidden_ticket_needs_an_unlocking_voucher(session):
    conference = make_conference(session)
    speaker = make_ticket_type(session, conference, name="Speaker", requires_voucher=True)
    with pytest.raises(Conflict, match="'Speaker' requires a voucher"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={speaker.id: 1}))
    plain = voucher(session, conference)
    with pytest.raises(Conflict, match="requires a voucher"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={speaker.id: 1}, voucher_code=plain.code))
    unlocking = voucher(session, conference, unlocks_hidden_tickets=True, applicable_ticket_types=[speaker])
    order = place_order(session, conference, Cart(buyer=BUYER, tickets={speaker.id: 1}, voucher_code=unlocking.code))
    assert order.status is OrderStatus.PENDING


def test_addon_that_requires_a_ticket_type(session):
    conference = make_conference(session)
    standard, student = make_ticket_type(session, conference), make_ticket_type(session, conference, name="Student")
    tutorial = make_addon(session, conference, name="Tutorial", requires_ticket_types=[standard])
    with pytest.raises(Conflict, match="'Tutorial' requires one of these tickets: Standard"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={student.id: 1}, addons={tutorial.id: 1}))
    place_order(session, conference, Cart(buyer=BUYER, tickets={standard.id: 1}, addons={tutorial.id: 1}))


def test_capacity_global_per_ticket_type_and_per_addon(session):
    conference = make_conference(session, total_capacity=5)
    ticket = make_ticket_type(session, conference, total_quantity=3)
    other = make_ticket_type(session, conference)
    tutorial = make_addon(session, conference, total_quantity=1)
    with pytest.raises(Conflict, match=r"^Only 3 of 'Standard' remaining\.$"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 4}))
    place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 3}, addons={tutorial.id: 1}))
    with pytest.raises(Conflict, match="sold out"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={other.id: 1}, addons={tutorial.id: 1}))
    with pytest.raises(Conflict, match=r"^Only 2 tickets remaining for this conference \(venue capacity: 5\)\.$"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={other.id: 3}))


def test_ticket_outside_its_sale_window_or_inactive(session):
    conference = make_conference(session)
    later = make_ticket_type(session, conference, available_from=utcnow() + dt.timedelta(days=1))
    with pytest.raises(Conflict, match="is not on sale"):
        place_order(session, conference, Cart(buyer=BUYER, tickets={later.id: 1}))


@pytest.mark.parametrize(("cart_kwargs", "message"), [
    ({"tickets": {}}, "at least one ticket"),
    ({"tickets": {"T": 0}}, "at least 1"),
    ({"tickets": {"T": 2}, "attendees": [BUYER]}, "each of the 2 tickets"),
    ({"tickets": {999999: 1}}, "does not exist"),
])
def test_bad_carts_are_refused_and_write_nothing(session, cart_kwargs, message):
    conference = make_conference(session)
    ticket = make_ticket_type(session, conference)
    cart_kwargs = dict(cart_kwargs)
    tickets = {(ticket.id if k == "T" else k): q for k, q in cart_kwargs.pop("tickets").items()}
    with pytest.raises(InvalidInput, match=message):
        place_order(session, conference, Cart(buyer=BUYER, tickets=tickets, **cart_kwargs))
    assert get_global_sold_count(session, conference) == 0


def test_ticket_of_another_conference_is_refused(session):
    ours, theirs = make_conference(session), make_conference(session)
    with pytest.raises(InvalidInput, match="does not exist in"):
        place_order(session, ours, Cart(buyer=BUYER, tickets={make_ticket_type(session, theirs).id: 1}))


def test_expired_holds_are_released_with_their_voucher_use(session):
    conference = make_conference(session, total_capacity=1)
    ticket = make_ticket_type(session, conference)
    v = voucher(session, conference)
    started = utcnow() - dt.timedelta(minutes=16)
    order = place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}, voucher_code=v.code), now=started)
    assert release_expired_holds(session) == 1
    session.expire_all()
    assert order.status is OrderStatus.CANCELLED and v.times_used == 0
    place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}))  # the seat is free again


def test_full_and_partial_refunds(session):
    conference = make_conference(session, total_capacity=2)
    ticket = make_ticket_type(session, conference, price="100.00")
    order = place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 2}))
    mark_paid(session, order)
    refund_order(session, order, Decimal("30.00"))
    assert order.status is OrderStatus.PARTIALLY_REFUNDED and order.amount_refunded == Decimal("30.00")
    assert get_global_sold_count(session, conference) == 2
    with pytest.raises(InvalidInput, match="at most 170.00"):
        refund_order(session, order, Decimal("500"))
    refund_order(session, order)
    assert order.status is OrderStatus.REFUNDED and order.amount_refunded == Decimal("200.00")
    assert get_global_sold_count(session, conference) == 0
    with pytest.raises(Conflict, match="only a paid order can be refunded"):
        refund_order(session, order)


def test_cancel_pending_and_paid_but_not_refunded(session):
    conference = make_conference(session)
    ticket = make_ticket_type(session, conference)
    pending = place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}))
    assert cancel_order(session, pending).status is OrderStatus.CANCELLED
    paid = place_order(session, conference, Cart(buyer=BUYER, tickets={ticket.id: 1}))
    mark_paid(session, paid)
    assert cancel_order(session, paid).status is OrderStatus.CANCELLED
    with pytest.raises(Conflict, match="cannot be cancelled"):
        cancel_order(session, paid)
