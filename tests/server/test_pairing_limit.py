"""The pairing route is rate-limited: wrong codes from one address are counted, in the database,
and past the limit even the right code waits, told for how long. Over real HTTP, SQLite and PostgreSQL."""

from __future__ import annotations

import httpx
import pytest

from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.devices.pairing_limit import MAX_FAILURES
from server.devices.service import create_device
from tests.factories import make_conference
from tests.live_server import live_server


@pytest.fixture
def base_url(database_url, session_factory):
    with unit_of_work(session_factory) as session:
        make_conference(session, slug="pycon")
    with live_server(database_url) as url:
        yield url


def new_pairing_code(session_factory) -> str:
    with unit_of_work(session_factory) as session:
        return create_device(session, get_conference(session, "pycon"), name="kiosk", station="Door A")[1]


def pair(base_url: str, code: str) -> httpx.Response:
    return httpx.post(f"{base_url}/api/v1/sync/pair", json={"pairing_code": code}, timeout=10)


def test_wrong_pairing_codes_are_limited_per_address_and_the_right_one_then_waits(base_url, session_factory):
    code = new_pairing_code(session_factory)
    for attempt in range(MAX_FAILURES - 1):
        assert pair(base_url, f"WRONG-{attempt:05d}").status_code == 401
    # Successes are not counted: a venue's kiosks behind one address pair one after another.
    assert pair(base_url, code).status_code == 200
    assert pair(base_url, "WRONG-LAST1").status_code == 401  # the limit's last wrong code
    refused = pair(base_url, new_pairing_code(session_factory))
    assert refused.status_code == 429
    assert refused.json()["detail"]["message"].startswith(
        f"Too many wrong pairing codes from this address: at most {MAX_FAILURES} every 15 minutes. Try again in")
    assert 1 <= int(refused.headers["Retry-After"]) <= 15 * 60 + 1
