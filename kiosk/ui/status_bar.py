"""One line at the bottom that tells the volunteer whether the kiosk is in touch with the server."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.core.sync_engine import SyncStatus


class SyncStatusBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusbar")
        self.connection = QLabel("● Connecting…")
        self.last_sync = QLabel("")
        self.waiting = QLabel("")
        self.cached = QLabel("")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        for label in (self.connection, self.last_sync, self.waiting, self.cached):
            label.setStyleSheet("font-size: 13pt; color: #333;")
            layout.addWidget(label)
            layout.addSpacing(24)
        layout.addStretch(1)
        self.online = False

    def show_status(self, status: SyncStatus) -> None:
        self.online = status.online and not status.revoked
        if status.revoked:
            self.connection.setText("● Revoked: pair this kiosk again")
            colour = "#b3261e"
        elif status.online:
            self.connection.setText("● Online")
            colour = "#1e7d3a"
        else:
            self.connection.setText("● Offline: scanning goes on")
            self.connection.setToolTip(status.last_error or "server unreachable")
            colour = "#c77c00"
        self.connection.setStyleSheet(f"font-size: 13pt; font-weight: 700; color: {colour};")
        if status.last_success_at:
            local = status.last_success_at.astimezone().strftime("%H:%M:%S")
            self.last_sync.setText(f"Last sync {local}")
        else:
            self.last_sync.setText("Not synced yet")
        plural = "" if status.events_waiting == 1 else "s"
        self.waiting.setText(f"{status.events_waiting} scan{plural} waiting to upload")
        self.cached.setText(f"{status.attendees_cached:,} attendees cached")

