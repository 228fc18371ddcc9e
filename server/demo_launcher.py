"""The README's main command: a demo server in its own process and a kiosk paired to it.

The server runs as a separate process on purpose: stopping it (``kill -STOP``) is how a new user
"pulls the network" and watches the kiosk keep scanning, then catch up when it comes back.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import segno
from sqlalchemy import select

from server.db.engine import unit_of_work

DEMO_PIN = "1234"
DEMO_STATION = "Main entrance"


def start_server_process(database_url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url}
    process = subprocess.Popen([sys.executable, "-m", "server", "server", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The demo server did not start: {process.stderr.read().decode()[-500:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"The demo server did not answer on port {port} within 30 s.")


def prepare_demo_kiosk(factory, server_url: str, data_dir: Path) -> None:
    """Pair the demo kiosk (once) and set it up as a check-in station with PIN 1234, in a window."""
    from kiosk.core.device import load_credentials, pair
    from kiosk.core.settings import KioskSettings, StationMode, load_settings, save_settings
    from server.conferences.service import get_conference
    from server.devices.service import create_device

    credentials = load_credentials(data_dir)
    if credentials is None or credentials.server_url != server_url:
        with unit_of_work(factory) as session:
            _device, code = create_device(session, get_conference(session, "demo"), name="Demo kiosk",
                                          station=DEMO_STATION)
        pair(server_url, code, data_dir)
    if load_settings(data_dir) is None:
        settings = KioskSettings(station_name=DEMO_STATION, mode=StationMode.CHECK_IN, kiosk_mode=False)
        save_settings(data_dir, settings.with_pin(DEMO_PIN))


def write_demo_badges(factory, folder: Path) -> list[tuple[str, str, str, Path]]:
    """One signed badge QR image per order status, to hold to a camera or pass as --camera-file."""
    from server.attendees.models import Attendee
    from server.conferences.models import Conference
    from server.orders.models import Order
    from shared.badge_codes import sign

    folder.mkdir(parents=True, exist_ok=True)
    badges = []
    with unit_of_work(factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == "demo"))
        rows = session.execute(
            select(Attendee.access_code, Attendee.first_name, Attendee.last_name, Order.status)
            .join(Order).where(Attendee.conference_id == conference.id).order_by(Attendee.id).limit(5000)
        ).all()
        seen = set()
        for code, first, last, status in rows:
            if status in seen:
                continue
            seen.add(status)
            path = folder / f"{status.value}-{code}.png"
            segno.make_qr(sign("demo", code, conference.badge_private_key)).save(path, scale=8, border=4)
            badges.append((code, f"{first} {last}", status.value, path))
    return badges
