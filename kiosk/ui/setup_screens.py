"""First run: pair with a server, then say what this station does. Both reachable later from the PIN panel.

Every screen words itself in ``retranslate`` (called at start and on Qt's LanguageChange): a station switched
to another language at its set-up speaks it at once, on the screens already open, without a restart.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from kiosk.core.settings import InvalidSettings, KioskSettings, StationMode
from kiosk.core.zone_figures import DoorChoice
from kiosk.ui.language import system_language
from kiosk.ui.station_words import mode_name, settings_problem
from kiosk.ui.workers import Product
from shared.checkin_lists import CheckinList, list_for_station
from shared.languages import SHIPPED_LANGUAGES, language_name
from shared.protocol import parse_pairing_payload
from shared.zone_moves import ZoneDoor, ZoneRole

FORM_STYLE = "QLabel, QLineEdit, QComboBox, QPushButton, QCheckBox, QSpinBox { font-size: 15pt; }"


def _title(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 26pt; font-weight: 700;")
    label.setWordWrap(True)  # "Richten Sie diese Station ein" on a 1024×600 screen
    return label


class _Translated(QWidget):
    """A screen that words itself again when the station's language changes."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PairingScreen(_Translated):
    pairRequested = Signal(str, str)  # server URL, pairing code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        self.server_url = QLineEdit()  # the server this kiosk was last paired with, once it was (show_last_server)
        self.server_url.setPlaceholderText("https://checkin.example.org")
        self.code = QLineEdit()
        self.pair_button = QPushButton()
        self.pair_button.clicked.connect(self._pair)
        self.code.returnPressed.connect(self._pair)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.server_label, self.code_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.server_label, self.server_url)
        form.addRow(self.code_label, self.code)
        self.heading = _title()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.pair_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._pairing = False
        self.retranslate()

    def retranslate(self) -> None:
        self.code.setPlaceholderText(self.tr("from `doorstation devices add`"))
        self.pair_button.setText(self.tr("Pair this kiosk"))
        self.server_label.setText(self.tr("Server address"))
        self.code_label.setText(self.tr("Pairing code"))
        self.heading.setText(self.tr("Pair this kiosk with the Doorstation server"))
        self.intro.setText(self.tr("Type the pairing code the organisers gave you, or scan the pairing QR code."))
        if self._pairing:
            self.message.setText(self.tr("Pairing…"))

    def show_last_server(self, url: str) -> None:
        """Pairing again: most often with the same server (a new code after a reset), so start from its address."""
        self.server_url.setText(url)
        self.code.clear()
        self.message.clear()
        self._pairing = False
        self.pair_button.setEnabled(True)

    def scanned(self, text: str) -> None:
        """A pairing QR held to the scanner or camera fills in the form and pairs at once."""
        code, url = parse_pairing_payload(text)
        self.code.setText(code)
        if url:
            self.server_url.setText(url)
        self._pair()

    def _pair(self) -> None:
        url, code = self.server_url.text().strip(), self.code.text().strip()
        if not url.startswith(("http://", "https://")):
            self.show_error(self.tr("The server address starts with http:// or https://."))
            return
        if len(code) < 4:
            self.show_error(self.tr("Type the pairing code (at least 4 characters)."))
            return
        self.pair_button.setEnabled(False)
        self.message.setStyleSheet("color: #333;")
        self._pairing = True
        self.message.setText(self.tr("Pairing…"))
        self.pairRequested.emit(url, code)

    def show_error(self, message: str) -> None:
        self._pairing = False
        self.pair_button.setEnabled(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: 700;")
        self.message.setText(message)


class WaitingScansScreen(_Translated):
    """Pairing with another server while scans for the old one wait: they are never dropped silently.
    The operator uploads them to the old server first, exports them to a file, or discards them with the PIN."""

    uploadRequested = Signal()
    exportRequested = Signal()
    discardRequested = Signal(str)  # the PIN typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        self.heading = _title()
        self.explanation = QLabel("")
        self.explanation.setWordWrap(True)
        self.upload = QPushButton()
        self.upload.clicked.connect(self.uploadRequested)
        self.export = QPushButton()
        self.export.clicked.connect(self.exportRequested)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.discard = QPushButton()
        self.discard.clicked.connect(lambda: self.discardRequested.emit(self.pin.text()))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        discard_row = QFormLayout()
        discard_row.addRow(self.pin, self.discard)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        for button in (self.upload, self.export):
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(discard_row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.waiting: tuple[int, str, str, str, str] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.export.setText(self.tr("Export them to a file"))
        self.pin.setPlaceholderText(self.tr("Operator PIN"))
        if self.waiting is None:
            self.heading.setText(self.tr("Scans waiting for the previous server"))
            self.upload.setText(self.tr("Upload them to the previous server first"))
            self.discard.setText(self.tr("Discard them"))
            return
        count, old_server, old_conference, new_server, new_conference = self.waiting
        self.heading.setText(self.tr("%Ln scan(s) waiting for the previous server", "", count))
        self.explanation.setText(self.tr(
            "This kiosk still has %Ln scan(s) of %1 that %2 has not received. It is now paired with %3 (%4), which "
            "starts from a fresh cache. Choose what happens to the waiting scans first:", "", count).replace(
            "%1", old_conference).replace("%2", old_server).replace("%3", new_server).replace("%4", new_conference))
        self.upload.setText(self.tr("Upload them to %1 first").replace("%1", old_server))
        self.discard.setText(self.tr("Discard the %Ln scan(s) (PIN)", "", count))

    def show_waiting(self, count: int, old_server: str, old_conference: str, new_server: str,
                     new_conference: str) -> None:
        self.waiting = (count, old_server, old_conference, new_server, new_conference)
        self.retranslate()
        self.pin.clear()
        self.set_busy(False)

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.set_busy(False)
        self.message.setStyleSheet("color: #b3261e; font-weight: 700;" if error else "color: #333;")
        self.message.setText(text)

    def set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.upload, self.export, self.discard, self.pin):
            widget.setEnabled(not busy)
        if busy:
            self.message.setStyleSheet("color: #333;")
            self.message.setText(text)


class StationScreen(_Translated):
    """Language, name, mode, product (for door checks and redemptions), PIN, camera."""

    saved = Signal(object)  # KioskSettings
    pinChosen = Signal(str)  # a new operator PIN, before ``saved``: without a key store it wraps the cache's key
    languageChosen = Signal(str)  # a language picked ("" = the system's): the kiosk speaks it at once

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        # Each language by its own name (a volunteer who reads no English finds theirs); first, the system's.
        self.language = QComboBox()
        self.language.addItem("", "")
        for tag in SHIPPED_LANGUAGES:
            self.language.addItem(language_name(tag), tag)
        self.language.currentIndexChanged.connect(lambda: self.languageChosen.emit(self.language.currentData()))
        self.name = QLineEdit()
        self.name.setMaxLength(100)  # what the server takes
        self.mode = QComboBox()
        for mode in StationMode:
            self.mode.addItem(mode_name(mode), mode)
        self.product = QComboBox()
        self.products: list[Product] = []
        # The check-in list that decides this station's check-ins: the one naming the station in the console, as
        # the server decides it (shared.checkin_lists.list_for_station); shown, not chosen here.
        self.checkin_list = QComboBox()
        self.checkin_list.setEnabled(False)
        self.checkin_lists: list[CheckinList] = []
        self.name.textChanged.connect(self._show_checkin_list)
        self.zone = QComboBox()  # this station's zone role (kiosk.core.zone_figures.door_choices)
        self.zone.addItem("", None)
        self.door_choices: list[DoorChoice] = []
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.camera = QSpinBox()
        self.camera.setRange(-1, 9)
        self.camera.setValue(-1)
        self.camera_files = QLabel("")  # when image files are the camera (--camera-file), instead of a number
        self.camera_files.setWordWrap(True)
        self.camera_files.hide()
        self.kiosk_mode = QCheckBox()
        self.kiosk_mode.setChecked(True)
        self.check_in_on_print = QCheckBox()
        self.printer = QComboBox()
        self.printer.addItem("", "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        self.badge_size = QComboBox()
        for size, label in (("102x152mm", "102 × 152 mm (4 × 6 in)"), ("4x3in", "4 × 3 in"), ("a6", "A6")):
            self.badge_size.addItem(label, size)
        self.badge_landscape = QCheckBox()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._save)
        self.message = QLabel("")
        self.message.setStyleSheet("color: #b3261e; font-weight: 700;")
        self.message.setWordWrap(True)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.form = QFormLayout()
        # Long labels ("Check-in-Liste", "Lista de check-in") wrap under their field rather than push the form
        # off a 1024×600 screen.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        camera_row = QWidget()
        camera_layout = QHBoxLayout(camera_row)
        camera_layout.setContentsMargins(0, 0, 0, 0)
        camera_layout.addWidget(self.camera)
        camera_layout.addWidget(self.camera_files, 1)
        self.row_labels: dict[str, QLabel] = {}
        for key, field in (("language", self.language), ("name", self.name), ("mode", self.mode),
                           ("product", self.product), ("checkin_list", self.checkin_list), ("zone", self.zone),
                           ("pin", self.pin), ("camera", camera_row), ("", self.kiosk_mode),
                           ("", self.check_in_on_print), ("printer", self.printer), ("badge_size", self.badge_size),
                           ("", self.badge_landscape)):
            if key:
                self.row_labels[key] = QLabel()
                self.form.addRow(self.row_labels[key], field)
            else:
                self.form.addRow("", field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 32, 64, 24)
        self.heading = _title()
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.previous: KioskSettings | None = None
        self.image_files: list[Path] = []
        self._refusal: Callable[[], str] | None = None  # words the set-up's refusal on show, again on a switch
        self.retranslate()
        self._mode_changed()

    def retranslate(self) -> None:
        labels = {"language": self.tr("Language"), "name": self.tr("Station name"), "mode": self.tr("Mode"),
                  "product": self.tr("Product"), "checkin_list": self.tr("Check-in list"), "zone": self.tr("Zone"),
                  "pin": self.tr("Operator PIN"), "camera": self.tr("Camera"), "printer": self.tr("Printer"),
                  "badge_size": self.tr("Badge size")}
        for key, text in labels.items():
            self.row_labels[key].setText(text)
        self.heading.setText(self.tr("Set up this station"))
        self.language.setItemText(0, self.tr("The system's (%1)").replace("%1", language_name(system_language())))
        self.name.setPlaceholderText(self.tr("e.g. Door B"))
        for index, mode in enumerate(StationMode):
            self.mode.setItemText(index, mode_name(mode))
        self.zone.setItemText(0, self.tr("No zone"))
        self.pin.setPlaceholderText(self.tr("leave empty to keep the current PIN") if self.previous and
                                    self.previous.pin_hash else self.tr("4 to 12 digits, to leave kiosk mode"))
        self.camera.setSpecialValueText(self.tr("No camera"))
        self.kiosk_mode.setText(self.tr("Kiosk mode: full screen, no way out without the PIN"))
        self.check_in_on_print.setText(self.tr("Printing a badge also checks the attendee in"))
        self.printer.setItemText(0, self.tr("PDF files in the kiosk's data folder"))
        self.badge_landscape.setText(self.tr("Landscape badges"))
        self.save_button.setText(self.tr("Start scanning"))
        self._show_image_files()
        self._word_products()
        self._word_door_choices()
        self._show_checkin_list()
        self.message.setText(self._refusal() if self._refusal else "")

    def show_image_files(self, files: list[Path]) -> None:
        """Image files given on the command line are the camera, whatever number is set: say so."""
        self.image_files = files
        self._show_image_files()

    def _show_image_files(self) -> None:
        if self.image_files:
            self.camera.hide()
            self.camera_files.setText(self.tr("Image files (--camera-file): %1").replace(
                "%1", ", ".join(path.name for path in self.image_files)))
            self.camera_files.show()

    def load(self, settings: KioskSettings | None, *, default_name: str = "") -> None:
        self.previous = settings
        self._refusal = None
        self.message.clear()
        self.name.setText(settings.station_name if settings else default_name)
        self.language.blockSignals(True)  # showing the saved language is no new choice
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language if settings else "")))
        self.language.blockSignals(False)
        if settings:
            self.mode.setCurrentIndex(list(StationMode).index(settings.mode))
            self.camera.setValue(-1 if settings.camera_index is None else settings.camera_index)
            self.kiosk_mode.setChecked(settings.kiosk_mode)
            self.check_in_on_print.setChecked(settings.check_in_on_print)
            self.printer.setCurrentIndex(max(0, self.printer.findData(settings.printer)))
            self.badge_size.setCurrentIndex(max(0, self.badge_size.findData(settings.badge_size)))
            self.badge_landscape.setChecked(settings.badge_landscape)
        self.retranslate()
        self._select_product()

    def set_products(self, products: list[Product]) -> None:
        self.products = products
        self.product.clear()
        for product in products:
            self.product.addItem("", product)
        self._word_products()
        self._mode_changed()
        self._select_product()

    def _word_door_choices(self) -> None:
        for index, choice in enumerate(self.door_choices, start=1):
            if choice.door.role is ZoneRole.ENTRY:
                text = self.tr("Entry of %1")
            elif choice.door.role is ZoneRole.EXIT:
                text = self.tr("Exit of %1")
            else:
                text = self.tr("Transfer from %1 into %2").replace("%2", choice.to_zone)
            self.zone.setItemText(index, text.replace("%1", choice.zone) if choice.zone else choice.label)

    def _word_products(self) -> None:
        for index, product in enumerate(self.products):
            text = (self.tr("%1 (ticket)") if product.product_type == "ticket_type" else self.tr("%1 (add-on)"))
            self.product.setItemText(index, text.replace("%1", product.name))

    def set_checkin_lists(self, lists: list[CheckinList]) -> None:
        self.checkin_lists = lists
        self._show_checkin_list()

    def _show_checkin_list(self) -> None:
        self.checkin_list.clear()
        found = list_for_station(self.checkin_lists, self.name.text().strip())
        if found is None:
            self.checkin_list.addItem(self.tr("No list names this station: admit as before"), None)
        else:
            self.checkin_list.addItem(found.name, found.id)

    def set_door_choices(self, choices: list[DoorChoice]) -> None:
        self.door_choices = choices
        self.zone.clear()
        self.zone.addItem(self.tr("No zone"), None)
        for choice in choices:
            self.zone.addItem("", choice.door)
        self._word_door_choices()
        door = self.previous.zone_door() if self.previous else None
        chosen = [n for n, choice in enumerate(choices, start=1) if choice.door == door]
        self.zone.setCurrentIndex(chosen[0] if chosen else 0)

    def _select_product(self) -> None:
        if self.previous is None or self.previous.product_id is None:
            return
        for index, product in enumerate(self.products):
            if (product.product_type, product.id) == (self.previous.product_type, self.previous.product_id):
                self.product.setCurrentIndex(index)

    def _mode_changed(self) -> None:
        mode = StationMode(self.mode.currentData())  # Qt hands a StrEnum back as str
        self.product.setEnabled(mode.needs_product)
        for widget in (self.check_in_on_print, self.printer, self.badge_size, self.badge_landscape):
            widget.setVisible(mode is StationMode.BADGE_PRINTING)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(mode is StationMode.BADGE_PRINTING)
        if mode is StationMode.REDEMPTION:  # only add-ons can be redeemed
            for index, product in enumerate(self.products):
                if product.product_type == "addon":
                    self.product.setCurrentIndex(index)
                    break

    def _save(self) -> None:
        mode = StationMode(self.mode.currentData())  # Qt hands a StrEnum back as str
        product: Product | None = self.product.currentData() if mode.needs_product else None
        door: ZoneDoor | None = self.zone.currentData()
        self._refusal = None
        if mode is StationMode.REDEMPTION and product is not None and product.product_type != "addon":
            self._refuse(lambda: self.tr("Only add-ons (meals, T-shirts) can be redeemed; choose an add-on."))
            return
        try:
            settings = KioskSettings(
                station_name=self.name.text().strip(), mode=mode,
                product_type=product.product_type if product else "addon", product_id=product.id if product else None,
                product_name=product.name if product else "",
                pin_hash=self.previous.pin_hash if self.previous else "",
                camera_index=None if self.camera.value() < 0 else self.camera.value(),
                kiosk_mode=self.kiosk_mode.isChecked(), check_in_on_print=self.check_in_on_print.isChecked(),
                printer=self.printer.currentData() or "", badge_size=self.badge_size.currentData(),
                badge_landscape=self.badge_landscape.isChecked(),
                dismiss_seconds=self.previous.dismiss_seconds if self.previous else 3.0,
                checkin_list_id=self.checkin_list.currentData(),
                checkin_list_name=self.checkin_list.currentText() if self.checkin_list.currentData() else "",
                zone_role=door.role.value if door else "", zone_id=door.zone_id if door else None,
                to_zone_id=door.to_zone_id if door else None, language=self.language.currentData() or "",
            )
            new_pin = self.pin.text() if self.pin.text() or not settings.pin_hash else None
            if new_pin is not None:
                settings = settings.with_pin(new_pin)
        except InvalidSettings as error:
            self._refuse(functools.partial(settings_problem, error))  # (`error` is unbound after the except)
            return
        self.message.setText("")
        self.pin.clear()
        if new_pin is not None:
            self.pinChosen.emit(new_pin)
        self.saved.emit(settings)

    def _refuse(self, words: Callable[[], str]) -> None:
        self._refusal = words
        self.message.setText(words())
