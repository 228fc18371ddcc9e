"""USB barcode scanners in keyboard-wedge mode: a fast burst of keys ending in Enter is a scan.

The filter sits on the whole application, so a scan works wherever focus is. It holds printable
keys back while they keep arriving faster than ``max_gap`` (a scanner types a character every
few milliseconds; a person, at best every 60–100 ms). When the burst ends:

- Enter after at least ``min_length`` characters: a scan, and the keys never reach a widget;
- a pause after at least ``min_length`` characters: a scan too (scanners set up without Enter);
- anything shorter: a person typing, so the held keys are replayed, in order, to the widget that
  has focus. Typing in the search field is delayed by one gap at most, never lost.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class KeyboardWedge(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, max_gap_ms: int = 30, min_length: int = 4) -> None:
        super().__init__(parent)
        self.max_gap = max_gap_ms / 1000
        self.min_length = min_length
        self._held: list[QKeyEvent] = []
        self._last_key_at = 0.0
        self._replaying = False
        self._pause = QTimer(self, singleShot=True, interval=max_gap_ms)
        self._pause.timeout.connect(self._burst_ended)

    def install(self, app: QCoreApplication) -> None:
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        # One key event reaches the filter once per widget it propagates through; count it once.
        if not watched.isWidgetType() or watched is not (QApplication.focusWidget() or watched):
            return bool(self._held) and event.type() == QEvent.Type.KeyPress and self._is_char(event)
        if event.type() == QEvent.Type.KeyRelease:
            return bool(self._held)  # releases of held keys are not for the widget either
        now = time.monotonic()
        gap = now - self._last_key_at
        if event.key() in ENTER_KEYS and self._held:
            if gap <= self.max_gap and len(self._held) >= self.min_length:
                self._emit_scan()
                return True
            self._replay()
            return False  # the Enter itself goes on to the widget
        if not self._is_char(event):
            self._replay()
            return False
        if self._held and gap > self.max_gap:
            self._burst_ended()
        self._held.append(QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                                    event.isAutoRepeat(), event.count()))
        self._last_key_at = now
        self._pause.start()
        return True

    @staticmethod
    def _is_char(event: QKeyEvent) -> bool:
        text = event.text()
        no_command = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                               | Qt.KeyboardModifier.MetaModifier)
        return len(text) == 1 and text.isprintable() and no_command

    def _burst_ended(self) -> None:
        self._pause.stop()
        if len(self._held) >= self.min_length:
            self._emit_scan()  # a scanner configured without Enter
        else:
            self._replay()

    def _emit_scan(self) -> None:
        self._pause.stop()
        text = "".join(e.text() for e in self._held)
        self._held.clear()
        self.scanned.emit(text)

    def _replay(self) -> None:
        self._pause.stop()
        held, self._held = self._held, []
        target = QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for event in held:
                QCoreApplication.sendEvent(target, event)
                QCoreApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyRelease, event.key(), event.modifiers(),
                                                             event.text()))
        finally:
            self._replaying = False
