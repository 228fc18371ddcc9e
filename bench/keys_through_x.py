"""A USB scanner through a real X server: split scans per 1,000 badges at a load, key → verdict painted.

Xvfb, the kiosk window on it (Qt's xcb platform), a real server on 127.0.0.1, and xdotool typing
each badge code as an HID scanner does, for each load (that many ``while True: pass`` processes on
the same cores as the kiosk, the X server and xdotool), in two series:

- steady: ``xdotool type --delay 8 CODE; xdotool key Return`` (a key every ~4 ms, capitals through
  Shift), every fifth without Enter — the issue's scanner;
- gaps inside codes: each code in 2 or 3 bursts, 50–300 ms apart, then Enter (Bluetooth scanners,
  USB hubs, a stalled X server).

A badge is split unless the wedge made exactly one scan of exactly its code and nothing of it was
left in the search field. Badges come 0.5 s apart (longer than the wedge waits for a code's rest,
so a piece of one badge is never counted with the next). The latency runs from the X server's
timestamp of the scan's last key (Enter, or the last character) to the verdict's first paint: both
are read on CLOCK_MONOTONIC, so they compare. Scans without Enter include the wedge's pause (2 × 50 ms).

    .venv/bin/python bench/keys_through_x.py                       # the figure: 1,000 badges a series at load 0, 4, 8
    .venv/bin/python bench/keys_through_x.py --scans 50 --loads 0,4  # a quick look
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.kiosk.x_server import XServer, burst_commands  # noqa: E402

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
from server.db.engine import make_engine, unit_of_work  # noqa: E402
from server.wiring import make_session_factory  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from server.devices.service import create_device  # noqa: E402
from server.orders.models import Order  # noqa: E402
from tests.live_server import live_server  # noqa: E402

BADGE_INTERVAL = 0.5  # s from one badge's verdict to the next badge: the next attendee steps up


@dataclass
class Series:
    load: int
    keys: str  # steady | gaps inside codes
    badges: int = 0
    split: int = 0
    not_a_badge: int = 0
    no_verdict: int = 0
    latency_enter: list[float] = field(default_factory=list)
    latency_no_enter: list[float] = field(default_factory=list)


def wait(app: QCoreApplication, predicate, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.001)
    return True


def xdotool(app: QCoreApplication, *args: str) -> None:
    process = subprocess.Popen(["xdotool", *args], env={**os.environ, "DISPLAY": X.display})
    wait(app, lambda: process.poll() is not None, timeout=60)  # Qt reads the keys while xdotool types them


def busy_loops(count: int) -> list[subprocess.Popen]:
    """The load: ``count`` processes that never sleep, on the cores the kiosk runs on."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


@dataclass
class Door:
    """What the kiosk did, as the bench sees it: the wedge's scans, the verdicts shown, their paints."""
    window: KioskWindow
    scanned: list[str] = field(default_factory=list)
    verdicts: list[str] = field(default_factory=list)
    painted: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.window.wedge.scanned.connect(self.scanned.append)
        self.window.verdictShown.connect(lambda report: self.verdicts.append(report.text.headline))
        self.window.verdict.painted.connect(lambda: self.painted.append(time.monotonic() * 1000))


