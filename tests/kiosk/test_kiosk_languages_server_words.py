"""What the kiosk says of its server, in the station's language: the sync's trouble and news under the status
bar, the conflicts the server lists, a check-in rule's refusal and a refused pairing code. Real widgets and a
real server on 127.0.0.1, as in test_kiosk_languages.py."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.core.settings import KioskSettings, StationMode, save_settings
from kiosk.core.sync_engine import SyncNews, SyncProblem, SyncStatus, SyncTrouble
from kiosk.ui.language import speak
from kiosk.ui.main_window import KioskOptions, KioskWindow
from kiosk.ui.status_bar import SyncStatusBar
from server.checkin_lists.service import ListFields, save_list
from server.conferences.models import Conference
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.sync.events import apply_events
from shared.protocol import ScanEvent
from tests.kiosk.door import PIN, open_window, shown, wedge_scan


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    speak("en")  # the next test's widgets are built in English, left to right


def test_a_german_station_says_the_server_is_gone_in_german(qtbot, door):
    save_settings(door.data_dir, KioskSettings(station_name="Tor A", mode=StationMode.CHECK_IN,
                                               language="de").with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    door.stack.close()  # the server stops: the network is gone
    bar = window.status_bar
    qtbot.waitUntil(lambda: bar.connection.text() == "● Offline: Scannen geht weiter", timeout=10_000)
    qtbot.waitUntil(lambda: bar.problem.isVisible(), timeout=2000)
    line = bar.problem.text()
    assert line.startswith("Server nicht erreichbar (") and line.endswith("); neuer Versuch folgt."), line
    window.speak_language("fr")  # the line on show is worded again in the new language
    qtbot.waitUntil(lambda: bar.problem.text().startswith("Serveur injoignable ("), timeout=2000)


def test_the_sync_lines_count_and_write_figures_as_the_language_does(qtbot):
    bar = SyncStatusBar()
    qtbot.addWidget(bar)
    speak("ar")
    bar.show_status(SyncStatus(online=False, trouble=SyncProblem(SyncTrouble.BUSY, status_code=503, seconds=30)))
    assert bar.problem.text() == "الخادم مشغول؛ ستُعاد المحاولة بعد ٣٠ ثانية."
    speak("de")
    bar.show_status(SyncStatus(online=True, news=SyncProblem(news=SyncNews.CONFERENCE_OVER, count=1)))
    assert bar.problem.text() == ("Die Konferenz ist vorbei: Dieser Kiosk vergisst sie, sobald sein 1 wartender Scan "
                                  "beim Server ist.")
    bar.show_status(SyncStatus(online=True, news=SyncProblem(news=SyncNews.RECORDS_WENT_BACK, count=1200, held=1500)))
    assert bar.problem.text().startswith("Die Daten des Servers sind zurückgesprungen (Version 1.200, dieser Kiosk "
                                         "hatte 1.500)")


def test_a_french_operator_panel_shows_a_conflict_in_french_from_the_servers_words(qtbot, door):
    with unit_of_work(door.session_factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        other_kiosk, _ = create_device(session, conference, name="Kiosk B", station="Porte B")
        # Door B let Bob in offline; his order is still pending: a conflict.
        apply_events(session, other_kiosk, [ScanEvent(
            uuid=uuid.uuid4(), kind="check_in", access_code=door.unpaid, station="Porte B",
            occurred_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5))])
    window = open_window(qtbot, door, windowed=True)
    window.speak_language("fr")
    window.open_operator_panel()
    qtbot.waitUntil(lambda: window.pin_screen.heading.text() == "PIN opérateur", timeout=2000)
    qtbot.keyClicks(window.pin_screen.pin, PIN, delay=60)
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    panel = window.panel
    qtbot.waitUntil(lambda: panel.conflicts_caption.text() == "Conflits (du serveur) : 1", timeout=5000)
    text = panel.conflicts.item(0).text()
    assert text.startswith("Enregistrement à Porte B, ")
    assert text.endswith(f" : Enregistrement à Porte B a admis Bob Unpaid ({door.unpaid}), dont la commande est en "
                         "attente : statut de commande « En attente » — enregistrement non autorisé."), text


def test_an_old_servers_conflict_without_words_shows_its_english(qtbot):
    from kiosk.ui.operator_panel import OperatorPanel

    speak("fr")
    panel = OperatorPanel()
    qtbot.addWidget(panel)
    panel.show_conflicts([{"kind": "check_in", "station": "Porte B", "message": "Order status is 'pending'.",
                           "words": None}])
    assert panel.conflicts.item(0).text() == "Enregistrement à Porte B : Order status is 'pending'."


def test_a_dutch_station_refused_by_a_rule_reads_the_rule_in_dutch(qtbot, door):
    with unit_of_work(door.session_factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        save_list(session, conference, ListFields(
            name="Once a day", ticket_type_ids=[], addon_ids=[], allow_multiple_entries=True,
            allow_entry_after_exit=True, days=[], opens=None, closes=None, stations=["Door A"],
            rules={"version": 1, "rule": {"<": [{"var": "entries_today"}, 1]}}))
    save_settings(door.data_dir, KioskSettings(station_name="Door A", mode=StationMode.CHECK_IN,
                                               language="nl").with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    window._change_station()
    screen = window.station_screen
    qtbot.waitUntil(lambda: screen.checkin_list.currentText() == "Once a day", timeout=10_000)  # it names Door A
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.scan_screen
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[0] == "green"
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("red", "Al binnengekomen vandaag")  # shared/checkin_rules.py, in Dutch


def _pairing_window(qtbot, tmp_path, language: str) -> KioskWindow:
    window = KioskWindow(KioskOptions(data_dir=tmp_path / "new-kiosk", sync_interval=0.3, windowed=True))
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.start()
    window.show()
    window.speak_language(language)
    assert window.pages.currentWidget() is window.pairing
    return window


def _try_code(qtbot, window: KioskWindow, url: str, code: str) -> str:
    window.pairing.server_url.setText(url)
    window.pairing.code.setText(code)
    qtbot.mouseClick(window.pairing.pair_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pairing.message.text() != "" and window.pairing.pair_button.isEnabled(),
                    timeout=10_000)
    return window.pairing.message.text()


def test_a_wrong_pairing_code_is_refused_in_spanish(qtbot, door, tmp_path):
    window = _pairing_window(qtbot, tmp_path, "es")
    assert _try_code(qtbot, window, door.url, "WRONG-CODE-123") == (
        "Ese código de emparejamiento no es válido: puede que ya se haya usado o que haya caducado. Pida uno nuevo "
        "en la página de dispositivos de la consola.")


def test_an_arabic_door_of_a_full_room_counts_in_arabic_digits(qtbot, door):
    from server.conferences.service import get_conference
    from server.zones.service import create_zone
    from tests.factories import make_attendee

    with unit_of_work(door.session_factory) as session:
        room = create_zone(session, get_conference(session, "pycon"), name="Room A", capacity=1, at_full="refuse")
        room_id = room.id
    save_settings(door.data_dir, KioskSettings(station_name="Room A entry", mode=StationMode.CHECK_IN, zone_role="entry",
                                               zone_id=room_id, language="ar").with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    qtbot.waitUntil(lambda: window.scan_screen.zone_figure.isVisible(), timeout=10_000)
    with unit_of_work(door.session_factory) as session:  # registered since: the next sync brings them
        cy = make_attendee(session, get_conference(session, "pycon"), first_name="Cy").access_code
    qtbot.waitUntil(lambda: "٣" in window.status_bar.cached.text(), timeout=10_000)
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[0] == "green"
    wedge_scan(qtbot, window, cy)
    assert shown(window)[:2] == ("red", "Room A ممتلئة: ١ من ١")  # not "1 من 1"


def test_too_many_wrong_codes_are_refused_in_german_with_the_wait(qtbot, door, tmp_path):
    import httpx

    from server.devices.pairing_limit import MAX_FAILURES

    for attempt in range(MAX_FAILURES):  # someone guessing codes from this address
        assert httpx.post(f"{door.url}/api/v1/sync/pair", json={"pairing_code": f"WRONG-{attempt:05d}"}).status_code == 401
    window = _pairing_window(qtbot, tmp_path, "de")
    said = _try_code(qtbot, window, door.url, "WRONG-AGAIN")
    assert said == "Zu viele falsche Kopplungscodes von dieser Adresse; versuchen Sie es in 15 Minuten erneut.", said


def test_why_the_previous_server_cannot_take_the_scans_is_said_in_the_stations_language(qtbot, door, tmp_path):
    from kiosk.core.sync_engine import ServerRefused, upload_to_previous_server
    from kiosk.ui.station_words import upload_refused

    window = open_window(qtbot, door, windowed=True)
    door.stack.close()  # the previous server is gone, with a scan waiting for it
    wedge_scan(qtbot, window, door.paid)
    window.shutdown()
    with pytest.raises(ServerRefused) as gone:
        upload_to_previous_server(door.data_dir, timeout=2)
    speak("nl")
    assert upload_refused(gone.value) == f"De vorige server op {door.url} is niet bereikbaar."
    with pytest.raises(ServerRefused) as never_paired:
        upload_to_previous_server(tmp_path / "never-paired")
    speak("es")
    assert upload_refused(never_paired.value) == ("Este quiosco no estaba emparejado antes: no hay un servidor anterior "
                                                  "al que subir.")
