"""A stolen kiosk reveals nobody: its data folder read with plain tools shows no attendee, its key stays
off the disk (the OS key store, or wrapped under the operator's PIN), and it restarts by itself where a
key store exists."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from kiosk.core import cache_key
from kiosk.core.cache import PLAIN_SQLITE_HEADER, PRINT_JOBS, SCAN_LOG, SCHEMA, SCHEMA_VERSION, connect
from kiosk.core.device import CACHE_FILE
from tests.kiosk.door import PIN, check_ins, connect_cache, open_window, wedge_scan

PEOPLE = ("Ada Lovelace", "Lovelace", "ada@example.org", "Bob Unpaid", "Unpaid", "bob@example.org")


def readable_text(path: Path) -> str:
    """What `strings` shows of a file: runs of 4 or more printable ASCII bytes, and UTF-16 text too."""
    data = path.read_bytes()
    runs = re.findall(rb"[\x20-\x7e]{4,}", data)
    wide = re.findall(rb"(?:[\x20-\x7e]\x00){4,}", data)
    return "\n".join(run.decode() for run in runs) + "\n" + "\n".join(run.decode("utf-16-le") for run in wide)


def people_found(folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = readable_text(path).lower()
        raw = path.read_bytes().lower()
        hits = [who for who in PEOPLE if who.lower() in text or who.lower().encode() in raw]
        if hits:
            found[str(path.relative_to(folder))] = hits
    return found


@pytest.fixture
def kiosk_log(door):
    """The kiosk's log in its data folder, at INFO, as `doorstation kiosk` writes it."""
    import logging

    from kiosk.ui.app import log_to_data_folder

    root = logging.getLogger()
    level = root.level
    path = log_to_data_folder(door.data_dir)
    root.setLevel(logging.INFO)
    yield path
    root.setLevel(level)
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", None) == str(path)]:
        root.removeHandler(handler)
        handler.close()


def test_a_synced_kiosks_data_folder_shows_no_name_or_email(qtbot, door, kiosk_log):
    window = open_window(qtbot, door)
    report = wedge_scan(qtbot, window, door.paid)  # the scan log and outbox now hold Ada's scan too
    assert report.result.verdict.outcome.value == "accept"
    with connect_cache(door.data_dir) as cache:  # the kiosk itself reads them: the data is there
        names = {row[0] for row in cache.execute("SELECT full_name FROM attendees")}
    assert "Ada Lovelace" in names
    files = {p.name for p in door.data_dir.iterdir()}
    assert {CACHE_FILE, CACHE_FILE + "-wal", "kiosk.log"} <= files  # the running kiosk's WAL and log are read too
    assert "Ready to scan" in kiosk_log.read_text()
    assert people_found(door.data_dir) == {}
    window.shutdown()
    assert people_found(door.data_dir) == {}
    assert not door.data_dir.joinpath(CACHE_FILE).read_bytes().startswith(PLAIN_SQLITE_HEADER)


def test_a_kiosk_restarted_where_a_key_store_exists_is_ready_to_scan_by_itself(qtbot, door):
    first = open_window(qtbot, door)
    first.shutdown()  # the process ends: its unlocked key goes with it
    # (other tests' caches may still be open in this process: only this kiosk's key counts)
    qtbot.waitUntil(lambda: cache_key._account(door.data_dir) not in cache_key._unlocked, timeout=1000)
    again = open_window(qtbot, door)  # nobody types anything
    qtbot.waitUntil(lambda: again.pages.currentWidget() is again.scan_screen, timeout=10_000)
    report = wedge_scan(qtbot, again, door.paid)
    assert report.text.name == "Ada Lovelace"
    assert not (door.data_dir / cache_key.KEY_FILE).exists()  # the key is in the key store, not the folder


