"""A USB scanner and a person at the keyboard, through a real X server (Xvfb + XTest).

These are the proof that scanning works: xdotool types into the X server exactly as an HID scanner
does (capitals through Shift, a key every few milliseconds), and the keys reach the kiosk window the
way a real keyboard's do. The assertions are on what the volunteer sees and what the server stored.
"""

from __future__ import annotations

import pytest

from kiosk.core.settings import KioskSettings, StationMode, save_settings
from tests.kiosk.door import PIN, check_ins, open_window, shown
from tests.kiosk.x_server import wait_for_x_focus

pytestmark = pytest.mark.x11


def test_a_scanner_through_x_checks_in_and_types_nothing_into_search(qtbot, door, keyboard):
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.signed_paid)  # DS1.pycon.<code>.<signature>: capitals, digits, '-', '_'
    assert shown(window) == ("green", "Welcome", "Ada Lovelace")
    assert window.scan_screen.search.text() == ""
    qtbot.waitUntil(lambda: check_ins(door) == 1, timeout=5000)



def test_a_german_station_answers_a_scanner_through_x_in_german(qtbot, door, keyboard):
    """The station's language changes the words, not the keys: a scanner's burst (capitals through Shift)
    is one scan, the verdict is German, the search field stays empty."""
    from dataclasses import replace

    from kiosk.core.settings import load_settings
    from kiosk.ui.language import speak

    save_settings(door.data_dir, replace(load_settings(door.data_dir), language="de"))
    try:
        window = open_window(qtbot, door, windowed=True)
        wait_for_x_focus(qtbot, window)
        with qtbot.waitSignal(window.verdictShown, timeout=5000):
            keyboard.scan(door.signed_paid)
        assert shown(window) == ("green", "Willkommen", "Ada Lovelace")
        assert window.scan_screen.search.text() == ""
        with qtbot.waitSignal(window.verdictShown, timeout=5000):
            keyboard.scan(door.unpaid)
        assert shown(window)[:2] == ("red", "Nicht bezahlt")
        qtbot.waitUntil(lambda: check_ins(door) == 1, timeout=5000)
    finally:
        speak("en")

@pytest.mark.parametrize("with_window_manager", [True, False], ids=["openbox", "no-window-manager"])
def test_kiosk_mode_turned_on_at_station_set_up_keeps_the_keyboard(qtbot, door, keyboard, request,
                                                                  with_window_manager):
    if with_window_manager:
        request.getfixturevalue("window_manager")
    save_settings(door.data_dir, KioskSettings(station_name="Door A", kiosk_mode=False).with_pin(PIN))
    window = open_window(qtbot, door)
    wait_for_x_focus(qtbot, window)
    window.apply_settings(KioskSettings(station_name="Door A", kiosk_mode=True).with_pin(PIN))  # "Start scanning"
    qtbot.waitUntil(window.isFullScreen, timeout=5000)

    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.paid)
    assert shown(window)[:2] == ("green", "Welcome")

    keyboard.type("lovelace")  # search, typed by a person
    qtbot.waitUntil(lambda: window.scan_screen.search.text() == "lovelace", timeout=3000)
    qtbot.waitUntil(lambda: window.scan_screen.results.count() == 1, timeout=3000)

    qtbot.waitUntil(lambda: not window.verdict.isVisible(), timeout=5000)
    keyboard.click(window.scan_screen.operator)  # the operator's PIN
    assert window.pages.currentWidget() is window.pin_screen
    keyboard.type(PIN)
    keyboard.key("Return")
    assert window.pages.currentWidget() is window.panel

    window.apply_settings(KioskSettings(station_name="Door A", kiosk_mode=False).with_pin(PIN))  # off again
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=5000)  # at once, no restart
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.unpaid)
    assert shown(window)[:2] == ("red", "Not paid")


