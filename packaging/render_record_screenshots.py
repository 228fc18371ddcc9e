"""Render the console's attendee, conflict and export pages to docs/screenshots/console-*.png, in Debian's chromium.

    .venv/bin/python packaging/render_record_screenshots.py

A real server over a fresh SQLite file with the demo conference; two kiosks paired through the real
route upload a morning's scans (and a single lunch redeemed at both while offline: a conflict), the
demo owner signs in through the form, checks someone in by hand and resolves one conflict.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from sqlalchemy import select  # noqa: E402

from server.attendees.models import Attendee  # noqa: E402
from server.conferences.models import AddOn  # noqa: E402
from server.conferences.service import get_conference  # noqa: E402
from server.db.engine import make_engine, make_session_factory, unit_of_work  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.devices.service import create_device  # noqa: E402
from server.orders.models import Order, OrderLineItem  # noqa: E402
from server.users.service import seed_demo_admin  # noqa: E402
from tests.live_server import live_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
LAPTOP = {"width": 1280, "height": 800}
MORNING = dt.datetime(2026, 5, 4, 6, 50, tzinfo=dt.UTC)  # 08:50 in Berlin


def upload(base_url: str, token: str, station: str, events: list[tuple[str, str, dt.datetime, int | None]]) -> None:
    body = {"events": [{"uuid": str(uuid.uuid4()), "kind": kind, "access_code": code, "occurred_at": at.isoformat(),
                        "station": station, "product_kind": "addon" if product else None, "product_id": product}
                       for kind, code, at, product in events]}
    httpx.post(f"{base_url}/api/v1/sync/events", json=body, headers={"Authorization": f"Bearer {token}"},
               timeout=30).raise_for_status()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'console.sqlite3'}"
        upgrade_to_head(url)
        engine = make_engine(url)
        with unit_of_work(make_session_factory(engine)) as session:
            conference = seed_demo(session, attendees=120)
            email, password = seed_demo_admin(session, get_conference(session, conference.slug))
            codes = [d[1] for d in (create_device(session, conference, name=name, station=station)
                                    for name, station in (("Kiosk 1", "Main entrance"), ("Kiosk 2", "Lunch hall")))]
            lunch = session.scalar(select(AddOn.id).where(AddOn.slug == "lunch"))
            paid = session.execute(
                select(Attendee.id, Attendee.access_code).join(Order, Attendee.order_id == Order.id)
                .join(OrderLineItem, OrderLineItem.order_id == Order.id)
                .where(Order.status == "paid", OrderLineItem.addon_id == lunch, OrderLineItem.quantity == 1)
                .order_by(Attendee.id).limit(12)).all()
        engine.dispose()
        with live_server(url) as base_url, sync_playwright() as playwright:
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

            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
            context = browser.new_context(base_url=base_url, viewport=LAPTOP)
            page = context.new_page()
            page.goto("/sign-in")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()

            def shoot(name: str) -> None:
                page.wait_for_load_state("networkidle")
                path = OUT / f"{name}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)

            page.goto(f"/conferences/{conference.slug}/conflicts")
            page.get_by_label("What was done about it").last.fill("Second lunch given; kitchen told. No charge.")
            page.get_by_role("button", name="Resolve", exact=True).last.click()
            page.get_by_role("button", name="Show resolved").click()
            shoot("console-conflicts")

            page.goto(f"/conferences/{conference.slug}/attendees/{paid[2][0]}")
            page.get_by_role("button", name="Undo").click()
            page.get_by_role("button", name="Check in by hand").click()
            page.goto(f"/conferences/{conference.slug}/attendees/{star_id}")
            shoot("console-attendee")

            page.goto(f"/conferences/{conference.slug}/attendees")
            page.get_by_label("Search by name, email, company or access code").fill("ada")
            page.get_by_role("button", name="Search").click()
            shoot("console-attendees")

            page.goto(f"/conferences/{conference.slug}/exports")
            shoot("console-exports")
            context.close()
            browser.close()


if __name__ == "__main__":
    main()
