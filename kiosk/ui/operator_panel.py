"""Behind the PIN: this station's figures, conflicts from the server, undo, station set-up, quit."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout,
                               QWidget)

from kiosk.core.scan_pipeline import StationStatistics
from kiosk.core.verdict_text import local_time

SCAN_KINDS = {"check_in": "Check-in", "exit": "Exit", "door_check": "Door check", "redemption": "Redemption",
              "undo": "Undo", "badge_printed": "Badge print", "failed_scan": "Refused scan"}

LOCKOUT_AFTER = 5  # wrong PINs in a row before the pad pauses
LOCKOUT_SECONDS = 30


class PinScreen(QWidget):
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, check_pin, parent: QWidget | None = None, *, title: str = "Operator PIN",
                 action: str = "Open operator panel", explanation: str = "", can_cancel: bool = True) -> None:
        super().__init__(parent)
        self.check_pin = check_pin  # str -> bool
        self.failures = 0
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("PIN")
        self.pin.setStyleSheet("font-size: 28pt; padding: 8px;")
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self._try)
        self.message = QLabel("")
        self.message.setStyleSheet("font-size: 15pt; color: #b3261e;")
        self.ok = QPushButton(action)
        self.ok.clicked.connect(self._try)
        back = QPushButton("Back to scanning")
        back.clicked.connect(self._cancel)
        back.setVisible(can_cancel)
        for button in (self.ok, back):
            button.setStyleSheet("font-size: 16pt; padding: 10px;")
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 26pt; font-weight: 700;")
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("font-size: 15pt;")
        self.explanation.setVisible(bool(explanation))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(200, 80, 200, 80)
        layout.addWidget(heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.pin)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ok)
        buttons.addWidget(back)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._unlock_timer = QTimer(self, singleShot=True, interval=LOCKOUT_SECONDS * 1000)
        self._unlock_timer.timeout.connect(self._unlock)
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._show_countdown)

    def reset(self) -> None:
        self.pin.clear()
        if not self._unlock_timer.isActive():
            self.message.clear()
        self.pin.setFocus()

    def _try(self) -> None:
        if self._unlock_timer.isActive():
            return
        if self.check_pin(self.pin.text()):
            self.failures = 0
            self.pin.clear()
            self.accepted.emit()
            return
        self.failures += 1
        self.pin.clear()
        if self.failures >= LOCKOUT_AFTER:
            self.ok.setEnabled(False)
            self.pin.setEnabled(False)
            self._unlock_timer.start()
            self._countdown.start()
            self._show_countdown()
        else:
            self.message.setText("Wrong PIN.")

    def _show_countdown(self) -> None:
        # (a coarse timer may run a little long: never show more than the lock-out itself)
        left = min(LOCKOUT_SECONDS, max(1, math.ceil(self._unlock_timer.remainingTime() / 1000)))
        self.message.setText(f"Wrong PIN {self.failures} times. Try again in {left} s.")

    def _unlock(self) -> None:
        self._countdown.stop()
        self.failures = 0
        self.ok.setEnabled(True)
        self.pin.setEnabled(True)
        self.pin.clear()
        self.message.clear()
        self.pin.setFocus()

    def _cancel(self) -> None:
        self.pin.clear()
        self.cancelled.emit()


class OperatorPanel(QWidget):
    undoRequested = Signal()
    changeStationRequested = Signal()
    pairAgainRequested = Signal()
    reprintRequested = Signal()
    quitRequested = Signal()
    forgetRequested = Signal(str)  # the PIN typed again: every attendee on this kiosk is deleted
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("QLabel, QPushButton, QListWidget { font-size: 15pt; }")
        title = QLabel("Operator panel")
        title.setStyleSheet("font-size: 26pt; font-weight: 700;")
        self.figures = QGridLayout()
        self.figure_labels: dict[str, QLabel] = {}
        for row, (key, caption) in enumerate([("accepted", "Admitted here"), ("warned", "Admitted with a warning"),
                                              ("refused", "Refused here"), ("checked_in", "Checked in (conference)"),
                                              ("attendees", "Attendees cached")]):
            value = QLabel("–")
            value.setStyleSheet("font-size: 18pt; font-weight: 700;")
            self.figures.addWidget(QLabel(caption), row, 0)
            self.figures.addWidget(value, row, 1)
            self.figure_labels[key] = value
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 15pt; font-weight: 700;")
        self.conflicts = QListWidget()
        self.conflicts.setWordWrap(True)
        self.conflicts_caption = QLabel("Conflicts (from the server)")
        self.set_aside_caption = QLabel("")
        self.set_aside_caption.setStyleSheet("font-size: 15pt; font-weight: 700; color: #b3261e;")
        self.set_aside = QListWidget()
        self.set_aside.setWordWrap(True)
        self.set_aside_caption.hide()
        self.set_aside.hide()
        self.timezone = "UTC"

        buttons = QVBoxLayout()
        self.reprint = QPushButton("Reprint last badge")
        for text, signal in (("Undo last scan", self.undoRequested), ("Reprint last badge", self.reprintRequested),
                             ("Change station", self.changeStationRequested),
                             ("Pair with another server", self.pairAgainRequested),
                             ("Back to scanning", self.closed), ("Quit Doorstation", self.quitRequested)):
            button = self.reprint if text.startswith("Reprint") else QPushButton(text)
            button.setStyleSheet("padding: 10px;")
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        # Deleting the conference from this kiosk cannot be undone: the PIN is asked once more, here.
        self.forget_pin = QLineEdit()
        self.forget_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_pin.setPlaceholderText("PIN, to forget the conference")
        self.forget_pin.setMaxLength(12)
        self.forget = QPushButton("Forget this conference")
        self.forget.setStyleSheet("padding: 10px; color: #b3261e;")
        self.forget.clicked.connect(self._forget)
        self.forget_pin.returnPressed.connect(self._forget)
        buttons.addWidget(self.forget_pin)
        buttons.addWidget(self.forget)

        left = QVBoxLayout()
        left.addWidget(title)
        left.addLayout(self.figures)
        left.addWidget(self.message)
        left.addWidget(self.conflicts_caption)
        left.addWidget(self.conflicts, 1)
        left.addWidget(self.set_aside_caption)
        left.addWidget(self.set_aside)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addLayout(left, 3)
        layout.addSpacing(32)
        layout.addLayout(buttons, 1)

    def _forget(self) -> None:
        pin = self.forget_pin.text()
        self.forget_pin.clear()
        self.forgetRequested.emit(pin)

    def show_statistics(self, statistics: StationStatistics) -> None:
        for key, label in self.figure_labels.items():
            label.setText(f"{getattr(statistics, key):,}")

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def show_conflicts(self, conflicts: list[dict] | None, error: str = "") -> None:
        self.conflicts.clear()
        if conflicts is None:
            self.conflicts_caption.setText(f"Conflicts: not available ({error})")
            return
        resolved = sum(1 for conflict in conflicts if conflict.get("resolved_at"))
        self.conflicts_caption.setText(f"Conflicts (from the server): {len(conflicts)}"
                                       + (f", {resolved} resolved" if resolved else ""))
        for conflict in conflicts:
            self.conflicts.addItem(self._conflict_in_words(conflict))
        if not conflicts:
            self.conflicts.addItem("None. Every scan agreed with the server.")
        self.conflicts.item(0).setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _conflict_in_words(self, conflict: dict) -> str:
        """"Redemption at Door B, 12:31 CEST (code Z2F7LHEC): Lunch was already used up." — no raw codes."""
        kind = SCAN_KINDS.get(conflict.get("kind", ""), "Scan")
        when = ""
        if conflict.get("occurred_at"):
            when = ", " + local_time(dt.datetime.fromisoformat(conflict["occurred_at"]), self.timezone)
        station = f" at {conflict['station']}" if conflict.get("station") else ""
        code = f" (code {conflict['access_code']})" if conflict.get("access_code") else ""
        text = f"{kind}{station}{when}{code}: {conflict.get('message', '')}"
        if conflict.get("resolved_at"):  # settled in the web console: the volunteer sees by whom and how
            resolved_when = local_time(dt.datetime.fromisoformat(conflict["resolved_at"]), self.timezone)
            by = f" by {conflict['resolved_by']}" if conflict.get("resolved_by") else ""
            text += f"\n✓ Resolved{by} at {resolved_when}: {conflict.get('resolution_note', '')}"
        return text

    def show_set_aside(self, rows: list[tuple[str, str, str, str]], timezone: str) -> None:
        """Scans the server refused (not sent again): when, whose, what, and the server's reason."""
        self.timezone = timezone
        self.set_aside.clear()
        for occurred_at, access_code, kind, reason in rows:
            when = local_time(dt.datetime.fromisoformat(occurred_at), timezone)
            self.set_aside.addItem(f"{SCAN_KINDS.get(kind, kind)} of {access_code} at {when}: {reason}")
        self.set_aside_caption.setText(f"Scans the server refused, kept here: {len(rows)}")
        self.set_aside_caption.setVisible(bool(rows))
        self.set_aside.setVisible(bool(rows))
