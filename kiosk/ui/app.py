"""Starting the kiosk: the Qt application, the window, and first-run pairing from the command line."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.ui.main_window import KioskOptions, KioskWindow


def screen_available() -> bool:
    """Whether a kiosk window can open here (Linux needs X11 or Wayland; QT_QPA_PLATFORM=offscreen counts)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


LOG_FILE = "kiosk.log"


def log_to_data_folder(data_dir: Path) -> Path:
    """Everything the kiosk logs (sync trouble, worker failures with tracebacks) also goes to a file in its
    data folder, kept to a few megabytes, so an organiser can read what happened after the event."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return path


def run_kiosk(options: KioskOptions) -> int:
    """Open the kiosk window and run until it quits (from the operator panel)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per sync round every 2 s is noise
    log_to_data_folder(options.data_dir)
    if not screen_available():
        print("There is no screen to open the kiosk on (no DISPLAY or WAYLAND_DISPLAY). Run it on the kiosk's "
              "desktop, or under Xvfb: xvfb-run doorstation kiosk", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Doorstation")
    window = KioskWindow(options)
    window.start()
    if not window.isFullScreen():
        window.show()
    code = app.exec()
    window.shutdown()
    return code