def test_scans_in_a_row_with_enter_tab_or_nothing_and_a_name_typed_right_after(qtbot, door, keyboard):
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)
    verdicts = []
    window.verdictShown.connect(lambda report: verdicts.append(report.text.headline))
    keyboard.scan(door.paid, suffix="Return")
    keyboard.scan(door.unpaid, suffix="Tab", key_gap_ms=1)
    keyboard.scan(door.signed_paid, suffix=None, key_gap_ms=25)  # a scanner set up without a suffix
    qtbot.wait(200)  # the next badge comes a moment later
    keyboard.scan("ZZZZ9999", suffix="KP_Enter")
    qtbot.waitUntil(lambda: len(verdicts) == 4, timeout=5000)
    assert verdicts[0] == "Welcome" and verdicts[1] == "Not paid"
    assert verdicts[2].startswith("Already checked in at") and verdicts[3] == "Unknown badge"
    assert window.scan_screen.search.text() == ""

    keyboard.type("Lovelace")  # right after a verdict, no click: the search field has the keys, in order
    qtbot.waitUntil(lambda: window.scan_screen.search.text() == "Lovelace", timeout=3000)
    qtbot.waitUntil(lambda: window.scan_screen.results.count() == 1, timeout=3000)
    with qtbot.waitSignal(window.verdictShown, timeout=5000) as chosen:
        keyboard.key("Return")
    assert chosen.args[0].source == "search"
    assert len(verdicts) == 5
    qtbot.waitUntil(lambda: check_ins(door) == 3, timeout=5000)  # the entry and two re-entries


def test_a_scan_works_with_focus_on_the_pin_pad_the_panel_and_station_set_up(qtbot, door, keyboard):
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)

    keyboard.click(window.scan_screen.operator)
    assert window.pin_screen.pin.hasFocus()
    keyboard.type("12")  # the operator starts typing the PIN; an attendee scans meanwhile
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.paid)
    assert shown(window)[:2] == ("green", "Welcome")
    assert window.pages.currentWidget() is window.scan_screen  # the pad closed, the PIN never got the code
    assert window.pin_screen.pin.text() == ""

    window.verdict.dismiss()
    keyboard.click(window.scan_screen.operator)
    keyboard.type(PIN)
    keyboard.key("Return")
    assert window.pages.currentWidget() is window.panel
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.unpaid)
    assert shown(window)[:2] == ("red", "Not paid")
    assert window.pages.currentWidget() is window.scan_screen

    window.verdict.dismiss()
    window._change_station()  # station set-up, reached from the panel
    window.station_screen.name.clear()
    window.station_screen.name.setFocus()
    keyboard.type("Door")
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.paid, key_gap_ms=2)
    assert shown(window)[:2][0] == "amber"  # already in
    qtbot.waitUntil(lambda: window.station_screen.name.text() == "Door", timeout=3000)  # not "Door" + the code
    qtbot.waitUntil(lambda: check_ins(door) == 2, timeout=5000)


def test_scanning_the_pairing_qr_pairs_the_kiosk(qtbot, door, keyboard, tmp_path):
    from kiosk.core.device import load_credentials
    from kiosk.ui.main_window import KioskOptions, KioskWindow
    from server.conferences.models import Conference
    from server.db.engine import unit_of_work
    from server.devices.service import create_device
    from shared.protocol import pairing_payload

    with unit_of_work(door.session_factory) as session:
        conference = session.query(Conference).one()
        _device, code = create_device(session, conference, name="second kiosk", station="Door B")
    window = KioskWindow(KioskOptions(data_dir=tmp_path / "new-kiosk", sync_interval=0.3, windowed=True))
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.start()
    window.show()
    wait_for_x_focus(qtbot, window)
    assert window.pages.currentWidget() is window.pairing
    window.pairing.server_url.clear()
    keyboard.scan(pairing_payload(code, door.url))  # lower case, ':' and '/' through Shift
    qtbot.waitUntil(lambda: load_credentials(tmp_path / "new-kiosk") is not None, timeout=10_000)
    assert window.pairing.server_url.text() == door.url and window.pairing.code.text() == code
    assert load_credentials(tmp_path / "new-kiosk").station == "Door B"
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.station_screen, timeout=5000)


