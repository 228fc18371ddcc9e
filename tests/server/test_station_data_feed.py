"""The change feed sends each station what its mode holds (shared.station_data), over real HTTP."""

from __future__ import annotations

import httpx
import pytest

from server.db.engine import unit_of_work
from tests.factories import make_attendee, make_conference
from tests.live_server import live_server
from tests.server.test_sync_http import device_token


@pytest.fixture
def base_url(database_url):
    with live_server(database_url) as url:
        yield url


def feed(base_url: str, token: str, **params) -> httpx.Response:
    return httpx.get(f"{base_url}/api/v1/sync/changes", params={"after": 0, "limit": 100, **params},
                     headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize("mode", ["check_in", "exit", "door_check", "redemption"])
def test_a_door_station_gets_names_and_holdings_but_no_email(session_factory, base_url, mode):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        make_attendee(session, conference, first_name="Grace", last_name="Hopper")
    token = device_token(session_factory, base_url)
    [record] = feed(base_url, token, mode=mode).json()["attendees"]
    assert (record["first_name"], record["last_name"], record["email"]) == ("Grace", "Hopper", "")
    assert record["holdings"] and record["ticket_type"]
    assert "grace@example.org" not in feed(base_url, token, mode=mode).text


def test_a_badge_printing_station_gets_the_email_it_searches_by(session_factory, base_url):
    with unit_of_work(session_factory) as session:
        make_attendee(session, make_conference(session, slug="pycon"), first_name="Grace", last_name="Hopper")
    token = device_token(session_factory, base_url)
    [record] = feed(base_url, token, mode="badge_printing").json()["attendees"]
    assert record["email"] == "grace@example.org"


def test_an_unknown_mode_is_refused_and_sends_nobody(session_factory, base_url):
    with unit_of_work(session_factory) as session:
        make_attendee(session, make_conference(session, slug="pycon"), first_name="Grace", last_name="Hopper")
    token = device_token(session_factory, base_url)
    response = feed(base_url, token, mode="everything")
    assert response.status_code == 422
    assert "Hopper" not in response.text
