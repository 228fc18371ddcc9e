"""USB barcode scanners in keyboard-wedge mode: a fast burst of keys is a scan, wherever focus is.

A scanner types a character every 1–25 ms; a person, at best every 60–100 ms. The filter sits on
the whole application and holds printable keys back while they keep arriving within ``max_gap``
of each other. A scanner's keys do not always come in one burst, though: Bluetooth scanners send
in packets, USB hubs and remote desktops bunch keys, a stalled X server delivers late. So a fast
burst (two keys or more) is kept waiting up to ``join_ms`` for the rest of its code, and the keys
held, burst after burst, are judged together when they end:

- a badge of this conference (``is_badge``), however many bursts it came in: a scan;
- keys that seemed typed just before, which with these make a badge, when these are a scanner's
  (a burst of ``min_length`` fast keys): one scan; the typed keys are taken back from the field
  they went to;
- from a burst of ``min_length`` fast keys on: a scanner's, so a scan, even if no badge (it is
  refused); bursts before it are a person's keys;
- else the bursts are a person's keys, replayed in order to the widget they were going to.

Keys end on Enter or Tab, on silence (at once for a badge, after ``join_ms`` for a scanner's
unfinished code, after twice ``max_gap`` for a person's key), or on a slow key after a person's.
An Enter or Tab within ``join_ms`` after a scan is that scan's (it came late) and reaches no
widget: a late Enter must never act on the search field.

A person typing is never taken for a scanner: their keys are slow, so each is a burst of one,
replayed after a pause of twice ``max_gap`` (or at their next key); a pair typed fast (a rollover)
waits until their next key. Only a scanner-speed burst can take keys back, and only to make a badge.

Counting every physical key exactly once is the whole difficulty. Under a window system one key
event passes the application's filter several times: at the top-level window, then at the focus
widget, then at each parent the widget passes it on to. The filter decides at the first stage
it sees and gives every later stage of the same event the same answer (it recognises them: the
stages are delivered back to back, with the same event). Modifier presses (the Shift an HID
scanner sends around every capital) neither end nor join a burst. Gaps are measured with the
window system's own timestamps, never by when Qt delivers a key, so a UI thread that was busy for
a moment neither splits a scanner's burst nor joins a person's keys.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

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
    at_ms: float  # the window system's time of the press


def _bursts(keys: list[_HeldKey], max_gap_ms: float) -> list[list[_HeldKey]]:
    bursts: list[list[_HeldKey]] = []
    for key in keys:
        if bursts and key.at_ms - bursts[-1][-1].at_ms <= max_gap_ms:
            bursts[-1].append(key)
        else:
            bursts.append([key])
    return bursts


def _text(keys: list[_HeldKey]) -> str:
    return "".join(key.text for key in keys)


class KeyboardWedge(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, max_gap_ms: int = 50, min_length: int = 4,
                 join_ms: int = 400, is_badge: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.join_ms = join_ms  # gaps of up to 300 ms inside a code (Bluetooth, hubs, a busy X server), and a margin
        # Whether keys spell a badge of this station's conference; the window sets it once paired.
        self.is_badge: Callable[[str], bool] = is_badge or (lambda _text: False)
        self._held: list[_HeldKey] = []
        self._target: QWidget | None = None  # where held keys go if they turn out to be typing
        self._typed: list[_HeldKey] = []  # keys replayed as typing, for a scanner's burst to take back
        self._typed_into: QWidget | None = None
        self._last_key_ms = 0.0
        self.last_scan_key_ms = -float(join_ms)  # the last scan's last key, by the window system's clock
        self._swallowed_releases: dict[int, int] = {}  # key → presses held back whose release is still due
        self._last_event: tuple | None = None  # the event last decided, and the answer given to it
        self._last_answer = False
        self._replaying = False
        self._waiting_for_rest = False
        # A little longer than the gap: the timer runs on the UI thread's clock, the gaps on the
        # window system's, and a key may wait in the queue while the UI thread paints.
        self._pause = QTimer(self, singleShot=True)
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
        if key in SUFFIX_KEYS:
            return self._suffix(key, now)
        if not self._is_character(event):  # Backspace, arrows…: a person edits, typed keys are theirs now
            self._end()
            self._typed.clear()
            return False
        if self._held and self._ends_before(now):
            self._end()
        if len(self._held) >= MAX_CODE_LENGTH:  # a stuck key, not a badge
            self._type(self._held, self._target)
            self._held, self._target = [], None
        if not self._held:
            self._target = self._focus_target(watched)
        self._held.append(_HeldKey(key, event.modifiers(), event.text(), now))
        self._swallow_release_of(key)
        self._last_key_ms = now
        self._waiting_for_rest = False
        self._pause.start(2 * self.max_gap_ms)
        return True

    def _ends_before(self, now: float) -> bool:
        """Whether the held keys ended before a key pressed at ``now``."""
        gap = now - self._last_key_ms
        if gap <= self.max_gap_ms:
            return False
        return gap > self.join_ms or not self._may_continue()

    def _may_continue(self) -> bool:
        """The held keys are a scanner's, or end in what may be one, and are no badge yet: the rest of the
        code may follow. (After a pair typed fast, a person's slow key ends them.)"""
        bursts = _bursts(self._held, self.max_gap_ms)
        scanners = len(bursts[-1]) >= 2 or any(len(burst) >= self.min_length for burst in bursts)
        return scanners and not self.is_badge(_text(self._held))

    def _suffix(self, key: int, now: float) -> bool:
        if self._held and now - self._last_key_ms > self.join_ms:
            self._end()  # keys that ended in silence (the UI thread had not noticed yet)
        if not self._held:
            if now - self.last_scan_key_ms <= self.join_ms:
                self._swallow_release_of(key)  # the Enter of the scan just made, arriving late
                return True
            return False
        self._last_key_ms = now
        if self._end():
            self._swallow_release_of(key)
            return True
        return False  # a person pressed Enter or Tab: it goes on to the widget, after their keys

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

    # Ending the held keys -----------------------------------------------------------------------

    def _paused(self) -> None:
        """No key for a while by the UI thread's clock. Keys may still wait in the queue (the thread was
        busy, or not scheduled): take them first, so that they are judged by their own timestamps."""
        keys_before = self._last_key_ms
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if self._last_key_ms != keys_before or not self._held:
            return
        if not self._waiting_for_rest and self._may_continue():
            self._waiting_for_rest = True  # a scanner's burst stopped short of a badge: its rest may come
            self._pause.start(self.join_ms - self.max_gap_ms)
            return
        self._end()

    def _end(self) -> bool:
        """Judge the held keys (the module's docstring says how); returns whether they were a scan."""
        self._pause.stop()
        held, target = self._held, self._target
        self._held, self._target = [], None
        if not held:
            return False
        text = _text(held)
        bursts = _bursts(held, self.max_gap_ms)
        if self.is_badge(text):
            self._scan(text)
            return True
        first_scanners = next((n for n, burst in enumerate(bursts) if len(burst) >= self.min_length), None)
        if first_scanners is not None:  # only a scanner's burst takes keys back, never a person's
            taken = self._take_back(text, before_ms=held[0].at_ms)
            if taken is not None:
                self._scan(taken + text)
                return True
        if first_scanners is None:
            self._type(held, target)
            return False
        typed = sum(len(burst) for burst in bursts[:first_scanners])  # a person's keys, then a scanner's
        self._type(held[:typed], target)
        self._scan(_text(held[typed:]))
        return True

    def _scan(self, text: str) -> None:
        self.last_scan_key_ms = self._last_key_ms  # also the benchmarks' "last key" of the scan
        self._typed.clear()
        self.scanned.emit(text)

    def _take_back(self, text: str, *, before_ms: float) -> str | None:
        """The keys typed just before ``text`` that make a badge with it, taken back from their field;
        None when there are none. Only keys each within ``join_ms`` of the next can belong to one code."""
        chain: list[_HeldKey] = []
        later = before_ms
        for key in reversed(self._typed):
            if later - key.at_ms > self.join_ms:
                break
            chain.insert(0, key)
            later = key.at_ms
        for start in range(len(chain)):  # the longest first: a signed badge's "DS1." is part of it
            typed = _text(chain[start:])
            if self.is_badge(typed + text):
                self._erase(typed)
                return typed
        return None

    def _erase(self, typed: str) -> None:
        field = self._typed_into
        if isinstance(field, QLineEdit) and shiboken6.isValid(field) and field.text().endswith(typed) \
                and field.cursorPosition() == len(field.text()):
            for _ in typed:
                field.backspace()  # as a person's Backspace: the field's own signals (search) follow

    def _type(self, keys: list[_HeldKey], target: QWidget | None) -> None:
        """A person's keys, held back a moment, go to the widget they were typed into, in order."""
        if not keys:
            return
        if target is None or not shiboken6.isValid(target):
            target = QApplication.focusWidget()
        if target is None:
            return
        if target is not self._typed_into:
            self._typed = []
            self._typed_into = target
        self._typed = (self._typed + keys)[-MAX_CODE_LENGTH:]
        self._replaying = True
        try:
            for key in keys:
                for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QCoreApplication.sendEvent(target, QKeyEvent(event_type, key.key, key.modifiers, key.text))
        finally:
            self._replaying = False
