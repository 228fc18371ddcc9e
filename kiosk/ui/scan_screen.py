"""The screen between scans: what to do, the camera's view, and search for people without a badge."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.clock import station_time
from shared.order_status import admits_entry

SEARCH_DELAY_MS = 150  # wait for a pause in typing before asking the cache


class ScanScreen(QWidget):
    searchChanged = Signal(str)  # debounced text
    attendeeChosen = Signal(str)  # access code picked from the search results
    operatorRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("")
        self.title.setStyleSheet("font-size: 20pt; font-weight: 700;")
        self.station = QLabel("")
        self.station.setStyleSheet("font-size: 16pt; color: #555;")
        self.operator = QPushButton()
        self.operator.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.operator.clicked.connect(self.operatorRequested)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addSpacing(16)
        header.addWidget(self.station)
        header.addStretch(1)
        header.addWidget(self.operator)

        # This station's zone: "Room A: ≈ 287 of 300, as of 10:42" and, near a limit, the alarm.
        self.zone_figure = QLabel("")
        self.zone_figure.setStyleSheet("font-size: 18pt; color: #1f2a44;")
        self.zone_figure.hide()
        self.zone_alarm = QLabel("")
        self.zone_alarm.setWordWrap(True)
        self.zone_alarm.hide()

        self.prompt = QLabel()
        self.prompt.setWordWrap(True)  # "Escaneie seu crachá" at 40 pt on a 1024×600 screen
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setStyleSheet("font-size: 40pt; font-weight: 700; color: #1f2a44;")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("font-size: 16pt; color: #555;")
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 180)
        self.preview.hide()
        self.camera_message = QLabel("")
        self.camera_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.camera_message.setStyleSheet("font-size: 13pt; color: #8a5a00;")
        self.camera_message.hide()
        left = QVBoxLayout()
        left.addStretch(1)
        left.addWidget(self.prompt)
        left.addWidget(self.hint)
        left.addSpacing(16)
        left.addWidget(self.preview)
        left.addWidget(self.camera_message)
        left.addStretch(1)

        self.search = QLineEdit()

        self.search.setClearButtonEnabled(True)
        self.search.setStyleSheet("font-size: 16pt; padding: 8px;")
        self.results = QListWidget()
        self.results.setStyleSheet("QListWidget { font-size: 14pt; } QListWidget::item { padding: 6px 2px; "
                                   "border-bottom: 1px solid #ddd; }")
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.itemActivated.connect(self._chosen)
        self.results.itemClicked.connect(self._chosen)
        self.no_results = QLabel("")
        self.no_results.setStyleSheet("font-size: 13pt; color: #555;")
        right = QVBoxLayout()
        right.addWidget(self.search)
        right.addWidget(self.no_results)
        right.addWidget(self.results, 1)
        self.search.returnPressed.connect(self._choose_first)
        self.enter_answers_question: Callable[[], bool] | None = None

        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)
        layout.addLayout(header)
        layout.addWidget(self.zone_figure)
        layout.addWidget(self.zone_alarm)
        layout.addLayout(body, 1)

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(lambda: self.searchChanged.emit(self.search.text()))
        self.search.textChanged.connect(self._text_changed)
        self._rows: tuple[list[dict], str] = ([], "UTC")  # the results on show, worded again on a language change
        self.retranslate()

    def retranslate(self) -> None:
        self.operator.setText(self.tr("Operator"))
        self.prompt.setText(self.tr("Scan your badge"))
        self.hint.setText(self.tr("Hold the QR code on your badge to the scanner or the camera."))
        self.search.setPlaceholderText(self.tr("No badge? Search by name, email or code"))
        if self.results.count() or self.no_results.text():
            self.show_results(*self._rows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _text_changed(self, text: str) -> None:
        if not text.strip():  # nothing asked: no answer stays on show, not even for the debounce's moment
            self.results.clear()
            self.no_results.setText("")
        self._debounce.start()

    def clear_search(self) -> None:
        """A badge was scanned: a new person is at the door, and what was typed and found is someone else's."""
        self.search.clear()

    def set_station(self, conference: str, station: str) -> None:
        self.title.setText(conference)
        self.station.setText(station)

    def show_results(self, rows: list[dict], timezone: str = "UTC") -> None:
        """One line who (name, company), one line which (email, code, ticket), so look-alikes differ; and
        whether they are already in."""
        self._rows = (rows, timezone)
        self.results.clear()
        for row in rows:
            status = "" if admits_entry(row["order_status"]) else f"  [{row['order_status']}]"
            company = f" · {row['company']}" if row["company"] else ""
            checked_in = ""
            if row.get("last_check_in_at"):
                when = station_time(row["last_check_in_at"], timezone)
                if row.get("last_check_in_station"):  # the language's own comma (Arabic's "،")
                    said = self.tr("Checked in at %1, %2").replace("%2", row["last_check_in_station"])
                else:
                    said = self.tr("Checked in at %1")
                checked_in = "\n✓ " + said.replace("%1", when)
            email = f"{row['email']} · " if row["email"] else ""  # a door station holds no emails
            item = QListWidgetItem(f"{row['full_name']}{company}\n{email}{row['access_code']} · "
                                   f"{row['ticket_type']}{status}{checked_in}")
            item.setData(Qt.ItemDataRole.UserRole, row["access_code"])
            self.results.addItem(item)
        searched = bool(self.search.text().strip())
        self.no_results.setText(self.tr("No one found. Check the spelling, or try the email.") if searched and not rows
                                else "")

    def _chosen(self, item: QListWidgetItem) -> None:
        self.attendeeChosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.search.clear()
        self.results.clear()

    def _choose_first(self) -> None:
        if self.enter_answers_question is not None and self.enter_answers_question():
            return  # Enter answered the question on screen ("print again?"), it picks no result
        if self.results.count() == 1:
            self._chosen(self.results.item(0))

    def show_zone_figures(self, figures: list[tuple[str, str, int]]) -> None:
        """(figure, alarm words, alarm level) of each zone of this door; amber from 80 %, red from 95 %."""
        self.zone_figure.setText("   ·   ".join(figure for figure, _alarm, _level in figures))
        self.zone_figure.setVisible(bool(figures))
        alarms = [(alarm, level) for _figure, alarm, level in figures if alarm]
        self.zone_alarm.setText("\n".join(alarm for alarm, _level in alarms))
        worst = max((level for _alarm, level in alarms), default=0)
        colour = "#b3261e" if worst >= 95 else "#8a5a00"
        self.zone_alarm.setStyleSheet(f"font-size: 20pt; font-weight: 700; color: {colour};")
        self.zone_alarm.setVisible(bool(alarms))

    def show_preview(self, image: QImage) -> None:
        self.preview.show()
        self.preview.setPixmap(QPixmap.fromImage(image))

    def show_camera_message(self, message: str) -> None:
        self.preview.hide()
        self.camera_message.setText(message)
        self.camera_message.setVisible(bool(message))