def test_a_print_station_asks_before_printing_a_badge_again_and_enter_prints_it(qtbot, door, keyboard):
    save_settings(door.data_dir, KioskSettings(station_name="Desk 2", mode=StationMode.BADGE_PRINTING).with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)
    printed = []
    window.badgePrinted.connect(printed.append)
    keyboard.scan(door.paid)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=10_000)

    window.verdict.dismiss()
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.paid)
    headline = window.verdict.headline.text()
    assert headline.startswith("Already printed at ") and headline.endswith(", Desk 2 — print again?")
    qtbot.wait(500)
    assert len(printed) == 1  # nothing printed without a yes

    keyboard.key("Return")  # yes
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=10_000)
    assert printed[1].endswith(".pdf") and window.scan_screen.search.text() == ""


def test_a_badge_printed_at_another_desk_is_known_from_the_feed(qtbot, door, keyboard, tmp_path):
    from kiosk.core.device import pair
    from kiosk.core.scan_pipeline import ScanPipeline
    from kiosk.core.station import Station
    from kiosk.core.sync_engine import SyncEngine
    from server.conferences.models import Conference
    from server.db.engine import unit_of_work
    from server.devices.service import create_device
    from tests.kiosk.door import connect_cache

    save_settings(door.data_dir, KioskSettings(station_name="Desk 2", mode=StationMode.BADGE_PRINTING).with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)  # synced: no print yet
    wait_for_x_focus(qtbot, window)

    with unit_of_work(door.session_factory) as session:
        conference = session.query(Conference).one()
        _device, code = create_device(session, conference, name="desk 1", station="Desk 1")
    desk_1 = pair(door.url, code, tmp_path / "desk-1")  # another print station prints Ada's badge
    engine = SyncEngine(tmp_path / "desk-1" / "cache.sqlite3", desk_1)
    engine.sync_once()
    with connect_cache(tmp_path / "desk-1") as desk_cache:
        ScanPipeline(desk_cache, Station(name="Desk 1")).record_badge_printed(door.paid, "Ada")
    assert engine.sync_once().events_waiting == 0
    engine.close()

    def knows_of_the_print() -> bool:
        with connect_cache(door.data_dir) as cache:
            return cache.execute("SELECT badge_printed_station FROM attendees WHERE access_code = ?",
                                 (door.paid,)).fetchone()[0] == "Desk 1"
    qtbot.waitUntil(knows_of_the_print, timeout=10_000)  # Desk 2's next (incremental) sync
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.paid)
    assert window.verdict.headline.text().endswith(", Desk 1 — print again?")


@pytest.mark.parametrize("length", [4, 300])
def test_codes_of_4_and_300_characters_are_one_scan_each(qtbot, door, keyboard, length):
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)
    scanned = []
    window.wedge.scanned.connect(scanned.append)
    code = ("Zq7-" * 75)[:length]
    with qtbot.waitSignal(window.verdictShown, timeout=10_000):
        keyboard.scan(code, key_gap_ms=1)
    assert scanned == [code]
    assert window.scan_screen.search.text() == ""


# A scanner's keys with gaps inside one code ------------------------------------------------------

BURSTS = {  # cuts, gap between bursts (ms), whether the first piece looks typed (reaches the search field a moment)
    "first-3-then-the-rest": ((3,), 200, False),  # 'D0G' + 'LB9X4': the first split
    "7-then-the-last": ((7,), 200, False),  # '67RR974' + 'R'
    "three-bursts": ((2, 5), 150, False),
    "a-lone-key-inside": ((6, 7), 150, False),  # '0YVS3X' + '5' + 'W⏎' (the bench found it)
    "enter-on-its-own": ((8,), 250, False),  # the code, then its Enter in a packet of its own
    "a-lone-first-key": ((1,), 300, True),  # one key, as a person's would, taken back from the search field
    "lone-keys-at-both-ends": ((1, 7), 200, True),  # '0' + 'AQ8P17' + 'F⏎'
    "a-pair-then-a-lone-key": ((2, 3), 150, True),  # 'CU' + 'P' + 'GA70B⏎': a person's pair and key, so far
}


