"""The station speaks the language chosen at its set-up, with Qt's own tools (translators, %n plurals)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.core.settings import load_settings, save_settings
from kiosk.ui.language import speak
from tests.kiosk.door import open_window, shown, wedge_scan


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    speak("en")  # the next test's widgets are built in English, left to right


def _speaking(door, language: str) -> None:
    save_settings(door.data_dir, replace(load_settings(door.data_dir), language=language))


def test_a_german_station_says_its_counts_in_german_with_german_plurals(qtbot, door):
    _speaking(door, "de")
    window = open_window(qtbot, door, windowed=True)
    bar = window.status_bar
    assert window.language == "de"
    assert bar.cached.text() == "2 Personen gespeichert"
    bar.show_outbox(1, 0)
    assert bar.waiting.text() == "1 Scan wartet auf Upload"
    bar.show_outbox(1_234, 2)
    assert bar.waiting.text() == "1.234 Scans warten auf Upload, 2 zurückgestellt (siehe Bedienfeld)"
    assert bar.connection.text() == "● Online"
    assert bar.last_sync.text().startswith("Letzter Abgleich ")


def test_an_english_station_counts_one_and_many(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    assert window.language == "en"
    assert window.status_bar.cached.text() == "2 attendees cached"
    window.status_bar.show_outbox(1, 0)
    assert window.status_bar.waiting.text() == "1 scan waiting to upload"
    window.status_bar.show_outbox(1_000, 0)
    assert window.status_bar.waiting.text() == "1,000 scans waiting to upload"


def test_an_arabic_station_lays_out_right_to_left(qtbot, door, screenshots):
    _speaking(door, "ar")
    window = open_window(qtbot, door, windowed=True)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.status_bar.connection.text() == "● متصل"
    window.status_bar.show_outbox(3, 0)
    assert window.status_bar.waiting.text() == "٣ عمليات مسح تنتظر الرفع"
    window.resize(1024, 600)
    qtbot.wait(100)
    window.grab().save(str(screenshots / "kiosk-ar-1024x600.png"))


def test_a_language_without_a_catalogue_falls_back_to_english(qtbot, door):
    _speaking(door, "ja")  # not shipped: the closest shipped language is English
    window = open_window(qtbot, door, windowed=True)
    assert window.language == "en"
    assert window.status_bar.cached.text() == "2 attendees cached"


def test_a_german_door_welcomes_and_refuses_in_german(qtbot, door):
    _speaking(door, "de")
    window = open_window(qtbot, door, windowed=True)
    assert window.scan_screen.prompt.text() == "Badge scannen"
    assert window.scan_screen.search.placeholderText() == "Kein Badge? Nach Name, E-Mail oder Code suchen"
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("green", "Willkommen")
    wedge_scan(qtbot, window, door.paid)
    colour, headline, _name = shown(window)
    assert colour == "amber" and headline.startswith("Bereits eingecheckt um ") and headline.endswith(", Door A")
    wedge_scan(qtbot, window, door.unpaid)
    assert shown(window)[:2] == ("red", "Nicht bezahlt")
    assert window.verdict.detail.text() == "Zum Bezahlen zur Registrierung schicken."


def test_an_arabic_door_says_its_verdict_in_arabic(qtbot, door, screenshots):
    _speaking(door, "ar")
    window = open_window(qtbot, door, windowed=True)
    window.resize(1280, 800)
    wedge_scan(qtbot, window, door.unpaid)
    assert shown(window)[:2] == ("red", "غير مدفوع")
    qtbot.wait(100)
    window.grab().save(str(screenshots / "kiosk-ar-refused-1280x800.png"))
