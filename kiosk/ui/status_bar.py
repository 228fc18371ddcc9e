"""One line at the bottom that tells the volunteer whether the kiosk is in touch with the server.

Trouble is said in words (the sync engine's own sentence), never as a bare "offline": a Wi-Fi
sign-in page, a server that does not know this kiosk and a revoked kiosk need different people.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.sync_engine import SyncStatus
from kiosk.core.verdict_text import local_time

GREEN, AMBER, RED = "#1e7d3a", "#9a5b00", "#b3261e"


class SyncStatusBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusbar")
        self.connection = QLabel("● Connecting…")
        self.last_sync = QLabel("")
        self.waiting = QLabel("")
        self.cached = QLabel("")
        self.problem = QLabel("")  # what went wrong, in words
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"font-size: 12pt; color: {AMBER};")
        self.problem.hide()
        row = QHBoxLayout()
        for label in (self.connection, self.last_sync, self.waiting, self.cached):
            label.setStyleSheet("font-size: 13pt; color: #333;")
            row.addWidget(label)
            row.addSpacing(24)
        row.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        column = QWidget()
        lines = QVBoxLayout(column)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(2)
        lines.addLayout(row)
        lines.addWidget(self.problem)
        layout.addWidget(column)
        self.online = False
        self.timezone = "UTC"

    def show_status(self, status: SyncStatus) -> None:
        self.online = status.online and not status.revoked and not status.last_error
        self.timezone = status.timezone
        if status.revoked:
            text, colour = "● Revoked: pair this kiosk again", RED
        elif not status.online:
            text, colour = "● Offline: scanning goes on", AMBER
        elif status.last_error:
            text, colour = "● Sync problem: scanning goes on", AMBER
        else:
            text, colour = "● Online", GREEN
        self.connection.setText(text)
        self.connection.setStyleSheet(f"font-size: 13pt; font-weight: 700; color: {colour};")
        self.problem.setText(status.last_error or status.notice)  # trouble first; news when there is none
        self.problem.setVisible(bool(status.last_error or status.notice))
        if status.last_success_at:
            self.last_sync.setText(f"Last sync {local_time(status.last_success_at, self.timezone, seconds=True)}")
        else:
            self.last_sync.setText("Not synced yet")
        cached = status.attendees_cached
        self.cached.setText(f"{cached:,} attendee{'' if cached == 1 else 's'} cached")

    def show_outbox(self, waiting: int, set_aside: int) -> None:
        """Counted by the cache worker right after each scan and each sync round."""
        plural = "" if waiting == 1 else "s"
        text = f"{waiting} scan{plural} waiting to upload"
        if set_aside:
            text += f", {set_aside} set aside (see the operator panel)"
        self.waiting.setText(text)
        self.waiting.setStyleSheet(f"font-size: 13pt; color: {RED if set_aside else '#333'};")