@pytest.mark.parametrize("cuts, gap_ms, looks_typed", BURSTS.values(), ids=BURSTS.keys())
def test_a_badge_whose_keys_come_in_bursts_with_gaps_is_one_scan(qtbot, door, keyboard, cuts, gap_ms, looks_typed):
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)
    scanned, verdicts, search_texts = [], [], []
    window.wedge.scanned.connect(scanned.append)
    window.verdictShown.connect(lambda report: verdicts.append(report.text.headline))
    window.scan_screen.search.textChanged.connect(search_texts.append)
    keyboard.scan_in_bursts(door.paid, cuts=cuts, gap_ms=gap_ms)
    qtbot.waitUntil(lambda: check_ins(door) == 1, timeout=5000)
    qtbot.wait(500)  # time for a second verdict, or a key left over, to show
    assert scanned == [door.paid] and verdicts == ["Welcome"]
    assert window.scan_screen.search.text() == "" and window.scan_screen.results.count() == 0
    if not looks_typed:
        assert search_texts == []  # a scanner's burst never reaches the search field, not even for a moment


def test_a_signed_badge_in_three_bursts_is_one_scan(qtbot, door, keyboard):
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)
    scanned = []
    window.wedge.scanned.connect(scanned.append)
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan_in_bursts(door.signed_paid, cuts=(1, 40), gap_ms=300)  # 'D', then 39 keys, then the rest
    assert shown(window) == ("green", "Welcome", "Ada Lovelace")
    assert scanned == [door.signed_paid] and window.scan_screen.search.text() == ""


def test_a_fragment_never_completes_with_the_next_badge(qtbot, door, keyboard):
    """The issue's WEULO2WU: a fragment in the search field, and 5 s later the next badge, whose Enter
    comes late. That Enter must not pick the fragment's search result over the next person's verdict."""
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)
    verdicts = []
    window.verdictShown.connect(lambda report: verdicts.append(report.text.headline))
    keyboard.scan(door.paid[:3], suffix=None)  # Ada's badge, whose rest never came
    qtbot.wait(5000)
    keyboard.scan_in_bursts(door.unpaid, cuts=(len(door.unpaid),), gap_ms=200)  # the next person: Bob
    qtbot.waitUntil(lambda: len(verdicts) == 1, timeout=5000)
    qtbot.wait(1000)
    assert verdicts == ["Not paid"] and shown(window)[:2] == ("red", "Not paid")
    assert check_ins(door) == 0
    assert window.scan_screen.search.text() == "" and window.scan_screen.results.count() == 0


def test_a_print_finishing_after_the_next_scan_never_covers_its_verdict(qtbot, door, keyboard, monkeypatch):
    """A verdict is always for its own badge: Ada's "Badge printed", late from the printer's thread,
    must not replace the "Not paid" of Bob, who scanned meanwhile."""
    import threading

    from kiosk.ui import badge_printing

    save_settings(door.data_dir, KioskSettings(station_name="Desk 2", mode=StationMode.BADGE_PRINTING,
                                               dismiss_seconds=60).with_pin(PIN))
    printer_warm = threading.Event()
    real_print_badge = badge_printing.print_badge

    def slow_printer(*args, **kwargs):
        printer_warm.wait(20)  # a printer warming up
        return real_print_badge(*args, **kwargs)
    monkeypatch.setattr(badge_printing, "print_badge", slow_printer)
    window = open_window(qtbot, door, windowed=True)
    wait_for_x_focus(qtbot, window)
    printed = []
    window.badgePrinted.connect(printed.append)
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.paid)
    assert shown(window)[:2] == ("amber", "Printing badge…")
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        keyboard.scan(door.unpaid)  # the next person, while Ada's badge prints
    assert shown(window)[:2] == ("red", "Not paid")
    printer_warm.set()
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=20_000)
    assert printed[0].endswith(".pdf")  # Ada's badge came out
    qtbot.wait(200)
    assert shown(window)[:2] == ("red", "Not paid")  # and Bob still sees his own verdict
