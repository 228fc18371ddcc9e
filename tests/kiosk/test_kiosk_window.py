"""The kiosk window (real widgets) against a real server on 127.0.0.1.

Keys here are handed to widgets (``qtbot.keyClicks``): unit tests of the window's behaviour. The
proof that a USB scanner works goes through a real X server: tests/kiosk/test_keys_through_x.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import cv2
import numpy as np
import segno
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from kiosk.core.settings import KioskSettings, StationMode, save_settings
from tests.kiosk.door import PIN, check_ins, open_window, shown, wedge_scan
from tests.live_server import live_server


def test_wedge_scans_show_ok_already_checked_in_unpaid_and_unknown(qtbot, door):
    window = open_window(qtbot, door, windowed=True)

    wedge_scan(qtbot, window, door.signed_paid)
    assert shown(window) == ("green", "Welcome", "Ada Lovelace")
    assert window.verdict.ticket.text() == "Standard"
    assert window.verdict.addons.text() == "Lunch: 2 of 2 left"
    assert window.sounds.last_played == "ok"

    wedge_scan(qtbot, window, f"pycon:{door.paid}")  # a `{slug}:{code}` badge (as django-program prints them)
    colour, headline, _ = shown(window)
    local = dt.datetime.now().astimezone(dt.UTC).strftime("%H:")  # the conference is in UTC
    assert colour == "amber" and headline.startswith(f"Already checked in at {local}") and headline.endswith(", Door A")

    wedge_scan(qtbot, window, door.unpaid)
    assert shown(window) == ("red", "Not paid", "Bob Unpaid")
    assert window.sounds.last_played == "refused"

    wedge_scan(qtbot, window, "ZZZZ9999")
    assert shown(window)[:2] == ("red", "Unknown badge")

    wedge_scan(qtbot, window, "otherconf:ZZZZ9999")
    assert shown(window)[:2] == ("red", "Badge for another conference")
    # None of the scanner's keystrokes leaked into the search field that had focus.
    assert window.scan_screen.search.text() == ""

    # The verdict goes away on its own, and the check-in reaches the server.
    qtbot.waitUntil(lambda: not window.verdict.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: check_ins(door) == 2, timeout=5000)  # the entry and the re-entry


def test_door_check_for_a_product_not_purchased(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    window.apply_settings(KioskSettings(station_name="Tutorial room", mode=StationMode.DOOR_CHECK,
                                        product_id=door.tutorial_id, product_name="Tutorial").with_pin(PIN))
    wedge_scan(qtbot, window, door.paid)
    assert shown(window) == ("red", "Tutorial not purchased", "Ada Lovelace")


def test_typing_in_search_is_not_a_scan_and_a_result_checks_in(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    search = window.scan_screen.search
    qtbot.keyClicks(search, "ada lov", delay=70)  # a person: one key every 70 ms
    qtbot.waitUntil(lambda: search.text() == "ada lov", timeout=1000)  # each key held back a moment, not lost
    qtbot.waitUntil(lambda: window.scan_screen.results.count() == 1, timeout=3000)
    assert not window.verdict.isVisible()
    assert "Ada Lovelace" in window.scan_screen.results.item(0).text()

    with qtbot.waitSignal(window.verdictShown, timeout=5000) as signal:
        qtbot.keyClick(search, Qt.Key.Key_Return)  # one result: Enter picks it
    assert signal.args[0].source == "search"
    assert shown(window) == ("green", "Welcome", "Ada Lovelace")


def test_two_fast_keys_from_a_person_are_not_lost(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    search = window.scan_screen.search
    qtbot.keyClicks(search, "bo")  # a fast pair (key roll-over), shorter than any badge
    qtbot.waitUntil(lambda: search.text() == "bo", timeout=2000)
    assert not window.verdict.isVisible()


def test_a_scanner_without_enter_is_read_after_a_pause(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        qtbot.keyClicks(window.scan_screen.search, door.paid)
    assert shown(window)[:2] == ("green", "Welcome")
    assert window.scan_screen.search.text() == ""


def noisy_frame_with_badge(payload: str, path: Path) -> Path:
    """A 1280×720 camera-like frame: sensor noise, uneven light, the badge QR small and off-centre."""
    rng = np.random.default_rng(7)
    frame = np.full((720, 1280), 150, np.uint8)
    frame = cv2.add(frame, np.tile(np.linspace(0, 60, 1280, dtype=np.uint8), (720, 1)))
    qr_path = path.with_suffix(".qr.png")
    segno.make_qr(payload).save(qr_path, scale=5, border=4)
    qr = cv2.imread(str(qr_path), cv2.IMREAD_GRAYSCALE)
    frame[200:200 + qr.shape[0], 700:700 + qr.shape[1]] = qr
    noisy = np.clip(frame.astype(np.int16) + rng.normal(0, 18, frame.shape), 0, 255).astype(np.uint8)
    cv2.imwrite(str(path), cv2.GaussianBlur(noisy, (3, 3), 0))
    return path


def test_a_camera_frame_with_a_badge_gives_a_verdict(qtbot, door, tmp_path):
    from kiosk.core.device import CACHE_FILE, load_credentials
    from kiosk.core.sync_engine import SyncEngine

    frame = noisy_frame_with_badge(door.signed_paid, tmp_path / "frame.png")
    save_settings(door.data_dir, KioskSettings(station_name="Door A", camera_index=None).with_pin(PIN))
    # Synced before the window opens: the camera may read the badge in its first frames.
    engine = SyncEngine(door.data_dir / CACHE_FILE, load_credentials(door.data_dir))
    engine.sync_once()
    engine.close()
    reports = []
    window = open_window(qtbot, door, windowed=True, image_files=[frame],
                         on_start=lambda w: w.verdictShown.connect(reports.append))
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=10_000)
    assert reports[0].source == "camera"
    assert shown(window) == ("green", "Welcome", "Ada Lovelace")
    qtbot.waitUntil(lambda: not window.scan_screen.preview.pixmap().isNull(), timeout=3000)  # the live preview
    qtbot.waitUntil(lambda: check_ins(door) == 1, timeout=5000)
    # The badge stays in view (the same frame, ten times a second): still one scan, not one per frame.
    qtbot.wait(1500)
    assert len(reports) == 1 and check_ins(door) == 1


def test_the_pin_guards_quitting_in_kiosk_mode(qtbot, door):
    full_screen = []
    window = open_window(qtbot, door, on_start=lambda w: full_screen.append(w.isFullScreen()))  # kiosk mode
    assert full_screen == [True]
    window.close()  # Alt+F4
    assert window.isVisible()
    assert window.pages.currentWidget() is window.pin_screen

    qtbot.keyClicks(window.pin_screen.pin, "0000", delay=60)
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    assert window.pin_screen.message.text() == "Wrong PIN."
    assert window.pages.currentWidget() is window.pin_screen

    qtbot.keyClicks(window.pin_screen.pin, PIN, delay=60)
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.panel
    qtbot.waitUntil(lambda: window.panel.figure_labels["attendees"].text() == "2", timeout=3000)
    qtbot.waitUntil(lambda: "Conflicts (from the server): 0" in window.panel.conflicts_caption.text(), timeout=5000)

    from PySide6.QtWidgets import QPushButton

    [quit_button] = [b for b in window.panel.findChildren(QPushButton) if b.text() == "Quit Doorstation"]
    with qtbot.waitSignal(window.panel.quitRequested, timeout=1000):
        quit_button.click()
    assert not window.isVisible()


def test_undo_takes_back_an_uploaded_check_in(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    wedge_scan(qtbot, window, door.paid)
    qtbot.waitUntil(lambda: check_ins(door) == 1, timeout=5000)
    window.open_operator_panel()
    qtbot.keyClicks(window.pin_screen.pin, PIN, delay=40)
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    window.panel.undoRequested.emit()
    qtbot.waitUntil(lambda: window.panel.message.text() == "Took back the check-in of Ada Lovelace.", timeout=3000)
    qtbot.waitUntil(lambda: check_ins(door) == 0, timeout=5000)
    window.panel.closed.emit()
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("green", "Welcome")  # not "already checked in"


def test_server_gone_shows_offline_and_scanning_goes_on(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    door.stack.close()  # the server stops: the network is gone
    qtbot.waitUntil(lambda: window.status_bar.connection.text().startswith("● Offline"), timeout=10_000)

    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("green", "Welcome")
    wedge_scan(qtbot, window, door.unpaid)
    assert shown(window)[:2] == ("red", "Not paid")
    qtbot.waitUntil(lambda: window.status_bar.waiting.text() == "2 scans waiting to upload", timeout=5000)

    database_url = str(door.session_factory.kw["bind"].url)
    with live_server(database_url, door.port):  # back, on the same address
        qtbot.waitUntil(lambda: window.status_bar.connection.text() == "● Online", timeout=40_000)
        qtbot.waitUntil(lambda: window.status_bar.waiting.text() == "0 scans waiting to upload", timeout=10_000)
        assert check_ins(door) == 1
        window.shutdown()


def test_a_print_station_prints_the_signed_badge_and_keeps_a_failed_job(qtbot, door, tmp_path):
    from tests.kiosk.test_badges import decode, pdf_pages

    save_settings(door.data_dir, KioskSettings(station_name="Badge desk", mode=StationMode.BADGE_PRINTING,
                                               printer="Jammed-Printer-3000").with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    with qtbot.waitSignal(window.badgePrinted, timeout=10_000) as printed:
        wedge_scan(qtbot, window, door.paid)
    assert printed.args == [""]  # failed
    assert shown(window)[:2] == ("red", "Printer error")
    assert "Jammed-Printer-3000" in window.verdict.detail.text() and "kept" in window.verdict.detail.text()
    assert [k.badge.access_code for k in window.print_queue.pending()] == [door.paid]  # on disk, not lost
    assert check_ins(door) == 0  # this desk prints only

    # The operator switches to PDF output and reprints from the panel.
    window.apply_settings(KioskSettings(station_name="Badge desk", mode=StationMode.BADGE_PRINTING).with_pin(PIN))
    assert window.panel.reprint.isVisibleTo(window.panel)
    with qtbot.waitSignal(window.badgePrinted, timeout=10_000) as printed:
        window.panel.reprintRequested.emit()
    path = printed.args[0]
    assert path.endswith(".pdf") and shown(window)[:2] == ("green", "Badge printed")
    assert window.print_queue.pending() == []
    [page] = pdf_pages(path)
    codes = decode(page)
    assert codes["Code128"] == door.paid
    assert codes["QRCode"] == door.signed_paid  # signed by the server, so any door kiosk trusts it

    # A door kiosk accepts the printed code; and the print reached the server as a badge_printed event.
    window.apply_settings(KioskSettings(station_name="Door A").with_pin(PIN))
    wedge_scan(qtbot, window, codes["QRCode"])
    assert shown(window)[:3] == ("green", "Welcome", "Ada Lovelace")
    from server.checkin.models import SyncEvent

    def printed_events():
        with door.session_factory() as session:
            return session.scalar(select(func.count(SyncEvent.id)).where(SyncEvent.kind == "badge_printed"))
    qtbot.waitUntil(lambda: printed_events() == 1, timeout=5000)


def test_the_data_folder_is_readable_by_the_kiosk_user_only(qtbot, door):
    import stat

    for path in door.data_dir.iterdir():  # as an older version left it: readable by everyone
        path.chmod(0o644)
    save_settings(door.data_dir, KioskSettings(station_name="Badge desk", mode=StationMode.BADGE_PRINTING,
                                               check_in_on_print=True).with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    with qtbot.waitSignal(window.badgePrinted, timeout=10_000):
        wedge_scan(qtbot, window, door.paid)  # a PDF badge, a scan in the cache, WAL and SHM files
    window.shutdown()
    modes = {path.relative_to(door.data_dir).as_posix(): stat.S_IMODE(path.stat().st_mode)
             for path in [door.data_dir, *door.data_dir.rglob("*")]}
    assert any(name.endswith(".pdf") for name in modes) and "cache.sqlite3" in modes
    folders = {name for name in modes if (door.data_dir / name).is_dir()}
    assert {name: mode for name, mode in modes.items() if mode != (0o700 if name in folders else 0o600)} == {}


def test_the_waiting_count_is_exact_the_moment_scans_are_shown(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    door.stack.close()  # offline: the count can only come from the kiosk itself
    qtbot.waitUntil(lambda: window.status_bar.connection.text().startswith("● Offline"), timeout=10_000)
    for _ in range(19):
        window.on_code(door.unpaid, "wedge")
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        window.on_code(door.paid, "wedge")
    qtbot.waitUntil(lambda: window.status_bar.waiting.text() == "20 scans waiting to upload", timeout=1000)


def test_the_pin_pad_counts_down_a_lock_out_and_clears_the_field(qtbot, door, monkeypatch):
    from kiosk.ui import operator_panel

    window = open_window(qtbot, door, windowed=True)
    window.open_operator_panel()
    pad = window.pin_screen
    for _ in range(operator_panel.LOCKOUT_AFTER):
        pad.pin.setText("0000")
        pad._try()
    assert pad.pin.text() == "" and not pad.pin.isEnabled()
    assert pad.message.text() == f"Wrong PIN {operator_panel.LOCKOUT_AFTER} times. Try again in 30 s."
    def seconds_shown() -> int:
        return int(pad.message.text().rsplit(" in ", 1)[1].split()[0])
    qtbot.waitUntil(lambda: 27 <= seconds_shown() < 30, timeout=3500)  # counting down


def test_sync_trouble_goes_to_the_log_file_in_the_data_folder(qtbot, door):
    import logging

    from kiosk.ui.app import LOG_FILE, log_to_data_folder

    path = log_to_data_folder(door.data_dir)
    try:
        window = open_window(qtbot, door, windowed=True)
        door.stack.close()
        qtbot.waitUntil(lambda: window.status_bar.connection.text().startswith("● Offline"), timeout=10_000)
        qtbot.waitUntil(lambda: "sync: Server unreachable (ConnectError); retrying." in path.read_text(), timeout=5000)
        assert path == door.data_dir / LOG_FILE
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", "") == str(path):
                logging.getLogger().removeHandler(handler)
                handler.close()
