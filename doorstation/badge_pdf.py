"""The console's badge PDF, drawn by the kiosk's renderer: the server says what is on a badge, the
kiosk's Qt code draws it (the same drawing a print station prints).

Drawn in a process of its own, started at the first badge a console asks for: a server worker that
loaded Qt for it weighed 163 MB instead of 117 MB, whether it ever drew a badge or not. The drawing
process is made by spawn, not fork, so it inherits none of the server's threads or connections.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict
from pathlib import Path

from server.attendees.badge_pdf import PrintableBadge

DRAWING_TIMEOUT_S = 60

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def kiosk_badge_renderer(badge: PrintableBadge) -> bytes:
    """One badge as a PDF, drawn in the drawing process (started now if it is not running)."""
    try:
        return _drawing_process().submit(_draw, asdict(badge)).result(timeout=DRAWING_TIMEOUT_S)
    except BrokenProcessPool:  # the drawing process died (killed, out of memory): a new one, once
        _forget(_pool)
        return _drawing_process().submit(_draw, asdict(badge)).result(timeout=DRAWING_TIMEOUT_S)


def _drawing_process() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # One process, one badge at a time: Qt's PDF writer and font engine are not promised to be
            # safe from two threads at once, and a badge takes a fraction of a second.
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=start_qt)
        return _pool


def _forget(pool: ProcessPoolExecutor | None) -> None:
    global _pool
    with _pool_lock:
        if pool is not None and _pool is pool:
            pool.shutdown(wait=False, cancel_futures=True)
            _pool = None


def start_qt() -> None:
    """Qt's application object, which drawing text needs: made once, in the drawing process, offscreen."""
    # Always offscreen, whatever the environment says: a server draws on no screen, and Qt aborts the
    # process when the platform it is told to use (xcb without a DISPLAY) cannot start.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    global _qt_application
    _qt_application = QGuiApplication.instance() or QGuiApplication(["doorstation-badges"])


_qt_application = None


def _draw(badge: dict[str, str]) -> bytes:
    from kiosk.badges.render import BadgeData, render_pdf

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "badge.pdf"
        render_pdf([BadgeData(**badge)], path, workers=1)
        return path.read_bytes()
