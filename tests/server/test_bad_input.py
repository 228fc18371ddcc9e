"""Bad input gets a 4xx with a reason, never a 5xx, and writes nothing: over real HTTP, both databases."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from server.checkin.models import CheckIn, SyncEvent
from server.db.engine import unit_of_work
from server.devices.models import Device
from server.orders.models import Order
from server.settings import ServerSettings
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.live_server import live_server
from tests.server.test_sync_http import device_token

ADMIN = {"Authorization": "Bearer test-admin-token"}


@pytest.fixture
def world(session_factory, database_url, monkeypatch):
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", "test-admin-token")
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", total_capacity=100)
        standard = make_ticket_type(session, conference, slug="standard")
        code = make_attendee(session, conference, ticket_type=standard).access_code
    with live_server(database_url) as url:
        yield url, code, device_token(session_factory, url)


def a_check_in(code: str, **changes) -> dict:
    return {"uuid": str(uuid.uuid4()), "kind": "check_in", "access_code": code,
            "occurred_at": "2026-05-01T09:00:00+02:00", "station": "Door A", **changes}


def counts(session_factory) -> tuple[int, int, int, int]:
    with session_factory() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) for m in (SyncEvent, CheckIn, Order, Device))


UPLOADS = {
    "time past year 9999 in UTC": {"occurred_at": "9999-12-31T23:00:00-05:00"},
    "time before year 1 in UTC": {"occurred_at": "0001-01-01T00:30:00+01:00"},
    "time without a time zone": {"occurred_at": "2026-05-01T09:00:00"},
    "product id beyond 64 bits": {"kind": "door_check", "product_type": "ticket_type", "product_id": 2**64 + 1},
    "product id beyond 32 bits": {"kind": "door_check", "product_type": "ticket_type", "product_id": 2**40},
    "NUL in the access code": {"access_code": "AB\x00CD"},
    "NUL in the station": {"station": "Door\x00A"},
    "lone surrogate in the station": {"station": "Door \ud800"},
    "undo without undoes": {"kind": "undo", "reason": "check_in"},
}


@pytest.mark.parametrize("change", UPLOADS.values(), ids=UPLOADS.keys())
def test_a_bad_event_is_refused_with_its_batch_and_nothing_is_written(world, session_factory, change):
    url, code, token = world
    before = counts(session_factory)
    # json.dumps writes a lone surrogate as the escape \ud800, which is how it arrives over the wire.
    body = json.dumps({"events": [a_check_in(code), a_check_in(code, **change)]})
    response = httpx.post(f"{url}/api/v1/sync/events", content=body, timeout=10,
                          headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"][:3] == ["body", "events", 1]
    assert counts(session_factory) == before


@pytest.mark.parametrize("after", [2**63, 2**70, -1])
def test_a_feed_cursor_out_of_range_is_refused(world, after):
    url, _code, token = world
    response = httpx.get(f"{url}/api/v1/sync/changes", params={"after": after},
                         headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "after"]
    assert httpx.get(f"{url}/api/v1/sync/changes", params={"after": 2**63 - 1},
                     headers={"Authorization": f"Bearer {token}"}).status_code == 200


BUYER = {"first_name": "Grace", "email": "grace@example.org"}
ORDERS = {
    "NUL in the buyer's name": {"buyer": {**BUYER, "first_name": "Gr\x00ce"}, "tickets": {"standard": 1}},
    "lone surrogate in the company": {"buyer": {**BUYER, "company": "\udc80"}, "tickets": {"standard": 1}},
    "NUL in a ticket slug": {"buyer": BUYER, "tickets": {"stan\x00dard": 1}},
    "quantity beyond 64 bits": {"buyer": BUYER, "tickets": {"standard": 2**64}},
    "NUL in the voucher code": {"buyer": BUYER, "tickets": {"standard": 1}, "voucher_code": "A\x00"},
}


@pytest.mark.parametrize("body", ORDERS.values(), ids=ORDERS.keys())
def test_a_bad_order_is_refused_and_holds_no_seat(world, session_factory, body):
    url, _code, _token = world
    before = counts(session_factory)
    response = httpx.post(f"{url}/api/v1/conferences/pycon/orders", content=json.dumps(body),
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert counts(session_factory) == before


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/api/v1/orders/ORD-%00", None),
    ("GET", "/api/v1/orders/ORD-%ED%A0%80", None),  # a surrogate, UTF-8 encoded
    ("POST", "/api/v1/conferences/py%00con/orders", {"buyer": BUYER, "tickets": {"standard": 1}}),
    ("GET", "/api/v1/admin/conferences/pycon%00/stats", None),
    ("POST", "/api/v1/admin/conferences/pycon/devices/99999999999999999999/revoke", None),
    ("POST", "/api/v1/admin/conferences/pycon/devices", {"name": "Door\x00"}),
    ("POST", "/api/v1/sync/pair", {"pairing_code": "ABCD\x00EFG"}),
    ("POST", "/api/v1/stripe/webhook/py%00con", {}),
])
def test_bad_paths_and_bodies_elsewhere_get_a_4xx(world, session_factory, method, path, body):
    url, _code, _token = world
    before = counts(session_factory)
    response = httpx.request(method, f"{url}{path}", headers=ADMIN, timeout=10,
                             content=json.dumps(body) if body is not None else None)
    assert 400 <= response.status_code < 500, response.text
    assert counts(session_factory) == before


# Bodies too large: refused while they stream in -----------------------------------------------------

def _send_until_answered(url: str, path: str, headers: dict[str, str], *, chunked: bool,
                         announced: int = 0, budget: int = 200 * 1024 * 1024) -> tuple[int, int, float]:
    """Stream a body of zeros (up to ``budget`` bytes) over a raw socket until the server answers.
    Returns (status, bytes sent before the answer, seconds). "Sent" includes what sits unread in
    the kernel's socket buffers (a few MB on loopback), so it over-states what the server read."""
    import select as io
    import socket
    import time

    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
    head = [f"POST {path} HTTP/1.1", f"Host: {host}", "Content-Type: application/json",
            *(f"{k}: {v}" for k, v in headers.items()),
            "Transfer-Encoding: chunked" if chunked else f"Content-Length: {announced}"]
    started = time.monotonic()
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    chunk, sent = b"0" * 65536, 0
    try:
        while sent < budget and not io.select([sock], [], [], 0)[0]:
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered and closed while we were still sending
    answer = sock.recv(4096).decode(errors="replace")
    sock.close()
    return int(answer.split()[1]), sent, time.monotonic() - started


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_200_mb_unsigned_webhook_is_refused_while_it_streams(world, session_factory, chunked):
    MAX_WEBHOOK_BYTES = ServerSettings().max_webhook_bytes
    from server.payments.models import StripeEvent

    url, _code, _token = world
    status, sent, seconds = _send_until_answered(url, "/api/v1/stripe/webhook/pycon", {}, chunked=chunked,
                                                 announced=200 * 1024 * 1024)
    assert status == 413
    assert MAX_WEBHOOK_BYTES < 16 * 1024 * 1024
    assert sent < 16 * 1024 * 1024 and seconds < 3  # answered long before 200 MB went through
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(StripeEvent)) == 0


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_an_oversized_upload_is_refused_while_it_streams(world, session_factory, chunked):
    url, _code, token = world
    before = counts(session_factory)
    status, sent, _seconds = _send_until_answered(url, "/api/v1/sync/events", {"Authorization": f"Bearer {token}"},
                                                  chunked=chunked, announced=200 * 1024 * 1024)
    assert status == 413 and sent < 16 * 1024 * 1024
    assert counts(session_factory) == before


def test_a_full_upload_of_a_thousand_events_fits_the_limit(world, session_factory):
    url, code, token = world
    events = [a_check_in(code, station="Ä" * 100, reason="r" * 40) for _ in range(1000)]
    response = httpx.post(f"{url}/api/v1/sync/events", json={"events": events}, timeout=60,
                          headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text[:300]
    assert counts(session_factory)[0] == 1000
