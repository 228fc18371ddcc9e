"""Access codes stay unique when the random source hits a taken code, and generation gives up cleanly.

The random source is scripted (the module's ``random_code``); the database is the real one, with
the taken code really stored on an attendee.
"""

import itertools

import httpx
import pytest
from sqlalchemy import func, select

from server.attendees import access_codes
from server.attendees.access_codes import new_access_codes
from server.attendees.models import Attendee
from server.db.engine import unit_of_work
from server.orders.models import Order
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.live_server import live_server

BUYER = {"first_name": "Grace", "last_name": "Hopper", "email": "grace@example.org"}


@pytest.fixture
def taken_code(session_factory):
    """A conference 'pycon' with a free ticket type and one attendee; returns that attendee's code."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        make_ticket_type(session, conference, slug="free", price="0.00")
        return make_attendee(session, conference).access_code


def scripted(monkeypatch, *codes, then=None):
    """The code source yields ``codes`` in turn, then ``then`` for ever."""
    source = itertools.chain(codes, itertools.repeat(then)) if then else iter(codes)
    monkeypatch.setattr(access_codes, "random_code", lambda: next(source))


def test_an_order_whose_first_drawn_code_is_taken_still_gets_a_unique_one(
        database_url, session_factory, taken_code, monkeypatch):
    scripted(monkeypatch, taken_code, "FRESH001")
    with live_server(database_url) as url:
        response = httpx.post(f"{url}/api/v1/conferences/pycon/orders", json={"buyer": BUYER, "tickets": {"free": 1}})
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "paid"  # a zero total is paid at once, and gets its attendee
    with session_factory() as session:
        codes = session.scalars(select(Attendee.access_code).order_by(Attendee.id)).all()
    assert codes == [taken_code, "FRESH001"]


def test_with_only_taken_codes_generation_gives_up_and_the_order_is_not_written(
        database_url, session_factory, taken_code, monkeypatch):
    scripted(monkeypatch, then=taken_code)
    with session_factory() as session, pytest.raises(RuntimeError, match="^Failed to generate unique access code"):
        new_access_codes(session, session.scalar(select(Attendee.conference_id)), 1)
    with live_server(database_url) as url:
        response = httpx.post(f"{url}/api/v1/conferences/pycon/orders", json={"buyer": BUYER, "tickets": {"free": 1}})
    assert response.status_code == 500  # a broken random source is a server fault, and it answers instead of hanging
    with session_factory() as session:
        assert session.scalar(select(func.count(Order.id))) == 1  # only the fixture's order
        assert session.scalar(select(func.count(Attendee.id))) == 1


def test_codes_drawn_twice_in_one_batch_are_only_used_once(session, monkeypatch):
    conference = make_conference(session)
    scripted(monkeypatch, "SAME0001", "SAME0001", "OTHER001")
    assert sorted(new_access_codes(session, conference.id, 2)) == ["OTHER001", "SAME0001"]
