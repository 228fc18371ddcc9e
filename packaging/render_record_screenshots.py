"""Render the console's attendee, conflict and export pages to docs/screenshots/console-*.png, in Debian's chromium.

    .venv/bin/python packaging/render_record_screenshots.py

A real server over a fresh SQLite file with the demo conference; two kiosks paired through the real
route upload a morning's scans (and a single lunch redeemed at both while offline: a conflict), the
demo owner signs in through the form, checks someone in by hand and resolves one conflict.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx
from console_screenshots import chromium, demo_database, save, signed_in_page
from sqlalchemy import select

from server.attendees.models import Attendee
from server.conferences.models import AddOn
from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.orders.models import Order, OrderLineItem
from tests.live_server import live_server

MORNING = dt.datetime(2026, 5, 4, 6, 50, tzinfo=dt.UTC)  # 08:50 in Berlin


def upload(base_url: str, token: str, station: str, events: list[tuple[str, str, dt.datetime, int | None]]) -> None:
    body = {"events": [{"uuid": str(uuid.uuid4()), "kind": kind, "access_code": code, "occurred_at": at.isoformat(),
                        "station": station, "product_kind": "addon" if product else None, "product_id": product}
                       for kind, code, at, product in events]}
    httpx.post(f"{base_url}/api/v1/sync/events", json=body, headers={"Authorization": f"Bearer {token}"},
               timeout=30).raise_for_status()


def main() -> None:
    with demo_database(attendees=120) as demo:
        with unit_of_work(demo.sessions) as session:
            conference = get_conference(session, demo.slug)
            codes = [d[1] for d in (create_device(session, conference, name=name, station=station)
                                    for name, station in (("Kiosk 1", "Main entrance"), ("Kiosk 2", "Lunch hall")))]
            lunch = session.scalar(select(AddOn.id).where(AddOn.slug == "lunch"))
            paid = session.execute(
                select(Attendee.id, Attendee.access_code).join(Order, Attendee.order_id == Order.id)
                .join(OrderLineItem, OrderLineItem.order_id == Order.id)
                .where(Order.status == "paid", OrderLineItem.addon_id == lunch, OrderLineItem.quantity == 1)
                .order_by(Attendee.id).limit(12)).all()
        with live_server(demo.url) as base_url, chromium() as browser:
            tokens = [httpx.post(f"{base_url}/api/v1/sync/pair", json={"pairing_code": code}).json()["device_token"]
                      for code in codes]
            star_id, star = paid[0]
            upload(base_url, tokens[0], "Main entrance", [
                ("check_in", code, MORNING + dt.timedelta(minutes=3 * n), None) for n, (_, code) in enumerate(paid)])
            upload(base_url, tokens[0], "Main entrance", [("exit", star, MORNING + dt.timedelta(hours=2), None),
                                                          ("check_in", star, MORNING + dt.timedelta(hours=2, minutes=40),
                                                           None)])
            # Both lunch kiosks offline: each gives out the same single lunch. The second is a conflict.
            for token in tokens:
                upload(base_url, token, "Lunch hall", [("redemption", star, MORNING + dt.timedelta(hours=4), lunch)])
            upload(base_url, tokens[1], "Lunch hall", [("redemption", paid[1][1], MORNING + dt.timedelta(hours=4, minutes=2),
                                                        lunch)] * 1)
            upload(base_url, tokens[0], "Lunch hall", [("redemption", paid[1][1], MORNING + dt.timedelta(hours=4, minutes=3),
                                                        lunch)])

            page = signed_in_page(browser, base_url, demo)
            page.goto(f"/conferences/{demo.slug}/conflicts")
            page.get_by_label("What was done about it").last.fill("Second lunch given; kitchen told. No charge.")
            page.get_by_role("button", name="Resolve", exact=True).last.click()
            page.get_by_role("button", name="Show resolved").click()
            save(page, "console-conflicts")

            page.goto(f"/conferences/{demo.slug}/attendees/{paid[2][0]}")
            page.get_by_role("button", name="Undo").click()
            page.get_by_role("button", name="Check in by hand").click()
            page.goto(f"/conferences/{demo.slug}/attendees/{star_id}")
            save(page, "console-attendee")

            page.goto(f"/conferences/{demo.slug}/attendees")
            page.get_by_label("Search by name, email, company or access code").fill("ada")
            page.get_by_role("button", name="Search").click()
            save(page, "console-attendees")

            page.goto(f"/conferences/{demo.slug}/exports")
            save(page, "console-exports")


if __name__ == "__main__":
    main()
