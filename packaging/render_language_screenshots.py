"""The kiosk in each shipped language, at 1280×800 and 1024×600, to review every screen a translation reaches.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_language_screenshots.py [OUT] [--docs]

One demo server, one paired kiosk whose language is switched live (as the operator panel does) between the
shots: the station set-up, the scan screen with a search, a refused verdict, the PIN pad and the operator panel; then
the seldom screens alone (pairing, scans left for a previous server, data locked); each as
``<language>-<size>-<screen>.png`` in OUT (default /tmp/kiosk-language-screenshots). ``--docs`` also copies a
representative set (German and Arabic at both sizes: the longest words and right to left) to docs/screenshots/.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication

from doorstation.demo import prepare_demo_kiosk, start_server_process, write_demo_badges
from kiosk.ui.language import speak
from kiosk.ui.main_window import KioskOptions, KioskWindow
from kiosk.ui.operator_panel import PinScreen
from kiosk.ui.setup_screens import PairingScreen, WaitingScansScreen
from server.db.engine import make_engine, unit_of_work
from server.db.migrate import upgrade_to_head
from server.demo_data import seed_demo
from server.wiring import make_session_factory
from shared.languages import SHIPPED_LANGUAGES

SIZES = {"1280x800": (1280, 800), "1024x600": (1024, 600)}
DOCS = ROOT / "docs" / "screenshots"
FOR_THE_DOCS = ("de", "ar")


def wait(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def rare_screens(app: QApplication, out: Path) -> list[Path]:
    """The screens a kiosk shows seldom, alone at the window's size less its status line: pairing, the scans
    left for a previous server, the PIN that opens the conference data where there is no key store."""
    shots = []
    for language in SHIPPED_LANGUAGES:
        speak(language)
        waiting = WaitingScansScreen()
        waiting.show_waiting(3, "https://checkin.example.org", "DoorCon 2026", "https://new.example.org",
                             "DoorCon 2027")
        screens = {"6-pairing": PairingScreen(), "7-scans-waiting": waiting,
                   "8-data-locked": PinScreen(lambda _pin: False, unlocks_cache=True)}
        for size, (width, height) in SIZES.items():
            for name, screen in screens.items():
                screen.resize(width, height - 40)
                screen.show()
                wait(app, 0.1)
                path = out / f"{language}-{size}-{name}.png"
                screen.grab().save(str(path))
                shots.append(path)
        for screen in screens.values():
            screen.close()
            screen.deleteLater()
    speak("en")
    return shots


def main(argv: list[str]) -> None:
    out = Path(next((arg for arg in argv if not arg.startswith("--")), "/tmp/kiosk-language-screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="doorstation-language-shots-"))
    url = f"sqlite:///{folder / 'server.sqlite3'}"
    upgrade_to_head(url)
    factory = make_session_factory(make_engine(url))
    with unit_of_work(factory) as session:
        seed_demo(session, attendees=300)
    demo_badges = write_demo_badges(factory, folder / "badges")
    badges = {status: code for code, _name, status, _path in demo_badges}
    surname = next(name for _code, name, status, _path in demo_badges if status == "paid").split()[-1]
    process = start_server_process(url, 8766)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        prepare_demo_kiosk(factory, "http://127.0.0.1:8766", folder / "kiosk")
        window = KioskWindow(KioskOptions(data_dir=folder / "kiosk", windowed=True, sync_interval=0.5))
        window.start()
        window.show()
        wait(app, 3)
        window.on_code(badges["paid"], "wedge")  # someone already in, for the search results
        wait(app, 0.5)
        window.verdict.dismiss()
        shots = []
        for language in SHIPPED_LANGUAGES:
            window._keep_language(language)  # as the operator panel's chooser does: saved, and spoken at once
            for size, (width, height) in SIZES.items():
                window.resize(width, height)
                wait(app, 0.4)

                def shot(screen: str, language: str = language, size: str = size) -> None:
                    path = out / f"{language}-{size}-{screen}.png"
                    window.grab().save(str(path))
                    shots.append(path)

                window._change_station()
                wait(app, 0.6)
                shot("1-station-setup")
                window.show_scanning()
                window.scan_screen.search.setText(surname)
                wait(app, 1)
                shot("2-scan")
                window.scan_screen.search.clear()
                window.on_code(badges["cancelled"], "wedge")
                wait(app, 0.6)
                shot("3-verdict-refused")
                window.verdict.dismiss()
                window.open_operator_panel()
                wait(app, 0.3)
                shot("4-pin")
                window.pin_screen.pin.setText("1234")
                window.pin_screen._try()
                wait(app, 1.5)
                shot("5-operator-panel")
                window.show_scanning()
        window._keep_language("")
        window.shutdown()
        shots += rare_screens(app, out)
        if "--docs" in argv:
            for path in shots:
                if path.name.split("-")[0] in FOR_THE_DOCS:
                    shutil.copy(path, DOCS / f"kiosk-{path.name}")
    finally:
        process.terminate()
        process.wait(10)
    print(f"{len(shots)} screenshots in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
