"""The public order route cannot be used to hold every seat: tickets per order, orders per client.

Over real HTTP; the per-client limit across two separate server processes sharing one database.
"""

from __future__ import annotations

import httpx
import pytest

from server.db.engine import make_engine, unit_of_work
from server.wiring import make_session_factory
from server.settings import ServerSettings
from tests.command_line import run_doorstation
from tests.factories import make_conference, make_ticket_type
from tests.live_server import free_port, live_server

BUYER = {"first_name": "Mallory", "email": "mallory@example.org"}

ORDERS_PER_WINDOW = ServerSettings().orders_per_window


def place(base: str, tickets: int, slug: str = "pycon") -> httpx.Response:
    return httpx.post(f"{base}/api/v1/conferences/{slug}/orders", json={"buyer": BUYER, "tickets": {"standard": tickets}},
                      timeout=10)


def seats_left(factory, slug: str = "pycon") -> int:
    from server.capacity.service import get_global_remaining
    from server.conferences.service import get_conference

    with factory() as session:
        return get_global_remaining(session, get_conference(session, slug))


@pytest.fixture
def base_url(database_url, session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", name="PyCon", total_capacity=500)
        make_ticket_type(session, conference, slug="standard")
        small = make_conference(session, slug="tiny", name="Tiny Conf", total_capacity=500)
        small.max_tickets_per_order = 2
        make_ticket_type(session, small, slug="standard")
    with live_server(database_url) as url:
        yield url


def test_an_order_may_hold_at_most_the_conferences_tickets_per_order(base_url, session_factory):
    refused = place(base_url, 11)
    assert refused.status_code == 422
    assert refused.json()["detail"] == {"code": "too_many_tickets",
                                        "message": "At most 10 tickets per order for PyCon (11 asked)."}
    assert seats_left(session_factory) == 500
    assert place(base_url, 10).status_code == 201
    assert place(base_url, 3, slug="tiny").json()["detail"]["message"] == \
        "At most 2 tickets per order for Tiny Conf (3 asked)."
    assert place(base_url, 2, slug="tiny").status_code == 201


def test_one_client_cannot_hold_every_seat(base_url, session_factory):
    answers = [place(base_url, 10) for _ in range(ORDERS_PER_WINDOW + 3)]
    assert [a.status_code for a in answers] == [201] * ORDERS_PER_WINDOW + [429] * 3
    assert answers[-1].json()["detail"]["code"] == "too_many_orders"
    assert answers[-1].json()["detail"]["message"].startswith(
        f"Too many orders from your address: at most {ORDERS_PER_WINDOW} every 15 minutes. Try again in ")
    assert seats_left(session_factory) == 500 - 10 * ORDERS_PER_WINDOW  # the rest stays for everyone else


def test_refused_orders_do_not_use_up_the_clients_allowance(base_url):
    for _ in range(ORDERS_PER_WINDOW + 2):
        assert place(base_url, 11).status_code == 422
    assert place(base_url, 1).status_code == 201


def test_the_limit_holds_across_two_server_processes(empty_database_url):
    from doorstation.demo import start_server_process
    from server.db.migrate import upgrade_to_head

    url = empty_database_url
    upgrade_to_head(url)
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = make_conference(session, slug="pycon", total_capacity=500)
        make_ticket_type(session, conference, slug="standard")
    engine.dispose()
    ports = [free_port(), free_port()]
    servers = [start_server_process(url, port) for port in ports]
    try:
        statuses = [place(f"http://127.0.0.1:{ports[n % 2]}", 1).status_code for n in range(ORDERS_PER_WINDOW + 2)]
    finally:
        for server in servers:
            server.terminate()
            server.wait(10)
    assert statuses == [201] * ORDERS_PER_WINDOW + [429] * 2


def test_an_organiser_sets_the_limit_with_the_cli(base_url, database_url, engine):

    from tests.server.test_stripe import mark_migrated

    mark_migrated(engine)
    result = run_doorstation("orders", "max-tickets", "-c", "pycon", "3", env={"DATABASE_URL": database_url})
    assert "Orders for pycon may now hold at most 3 tickets." in result.stdout
    assert place(base_url, 4).json()["detail"]["message"] == "At most 3 tickets per order for PyCon (4 asked)."
    assert place(base_url, 3).status_code == 201


def test_the_limits_are_the_apps_settings_not_the_environment(database_url, session_factory, monkeypatch):
    """create_app(settings=) is what the routes obey: the orders per client and the size of a kiosk's
    upload come from the settings handed in, whatever the environment says when a request arrives."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", name="PyCon", total_capacity=500)
        make_ticket_type(session, conference, slug="standard")
    settings = ServerSettings(database_url=database_url, orders_per_window=2, max_upload_bytes=1024)
    with live_server(database_url, settings=settings) as url:
        monkeypatch.setenv("DOORSTATION_ORDERS_PER_WINDOW", "100")
        monkeypatch.setenv("DOORSTATION_MAX_UPLOAD_BYTES", str(16 * 1024 * 1024))
        assert [place(url, 1).status_code for _ in range(3)] == [201, 201, 429]
        upload = httpx.post(f"{url}/api/v1/sync/events", content=b"{" + b" " * 4096 + b"}",
                            headers={"Content-Type": "application/json", "Authorization": "Bearer nobody"}, timeout=10)
        assert upload.status_code == 413
    assert seats_left(session_factory) == 498
