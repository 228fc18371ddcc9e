"""Render every kiosk screen to docs/screenshots/ (for the README), against a real demo server.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python packaging/render_screenshots.py

Each screen at the default window size (1280×760, a 1280×800 screen less its title bar) and, for the
scanning screens, at 1024×600 too (a small netbook), to see that nothing is cut off.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.core.sync_engine import SyncStatus  # noqa: E402
from kiosk.ui.main_window import KioskOptions, KioskWindow  # noqa: E402
from server.db.engine import make_engine, unit_of_work  # noqa: E402
from server.wiring import make_session_factory  # noqa: E402
from server.db.migrate import upgrade_to_head  # noqa: E402
from server.demo_data import seed_demo  # noqa: E402
from doorstation.demo import prepare_demo_kiosk, start_server_process, write_demo_badges  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def wait(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def open_panel(app: QApplication, window: KioskWindow) -> None:
    """The operator panel behind the demo PIN, with its figures and conflicts loaded."""
    window.open_operator_panel()
    window.pin_screen.pin.setText("1234")
    window.pin_screen._try()
    wait(app, 1.5)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="doorstation-shots-"))
    url = f"sqlite:///{folder / 'server.sqlite3'}"
    upgrade_to_head(url)
    factory = make_session_factory(make_engine(url))
    with unit_of_work(factory) as session:
        seed_demo(session, attendees=1000)
    demo_badges = write_demo_badges(factory, folder / "badges")
    badges = {status: code for code, _name, status, _path in demo_badges}
    badges["paid-name"] = next(name for _code, name, status, _path in demo_badges if status == "paid")
    process = start_server_process(url, 8765)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        # First run: the pairing screen.
        window = KioskWindow(KioskOptions(data_dir=folder / "unpaired", windowed=True))
        window.start()
        window.show()
        window.status_bar.show_status(SyncStatus())
        wait(app, 0.5)
        window.grab().save(str(OUT / "1-pairing.png"))
        window.shutdown()
        window.close()

        prepare_demo_kiosk(factory, "http://127.0.0.1:8765", folder / "kiosk")
        window = KioskWindow(KioskOptions(data_dir=folder / "kiosk", windowed=True, sync_interval=0.5))
        window.start()
        window.show()
        wait(app, 3)
        window._change_station()
        wait(app, 0.5)
        window.grab().save(str(OUT / "2-station-setup.png"))
        window.show_scanning()
        window.on_code(badges["paid"], "wedge")  # someone already in, to show it in the results
        wait(app, 0.5)
        window.verdict.dismiss()
        window.scan_screen.search.setText(badges["paid-name"].split()[-1])
        wait(app, 1)
        window.grab().save(str(OUT / "3-scan-and-search.png"))
        window.scan_screen.search.clear()
        for name, payload in (("4-verdict-ok", badges["partially_refunded"]),
                              ("5-verdict-already-in", badges["paid"]), ("6-verdict-refused", badges["cancelled"])):
            window.on_code(payload, "wedge")
            wait(app, 0.6)
            window.grab().save(str(OUT / f"{name}.png"))
        window.verdict.dismiss()
        open_panel(app, window)
        window.grab().save(str(OUT / "7-operator-panel.png"))
        window.show_scanning()
        os.kill(process.pid, 19)  # SIGSTOP: the network is gone
        window.on_code(badges["refunded"], "wedge")
        wait(app, 8)
        window.verdict.dismiss()
        wait(app, 0.3)
        window.grab().save(str(OUT / "8-offline.png"))
        os.kill(process.pid, 18)  # SIGCONT
        window.resize(1024, 560)  # a 1024×600 screen with a title bar
        wait(app, 3)
        window.grab().save(str(OUT / "9-small-screen-scan.png"))
        window.on_code(badges["paid"], "wedge")
        wait(app, 0.6)
        window.grab().save(str(OUT / "10-small-screen-verdict.png"))
        window.verdict.dismiss()
        open_panel(app, window)
        window.grab().save(str(OUT / "11-small-screen-panel.png"))
        window.shutdown()
        QTimer.singleShot(0, app.quit)
    finally:
        process.terminate()
        process.wait(10)
    print(f"Screenshots in {OUT}")


if __name__ == "__main__":
    main()
