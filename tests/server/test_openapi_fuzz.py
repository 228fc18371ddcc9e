"""Schemathesis over the OpenAPI document: every route, data that fits the schema and data that does
not, against a real uvicorn on SQLite and on PostgreSQL. Not one answer may be a 5xx.

Bounded on purpose (a few examples per route and mode): it runs in CI on every change, in seconds.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from server.db.engine import unit_of_work
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type
from tests.live_server import live_server
from tests.server.test_sync_http import device_token

EXAMPLES_PER_ROUTE_AND_MODE = 8


@pytest.fixture
def base_url(database_url, session_factory, monkeypatch):
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", "fuzz-admin-token")
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", total_capacity=50)
        make_ticket_type(session, conference, slug="standard")
        make_addon(session, conference, slug="lunch")
        make_attendee(session, conference)
    with live_server(database_url) as url:
        yield url


def test_no_route_answers_anything_with_a_server_error(base_url, session_factory):
    device = {"Authorization": f"Bearer {device_token(session_factory, base_url)}"}
    admin = {"Authorization": "Bearer fuzz-admin-token"}
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    server_errors: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14

    for operation in operations:
        path = operation.path
        headers = admin if path.startswith("/api/v1/admin") else device if path.startswith("/api/v1/sync") else {}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES_PER_ROUTE_AND_MODE, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def call(case) -> None:
                response = case.call(base_url=base_url, headers=headers, timeout=10)
                if response.status_code >= 500:
                    server_errors.append(f"{case.method} {case.formatted_path} → {response.status_code}: "
                                         f"{case.as_curl_command(headers=headers)[:400]}")

            try:
                call()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # a route with no input has no invalid input
    assert server_errors == []
