"""Pairing again never mixes two servers: a kiosk paired with another server (here a fresh database
behind the same address, as after "stop, seed again, start": another server process) starts from a
fresh cache, and the scans still waiting for the old server are offered, never dropped."""

from __future__ import annotations

import contextlib
import json

from PySide6.QtCore import Qt
from sqlalchemy import update

from doorstation.demo import start_server_process
from kiosk.core.device import load_credentials
from kiosk.ui.main_window import KioskOptions, KioskWindow
from server.db.engine import make_engine, unit_of_work
from server.db.migrate import upgrade_to_head
from server.devices.service import create_device
from server.feed_versions import FeedPosition
from server.wiring import make_session_factory
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.kiosk.door import PIN, check_ins, connect_cache, open_window, shown, wedge_scan
from tests.live_server import live_server


def _fresh_server_database(path) -> tuple[str, str, str]:
    """A new database for the same conference (slug and all): one new attendee, one new kiosk code."""
    url = f"sqlite:///{path}"
    upgrade_to_head(url)
    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        conference = make_conference(session, slug="pycon")
        carol = make_attendee(session, conference, ticket_type=make_ticket_type(session, conference),
                              first_name="Carol", last_name="New")
        _device, code = create_device(session, conference, name="kiosk again", station="Door A")
        carol_code = carol.access_code
    engine.dispose()
    return url, carol_code, code


@contextlib.contextmanager
def _server_process(database_url: str, port: int, log):
    process = start_server_process(database_url, port, log=log)
    try:
        yield
    finally:
        process.terminate()
        process.wait(20)


def _into_the_panel(qtbot, window) -> None:
    window.open_operator_panel()
    qtbot.keyClicks(window.pin_screen.pin, PIN, delay=40)
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.panel


def test_pairing_with_a_fresh_server_starts_a_fresh_cache_and_offers_the_waiting_scans(qtbot, door, tmp_path):
    window = open_window(qtbot, door, windowed=True)
    door.stack.close()  # the server stops; its database will be replaced by a fresh one
    wedge_scan(qtbot, window, door.paid)  # offline: admitted, waiting to upload
    assert shown(window)[:2] == ("green", "Welcome")
    qtbot.waitUntil(lambda: window.status_bar.waiting.text() == "1 scan waiting to upload", timeout=5000)

    database_url, carol, code = _fresh_server_database(tmp_path / "fresh.sqlite3")
    # Another server process (`doorstation server`) on the fresh database, at the same address.
    with _server_process(database_url, door.port, tmp_path / "fresh-server.log"):
        qtbot.waitUntil(lambda: "(401)" in window.status_bar.problem.text(), timeout=15_000)
        _into_the_panel(qtbot, window)
        window.panel.pairAgainRequested.emit()
        assert window.pages.currentWidget() is window.pairing
        assert window.pairing.server_url.text() == door.url  # the server it was paired with, not a default
        window.pairing.code.setText(code)
        qtbot.mouseClick(window.pairing.pair_button, Qt.MouseButton.LeftButton)

        screen = window.waiting_scans
        qtbot.waitUntil(lambda: window.pages.currentWidget() is screen, timeout=10_000)
        assert screen.heading.text() == "1 scan waiting for the previous server"
        assert f"1 scan of Test Conf that {door.url} has not received" in screen.explanation.text()

        # The old server's database is gone: the upload is refused, in words, and nothing is lost.
        qtbot.mouseClick(screen.upload, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "no longer knows this kiosk" in screen.message.text(), timeout=10_000)
        assert window.pages.currentWidget() is screen
        # A wrong PIN discards nothing.
        screen.pin.setText("0000")
        qtbot.mouseClick(screen.discard, Qt.MouseButton.LeftButton)
        assert screen.message.text() == "Wrong PIN: the scans are kept."
        with connect_cache(door.data_dir) as cache:
            assert cache.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1

        qtbot.mouseClick(screen.export, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.station_screen, timeout=10_000)
        [exported] = (door.data_dir / "exported-scans").glob("scans-pycon-*.json")
        events = json.loads(exported.read_text())["events"]
        assert [(e["kind"], e["access_code"]) for e in events] == [("check_in", door.paid)]
        assert not (door.data_dir / "pending-pairing.json").exists()

        qtbot.mouseClick(window.station_screen.save_button, Qt.MouseButton.LeftButton)  # the PIN stays as it was
        qtbot.waitUntil(lambda: window.status_bar.cached.text() == "1 attendee cached", timeout=10_000)
        qtbot.waitUntil(lambda: window.status_bar.online, timeout=10_000)
        assert window.status_bar.waiting.text() == "0 scans waiting to upload"

        wedge_scan(qtbot, window, carol)  # a badge of the new server's database
        assert shown(window) == ("green", "Welcome", "Carol New")
        wedge_scan(qtbot, window, door.paid)  # a person of the wiped database
        assert shown(window)[:2] == ("red", "Unknown badge")


