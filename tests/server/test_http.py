"""Order and admin routes over real HTTP (uvicorn on 127.0.0.1)."""

import httpx
import pytest

from server.db.engine import unit_of_work
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type
from tests.live_server import live_server


@pytest.fixture
def conference_slug(session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", total_capacity=3)
        make_ticket_type(session, conference, slug="standard", price="100.00")
        make_addon(session, conference, slug="lunch", price="20.00")
        make_attendee(session, conference)
    return "pycon"


@pytest.fixture
def base_url(database_url, conference_slug, monkeypatch):
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", "test-admin-token")
    with live_server(database_url) as url:
        yield url


BUYER = {"first_name": "Grace", "last_name": "Hopper", "email": "grace@example.org"}


def test_place_and_read_an_order(base_url):
    response = httpx.post(f"{base_url}/api/v1/conferences/pycon/orders",
                          json={"buyer": BUYER, "tickets": {"standard": 2}, "addons": {"lunch": 1}})
    assert response.status_code == 201, response.text
    order = response.json()
    assert order["status"] == "pending" and order["total"] == "220.00"
    again = httpx.get(f"{base_url}/api/v1/orders/{order['reference']}").json()
    assert again["reference"] == order["reference"] and len(again["line_items"]) == 2


def test_business_refusals_are_409_with_a_code_and_bad_payloads_422(base_url):
    response = httpx.post(f"{base_url}/api/v1/conferences/pycon/orders", json={"buyer": BUYER, "tickets": {"standard": 5}})
    assert response.status_code == 409
    assert response.json()["detail"] == {
        "code": "capacity_exceeded", "message": "Only 2 tickets remaining for this conference (venue capacity: 3)."}
    response = httpx.post(f"{base_url}/api/v1/conferences/pycon/orders", json={"buyer": BUYER, "tickets": {"standard": "x"}})
    assert response.status_code == 422
    response = httpx.post(f"{base_url}/api/v1/conferences/nowhere/orders", json={"buyer": BUYER, "tickets": {"a": 1}})
    assert response.status_code == 404 and "nowhere" in response.json()["detail"]["message"]


def test_stats_need_the_admin_token(base_url):
    assert httpx.get(f"{base_url}/api/v1/admin/conferences/pycon/stats").status_code == 401
    assert httpx.get(f"{base_url}/api/v1/admin/conferences/pycon/stats",
                     headers={"Authorization": "Bearer wrong"}).status_code == 401
    stats = httpx.get(f"{base_url}/api/v1/admin/conferences/pycon/stats",
                      headers={"Authorization": "Bearer test-admin-token"}).json()
    assert stats | {"name": None} == {"slug": "pycon", "name": None, "total_capacity": 3, "sold": 1, "remaining": 2,
                                      "attendees": 1, "checked_in": 0}