def scan_badges(app: QCoreApplication, door: Door, codes: list[str], series: Series, rng: random.Random) -> None:
    window, scanned, verdicts, painted = door.window, door.scanned, door.verdicts, door.painted
    for number, code in enumerate(codes):
        scans_before, shown_before = len(scanned), len(verdicts)
        painted.clear()
        enter = True
        if series.keys == "steady":
            enter = number % 5 != 4
            xdotool(app, "type", "--delay", "8", code)
            if enter:
                xdotool(app, "key", "Return")
        else:
            cuts = tuple(sorted(rng.sample(range(1, len(code)), rng.choice((1, 2)))))
            gaps = [rng.randint(50, 300) for _ in cuts]
            xdotool(app, *burst_commands(code, cuts=cuts, gaps_ms=gaps))
        shown = wait(app, lambda: len(verdicts) > shown_before and bool(painted), timeout=5)
        if shown and scanned[scans_before:] == [code]:
            (series.latency_enter if enter else series.latency_no_enter).append(
                painted[0] - window.wedge.last_scan_key_ms)
        wait(app, lambda: False, timeout=BADGE_INTERVAL)  # what is left of the badge shows meanwhile
        series.badges += 1
        series.no_verdict += not shown
        series.not_a_badge += verdicts[shown_before:].count("Not a badge")
        if scanned[scans_before:] != [code] or window.scan_screen.search.text():
            series.split += 1
            if os.environ.get("BENCH_SHOW_SPLITS"):
                print("split:", code, cuts if series.keys != "steady" else "", gaps if series.keys != "steady" else "",
                      scanned[scans_before:], repr(window.scan_screen.search.text()))
            window.scan_screen.search.clear()  # by hand, as the volunteer would


def measure(folder: Path, args: argparse.Namespace) -> tuple[list[Series], int]:
    database_url = f"sqlite:///{folder / 'server.sqlite3'}"
    upgrade_to_head(database_url)
    engine = make_engine(database_url)
    rng = random.Random(29)
    results: list[Series] = []
    try:
        factory = make_session_factory(engine)
        with unit_of_work(factory) as session:
            seed_demo(session, slug="bench", attendees=args.attendees)
            conference = get_conference(session, "bench")
            codes = list(session.scalars(select(Attendee.access_code).join(Order).where(
                Order.conference_id == conference.id, Order.status == "paid").order_by(Attendee.id)))
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
                door = Door(window)
                badge = 0
                for load in args.loads:
                    loops = busy_loops(load)
                    try:
                        for keys in ("steady", "gaps inside codes"):
                            series = Series(load, keys)
                            batch = [codes[(badge + n) % len(codes)] for n in range(args.scans)]
                            badge += args.scans
                            scan_badges(app, door, batch, series, rng)
                            results.append(series)
                    finally:
                        for loop in loops:
                            loop.kill()
                            loop.wait()
                wait(app, lambda: window.status_bar.waiting.text().startswith("0 scans"), timeout=120)
                with factory() as session:
                    check_ins = session.scalar(select(func.count(CheckIn.id))) or 0
            finally:
                window.shutdown()
    finally:
        engine.dispose()
    return results, check_ins


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=1000, help="badges in each series")
    parser.add_argument("--loads", type=lambda text: [int(n) for n in text.split(",")], default=[0, 4, 8],
                        help="busy loops beside the kiosk, for example 0,4,8")
    parser.add_argument("--attendees", type=int, default=2000)
    args = parser.parse_args()
    try:
        with tempfile.TemporaryDirectory(prefix="doorstation-keys-bench-") as name:
            results, check_ins = measure(Path(name), args)
    finally:
        X.stop()
    table("Keys through X (Xvfb + xdotool): split scans per 1,000 badges", [
        (str(s.load), s.keys, str(s.badges), str(s.split), f"{1000 * s.split / max(1, s.badges):.0f}",
         str(s.not_a_badge), str(s.no_verdict)) for s in results
    ], ("load (busy loops)", "keys", "badges", "split", "per 1,000", "'Not a badge'", "no verdict"))
    table("Keys through X: last key → verdict painted", [
        (str(s.load), s.keys, summary(s.latency_enter) if s.latency_enter else "–",
         summary(s.latency_no_enter) if s.latency_no_enter else "–") for s in results
    ], ("load", "keys", "with Enter", "no Enter (incl. 100 ms pause)"))
    badges = sum(s.badges for s in results)
    print(f"\ncheck-ins on the server: {check_ins} for {badges} badges (every one of them paid)")


if __name__ == "__main__":
    main()
