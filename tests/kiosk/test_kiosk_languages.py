"""The whole kiosk in the station's language: chosen at its set-up or in the operator panel, spoken at once on the
open screens (Arabic turning them right to left), with the language's plural forms, digits, dates and Qt's own
dialog buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from kiosk.core.scan_pipeline import StationStatistics
from kiosk.core.settings import KioskSettings, StationMode, load_settings, save_settings
from kiosk.ui.clock import station_time
from kiosk.ui.language import speak
from kiosk.ui.setup_screens import WaitingScansScreen
from server.conferences.models import AddOn
from tests.kiosk.door import PIN, open_window, shown, wedge_scan


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    speak("en")  # the next test's widgets are built in English, left to right


def _open_panel(qtbot, window) -> None:
    window.open_operator_panel()
    qtbot.keyClicks(window.pin_screen.pin, PIN, delay=40)
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.panel, timeout=3000)


def _choose(combo, language: str) -> None:
    """What a click on the language's own name in the list does."""
    combo.setCurrentIndex(combo.findData(language))


def test_choosing_german_at_the_set_up_puts_the_set_up_screen_in_german_at_once_and_keeps_it(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    window._change_station()
    screen = window.station_screen
    assert screen.heading.text() == "Set up this station"
    assert screen.language.currentText() .startswith("The system's (")
    assert [screen.language.itemText(n) for n in range(1, screen.language.count())] == [
        "English", "Deutsch", "Français", "Español", "Nederlands", "Português (Brasil)", "العربية"]
    _choose(screen.language, "de")
    qtbot.waitUntil(lambda: screen.heading.text() == "Station einrichten", timeout=2000)
    assert screen.row_labels["name"].text() == "Stationsname"
    assert screen.row_labels["pin"].text() == "Bedien-PIN"
    assert screen.mode.currentText() == "Check-in"
    assert screen.mode.itemText(2) == "Türkontrolle für ein Produkt"
    assert screen.camera.specialValueText() == "Keine Kamera"
    assert screen.kiosk_mode.text() == "Kioskmodus: Vollbild, kein Verlassen ohne PIN"
    assert screen.language.itemText(0).startswith("Wie das System (")
    assert screen.save_button.text() == "Scannen starten"
    screen.name.clear()
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "Geben Sie der Station einen Namen, z. B. „Tür B“."
    _choose(screen.language, "fr")  # a refusal on show is worded again too
    qtbot.waitUntil(lambda: screen.message.text() == "Donnez un nom à la station, p. ex. « Porte B ».", timeout=2000)
    _choose(screen.language, "de")
    qtbot.waitUntil(lambda: screen.heading.text() == "Station einrichten", timeout=2000)
    qtbot.keyClicks(screen.name, "Tor A", delay=120)  # a person's pace (QTest types ASCII only)
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.scan_screen
    assert load_settings(door.data_dir).language == "de"  # station.json: the next start speaks German
    assert window.scan_screen.prompt.text() == "Badge scannen"
    assert window.scan_screen.station.text() == "Tor A · Check-in"
    assert window.status_bar.cached.text() == "2 Personen gespeichert"


def test_switching_to_arabic_in_the_operator_panel_turns_the_open_screens_right_to_left_and_retranslates_them(
        qtbot, door, screenshots):
    window = open_window(qtbot, door, windowed=True)
    _open_panel(qtbot, window)
    panel = window.panel
    qtbot.waitUntil(lambda: panel.figure_labels["attendees"].text() == "2", timeout=3000)
    assert panel.title.text() == "Operator panel"
    assert panel.undo.mapTo(panel, QPoint(0, 0)).x() > panel.title.mapTo(panel, QPoint(0, 0)).x()

    _choose(panel.language, "ar")
    qtbot.waitUntil(lambda: panel.title.text() == "لوحة المشغّل", timeout=2000)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.wait(50)  # the layouts settle, mirrored: the buttons now stand left of the figures
    assert panel.undo.mapTo(panel, QPoint(0, 0)).x() < panel.title.mapTo(panel, QPoint(0, 0)).x()
    assert panel.undo.text() == "التراجع عن آخر مسح"
    assert panel.figure_captions["attendees"].text() == "الحضور المحفوظون"
    assert panel.figure_labels["attendees"].text() == "٢"  # the figures on show, in Arabic digits
    assert load_settings(door.data_dir).language == "ar"
    window.grab().save(str(screenshots / "kiosk-ar-panel-live-switch.png"))
    # The screens not on show were worded again too: back to scanning, all of it is Arabic.
    qtbot.mouseClick(panel.back, Qt.MouseButton.LeftButton)
    assert window.scan_screen.prompt.text() == "امسح شارتك"
    assert window.status_bar.connection.text() == "● متصل"
    assert window.status_bar.cached.text() == "شخصان محفوظان (٢)"


def test_arabic_counts_scans_with_its_six_plural_forms(qtbot):
    speak("ar")
    screen = WaitingScansScreen()
    qtbot.addWidget(screen)
    said = {}
    for count in (1, 2, 3, 11, 100):
        screen.show_waiting(count, "https://old.example.org", "PyCon", "https://new.example.org", "EuroPython")
        said[count] = screen.heading.text()
    assert said == {
        1: "عملية مسح واحدة تنتظر الخادم السابق (١)",
        2: "عمليتا مسح تنتظران الخادم السابق (٢)",
        3: "٣ عمليات مسح تنتظر الخادم السابق",
        11: "١١ عملية مسح تنتظر الخادم السابق",
        100: "١٠٠ عملية مسح تنتظر الخادم السابق",
    }
    assert screen.upload.text() == "ارفعها أولًا إلى https://old.example.org"


def test_the_operator_panel_in_french(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    window.speak_language("fr")
    window.open_operator_panel()
    qtbot.waitUntil(lambda: window.pin_screen.heading.text() != "Operator PIN", timeout=2000)  # Qt posts the change
    assert window.pin_screen.heading.text() == "PIN opérateur"
    assert window.pin_screen.ok.text() == "Ouvrir le panneau opérateur"
    _open_panel(qtbot, window)
    panel = window.panel
    assert panel.title.text() == "Panneau opérateur"
    assert [panel.figure_captions[key].text() for key in panel.FIGURES] == [
        "Admis ici", "Admis avec un avertissement", "Refusés ici", "Enregistrés (conférence)", "Participants en cache"]
    assert [button.text() for button in (panel.undo, panel.change_station, panel.pair_again, panel.back,
                                         panel.quit, panel.forget)] == [
        "Annuler le dernier scan", "Changer de station", "Associer à un autre serveur", "Retour au scan",
        "Quitter Doorstation", "Oublier cette conférence"]
    panel.show_statistics(StationStatistics(accepted=1234, warned=0, refused=5, checked_in=1234, attendees=20000))
    assert panel.figure_labels["attendees"].text() == "20\u202f000"  # French groups thousands with a narrow space
    panel.timezone = "Europe/Paris"
    panel.show_conflicts([{"kind": "redemption", "station": "Porte B", "access_code": "Z2F7LHEC",
                           "occurred_at": "2026-05-04T10:31:00+00:00", "message": "Lunch was already used up."}])
    assert panel.conflicts_caption.text() == "Conflits (du serveur) : 1"
    assert panel.conflicts.item(0).text().startswith("Utilisation à Porte B, lun. 4 mai 12:31 CEST (code Z2F7LHEC)")
    window.panel.undoRequested.emit()
    qtbot.waitUntil(lambda: panel.message.text() == "Aucun scan admis à annuler à cette station.", timeout=3000)


def test_times_are_written_in_the_stations_language_and_the_conferences_zone():
    moment = dt.datetime(2026, 5, 4, 7, 14, tzinfo=dt.UTC)
    today, other_day = dt.date(2026, 5, 4), dt.date(2026, 5, 6)
    speak("de")
    assert station_time(moment, "Europe/Berlin", today=today) == "09:14 CEST"
    assert station_time(moment, "Europe/Berlin", today=other_day) == "Mo. 4 Mai 09:14 CEST"
    speak("ar")
    assert station_time(moment, "Asia/Dubai", today=today) == "١١:١٤ +04"
    speak("en")
    assert station_time(moment, "America/New_York", today=dt.date(2027, 1, 1)) == "Mon 4 May 2026 03:14 EDT"


def test_qts_own_dialog_buttons_speak_the_stations_language(qtbot):
    """Qt's own words (its dialogs' buttons) come from qtbase_<language>.qm, shipped with PySide6."""
    buttons = {}
    for language in ("de", "fr", "es", "nl", "pt_BR", "ar", "en"):
        speak(language)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        buttons[language] = box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    assert buttons == {"de": "Abbrechen", "fr": "Annuler", "es": "Cancelar", "nl": "Annuleren",
                       "pt_BR": "Cancelar", "ar": "ألغِ", "en": "Cancel"}


def test_after_a_live_switch_the_next_verdicts_are_german_through_and_through(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    wedge_scan(qtbot, window, door.unpaid)
    assert shown(window)[:2] == ("red", "Not paid")
    window.speak_language("de")  # as the operator panel's chooser does
    wedge_scan(qtbot, window, door.unpaid)
    assert shown(window)[:2] == ("red", "Nicht bezahlt")
    wedge_scan(qtbot, window, "HELLO-WORLD")
    assert shown(window)[:2] == ("red", "Kein Badge")
    assert window.verdict.detail.text() == "Scannen Sie den QR-Code auf dem Badge."  # not the check's English


def test_an_arabic_redemption_counts_in_the_digits_of_its_status_line(qtbot, door):
    with door.session_factory() as session:
        lunch = session.scalar(select(AddOn.id).where(AddOn.name == "Lunch"))
    save_settings(door.data_dir, KioskSettings(station_name="Lunch hall", mode=StationMode.REDEMPTION,
                                               product_id=lunch, product_name="Lunch", language="ar").with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("green", "استُخدم Lunch: بقي ١ من ٢")
    assert window.verdict.addons.text() == "Lunch: بقي ١ من ٢"
    assert window.status_bar.cached.text() == "شخصان محفوظان (٢)"