@pytest.fixture
def no_key_store():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_without_a_key_store_the_kiosk_says_what_it_needs_and_the_pin_opens_it(qtbot, no_key_store, door):
    from kiosk.ui.main_window import KioskOptions, KioskWindow

    def start() -> KioskWindow:
        window = KioskWindow(KioskOptions(data_dir=door.data_dir, sync_interval=0.3))
        qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
        window.start()
        window.show()
        return window

    cache_key.protect_with_pin(door.data_dir, PIN)  # as the station set-up does when the PIN is chosen
    cache_key.lock(door.data_dir)  # the kiosk was paired and set up by an earlier process
    window = start()
    assert window.pages.currentWidget() is window.unlock_screen
    assert "no key store" in window.unlock_screen.explanation.text()
    assert window.cache is None  # nothing opened, nothing scanned
    qtbot.keyClicks(window.unlock_screen.pin, "0000", delay=60)  # typed, not a scanner burst

    qtbot.keyClick(window.unlock_screen.pin, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.unlock_screen
    assert "Wrong PIN" in window.unlock_screen.message.text()
    qtbot.keyClicks(window.unlock_screen.pin, PIN, delay=60)  # typed, not a scanner burst
    qtbot.keyClick(window.unlock_screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "2 attendees cached" in window.status_bar.cached.text(), timeout=10_000)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.scan_screen, timeout=10_000)
    wrapped = (door.data_dir / cache_key.KEY_FILE).read_text()
    assert "argon2id" in wrapped
    window.shutdown()

    again = start()  # a restart: locked again, and the same PIN opens the same data
    assert again.pages.currentWidget() is again.unlock_screen
    qtbot.keyClicks(again.unlock_screen.pin, PIN, delay=60)  # typed, not a scanner burst
    qtbot.keyClick(again.unlock_screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: again.pages.currentWidget() is again.scan_screen, timeout=10_000)
    assert wedge_scan(qtbot, again, door.paid).text.name == "Ada Lovelace"
    assert people_found(door.data_dir) == {}


def test_a_plain_cache_from_before_encryption_is_encrypted_with_its_waiting_scans(tmp_path, caplog):
    path = tmp_path / CACHE_FILE
    plain = sqlite3.connect(path)
    plain.executescript(SCHEMA + SCAN_LOG + PRINT_JOBS)  # today's tables, as a plain SQLite file
    plain.execute("INSERT INTO attendees (id, access_code, full_name, email, company, ticket_type, holdings, version) "
                  "VALUES (1, 'AAAA1111', 'Ada Lovelace', 'ada@example.org', 'Acme', 'Standard', '[]', 1)")
    plain.execute("INSERT INTO outbox (uuid, kind, access_code, occurred_at, station, reason) "
                  "VALUES ('u1', 'check_in', 'AAAA1111', '2026-05-01T09:00:00+00:00', 'Door A', 'ok')")
    plain.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    plain.commit()
    plain.close()
    assert b"Lovelace" in path.read_bytes()

    connection = connect(path)
    assert connection.execute("SELECT full_name FROM attendees").fetchone()[0] == "Ada Lovelace"
    assert connection.execute("SELECT uuid FROM outbox").fetchone()[0] == "u1"  # a scan waiting is never lost
    connection.close()
    assert people_found(tmp_path) == {}
    assert "was not encrypted" in caplog.text and "encrypted it in place" in caplog.text


