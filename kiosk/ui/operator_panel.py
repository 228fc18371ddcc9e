"""Behind the PIN: this station's figures, conflicts from the server, undo, station set-up, language, quit.

Both screens word themselves in ``retranslate`` (at start, and on Qt's LanguageChange), lists included.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton,
                               QVBoxLayout, QWidget)

from kiosk.core.scan_pipeline import StationStatistics
from kiosk.ui.clock import station_number, station_time
from kiosk.ui.language import spoken_language, system_language
from kiosk.ui.station_words import scan_kind
from shared.languages import SHIPPED_LANGUAGES, language_name
from shared.phrases import Phrase

LOCKOUT_AFTER = 5  # wrong PINs in a row before the pad pauses
LOCKOUT_SECONDS = 30


class PinScreen(QWidget):
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, check_pin, parent: QWidget | None = None, *, unlocks_cache: bool = False) -> None:
        """``unlocks_cache``: the PIN that opens the conference data after a start without a key store (no way
        back to scanning: there is nothing to scan with yet); else the PIN before the operator panel."""
        super().__init__(parent)
        self.check_pin = check_pin  # str -> bool
        self.unlocks_cache = unlocks_cache
        can_cancel = not unlocks_cache
        self.failures = 0
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("PIN")
        self.pin.setStyleSheet("font-size: 28pt; padding: 8px;")
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self._try)
        self.message = QLabel("")
        self.message.setStyleSheet("font-size: 15pt; color: #b3261e;")
        self.ok = QPushButton()
        self.ok.clicked.connect(self._try)
        self.back = back = QPushButton()
        back.clicked.connect(self._cancel)
        back.setVisible(can_cancel)
        for button in (self.ok, back):
            button.setStyleSheet("font-size: 16pt; padding: 10px;")
        self.heading = heading = QLabel()
        heading.setStyleSheet("font-size: 26pt; font-weight: 700;")
        heading.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("font-size: 15pt;")
        self.explanation.setVisible(unlocks_cache)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 64, 120, 64)
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
        self.retranslate()

    def retranslate(self) -> None:
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.back.setText(self.tr("Back to scanning"))
        if self.unlocks_cache:
            self.heading.setText(self.tr("Conference data locked"))
            self.ok.setText(self.tr("Unlock"))
            self.explanation.setText(self.tr(
                "This computer has no key store (Secret Service, Windows Credential Manager, macOS Keychain), so "
                "the conference data on this kiosk stays locked after each start until the operator enters the "
                "PIN. With a key store, the kiosk opens by itself."))
        else:
            self.heading.setText(self.tr("Operator PIN"))
            self.ok.setText(self.tr("Open operator panel"))
        if self._countdown.isActive():
            self._show_countdown()
        elif self.message.text():
            self.message.setText(self.tr("Wrong PIN."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
            self.message.setText(self.tr("Wrong PIN."))

    def _show_countdown(self) -> None:
        # (a coarse timer may run a little long: never show more than the lock-out itself)
        left = min(LOCKOUT_SECONDS, max(1, math.ceil(self._unlock_timer.remainingTime() / 1000)))
        self.message.setText(self.tr("Wrong PIN %Ln time(s). Try again in %1 s.", "", self.failures).replace(
            "%1", station_number(left)))

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
    languageChosen = Signal(str)  # the station's language, changed here ("" = the system's): saved and spoken
    closed = Signal()

    FIGURES = ("accepted", "warned", "refused", "checked_in", "attendees")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("QLabel, QPushButton, QListWidget, QComboBox { font-size: 15pt; }")
        self.title = title = QLabel()
        title.setStyleSheet("font-size: 26pt; font-weight: 700;")
        self.figures = QGridLayout()
        self.figure_labels: dict[str, QLabel] = {}
        self.figure_captions: dict[str, QLabel] = {}
        for row, key in enumerate(self.FIGURES):
            value = QLabel("–")
            value.setStyleSheet("font-size: 18pt; font-weight: 700;")
            self.figure_captions[key] = QLabel()
            self.figures.addWidget(self.figure_captions[key], row, 0)
            self.figures.addWidget(value, row, 1)
            self.figure_labels[key] = value
        self.figures.setColumnStretch(2, 1)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 15pt; font-weight: 700;")
        self.conflicts = QListWidget()
        self.conflicts.setWordWrap(True)
        self.conflicts_caption = QLabel()
        self.conflicts_caption.setWordWrap(True)
        self.set_aside_caption = QLabel("")
        self.set_aside_caption.setStyleSheet("font-size: 15pt; font-weight: 700; color: #b3261e;")
        self.set_aside = QListWidget()
        self.set_aside.setWordWrap(True)
        self.set_aside_caption.hide()
        self.set_aside.hide()
        self.timezone = "UTC"
        # What the lists show, kept to word them again when the language changes.
        self._statistics: StationStatistics | None = None
        self._conflicts: tuple[list[dict] | None, str] | None = None
        self._set_aside_rows: list[tuple[str, str, str, str]] = []

        buttons = QVBoxLayout()
        # The station's language, where a volunteer who cannot read the current one looks: each by its own name.
        self.language_caption = QLabel()
        self.language = QComboBox()
        self.language.addItem("", "")
        for tag in SHIPPED_LANGUAGES:
            self.language.addItem(language_name(tag), tag)
        self.language.currentIndexChanged.connect(lambda: self.languageChosen.emit(self.language.currentData()))
        buttons.addWidget(self.language_caption)
        buttons.addWidget(self.language)
        buttons.addSpacing(12)
        self.undo, self.reprint, self.change_station = QPushButton(), QPushButton(), QPushButton()
        self.pair_again, self.back, self.quit = QPushButton(), QPushButton(), QPushButton()
        for button, signal in ((self.undo, self.undoRequested), (self.reprint, self.reprintRequested),
                               (self.change_station, self.changeStationRequested),
                               (self.pair_again, self.pairAgainRequested), (self.back, self.closed),
                               (self.quit, self.quitRequested)):
            button.setStyleSheet("padding: 10px;")
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        # Deleting the conference from this kiosk cannot be undone: the PIN is asked once more, here.
        self.forget_pin = QLineEdit()
        self.forget_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_pin.setMaxLength(12)
        self.forget = QPushButton()
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
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Operator panel"))
        captions = {"accepted": self.tr("Admitted here"), "warned": self.tr("Admitted with a warning"),
                    "refused": self.tr("Refused here"), "checked_in": self.tr("Checked in (conference)"),
                    "attendees": self.tr("Attendees cached")}
        for key, caption in captions.items():
            self.figure_captions[key].setText(caption)
        self.language_caption.setText(self.tr("Language"))
        self.language.setItemText(0, self.tr("The system's (%1)").replace("%1", language_name(system_language())))
        for button, text in ((self.undo, self.tr("Undo last scan")), (self.reprint, self.tr("Reprint last badge")),
                             (self.change_station, self.tr("Change station")),
                             (self.pair_again, self.tr("Pair with another server")),
                             (self.back, self.tr("Back to scanning")), (self.quit, self.tr("Quit Doorstation"))):
            button.setText(text)
        self.forget_pin.setPlaceholderText(self.tr("PIN, to forget the conference"))
        self.forget.setText(self.tr("Forget this conference"))
        if self._statistics is not None:
            self.show_statistics(self._statistics)
        if self._conflicts is None:
            self.conflicts_caption.setText(self.tr("Conflicts (from the server)"))
        elif self._conflicts[0] is None or self._conflicts[0]:  # "asking the server…" is worded by its asker
            self.show_conflicts(*self._conflicts)
        self.show_set_aside(self._set_aside_rows, self.timezone)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_language(self, language: str) -> None:
        """The station's saved language ("" = the system's), as the chooser shows it (no new choice)."""
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.blockSignals(False)

    def show_asking(self) -> None:
        """While the server is asked for conflicts."""
        self.conflicts.clear()
        self._conflicts = None
        self.conflicts_caption.setText(self.tr("Conflicts: asking the server…"))

    def _forget(self) -> None:
        pin = self.forget_pin.text()
        self.forget_pin.clear()
        self.forgetRequested.emit(pin)

    def show_statistics(self, statistics: StationStatistics) -> None:
        self._statistics = statistics
        for key, label in self.figure_labels.items():
            label.setText(station_number(getattr(statistics, key)))

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def show_conflicts(self, conflicts: list[dict] | None, error: str = "") -> None:
        """The server's conflicts of this station (None: not available, ``error`` says why: "offline" or the
        server's words)."""
        self._conflicts = (conflicts, error)
        self.conflicts.clear()
        if conflicts is None:
            reason = self.tr("offline") if error == "offline" else error
            self.conflicts_caption.setText(self.tr("Conflicts: not available (%1)").replace("%1", reason))
            return
        resolved = sum(1 for conflict in conflicts if conflict.get("resolved_at"))
        caption = self.tr("Conflicts (from the server): %1").replace("%1", station_number(len(conflicts)))
        if resolved:
            caption = self.tr("%1, %Ln resolved", "", resolved).replace("%1", caption)
        self.conflicts_caption.setText(caption)
        for conflict in conflicts:
            self.conflicts.addItem(self._conflict_in_words(conflict))
        if not conflicts:
            self.conflicts.addItem(self.tr("None. Every scan agreed with the server."))
        self.conflicts.item(0).setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _conflict_in_words(self, conflict: dict) -> str:
        """"Redemption at Door B, 12:31 CEST (code Z2F7LHEC): Lunch was already used up." — no raw codes.
        (The conflict's description from its ``words``, in the station's language; an older server sends none,
        and its English ``message`` shows.)"""
        kind = scan_kind(conflict.get("kind", ""))
        where = kind
        if conflict.get("station"):
            where = self.tr("%1 at %2", "a scan at a station").replace("%1", kind).replace("%2", conflict["station"])
        if conflict.get("occurred_at"):
            where += ", " + station_time(dt.datetime.fromisoformat(conflict["occurred_at"]), self.timezone)
        if conflict.get("access_code"):
            where += " " + self.tr("(code %1)").replace("%1", conflict["access_code"])
        text = self.tr("%1: %2", "a conflict: where and when, then what happened").replace("%1", where).replace(
            "%2", _conflict_words(conflict))
        if conflict.get("resolved_at"):  # settled in the web console: the volunteer sees by whom and how
            resolved_when = station_time(dt.datetime.fromisoformat(conflict["resolved_at"]), self.timezone)
            if conflict.get("resolved_by"):
                resolved = self.tr("Resolved by %1 at %2").replace("%1", conflict["resolved_by"])
            else:
                resolved = self.tr("Resolved at %2")
            text += f"\n✓ {resolved.replace('%2', resolved_when)}: {conflict.get('resolution_note', '')}"
        return text

    def show_set_aside(self, rows: list[tuple[str, str, str, str]], timezone: str) -> None:
        """Scans the server refused (not sent again): when, whose, what, and the server's reason."""
        self.timezone = timezone
        self._set_aside_rows = rows
        self.set_aside.clear()
        for occurred_at, access_code, kind, reason in rows:
            when = station_time(dt.datetime.fromisoformat(occurred_at), timezone)
            self.set_aside.addItem(self.tr("%1 of %2 at %3: %4").replace("%1", scan_kind(kind)).replace(
                "%2", access_code).replace("%3", when).replace("%4", reason))
        self.set_aside_caption.setText(self.tr("Scans the server refused, kept here: %1").replace(
            "%1", station_number(len(rows))))
        self.set_aside_caption.setVisible(bool(rows))
        self.set_aside.setVisible(bool(rows))


def _conflict_words(conflict: dict) -> str:
    """The conflict's description in the station's language, as the console words it (shared.conflict_words);
    the server's English ``message`` when it sent no ``words`` (an older server) or words this kiosk cannot read."""
    words = conflict.get("words")
    if isinstance(words, dict):
        try:
            return Phrase.from_json(words).text(spoken_language())
        except (KeyError, TypeError, ValueError):  # a newer server's phrase: its English is still right
            pass
    return str(conflict.get("message", ""))
