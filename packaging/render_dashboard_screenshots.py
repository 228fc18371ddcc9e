"""Render the live dashboard and the devices pages to docs/screenshots/console-dashboard.png,
console-devices.png and console-device-pairing.png, in Debian's chromium.

    .venv/bin/python packaging/render_dashboard_screenshots.py

A real server over a fresh SQLite file with the demo conference; four real kiosk cores (two doors,
an exit, a lunch counter) pair with it and scan through the last two and a half hours; one kiosk
then falls silent with scans waiting, so that the pages show their alerts too.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from sqlalchemy import select  # noqa: E402

from kiosk.core.cache import connect  # noqa: E402
from kiosk.core.device import CACHE_FILE, pair  # noqa: E402
from kiosk.core.scan_pipeline import ScanPipeline  # noqa: E402
from kiosk.core.settings import KioskSettings, StationMode, save_settings  # noqa: E402
from kiosk.core.sync_engine import SyncEngine  # noqa: E402
from server.attendees.models import Attendee  # noqa: E402
from server.conferences.models import AddOn  # noqa: E402
from server.conferences.service import get_conference  # noqa: E402
from server.db.base import utcnow  # noqa: E402
from server.db.engine import make_engine, make_session_factory, unit_of_work  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.devices.models import Device  # noqa: E402
from server.devices.service import create_device  # noqa: E402
from server.users.service import seed_demo_admin  # noqa: E402
from tests.live_server import live_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
LAPTOP = {"width": 1280, "height": 800}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(17)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        url = f"sqlite:///{folder / 'console.sqlite3'}"
        upgrade_to_head(url)
        factory = make_session_factory(make_engine(url))
        with unit_of_work(factory) as session:
            conference = seed_demo(session, attendees=600)
            email, password = seed_demo_admin(session, conference)
            stations = [("Kiosk 1", "Door A", StationMode.CHECK_IN), ("Kiosk 2", "Door B", StationMode.CHECK_IN),
                        ("Kiosk 3", "Exit", StationMode.EXIT), ("Kiosk 4", "Lunch counter", StationMode.REDEMPTION)]
            codes = [create_device(session, conference, name=name, station=station)[1] for name, station, _ in stations]
            create_device(session, conference, name="Spare kiosk", station="Door C")  # never paired
            lunch = session.scalar(select(AddOn.id).where(AddOn.conference_id == conference.id, AddOn.slug == "lunch"))
            people = list(session.scalars(select(Attendee.access_code).where(Attendee.conference_id == conference.id)))
        now = utcnow()
        with live_server(url) as base_url, sync_playwright() as playwright:
            kiosks = []
            for (name, station, mode), code in zip(stations, codes):
                data_dir = folder / name.replace(" ", "-")
                credentials = pair(base_url, code, data_dir)
                settings = KioskSettings(station_name=station, mode=mode, product_id=lunch if mode.needs_product else None,
                                         product_name="Lunch" if mode.needs_product else "")
                save_settings(data_dir, settings)
                engine = SyncEngine(data_dir / CACHE_FILE, credentials)
                engine.sync_once()
                kiosks.append((ScanPipeline(connect(data_dir / CACHE_FILE), settings.station()), engine))
            doors, exits, lunches = kiosks[:2], kiosks[2], kiosks[3]
            inside = []
            for person in rng.sample(people, 420):
                minutes = max(0.2, rng.gauss(80, 35))
                pipeline = rng.choice(doors)[0]
                if rng.random() < 0.04:
                    pipeline.scan("BADCODE1", now=now - dt.timedelta(minutes=minutes + 0.1))
                if pipeline.scan(person, now=now - dt.timedelta(minutes=minutes)).verdict.admitted:
                    inside.append((person, minutes))
            for person, minutes in inside[:60]:
                exits[0].scan(person, now=now - dt.timedelta(minutes=minutes * rng.random()))
            for person, _ in inside[60:200]:
                lunches[0].scan(person, now=now - dt.timedelta(minutes=rng.uniform(0, 25)))
            for _, engine in kiosks:
                engine.sync_once()
            # Kiosk 2 goes quiet with scans it could not upload: the pages' alerts.
            with unit_of_work(factory) as session:
                device = session.scalar(select(Device).where(Device.name == "Kiosk 2"))
                device.last_seen_at = device.kiosk_last_sync_at = now - dt.timedelta(minutes=6)
                device.events_waiting, device.oldest_waiting_at = 14, now - dt.timedelta(minutes=9)
                device.last_error = "Server unreachable (ConnectError); retrying."
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
            context = browser.new_context(base_url=base_url, viewport=LAPTOP)
            page = context.new_page()
            page.goto("/sign-in")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
            for path, name in (("/conferences/demo/dashboard", "console-dashboard"),
                               ("/conferences/demo/devices", "console-devices")):
                page.goto(path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
                print(OUT / f"{name}.png")
            page.get_by_label("Name").fill("Kiosk 5")
            page.get_by_label("Station").fill("Door C")
            page.get_by_role("button", name="Add device").click()
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / "console-device-pairing.png"), full_page=True)
            print(OUT / "console-device-pairing.png")
            browser.close()
            for _, engine in kiosks:
                engine.close()


if __name__ == "__main__":
    main()
