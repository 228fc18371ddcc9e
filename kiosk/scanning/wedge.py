"""USB barcode scanners in keyboard-wedge mode: a fast burst of keys is a scan, wherever focus is.

A scanner types a character every 1–25 ms; a person, at best every 60–100 ms. The filter sits on
the whole application and holds printable keys back while they keep arriving within ``max_gap``
of each other. When the burst ends:

- Enter or Tab after at least ``min_length`` characters: a scan; no key of it reaches a widget;
- a pause after at least ``min_length`` characters: a scan too (scanners set up without a suffix);
  once ``min_length`` keys came fast, a single slower gap (up to twice ``max_gap``) does not end it;
- anything shorter: a person typing, so the held keys are replayed, in order, to the widget the
  keys were going to. Typing is delayed by ``max_gap`` and a little, never lost or reordered.

Counting every physical key exactly once is the whole difficulty. Under a window system one key
event passes the application's filter several times: at the top-level window, then at the focus
widget, then at each parent the widget passes it on to. The filter decides at the first stage
it sees and gives every later stage of the same event the same answer (it recognises them: the
stages are delivered back to back, with the same event). Modifier presses (the Shift an HID
scanner sends around every capital) neither end nor join a burst. Gaps are measured with the
window system's own timestamps where it gives them, so a UI thread that was busy for a moment
does not turn a scanner's burst into "slow typing".
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

SUFFIX_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
                 Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock)
COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
MAX_CODE_LENGTH = 300


@dataclass(frozen=True)
class _HeldKey:
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class KeyboardWedge(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, max_gap_ms: int = 50, min_length: int = 4) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._held: list[_HeldKey] = []
        self._target: QWidget | None = None  # where held keys go if they turn out to be typing
        self._last_key_ms = 0.0
        self.last_scan_key_ms = 0.0
        self._swallowed_releases: dict[int, int] = {}  # key → presses held back whose release is still due
        self._last_event: tuple | None = None  # the event last decided, and the answer given to it
        self._last_answer = False
        self._replaying = False
        # A little longer than the gap: the timer runs on the UI thread's clock, the gaps on the
        # window system's, and a key may wait in the queue while the UI thread paints.
        self._pause = QTimer(self, singleShot=True, interval=max_gap_ms * 2)
        self._pause.timeout.connect(self._paused)

    # Filter -------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        event_type = event.type()
        if self._replaying or event_type not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(event, QKeyEvent):  # PySide6 hands a filter the event's own class: never taken
            return False
        identity = (shiboken6.getCppPointer(event)[0], event_type, event.key(), event.timestamp(),
                    event.nativeScanCode(), event.text(), event.isAutoRepeat())
        if identity == self._last_event:
            return self._last_answer  # a later stage of the key just decided
        self._last_event = identity
        if event_type == QEvent.Type.KeyPress:
            self._last_answer = self._press(watched, event)
        else:
            self._last_answer = self._release(event)
        return self._last_answer

    def _press(self, watched: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in MODIFIER_KEYS:
            return False
        now = self._timestamp_ms(event)
        gap = now - self._last_key_ms
        # Once min_length keys came fast, this is a scanner: a hiccup (a busy USB bus or CPU) does not
        # end its burst; only a suffix or a real pause does.
        scanning = len(self._held) >= self.min_length and gap <= self._pause.interval()
        if self._held and gap > self.max_gap_ms and not scanning:
            self._burst_ended()
        if key in SUFFIX_KEYS and self._held:
            if len(self._held) >= self.min_length:
                self._swallow_release_of(key)
                self._last_key_ms = now
                self._emit_scan()
                return True
            self._replay()
            return False  # a person pressed Enter or Tab: it goes on to the widget, after their keys
        if not self._is_character(event):
            self._replay()
            return False
        if len(self._held) >= MAX_CODE_LENGTH:  # a stuck key, not a badge
            self._replay()
        if not self._held:
            self._target = self._focus_target(watched)
        self._held.append(_HeldKey(key, event.modifiers(), event.text()))
        self._swallow_release_of(key)
        self._last_key_ms = now
        self._pause.start()
        return True

    def _release(self, event: QKeyEvent) -> bool:
        pending = self._swallowed_releases.get(event.key(), 0)
        if pending == 0:
            return False
        if pending == 1:
            del self._swallowed_releases[event.key()]
        else:
            self._swallowed_releases[event.key()] = pending - 1
        return True

    def _swallow_release_of(self, key: int) -> None:
        if len(self._swallowed_releases) > 64:  # releases lost with a focus change: forget them
            self._swallowed_releases.clear()
        self._swallowed_releases[key] = self._swallowed_releases.get(key, 0) + 1

    @staticmethod
    def _timestamp_ms(event: QKeyEvent) -> float:
        stamp = event.timestamp()  # the window system's time of the key, in ms; 0 when synthesised
        return float(stamp) if stamp else time.monotonic() * 1000

    @staticmethod
    def _is_character(event: QKeyEvent) -> bool:
        text = event.text()
        return len(text) == 1 and text.isprintable() and not event.modifiers() & COMMAND_MODIFIERS

    @staticmethod
    def _focus_target(watched: QObject) -> QWidget | None:
        """The widget a key is on its way to: the focus widget of the window it arrived at."""
        if isinstance(watched, QWidget):
            return watched
        focus = QApplication.focusWidget()
        if focus is not None:
            return focus
        if isinstance(watched, QWindow):  # a window the window manager has not activated (yet)
            for widget in QApplication.topLevelWidgets():
                if widget.windowHandle() is watched:
                    return widget.focusWidget() or widget
        return None

    # Ending a burst -----------------------------------------------------------------------------

    def _paused(self) -> None:
        """No key for a while by the UI thread's clock. Keys may still wait in the queue (the thread was
        busy, or not scheduled): take them first, so that they join the burst rather than end it."""
        keys_before = self._last_key_ms
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if self._last_key_ms == keys_before and self._held:
            self._burst_ended()

    def _burst_ended(self) -> None:
        self._pause.stop()
        if len(self._held) >= self.min_length:
            self._emit_scan()  # a scanner configured without a suffix
        else:
            self._replay()

    def _emit_scan(self) -> None:
        self._pause.stop()
        text = "".join(key.text for key in self._held)
        self.last_scan_key_ms = self._last_key_ms  # the scan's last key, by the window system's clock (benchmarks)
        self._held.clear()
        self._target = None
        self.scanned.emit(text)

    def _replay(self) -> None:
        """A person's keys, held back a moment, go to the widget they were typed into, in order."""
        self._pause.stop()
        held, self._held = self._held, []
        target, self._target = self._target, None
        if not held:
            return
        if target is None or not shiboken6.isValid(target):
            target = QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for key in held:
                for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QCoreApplication.sendEvent(target, QKeyEvent(event_type, key.key, key.modifiers, key.text))
        finally:
            self._replaying = False
