"""A server's identity is made with its database: the same for every kiosk it pairs, another for another database."""

import httpx

from server.db.engine import make_engine, unit_of_work
from server.wiring import make_session_factory
from server.db.migrate import upgrade_to_head
from server.devices.service import create_device
from tests.factories import make_conference
from tests.live_server import live_server


def _database_with_two_codes(path) -> tuple[str, list[str]]:
    url = f"sqlite:///{path}"
    upgrade_to_head(url)
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = make_conference(session, slug="pycon")
        codes = [create_device(session, conference, name=f"kiosk {n}")[1] for n in range(2)]
    engine.dispose()
    return url, codes


def _server_id(base_url: str, code: str) -> tuple[str, str]:
    paired = httpx.post(f"{base_url}/api/v1/sync/pair", json={"pairing_code": code}).json()
    feed = httpx.get(f"{base_url}/api/v1/sync/changes", headers={"Authorization": f"Bearer {paired['device_token']}"})
    return paired["server_id"], feed.json()["server_id"]


def test_pairing_and_the_change_feed_name_the_database_the_server_runs_on(tmp_path):
    first_url, first_codes = _database_with_two_codes(tmp_path / "first.sqlite3")
    second_url, second_codes = _database_with_two_codes(tmp_path / "second.sqlite3")
    with live_server(first_url) as base_url:
        first = {_server_id(base_url, code) for code in first_codes}
    with live_server(second_url) as base_url:
        second = {_server_id(base_url, code) for code in second_codes}
    [(first_paired, first_feed)], [(second_paired, second_feed)] = first, second
    assert first_paired == first_feed and second_paired == second_feed
    assert len(first_paired) == 36 and first_paired != second_paired
