"""Races with real threads, each on its own connection, released together by a barrier."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from sqlalchemy import func, select

from server.attendees.models import Attendee
from server.checkin.models import ProductRedemption
from server.checkin.service import redeem_product
from server.db.engine import unit_of_work
from server.errors import Conflict
from server.orders.models import Order, OrderLineItem, OrderStatus
from server.orders.service import AttendeeDetails, Cart, place_order
from server.sponsors import bulk_purchases
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus
from server.sponsors.service import create_sponsor
from server.vouchers.models import Voucher, VoucherType
from tests.factories import make_addon, make_attendee, make_conference, make_order, make_ticket_type


def race(workers: int, attempt) -> list[str]:
    """Run ``attempt()`` in ``workers`` threads at once; returns 'ok' or the error code of each."""
    barrier = threading.Barrier(workers)

    def one(_):
        barrier.wait()
        try:
            attempt()
            return "ok"
        except Conflict as error:
            return error.code

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, range(workers)))


def test_fifty_buyers_for_the_last_ten_seats_get_exactly_ten_orders(session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, total_capacity=100)
        ticket = make_ticket_type(session, conference)
        make_order(session, conference, tickets={ticket: 90})
        conference_id, ticket_id = conference.id, ticket.id

    def buy():
        with unit_of_work(session_factory) as session:
            place_order(session, session.get(type(conference), conference_id),
                        Cart(buyer=AttendeeDetails(first_name="B", email="b@example.org"), tickets={ticket_id: 1}))

    outcomes = race(50, buy)
    assert outcomes.count("ok") == 10
    assert set(outcomes) == {"ok", "sold_out"}
    with session_factory() as session:
        pending = session.scalar(select(func.count(Order.id)).where(Order.status == OrderStatus.PENDING))
        seats = session.scalar(select(func.sum(OrderLineItem.quantity)).where(OrderLineItem.ticket_type_id == ticket_id))
    assert (pending, seats) == (10, 100)


def test_concurrent_redemptions_of_a_single_lunch_redeem_it_once(session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session)
        lunch = make_addon(session, conference)
        attendee = make_attendee(session, conference, addons={lunch: 1})
        attendee_id = attendee.id
        item_id = next(i.id for i in attendee.order.line_items if i.addon_id)

    def redeem():
        with unit_of_work(session_factory) as session:
            redeem_product(session, attendee=session.get(Attendee, attendee_id),
                           order_line_item=session.get(OrderLineItem, item_id))

    outcomes = race(12, redeem)
    assert sorted(outcomes) == ["fully_redeemed"] * 11 + ["ok"]
    with session_factory() as session:
        assert session.scalar(select(func.count(ProductRedemption.id))) == 1


def test_concurrent_fulfilment_generates_the_vouchers_once(session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session)
        sponsor = create_sponsor(session, conference, name="Acme", slug="acme")
        purchase = bulk_purchases.create_bulk_purchase(
            session, sponsor, 20, None, Decimal("10.00"), voucher_config=bulk_purchases.BulkVoucherConfig(voucher_type=VoucherType.COMP, discount_value=Decimal(100)))
        purchase.payment_status = BulkPurchaseStatus.PROCESSING
        purchase_id = purchase.id

    generated = []

    def fulfil():
        with unit_of_work(session_factory) as session:
            generated.append(len(bulk_purchases.fulfill_bulk_purchase(session, session.get(BulkPurchase, purchase_id))))

    assert race(8, fulfil) == ["ok"] * 8
    assert sorted(generated) == [0] * 7 + [20]
    with session_factory() as session:
        assert session.scalar(select(func.count(Voucher.id))) == 20