def cache_dump(door) -> str:
    """Everything the decrypted cache holds, as SQL text (what the kiosk itself could read)."""
    with connect_cache(door.data_dir) as cache:
        tables = [row[0] for row in cache.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join(repr(tuple(row)) for table in tables for row in cache.execute(f'SELECT * FROM "{table}"'))


def test_a_door_stations_cache_holds_no_email_and_a_help_desk_fetches_them(qtbot, door):
    from dataclasses import replace

    from kiosk.core.settings import StationMode

    window = open_window(qtbot, door)  # the door's kiosk: a check-in station
    dump = cache_dump(door)
    assert "Lovelace" in dump and "ada@example.org" not in dump and "bob@example.org" not in dump

    assert window.settings is not None
    window.apply_settings(replace(window.settings, mode=StationMode.BADGE_PRINTING))  # the help desk now
    qtbot.waitUntil(lambda: "ada@example.org" in cache_dump(door), timeout=10_000)
    window.scan_screen.search.setText("ada@exa")  # the desk finds her by the email she registered with
    window._search("ada@exa")
    qtbot.waitUntil(lambda: window.scan_screen.results.count() == 1, timeout=5000)

    window.apply_settings(replace(window.settings, mode=StationMode.CHECK_IN))  # a door again: emails go
    qtbot.waitUntil(lambda: "ada@example.org" not in cache_dump(door), timeout=10_000)
    assert "Lovelace" in cache_dump(door)
    assert wedge_scan(qtbot, window, door.paid).text.name == "Ada Lovelace"


def kiosk_files(door) -> list[str]:
    return sorted(str(p.relative_to(door.data_dir)) for p in door.data_dir.rglob("*") if p.is_file())


def test_a_revoked_kiosk_wipes_its_data_folder_but_its_log_at_its_next_sync(qtbot, door):
    from server.conferences.service import get_conference
    from server.db.engine import unit_of_work
    from server.devices.service import revoke_device

    (door.data_dir / "kiosk.log").write_text("2026-05-01 09:00 INFO started\n")
    window = open_window(qtbot, door)
    wedge_scan(qtbot, window, door.paid)
    assert window.credentials is not None
    with unit_of_work(door.session_factory) as session:  # an organiser revokes it in the console
        revoke_device(session, get_conference(session, "pycon"), window.credentials.device_id)
    qtbot.waitUntil(lambda: "revoked this kiosk" in window.pairing.message.text(), timeout=10_000)
    assert window.pages.currentWidget() is window.pairing
    assert kiosk_files(door) == ["kiosk.log"]
    assert "started" in (door.data_dir / "kiosk.log").read_text()
    assert people_found(door.data_dir) == {}
    assert window.cache is None and window.scan_screen.results.count() == 0


def test_forget_this_conference_behind_the_pin(qtbot, door):
    window = open_window(qtbot, door)
    window.open_operator_panel()
    qtbot.keyClicks(window.pin_screen.pin, PIN, delay=60)
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.panel
    qtbot.keyClicks(window.panel.forget_pin, "9999", delay=60)
    qtbot.mouseClick(window.panel.forget, Qt.MouseButton.LeftButton)
    assert "Wrong PIN: nothing was deleted" in window.panel.message.text()
    assert (door.data_dir / CACHE_FILE).exists()
    qtbot.keyClicks(window.panel.forget_pin, PIN, delay=60)
    qtbot.mouseClick(window.panel.forget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "forgot the conference" in window.pairing.message.text(), timeout=10_000)
    assert kiosk_files(door) == []
    # The key is gone from the key store too: a copy of the disk taken before no longer opens.
    assert keyring.get_password(cache_key.KEY_STORE_SERVICE, str(door.data_dir.resolve())) is None


def test_a_kiosk_forgets_the_conference_the_set_days_after_its_last_day(qtbot, door):
    import datetime as dt

    from server.checkin_lists.service import set_days, set_kiosk_data_lifetime
    from server.conferences.service import get_conference
    from server.db.engine import unit_of_work

    window = open_window(qtbot, door)
    with unit_of_work(door.session_factory) as session:  # the last day was 8 days ago; kiosks forget after 7
        conference = get_conference(session, "pycon")
        last_day = dt.date.today() - dt.timedelta(days=8)
        set_days(session, conference, last_day - dt.timedelta(days=2), last_day)
        set_kiosk_data_lifetime(session, conference, wipe_after_days=7)
    qtbot.waitUntil(lambda: "The conference is over" in window.pairing.message.text(), timeout=10_000)
    assert kiosk_files(door) == []
    assert people_found(door.data_dir) == {}


def test_a_kiosk_whose_conference_is_over_keeps_it_until_its_waiting_scans_are_uploaded(qtbot, door):
    import datetime as dt

    from kiosk.core.cache import set_meta
    from server.checkin_lists.service import set_days, set_kiosk_data_lifetime
    from server.conferences.service import get_conference
    from server.db.engine import unit_of_work
    from tests.live_server import live_server

    window = open_window(qtbot, door, windowed=True)
    door.stack.close()  # the venue's Wi-Fi is off for the night
    wedge_scan(qtbot, window, door.paid)  # the last check-in of the last day, waiting to upload
    with unit_of_work(door.session_factory) as session:  # the last day was 8 days ago; kiosks forget after 7
        conference, last_day = get_conference(session, "pycon"), dt.date.today() - dt.timedelta(days=8)
        set_days(session, conference, last_day - dt.timedelta(days=2), last_day)
        set_kiosk_data_lifetime(session, conference, wipe_after_days=7)
    with connect_cache(door.data_dir) as cache:  # as an earlier download brought it: the moment is past
        set_meta(cache, "wipe_kiosks_at", (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat())
        cache.commit()
    qtbot.wait(2_000)  # several sync rounds, all offline: the kiosk keeps the conference and its scan
    assert window.pages.currentWidget() is window.scan_screen
    assert door.data_dir.joinpath(CACHE_FILE).exists()
    assert check_ins(door) == 0

    database_url = str(door.session_factory.kw["bind"].url)
    with live_server(database_url, door.port):  # back the next morning
        qtbot.waitUntil(lambda: "The conference is over" in window.pairing.message.text(), timeout=15_000)
        assert check_ins(door) == 1  # uploaded first, then forgotten
    assert kiosk_files(door) == []


def test_a_search_and_the_attendee_opened_reach_the_server_as_who_looked_up_whom(qtbot, door):
    from sqlalchemy import select

    from kiosk.core import lookup_log
    from server.sync.models import KioskLookup

    window = open_window(qtbot, door, windowed=True)
    search = window.scan_screen.search
    qtbot.keyClicks(search, "ada lov", delay=70)  # a person typing
    # (the window searches once the typing pauses: wait for the search of the whole words)
    qtbot.waitUntil(lambda: window._searched == "ada lov" and window.scan_screen.results.count() == 1, timeout=3000)
    with qtbot.waitSignal(window.verdictShown, timeout=5000):
        qtbot.keyClick(search, Qt.Key.Key_Return)  # opened from the results

    def on_server() -> list[tuple[str, str, str, str]]:
        with door.session_factory() as session:
            return [(row.kind, row.query, row.access_code, row.station)
                    for row in session.scalars(select(KioskLookup).order_by(KioskLookup.occurred_at))]

    qtbot.waitUntil(lambda: len(on_server()) == 2, timeout=10_000)  # the next sync round took them
    assert on_server() == [("search", "ada lov", "", "Door A"), ("lookup", "", door.paid, "Door A")]
    def waiting_on_kiosk() -> int:
        with connect_cache(door.data_dir) as cache:
            return lookup_log.waiting(cache)

    qtbot.waitUntil(lambda: waiting_on_kiosk() == 0, timeout=10_000)  # the receipt came back: forgotten on the kiosk


def test_a_lookup_the_server_will_not_take_never_keeps_a_kiosk_from_its_attendees(qtbot, door):
    from server.conferences.service import get_conference
    from server.db.engine import unit_of_work
    from tests.factories import make_attendee

    window = open_window(qtbot, door, windowed=True)
    with connect_cache(door.data_dir) as cache:  # a station name no server takes (station.json edited by hand)
        cache.execute("INSERT INTO lookup_log (uuid, kind, query, station, occurred_at) VALUES "
                      "('6b1d2a4e-0000-4000-8000-000000000001', 'search', 'ada', ?, '2026-05-04T08:00:00+00:00')",
                      ("Door " * 40,))
        cache.commit()
    with unit_of_work(door.session_factory) as session:
        make_attendee(session, get_conference(session, "pycon"), first_name="Carol")
    qtbot.waitUntil(lambda: "3 attendees cached" in window.status_bar.cached.text(), timeout=10_000)
    assert window.status_bar.online
    wedge_scan(qtbot, window, door.paid)  # and its scans still reach the server
    qtbot.waitUntil(lambda: check_ins(door) == 1, timeout=10_000)
