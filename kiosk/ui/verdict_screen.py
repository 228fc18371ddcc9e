"""The full-screen answer to a scan: green, amber or red, the reason in words, who it is.

It never blocks the next scan: it is not a dialog, takes no focus, and a new verdict simply
replaces the one on show. It hides itself after a few seconds, or at a tap.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.core.verdict_text import VerdictText

BACKGROUNDS = {"green": "#1e7d3a", "amber": "#c77c00", "red": "#b3261e"}
SYMBOLS = {"green": "✓", "amber": "!", "red": "✕"}


class VerdictScreen(QWidget):
    dismissed = Signal()
    painted = Signal()  # after each paint: the moment the volunteer can see the verdict (benchmarks)

    def __init__(self, parent: QWidget, *, dismiss_seconds: float = 3.0) -> None:
        super().__init__(parent)
        self._host = parent  # the window the verdict covers
        self.setObjectName("verdict")
        # The colour goes in the palette, not a style sheet: re-styling on every scan cost ~10 ms.
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.colour = ""
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.dismiss)
        self.dismiss_seconds = dismiss_seconds

        self.symbol = self._label(96, bold=True)
        self.headline = self._label(44, bold=True)
        self.name = self._label(36, bold=True)
        self.ticket = self._label(24)
        self.addons = self._label(22)
        self.detail = self._label(18)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        for label in (self.symbol, self.headline, self.name, self.ticket, self.addons, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)
        self.hide()

    def _label(self, points: int, *, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: white; font-size: {points}pt; font-weight: {'700' if bold else '400'};")
        return label

    def show_verdict(self, text: VerdictText) -> None:
        self.colour = text.colour
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUNDS[text.colour]))
        self.setPalette(palette)
        self.symbol.setText(SYMBOLS[text.colour])
        self.headline.setText(text.headline)
        self.name.setText(text.name)
        ticket = " · ".join(part for part in (text.ticket_type, text.company) if part)
        self.ticket.setText(ticket)
        self.addons.setText("\n".join(text.addons))
        self.detail.setText(text.detail)
        for label in (self.name, self.ticket, self.addons, self.detail):
            label.setVisible(bool(label.text()))
        self.setGeometry(self._host.rect())
        self.raise_()
        self.show()
        self._timer.start(int(self.dismiss_seconds * 1000))

    def dismiss(self) -> None:
        self._timer.stop()
        if self.isVisible():
            self.hide()
            self.dismissed.emit()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def mousePressEvent(self, event) -> None:
        self.dismiss()
