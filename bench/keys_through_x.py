"""A USB scanner through a real X server: key → verdict painted, and every scan reaching the server.

Xvfb, the kiosk window on it (Qt's xcb platform), a real server on 127.0.0.1, and xdotool typing
each badge code as an HID scanner does (``xdotool type --delay 8``: a key every ~4 ms, capitals
through Shift), every fifth without Enter. The latency runs from the X server's timestamp of the
scan's last key (Enter, or the last character) to the verdict's first paint: both are read on
CLOCK_MONOTONIC, so they compare. Scans without Enter include the wedge's pause (2 × 50 ms).

    .venv/bin/python bench/keys_through_x.py [--scans 50] [--attendees 2000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.kiosk.x_server import XServer  # noqa: E402

X = XServer()
os.environ["DISPLAY"] = X.display
os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from bench.common import summary, table  # noqa: E402
from kiosk.core.device import pair  # noqa: E402
from kiosk.core.settings import KioskSettings, save_settings  # noqa: E402
from kiosk.ui.main_window import KioskOptions, KioskWindow  # noqa: E402
from server.attendees.models import Attendee  # noqa: E402
from server.checkin.models import CheckIn  # noqa: E402
from server.conferences.service import get_conference  # noqa: E402
from server.db.engine import make_engine, make_session_factory, unit_of_work  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.devices.service import create_device  # noqa: E402
from server.orders.models import Order  # noqa: E402
from tests.live_server import live_server  # noqa: E402


def wait(app: QCoreApplication, predicate, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("timed out")
        app.processEvents()
        time.sleep(0.001)


def xdotool(app: QCoreApplication, *args: str) -> None:
    process = subprocess.Popen(["xdotool", *args], env={**os.environ, "DISPLAY": X.display})
    wait(app, lambda: process.poll() is not None)  # Qt reads the keys while xdotool types them


def measure(folder: Path, args: argparse.Namespace):
    database_url = f"sqlite:///{folder / 'server.sqlite3'}"
    upgrade_to_head(database_url)
    engine = make_engine(database_url)
    try:
        factory = make_session_factory(engine)
        with unit_of_work(factory) as session:
            seed_demo(session, slug="bench", attendees=args.attendees)
            conference = get_conference(session, "bench")
            codes = list(session.scalars(select(Attendee.access_code).join(Order).where(
                Order.conference_id == conference.id, Order.status == "paid").order_by(Attendee.id).limit(args.scans)))
            _device, pairing_code = create_device(session, conference, name="bench", station="Door A")
        app = QApplication.instance() or QApplication(sys.argv[:1])
        with live_server(database_url) as url:
            pair(url, pairing_code, folder / "kiosk")
            save_settings(folder / "kiosk", KioskSettings(station_name="Door A", kiosk_mode=False,
                                                           dismiss_seconds=0.5).with_pin("1234"))
            window = KioskWindow(KioskOptions(data_dir=folder / "kiosk", windowed=True, sync_interval=0.5))
            try:
                window.start()
                window.show()
                wait(app, lambda: window._reported_ready and window.status_bar.online
                     and window.status_bar.last_sync.text().startswith("Last sync"))
                window.activateWindow()
                wait(app, window.isActiveWindow)
                painted: list[float] = []
                verdicts: list[str] = []
                window.verdict.painted.connect(lambda: painted.append(time.monotonic() * 1000))
                window.verdictShown.connect(lambda report: verdicts.append(report.text.headline))
                with_enter: list[float] = []
                without_enter: list[float] = []
                for number, code in enumerate(codes):
                    painted.clear()
                    shown_before = len(verdicts)
                    enter = number % 5 != 4
                    xdotool(app, "type", "--delay", "8", code)
                    if enter:
                        xdotool(app, "key", "Return")
                    wait(app, lambda: len(verdicts) > shown_before and painted)
                    (with_enter if enter else without_enter).append(painted[0] - window.wedge.last_scan_key_ms)
                    time.sleep(0.15)  # the next attendee steps up
                wait(app, lambda: window.status_bar.waiting.text().startswith("0 scans"), timeout=60)
                with factory() as session:
                    check_ins = session.scalar(select(func.count(CheckIn.id)))
            finally:
                window.shutdown()
    finally:
        engine.dispose()
    return with_enter, without_enter, verdicts, check_ins, codes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=50)
    parser.add_argument("--attendees", type=int, default=2000)
    args = parser.parse_args()
    try:
        with tempfile.TemporaryDirectory(prefix="doorstation-keys-bench-") as name:
            with_enter, without_enter, verdicts, check_ins, codes = measure(Path(name), args)
    finally:
        X.stop()
    welcome = sum(1 for v in verdicts if v == "Welcome")
    table(f"Keys through X (Xvfb + xdotool) → verdict painted, {len(codes)} badges", [
        ("last key (Enter) → verdict painted", summary(with_enter)),
        ("last key → painted, no Enter (incl. 100 ms pause)", summary(without_enter)),
        ("verdicts shown / 'Welcome'", f"{len(verdicts)} / {welcome}"),
        ("check-ins on the server", str(check_ins)),
    ], ("what", "figure"))


if __name__ == "__main__":
    main()
