"""Kiosk mode stays in front: minimised, another desktop, "show desktop" (Super+D) — the window comes back.

A window manager offers many ways to put a window away, and a kiosk in kiosk mode must survive all of
them without the PIN. Closing is refused by the window itself (closeEvent); the rest is watched here,
a few times a second: a locked kiosk that is no longer the active window, or is minimised, or is no
longer mapped on screen, is brought back full screen, on top, with the keyboard.

On X11 Qt's own ``activateWindow`` is not enough: for a window that is not mapped (minimised, or on
another desktop) Qt defers the request until it is mapped again, which never happens by itself. So
the window also asks the window manager directly, as a pager does, through the EWMH messages every
modern X11 window manager honours: be on all desktops (``_NET_WM_DESKTOP``), stop showing the desktop
(``_NET_SHOWING_DESKTOP``), activate me (``_NET_ACTIVE_WINDOW``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

logger = logging.getLogger(__name__)
CHECK_MS = 250  # back within a second: a check every quarter of one, and the window manager's moment


class StayInFront(QObject):
    """Watches ``window`` while ``locked``; brings it back whenever it has been put away."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self._away = False
        self._x11: _Ewmh | None = None
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self._check)

    def lock(self, on: bool) -> None:
        self.locked = on
        if on:
            if QGuiApplication.platformName() == "xcb" and self._x11 is None:
                self._x11 = _Ewmh.open()
            self._timer.start()
        else:
            self._timer.stop()

    def _put_away(self) -> bool:
        window = self.window
        handle = window.windowHandle()
        ours_active = QApplication.activeWindow() is not None or QApplication.activePopupWidget() is not None
        return (window.isMinimized() or not window.isVisible() or not ours_active
                or (handle is not None and not handle.isExposed()))

    def _check(self) -> None:
        if not self.locked or not self._put_away():
            self._away = False
            return
        window = self.window
        if not self._away:  # once per time it is put away: a window manager that never lets it back is not log spam
            self._away = True
            logger.info("Kiosk mode: the window was put away (minimised, another desktop or the desktop shown); "
                        "bringing it back")
        if self._x11 is not None:
            wid = int(window.winId())
            self._x11.on_all_desktops(wid)
            self._x11.stop_showing_desktop()
            self._x11.activate(wid)
        window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized)
                              | Qt.WindowState.WindowFullScreen)
        window.show()
        window.raise_()
        window.activateWindow()


class _XClientMessageEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _XClientMessageEvent), ("pad", ctypes.c_long * 24)]


CLIENT_MESSAGE = 33
SUBSTRUCTURE_NOTIFY_AND_REDIRECT = (1 << 19) | (1 << 20)
ALL_DESKTOPS = 0xFFFFFFFF
FROM_A_PAGER = 2  # EWMH "source indication": a pager's request is honoured, not treated as focus stealing


class _Ewmh:
    """EWMH requests to the window manager, on a connection of their own (libX11 through ctypes)."""

    def __init__(self, xlib: ctypes.CDLL, display: int) -> None:
        self.xlib = xlib
        self.display = display
        self.root = xlib.XDefaultRootWindow(display)

    @classmethod
    def open(cls) -> _Ewmh | None:
        name = ctypes.util.find_library("X11")
        if name is None:
            logger.warning("Kiosk mode: no libX11, so a window on another desktop is not brought back")
            return None
        xlib = ctypes.CDLL(name)
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        xlib.XInternAtom.restype = ctypes.c_ulong
        xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        xlib.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                                    ctypes.POINTER(_XEvent)]
        xlib.XFlush.argtypes = [ctypes.c_void_p]
        display = xlib.XOpenDisplay(os.environ.get("DISPLAY", "").encode() or None)
        if not display:
            logger.warning("Kiosk mode: cannot open the X display for the window manager's requests")
            return None
        return cls(xlib, display)

    def _send(self, window: int, message: str, *data: int) -> None:
        event = _XEvent()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.send_event = 1
        event.xclient.display = self.display
        event.xclient.window = window
        event.xclient.message_type = self.xlib.XInternAtom(self.display, message.encode(), 0)
        event.xclient.format = 32
        for index, value in enumerate(data):
            event.xclient.data[index] = ctypes.c_long(value).value
        self.xlib.XSendEvent(self.display, self.root, 0, SUBSTRUCTURE_NOTIFY_AND_REDIRECT, ctypes.byref(event))
        self.xlib.XFlush(self.display)

    def on_all_desktops(self, window: int) -> None:
        self._send(window, "_NET_WM_DESKTOP", ALL_DESKTOPS, FROM_A_PAGER)

    def stop_showing_desktop(self) -> None:
        self._send(self.root, "_NET_SHOWING_DESKTOP", 0)

    def activate(self, window: int) -> None:
        self._send(window, "_NET_ACTIVE_WINDOW", FROM_A_PAGER, 0, 0)
