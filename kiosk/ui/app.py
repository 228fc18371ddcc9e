"""Starting the kiosk: the Qt application, the window, and first-run pairing from the command line."""

from __future__ import annotations

import logging
import logging.handlers
import os
import signal
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

from kiosk.core.data_folder import LOG_FILE
from kiosk.ui.main_window import KioskOptions, KioskWindow


def screen_available() -> bool:
    """Whether a kiosk window can open here (Linux needs X11 or Wayland; QT_QPA_PLATFORM=offscreen counts)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def log_to_data_folder(data_dir: Path) -> Path:
    """Everything the kiosk logs (sync trouble, worker failures with tracebacks) also goes to a file in its
    data folder, kept to a few megabytes, so an organiser can read what happened after the event."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return path


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)  # `systemctl stop`, a shutdown, `kill`; Ctrl+C


@contextmanager
def stopping_on_signals(stop: Callable[[int], None]) -> Iterator[None]:
    """While the Qt event loop runs, SIGTERM and SIGINT call ``stop(signal number)`` on the UI thread.

    A Python signal handler only runs when the interpreter gets control, which Qt's event loop (C++)
    may not give it for a long time; and raising from it (SystemExit, KeyboardInterrupt) unwinds past
    the running threads ("QThread: Destroyed while thread 'cache' is still running", an abort). So the
    handler does nothing itself: the signal's number reaches a socket (``signal.set_wakeup_fd``), whose
    notifier wakes the event loop, which stops the kiosk as the operator panel's Quit does."""
    if sys.platform == "win32":  # no wakeup socket for console signals there; the panel's Quit remains
        yield
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)

    def arrived() -> None:
        try:
            data = reader.recv(16)
        except BlockingIOError:
            return
        for number in data:
            logging.getLogger(__name__).info("Stopping on %s, as the operator panel's Quit does",
                                             signal.Signals(number).name)
            stop(number)

    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(arrived)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = {number: signal.signal(number, lambda *_: None) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        reader.close()
        writer.close()


def run_kiosk(options: KioskOptions, *, stopped_by_signal: Callable[[int], None] | None = None) -> int:
    """Open the kiosk window and run until it quits: from the operator panel, or on SIGTERM or SIGINT,
    which end it the same way (exit status 0). ``stopped_by_signal`` hears which signal it was (the
    demo stops its server then)."""
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

    def stop(number: int) -> None:
        if stopped_by_signal is not None:
            stopped_by_signal(number)
        window.quit()

    with stopping_on_signals(stop):
        window.start()
        if not window.isFullScreen():
            window.show()
        code = app.exec()
    window.shutdown()
    return code