def test_discarding_the_waiting_scans_takes_the_pin(qtbot, door, tmp_path):
    window = open_window(qtbot, door, windowed=True)
    door.stack.close()
    wedge_scan(qtbot, window, door.paid)
    database_url, _carol, code = _fresh_server_database(tmp_path / "fresh.sqlite3")
    with live_server(database_url, door.port):
        _into_the_panel(qtbot, window)
        window.panel.pairAgainRequested.emit()
        window.pairing.code.setText(code)
        qtbot.mouseClick(window.pairing.pair_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.waiting_scans, timeout=10_000)
        window.close()  # the kiosk stops before anyone decided: the question outlives it
        window = KioskWindow(KioskOptions(data_dir=door.data_dir, sync_interval=0.3, windowed=True))
        qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
        window.start()
        window.show()
        assert window.pages.currentWidget() is window.waiting_scans
        qtbot.waitUntil(lambda: window.waiting_scans.heading.text() == "1 scan waiting for the previous server",
                        timeout=5000)
        window.waiting_scans.pin.setText(PIN)
        qtbot.mouseClick(window.waiting_scans.discard, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.station_screen, timeout=10_000)
        assert load_credentials(door.data_dir).server_url == door.url
        with connect_cache(door.data_dir) as cache:
            assert cache.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
            assert cache.execute("SELECT count(*) FROM attendees").fetchone()[0] == 0  # nothing of the old server
        qtbot.mouseClick(window.station_screen.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.status_bar.online, timeout=10_000)  # the new server knows this kiosk
        assert window.status_bar.cached.text() == "1 attendee cached"


def test_a_server_restored_from_a_backup_is_downloaded_again_and_the_kiosk_says_so(qtbot, door):
    window = open_window(qtbot, door, windowed=True)
    wedge_scan(qtbot, window, door.paid)

    def downloaded_back() -> bool:  # the check-in went up, and came back down with the feed
        with connect_cache(door.data_dir) as cache:
            return cache.execute("SELECT checked_in_at IS NOT NULL FROM attendees WHERE access_code = ?",
                                 (door.paid,)).fetchone()[0] == 1 and not cache.execute(
                "SELECT count(*) FROM outbox").fetchone()[0]

    qtbot.waitUntil(downloaded_back, timeout=5000)
    with connect_cache(door.data_dir) as cache:
        kept = int(cache.execute("SELECT value FROM meta WHERE key = 'cursor'").fetchone()[0])
    # The database goes back to an earlier copy: its versions are below what the kiosk has seen, and
    # Ada's check-in (made after that copy) is not in it.
    with unit_of_work(door.session_factory) as session:
        session.execute(update(FeedPosition).values(last_version=kept - 3))
        from server.attendees.models import Attendee
        from server.checkin.models import CheckIn
        session.query(CheckIn).delete()
        session.execute(update(Attendee).values(checked_in_at=None, inside=False, sync_version=1))
    qtbot.waitUntil(lambda: "Downloaded everything again" in window.status_bar.problem.text(), timeout=10_000)
    assert "restored from a backup" in window.status_bar.problem.text()
    qtbot.waitUntil(lambda: window.status_bar.cached.text() == "2 attendees cached", timeout=5000)
    qtbot.wait(500)  # the verdict of the first scan goes away
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("green", "Welcome")  # as the restored server knows her: not yet in
    qtbot.waitUntil(lambda: check_ins(door) == 1, timeout=5000)


def test_a_cache_that_never_learnt_its_servers_id_starts_fresh(door):
    """A kiosk of the release before server ids, paired again at the same address: that address may now
    lead to a fresh database, and nothing in its cache can say otherwise."""
    from kiosk.core.device import CACHE_FILE, pair
    from kiosk.core.sync_engine import SyncEngine
    from server.conferences.models import Conference

    engine = SyncEngine(door.data_dir / CACHE_FILE, load_credentials(door.data_dir))
    engine.sync_once()
    engine.close()
    with connect_cache(door.data_dir) as cache:
        assert cache.execute("SELECT count(*) FROM attendees").fetchone()[0] == 2
        cache.execute("DELETE FROM meta WHERE key = 'server_id'")
    with unit_of_work(door.session_factory) as session:
        _device, code = create_device(session, session.query(Conference).one(), name="again")
    pair(door.url, code, door.data_dir)
    with connect_cache(door.data_dir) as cache:
        assert cache.execute("SELECT count(*) FROM attendees").fetchone()[0] == 0
        assert cache.execute("SELECT value FROM meta WHERE key = 'server_id'").fetchone()[0]
