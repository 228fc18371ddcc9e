"""A business refusal is a ValueError too (server.errors: code that catches ValueError for a refused
redemption or sale still works), with its stable code, and HTTP still says 409."""

import httpx
import pytest
from sqlalchemy import select

from server.checkin.service import redeem_product
from server.db.engine import unit_of_work
from server.orders.models import OrderLineItem
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type
from tests.live_server import live_server


def test_a_fully_redeemed_product_raises_a_value_error_with_its_code(session):
    conference = make_conference(session)
    lunch = make_addon(session, conference, name="Lunch")
    attendee = make_attendee(session, conference, addons={lunch: 2})
    line = session.scalar(select(OrderLineItem).where(OrderLineItem.addon_id == lunch.id))
    for _ in range(2):
        redeem_product(session, attendee=attendee, order_line_item=line)
    with pytest.raises(ValueError, match=r"^Product 'Lunch' is fully redeemed \(2/2\)\.$") as refused:
        redeem_product(session, attendee=attendee, order_line_item=line)
    assert (refused.value.http_status, refused.value.code) == (409, "fully_redeemed")


def test_a_business_refusal_is_still_409_over_http(database_url, session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", total_capacity=1)
        make_ticket_type(session, conference, slug="standard")
    buyer = {"first_name": "Grace", "email": "grace@example.org"}
    with live_server(database_url) as url:
        response = httpx.post(f"{url}/api/v1/conferences/pycon/orders", json={"buyer": buyer, "tickets": {"standard": 2}})
    assert response.status_code == 409
    assert response.json()["detail"]["message"] == "Only 1 tickets remaining for this conference (venue capacity: 1)."
