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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from console_screenshots import chromium, demo_database, save, signed_in_page
from sqlalchemy import select

from kiosk.core.cache import connect
from kiosk.core.device import CACHE_FILE, pair
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.settings import KioskSettings, StationMode, save_settings
from kiosk.core.sync_engine import SyncEngine
from server.attendees.models import Attendee
from server.conferences.models import AddOn
from server.conferences.service import get_conference
from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.devices.models import Device
from server.devices.service import create_device
from tests.live_server import live_server


def main() -> None:
    rng = random.Random(17)
    with demo_database(attendees=600) as demo:
        with unit_of_work(demo.sessions) as session:
            conference = get_conference(session, demo.slug)
            stations = [("Kiosk 1", "Door A", StationMode.CHECK_IN), ("Kiosk 2", "Door B", StationMode.CHECK_IN),
                        ("Kiosk 3", "Exit", StationMode.EXIT), ("Kiosk 4", "Lunch counter", StationMode.REDEMPTION)]
            codes = [create_device(session, conference, name=name, station=station)[1] for name, station, _ in stations]
            create_device(session, conference, name="Spare kiosk", station="Door C")  # never paired
            lunch = session.scalar(select(AddOn.id).where(AddOn.conference_id == conference.id, AddOn.slug == "lunch"))
            people = list(session.scalars(select(Attendee.access_code).where(Attendee.conference_id == conference.id)))
        now = utcnow()
        with live_server(demo.url) as base_url, chromium() as browser:
            kiosks = []
            for (name, station, mode), code in zip(stations, codes):
                data_dir = demo.folder / name.replace(" ", "-")
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
            with unit_of_work(demo.sessions) as session:
                device = session.scalars(select(Device).where(Device.name == "Kiosk 2")).one()
                device.last_seen_at = device.kiosk_last_sync_at = now - dt.timedelta(minutes=6)
                device.events_waiting, device.oldest_waiting_at = 14, now - dt.timedelta(minutes=9)
                device.last_error = "Server unreachable (ConnectError); retrying."
            page = signed_in_page(browser, base_url, demo)
            for path, name in ((f"/conferences/{demo.slug}/dashboard", "console-dashboard"),
                               (f"/conferences/{demo.slug}/devices", "console-devices")):
                page.goto(path)
                save(page, name)
            page.get_by_label("Name").fill("Kiosk 5")
            page.get_by_label("Station").fill("Door C")
            page.get_by_role("button", name="Add device").click()
            save(page, "console-device-pairing")
            for _, engine in kiosks:
                engine.close()

if __name__ == "__main__":
    main()
