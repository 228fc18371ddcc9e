"""A kiosk window at the door of a room with a capacity (real widgets, a real server on 127.0.0.1): the
station is set up as the room's entry, the scan screen shows the room's figure and its alarm, the door
refuses once the room is full, and offline the figure says how old it is."""

from __future__ import annotations

from kiosk.core.settings import KioskSettings, StationMode
from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.zones.service import create_zone
from tests.factories import make_attendee
from tests.kiosk.door import open_window, shown, wedge_scan


def test_the_door_of_a_full_room_shows_its_figure_and_refuses(qtbot, door):
    with unit_of_work(door.session_factory) as session:
        room = create_zone(session, get_conference(session, "pycon"), name="Room A", capacity=1, at_full="refuse")
        room_id = room.id
    window = open_window(qtbot, door, windowed=True)
    window._change_station()  # the operator opens the station set-up: the zones synced are offered
    qtbot.waitUntil(lambda: window.station_screen.zone.count() == 3, timeout=10_000)
    labels = [window.station_screen.zone.itemText(n) for n in range(3)]
    assert labels == ["No zone", "Entry of Room A", "Exit of Room A"]
    window.station_screen.zone.setCurrentIndex(1)
    window.station_screen.save_button.click()
    assert (window.settings.zone_role, window.settings.zone_id) == ("entry", room_id)
    figure = window.scan_screen.zone_figure
    qtbot.waitUntil(lambda: figure.isVisible() and figure.text() == "Room A: 0 of 1", timeout=10_000)

    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("green", "Welcome")
    # Counted at once by the kiosk, then by the server once the scan is uploaded and the figure synced back.
    qtbot.waitUntil(lambda: figure.text() == "Room A: 1 of 1", timeout=10_000)
    alarm = window.scan_screen.zone_alarm
    assert alarm.isVisible() and alarm.text() == "Room A full: 1 of 1; entry refused until someone leaves"

    with unit_of_work(door.session_factory) as session:  # someone registered since: the next sync brings them
        cy = make_attendee(session, get_conference(session, "pycon"), first_name="Cy").access_code
    qtbot.waitUntil(lambda: "3 attendees cached" in window.status_bar.cached.text(), timeout=10_000)
    wedge_scan(qtbot, window, cy)
    assert shown(window)[:2] == ("red", "Room A full: 1 of 1")
    assert window.verdict.detail.text() == "Entry refused until someone leaves."

    door.stack.close()  # the network is gone: the figure stays, with its time
    qtbot.waitUntil(lambda: window.status_bar.connection.text().startswith("● Offline"), timeout=10_000)
    window.apply_settings(KioskSettings(station_name="Room A exit", mode=StationMode.EXIT, zone_role="exit",
                                        zone_id=room_id, pin_hash=window.settings.pin_hash))
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("green", "Checked out")
    qtbot.waitUntil(lambda: figure.text().startswith("Room A: ≈ 0 of 1, as of "), timeout=10_000)
    assert not alarm.isVisible()
