"""What the volunteer reads agrees with itself: the PIN as the field shows it, a redemption's lines, the panel's
figures after an undo, the camera the set-up names, and refusals that say each thing once."""

from __future__ import annotations

import segno
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.core.settings import KioskSettings, StationMode, pin_matches, save_settings
from server.conferences.models import AddOn
from server.conferences.service import new_badge_key_pair
from shared.badge_codes import sign
from tests.kiosk.door import PIN, check_ins, connect_cache, open_window, shown, wedge_scan


def test_a_pin_typed_slowly_then_start_scanning_clicked_at_once_is_read_as_the_field_shows_it(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    window._change_station()
    screen = window.station_screen
    screen.pin.setFocus()
    qtbot.keyClicks(screen.pin, "567", delay=150)  # a person's pace: each key held a moment by the wedge
    qtbot.wait(150)
    qtbot.keyClick(screen.pin, "8")
    assert "8" not in screen.pin.text()  # still held by the wedge when the click comes
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)  # at once
    assert screen.message.text() == ""
    assert window.pages.currentWidget() is window.scan_screen
    assert pin_matches("5678", window.settings.pin_hash)


def test_a_redemption_says_the_same_count_in_its_headline_and_its_lines(qtbot, door):
    with door.session_factory() as session:
        lunch = session.scalar(select(AddOn.id).where(AddOn.name == "Lunch"))
    save_settings(door.data_dir, KioskSettings(station_name="Lunch hall", mode=StationMode.REDEMPTION,
                                               product_id=lunch, product_name="Lunch").with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("green", "Lunch redeemed: 1 of 2 left")
    assert window.verdict.addons.text() == "Lunch: 1 of 2 left"


def test_an_undo_moves_the_panels_checked_in_figure_at_once(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    wedge_scan(qtbot, window, door.paid)

    def confirmed() -> bool:  # the check-in went up and came back with the feed
        with connect_cache(door.data_dir) as cache:
            return cache.execute("SELECT last_check_in_at IS NOT NULL FROM attendees WHERE access_code = ?",
                                 (door.paid,)).fetchone()[0] == 1

    qtbot.waitUntil(confirmed, timeout=5000)
    door.stack.close()  # offline from here: only the kiosk itself can move the figure
    window.open_operator_panel()
    qtbot.keyClicks(window.pin_screen.pin, PIN, delay=40)
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    figure = window.panel.figure_labels["checked_in"]
    qtbot.waitUntil(lambda: figure.text() == "1", timeout=3000)
    window.panel.undoRequested.emit()
    qtbot.waitUntil(lambda: window.panel.message.text() == "Took back the check-in of Ada Lovelace.", timeout=3000)
    qtbot.waitUntil(lambda: figure.text() == "0", timeout=2000)


def test_station_set_up_names_the_image_files_as_the_camera_and_saving_does_not_scan_again(qtbot, door, tmp_path):
    badge = tmp_path / "ada-badge.png"
    segno.make_qr(door.signed_paid).save(badge, scale=5, border=4)
    reports = []
    window = open_window(qtbot, door, on_start=lambda w: w.verdictShown.connect(reports.append), windowed=True,
                         image_files=[badge])
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=10_000)  # the image, seen by the camera
    window._change_station()
    screen = window.station_screen
    assert not screen.camera.isVisibleTo(screen)  # not "No camera"
    assert screen.camera_files.isVisibleTo(screen)
    assert screen.camera_files.text() == "Image files (--camera-file): ada-badge.png"
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.scan_screen
    qtbot.wait(2000)
    assert len(reports) == 1
    qtbot.waitUntil(lambda: check_ins(door) == 1, timeout=5000)


def test_a_refusal_says_each_thing_once(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    forged = sign("pycon", door.paid, new_badge_key_pair()[0])
    wedge_scan(qtbot, window, forged)
    assert shown(window)[:2] == ("red", "Forged or damaged badge")
    assert window.verdict.detail.text() == "The signature does not match."
    wedge_scan(qtbot, window, "hello world")
    assert shown(window)[:2] == ("red", "Not a badge")
    assert window.verdict.detail.text() == "Scan the QR code on the badge."
