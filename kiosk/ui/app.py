"""Starting the kiosk: the Qt application, the window, and first-run pairing from the command line."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtWidgets import QApplication

from kiosk.ui.main_window import KioskOptions, KioskWindow


def run_kiosk(options: KioskOptions) -> int:
    """Open the kiosk window and run until it quits (from the operator panel)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
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
