"""The console's badge PDF, drawn by the kiosk's renderer: the server says what is on a badge, the
kiosk's Qt code draws it (the same drawing a print station prints)."""

from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import asdict
from pathlib import Path

from server.attendees.badge_pdf import PrintableBadge


def start_qt() -> None:
    """Qt's application object, which drawing text needs: made once, in the main thread, offscreen
    (a server has no screen). Badges are then drawn in the server's worker threads."""
    # Always offscreen, whatever the environment says: a server draws on no screen, and Qt aborts the
    # process when the platform it is told to use (xcb without a DISPLAY) cannot start.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    global _qt_application
    _qt_application = QGuiApplication.instance() or QGuiApplication(["doorstation-server"])


_qt_application = None
# One badge at a time per process: Qt's PDF writer and font engine are not promised to be safe from
# two threads at once, and a badge takes a fraction of a second.
_drawing = threading.Lock()


def kiosk_badge_renderer(badge: PrintableBadge) -> bytes:
    from kiosk.badges.render import BadgeData, render_pdf

    with _drawing, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "badge.pdf"
        render_pdf([BadgeData(**asdict(badge))], path, workers=1)
        return path.read_bytes()
