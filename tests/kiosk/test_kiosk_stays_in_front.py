"""Kiosk mode cannot be left without the PIN: minimised, sent to another desktop or hidden by "show
desktop" (Super+D) through a real window manager (openbox under Xvfb), the kiosk is back on top with
the keyboard within a second: the next badge scanned through the X server gets its verdict."""

from __future__ import annotations

import logging
import time

import pytest

from tests.kiosk.door import open_window, shown
from tests.kiosk.x_server import wait_for_x_focus

pytestmark = pytest.mark.x11


def _on_screen(x_server, window) -> bool:
    """Mapped and viewable, and the window X gives the keyboard to."""
    wid = str(int(window.winId()))
    state = x_server.run("xwininfo", "-id", wid)
    return "IsViewable" in state and x_server.run("xdotool", "getactivewindow").strip() == wid


@pytest.mark.parametrize("put_away", ["minimise", "super+d", "another desktop"])
def test_a_kiosk_put_away_comes_back_on_top_within_a_second(qtbot, door, keyboard, window_manager, put_away,
                                                            caplog):
    caplog.set_level(logging.INFO, logger="kiosk.ui.stay_in_front")
    window = open_window(qtbot, door)  # the station is in kiosk mode
    qtbot.waitUntil(window.isFullScreen, timeout=5000)
    wait_for_x_focus(qtbot, window)
    qtbot.waitUntil(lambda: _on_screen(window_manager, window), timeout=5000)

    if put_away == "minimise":
        window_manager.run("xdotool", "windowminimize", str(int(window.winId())))
    elif put_away == "super+d":
        keyboard.key("super+d")  # openbox: ToggleShowDesktop
    else:
        keyboard.key("ctrl+alt+Right")  # openbox: the next desktop
    away = time.monotonic()
    # It was put away (the kiosk noticed), and it is back: viewable, with the keyboard, within a second.
    qtbot.waitUntil(lambda: "bringing it back" in caplog.text and _on_screen(window_manager, window), timeout=1000)
    assert time.monotonic() - away < 1.0
    assert window.isFullScreen()

    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.paid)
    assert shown(window)[:2] == ("green", "Welcome")
