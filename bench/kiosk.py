"""The kiosk with 200,000 attendees cached: start-up to ready-to-scan, memory, and wedge keys →
verdict painted in the window (Qt offscreen, software rendering).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/kiosk.py [--attendees 200000] [--scans 300]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import summary, table  # noqa: E402
from bench.scan_pipeline import fill_cache  # noqa: E402
from kiosk.core.cache import connect, set_meta  # noqa: E402
from kiosk.core.device import CACHE_FILE, CREDENTIALS_FILE  # noqa: E402
from kiosk.core.settings import KioskSettings, save_settings  # noqa: E402


def prepare(folder: Path, attendees: int) -> list[str]:
    codes = fill_cache(folder / CACHE_FILE, attendees)
    connection = connect(folder / CACHE_FILE)
    set_meta(connection, "conference_name", "Bench Conf")
    set_meta(connection, "badge_public_key", base64.b64encode(bytes(32)).decode())
    connection.close()
    # Paired to a server that is not there: the kiosk must be ready to scan regardless.
    (folder / CREDENTIALS_FILE).write_text(json.dumps({
        "server_url": "http://127.0.0.1:9", "device_id": 1, "token": "x", "station": "Door A",
        "conference_slug": "bench", "conference_name": "Bench Conf"}))
    save_settings(folder, KioskSettings(station_name="Door A", kiosk_mode=False).with_pin("1234"))
    return codes


def start_up(folder: Path) -> tuple[float, float]:
    """Seconds from process start to "Ready to scan", and RSS (MB) then."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "kiosk", "--data-dir", str(folder), "--windowed"],
                               stderr=subprocess.PIPE, text=True, env=env)
    assert process.stderr is not None  # piped above
    try:
        for line in process.stderr:
            if "Ready to scan" in line:
                seconds = time.perf_counter() - started
                time.sleep(1)  # let the first paint and the first (failing) sync settle
                rss = next(int(x.split()[1]) for x in Path(f"/proc/{process.pid}/status").read_text().splitlines()
                           if x.startswith("VmRSS:")) / 1024
                return seconds, rss
        raise RuntimeError("the kiosk exited before it was ready")
    finally:
        process.kill()
        process.wait()
        process.stderr.close()


def wedge_to_paint(folder: Path, codes: list[str], scans: int) -> tuple[list[float], Counter]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.main_window import KioskOptions, KioskWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = KioskWindow(KioskOptions(data_dir=folder, windowed=True, sync_interval=3600))
    window.resize(1280, 800)
    window.start()
    window.show()
    painted = []
    window.verdict.painted.connect(lambda: painted.append(time.perf_counter()))
    headlines = []  # what was painted: the figure is for real check-ins, not for refusals
    window.verdictShown.connect(lambda report: headlines.append(report.text.headline))
    deadline = time.monotonic() + 30
    while not window._reported_ready and time.monotonic() < deadline:
        app.processEvents()
    samples = []
    for code in codes[:scans]:
        window.verdict.dismiss()
        app.processEvents()
        painted.clear()
        target = QApplication.focusWidget()
        assert target is not None, "the kiosk window has keyboard focus"
        started = time.perf_counter()
        QTest.keyClicks(target, code)  # a scanner's burst, through the application's event filter
        QTest.keyClick(target, Qt.Key.Key_Return)
        while not painted:
            app.processEvents()
        samples.append((painted[0] - started) * 1000)
    window.shutdown()
    return samples, Counter(headlines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=200_000)
    parser.add_argument("--scans", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doorstation-kiosk-bench-") as name:
        folder = Path(name)
        codes = prepare(folder, args.attendees)
        runs = [start_up(folder) for _ in range(3)]
        seconds = sorted(r[0] for r in runs)[1]
        rss = sorted(r[1] for r in runs)[1]
        samples, headlines = wedge_to_paint(folder, codes[:: max(1, len(codes) // args.scans)], args.scans)
    table(f"Kiosk with {args.attendees:,} attendees cached", [
        ("start-up to ready-to-scan (median of 3)", f"{seconds:.2f} s"),
        ("RSS when ready", f"{rss:.0f} MB"),
        ("wedge keys → verdict painted", summary(samples)),
        ("verdicts painted", ", ".join(f"{count:,} '{headline}'" for headline, count in headlines.most_common())),
    ], ("what", "figure"))

if __name__ == "__main__":
    main()
