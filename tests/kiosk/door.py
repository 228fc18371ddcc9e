"""A door: a real server on 127.0.0.1 with a conference, two attendees and a paired kiosk data folder."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from sqlalchemy import func, select

from kiosk.core.device import pair
from kiosk.core.settings import KioskSettings, StationMode, save_settings
from kiosk.ui.main_window import KioskOptions, KioskWindow
from server.checkin.models import CheckIn
from server.db.engine import make_engine, unit_of_work
from server.wiring import make_session_factory
from server.db.migrate import upgrade_to_head
from server.devices.service import create_device
from shared.badge_codes import sign
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type
from tests.live_server import free_port, live_server

PIN = "4321"


@dataclass
class Door:
    url: str
    port: int
    session_factory: object
    paid: str
    unpaid: str
    signed_paid: str
    tutorial_id: int
    data_dir: Path


@pytest.fixture
def door(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    upgrade_to_head(database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        conference = make_conference(session, slug="pycon")
        standard = make_ticket_type(session, conference, name="Standard")
        lunch = make_addon(session, conference, name="Lunch")
        tutorial = make_addon(session, conference, name="Tutorial")
        ada = make_attendee(session, conference, ticket_type=standard, addons={lunch: 2}, first_name="Ada")
        bob = make_attendee(session, conference, order_status="pending", first_name="Bob", last_name="Unpaid")
        _device, code = create_device(session, conference, name="kiosk", station="Door A")
        door_data = (ada.access_code, bob.access_code, sign("pycon", ada.access_code, conference.badge_private_key),
                     tutorial.id)
    port = free_port()
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(live_server(database_url, port))
        data_dir = tmp_path / "kiosk"
        pair(url, code, data_dir)
        save_settings(data_dir, KioskSettings(station_name="Door A", mode=StationMode.CHECK_IN).with_pin(PIN))
        door = Door(url, port, factory, door_data[0], door_data[1], door_data[2], door_data[3], data_dir)
        door.stack = stack
        yield door
    engine.dispose()


def open_window(qtbot, door: Door, on_start=None, **options) -> KioskWindow:
    window = KioskWindow(KioskOptions(data_dir=door.data_dir, sync_interval=0.3, **options))
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.start()
    if on_start:
        on_start(window)  # (the offscreen platform can drop the full-screen state later; a real screen keeps it)
    if not window.isFullScreen():
        window.show()
    qtbot.waitUntil(lambda: window.status_bar.online and window.cache is not None, timeout=10_000)
    # "2 attendees cached", "2 Personen gespeichert", "شخصان محفوظان (٢)": the count, in the station's language
    qtbot.waitUntil(lambda: QLocale().toString(2) in window.status_bar.cached.text(), timeout=10_000)
    return window


def wedge_scan(qtbot, window: KioskWindow, payload: str):
    """What a USB scanner does: the characters in a burst, then Enter, into whatever has focus."""
    with qtbot.waitSignal(window.verdictShown, timeout=5000) as shown:
        qtbot.keyClicks(window.scan_screen.search, payload)
        qtbot.keyClick(window.scan_screen.search, Qt.Key.Key_Return)
    return shown.args[0]


def check_ins(door: Door) -> int:
    with door.session_factory() as session:  # a fresh transaction each time: see the server's latest
        return session.scalar(select(func.count(CheckIn.id)))


def shown(window: KioskWindow) -> tuple[str, str, str]:
    verdict = window.verdict
    assert verdict.isVisible()
    return verdict.colour, verdict.headline.text(), verdict.name.text()


@contextlib.contextmanager
def connect_cache(data_dir: Path):
    """The kiosk's cache, for a test to look into; closed at the end of the ``with``."""
    from kiosk.core.cache import connect
    from kiosk.core.device import CACHE_FILE

    connection = connect(data_dir / CACHE_FILE)
    try:
        yield connection
    finally:
        connection.close()
