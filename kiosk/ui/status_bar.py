"""One line at the bottom that tells the volunteer whether the kiosk is in touch with the server.

Trouble is said in words (the sync engine's codes and figures, worded in the station's language), never as a bare "offline": a Wi-Fi
sign-in page, a server that does not know this kiosk and a revoked kiosk need different people.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.sync_engine import SyncStatus
from kiosk.ui.clock import station_number, station_time
from kiosk.ui.station_words import sync_news, sync_trouble

GREEN, AMBER, RED = "#1e7d3a", "#9a5b00", "#b3261e"


class SyncStatusBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusbar")
        self.connection = QLabel(self.tr("● Connecting…"))
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
        self._status: SyncStatus | None = None  # what is on show, worded again when the language changes
        self._outbox: tuple[int, int] | None = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self._status is None:
                self.connection.setText(self.tr("● Connecting…"))
            else:
                self.show_status(self._status)
            if self._outbox is not None:
                self.show_outbox(*self._outbox)
        super().changeEvent(event)

    def show_status(self, status: SyncStatus) -> None:
        self._status = status
        self.online = status.online and not status.revoked and not status.last_error
        self.timezone = status.timezone
        if status.revoked:
            text, colour = self.tr("● Revoked: pair this kiosk again"), RED
        elif not status.online:
            text, colour = self.tr("● Offline: scanning goes on"), AMBER
        elif status.last_error:
            text, colour = self.tr("● Sync problem: scanning goes on"), AMBER
        else:
            text, colour = self.tr("● Online"), GREEN
        self.connection.setText(text)
        self.connection.setStyleSheet(f"font-size: 13pt; font-weight: 700; color: {colour};")
        # trouble first; news when there is none; both worded from the engine's codes, in the station's language
        if status.trouble is not None:
            line = sync_trouble(status.trouble)
        elif status.news is not None:
            line = sync_news(status.news)
        else:
            line = status.last_error or status.notice  # a status made without codes (none the engine sends)
        self.problem.setText(line)
        self.problem.setVisible(bool(line))
        if status.last_success_at:
            self.last_sync.setText(self.tr("Last sync %1").replace(
                "%1", station_time(status.last_success_at, self.timezone, seconds=True)))
        else:
            self.last_sync.setText(self.tr("Not synced yet"))
        self.cached.setText(self.tr("%Ln attendee(s) cached", "", status.attendees_cached))

    def show_outbox(self, waiting: int, set_aside: int) -> None:
        """Counted by the cache worker right after each scan and each sync round."""
        self._outbox = (waiting, set_aside)
        text = self.tr("%Ln scan(s) waiting to upload", "", waiting)
        if set_aside:
            text = self.tr("%1, %2 set aside (see the operator panel)").replace("%1", text).replace(
                "%2", station_number(set_aside))
        self.waiting.setText(text)
        self.waiting.setStyleSheet(f"font-size: 13pt; color: {RED if set_aside else '#333'};")
