"""A kiosk as the server sees it, for console tests: paired through the real route, scans uploaded through
the real upload route (what a kiosk core sends), the change feed read as a kiosk reads it."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx

from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.devices.service import create_device


_open_clients: list[httpx.Client] = []


def close_paired_kiosks() -> None:
    """Close every kiosk's HTTP client (tests/web/conftest.py does, after each test)."""
    while _open_clients:
        _open_clients.pop().close()


class PairedKiosk:
    def __init__(self, console_server, *, name: str, station: str, conference: str = "pycon"):
        with unit_of_work(console_server.session_factory) as session:
            _, code = create_device(session, get_conference(session, conference), name=name, station=station)
        token = httpx.post(console_server.url("/api/v1/sync/pair"), json={"pairing_code": code},
                           timeout=10).json()["device_token"]
        self.http = httpx.Client(base_url=console_server.base_url, timeout=30,
                                 headers={"Authorization": f"Bearer {token}"})
        _open_clients.append(self.http)
        self.station = station

    def upload(self, kind: str, access_code: str, at: dt.datetime, *, product_id: int | None = None) -> str:
        """One scan as a kiosk uploads it; the server's status for it ("applied", "conflict", …)."""
        event = {"uuid": str(uuid.uuid4()), "kind": kind, "access_code": access_code, "occurred_at": at.isoformat(),
                 "station": self.station, "product_kind": "addon" if product_id else None, "product_id": product_id}
        [result] = self.http.post("/api/v1/sync/events", json={"events": [event]}).raise_for_status().json()["results"]
        return result["status"]

    def feed_record(self, access_code: str) -> dict:
        """This attendee as the kiosk's next sync from scratch gets it."""
        page = self.http.get("/api/v1/sync/changes", params={"after": 0, "limit": 5000}).raise_for_status().json()
        return next(a for a in page["attendees"] if a["access_code"] == access_code)

    def conflicts(self) -> list[dict]:
        return self.http.get("/api/v1/sync/conflicts").raise_for_status().json()
