"""A real X server for the kiosk tests: Xvfb, keys through XTest (xdotool), a window manager (openbox).

A USB scanner is a keyboard: its keys reach the kiosk through the window system, as key events at
the top-level window first and then at the focus widget. Handing keys straight to a widget
(``qtbot.keyClicks``) skips that path, so the tests that prove scanning send them through a real X
server with xdotool, which types capitals with Shift as an HID scanner does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REQUIRE_X11 = os.environ.get("DOORSTATION_REQUIRE_X11") == "1"
TOOLS = ("Xvfb", "xdotool")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def xcb_problem(display: str) -> str | None:
    """Why Qt cannot open a window on ``display`` through its xcb platform (missing libraries named), or None.

    Probed in a child process: a platform plugin that fails to load aborts the process that loads it,
    which in the test process would end the whole run ("Fatal Python error: Aborted").
    """
    probe = subprocess.run([sys.executable, "-c", "from PySide6.QtGui import QGuiApplication; QGuiApplication([])"],
                           env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}, capture_output=True,
                           text=True, timeout=120, check=False)
    if probe.returncode == 0:
        return None
    missing = sorted(set(_libraries_not_found()))
    if missing:
        return f"Qt's xcb platform does not load: {', '.join(missing)} not found (bash packaging/dev.sh setup installs them)"
    last = (probe.stderr.strip().splitlines() or [f"exit {probe.returncode}"])[-1]
    return f"Qt's xcb platform does not load: {last}"


def _libraries_not_found():
    import PySide6  # the probe above has shown that it imports

    qt = Path(PySide6.__file__).parent / "Qt"
    for library in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"):
        if library.exists() and shutil.which("ldd"):
            listing = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=False).stdout
            yield from (line.split()[0] for line in listing.splitlines() if "not found" in line)


class XServer:
    """Xvfb on a free display number, 1280×800 like a kiosk's screen."""

    def __init__(self, size: str = "1280x800x24") -> None:
        read, write = os.pipe()
        self.process = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp",
                                         "-noreset"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.process.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        self.window_manager: subprocess.Popen | None = None

    def run(self, *args: str) -> str:
        return subprocess.run(args, env={**os.environ, "DISPLAY": self.display}, check=True, capture_output=True,
                              text=True, timeout=60).stdout

    def start_window_manager(self) -> None:
        self.window_manager = subprocess.Popen(["openbox", "--sm-disable"], env={**os.environ, "DISPLAY": self.display},
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # openbox announces itself with _NET_SUPPORTING_WM_CHECK
            probe = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], check=False, capture_output=True, text=True,
                                   env={**os.environ, "DISPLAY": self.display})
            if "window id" in probe.stdout:
                return
            time.sleep(0.05)
        raise RuntimeError("openbox did not start")

    def stop_window_manager(self) -> None:
        if self.window_manager is not None:
            self.window_manager.terminate()
            self.window_manager.wait(10)
            self.window_manager = None

    def stop(self) -> None:
        self.stop_window_manager()
        self.process.terminate()
        self.process.wait(10)


KEYSYMS = {".": "period", "-": "minus", "_": "underscore", ":": "colon", "/": "slash", "@": "at"}


def burst_commands(code: str, *, cuts: tuple[int, ...], gaps_ms: list[int], key_gap_ms: int = 4,
                   suffix: str | None = "Return") -> list[str]:
    """xdotool's arguments for a code in bursts: cut before each index in ``cuts``, ``gaps_ms`` between them.
    One xdotool run, its own ``sleep`` between bursts, so that each gap is what it says (``type`` cannot
    be chained; ``key`` can, and its --delay is about half the time from one press to the next)."""
    delay = str(max(1, key_gap_ms // 2))
    commands: list[str] = []
    starts = (0, *cuts)
    for number, (start, end) in enumerate(zip(starts, (*cuts, len(code)))):
        if number:
            commands += ["sleep", f"{gaps_ms[number - 1] / 1000:.3f}"]
        keys = [KEYSYMS.get(character, character) for character in code[start:end]]
        if end == len(code) and suffix:
            keys.append(suffix)
        if keys:
            commands += ["key", "--delay", delay, *keys]
    return commands


class Keyboard:
    """Keys through the X server (XTest), typed while the test keeps Qt's event loop running."""

    def __init__(self, x: XServer, qtbot) -> None:
        self.x = x
        self.qtbot = qtbot

    def _xdotool(self, *args: str) -> None:
        process = subprocess.Popen(["xdotool", *args], env={**os.environ, "DISPLAY": self.x.display},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # Qt reads the keys as they come: the event loop must run while xdotool types.
        self.qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
        _, errors = process.communicate()  # reads and closes the pipe
        assert process.returncode == 0, errors.decode()

    # xdotool's --delay is the time from one key's press to the next one's release-and-press: it
    # waits half of it after each press and half after each release. The gaps below are press to press.

    def scan(self, code: str, *, key_gap_ms: int = 4, suffix: str | None = "Return") -> None:
        """What a USB scanner does: a character every ``key_gap_ms``, capitals through Shift, then a suffix.

        The default is what ``xdotool type --delay 8`` gives, the bug report's scanner."""
        self._xdotool("type", "--delay", str(2 * key_gap_ms), code)
        if suffix:
            self._xdotool("key", "--delay", str(2 * key_gap_ms), suffix)

    def scan_in_bursts(self, code: str, *, cuts: tuple[int, ...], gap_ms: int, key_gap_ms: int = 4,
                       suffix: str | None = "Return") -> None:
        """A scanner whose keys come in bursts (Bluetooth packets, a USB hub, a stalled X server): the code
        cut before each index in ``cuts`` (``len(code)``: before the suffix), ``gap_ms`` between bursts."""
        self._xdotool(*burst_commands(code, cuts=cuts, gaps_ms=[gap_ms] * len(cuts), key_gap_ms=key_gap_ms,
                                      suffix=suffix))

    def type(self, text: str, *, key_gap_ms: int = 70) -> None:
        """A person typing, a key every ``key_gap_ms``."""
        self._xdotool("type", "--delay", str(2 * key_gap_ms), text)

    def key(self, *keys: str) -> None:
        self._xdotool("key", "--delay", "140", *keys)

    def click(self, widget) -> None:
        """A mouse click in the middle of a widget, through the X server."""
        centre = widget.mapToGlobal(widget.rect().center())
        self._xdotool("mousemove", "--sync", str(centre.x()), str(centre.y()), "click", "1")


def wait_for_x_focus(qtbot, window, timeout: int = 5000) -> None:
    """Until the X server sends keys to this window (a window manager may take a moment to give it focus)."""
    def focused() -> bool:
        window.activateWindow()
        return window.isActiveWindow()
    qtbot.waitUntil(focused, timeout=timeout)

