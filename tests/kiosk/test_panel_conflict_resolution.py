"""The operator panel of a real kiosk window shows a conflict's resolution made in the web console."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from sqlalchemy import select

from server.conferences.models import Conference
from server.conflicts.service import resolve_conflict
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.sync.events import apply_events
from server.sync.models import SyncConflict
from shared.protocol import ScanEvent
from tests.kiosk.door import PIN, open_window


def test_the_panel_shows_who_resolved_a_conflict_and_their_note(qtbot, door):
    with unit_of_work(door.session_factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        other_kiosk, _ = create_device(session, conference, name="Kiosk B", station="Door B")
        # Door B let Bob in offline; his order is still pending: a conflict.
        apply_events(session, other_kiosk, [ScanEvent(
            uuid=uuid.uuid4(), kind="check_in", access_code=door.unpaid, station="Door B",
            occurred_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5))])
    window = open_window(qtbot, door, windowed=True)
    window.open_operator_panel()
    qtbot.keyClicks(window.pin_screen.pin, PIN, delay=60)  # a person's pace, not a scanner's
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.conflicts_caption.text() == "Conflicts (from the server): 1", timeout=5000)
    assert "Resolved" not in window.panel.conflicts.item(0).text()

    with unit_of_work(door.session_factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        resolve_conflict(session, conference, session.scalar(select(SyncConflict.id)), by="Dana Door-Lead",
                         note="Paid at the desk; let in")
    window.panel.closed.emit()
    window.open_operator_panel()
    qtbot.keyClicks(window.pin_screen.pin, PIN, delay=60)  # a person's pace, not a scanner's
    qtbot.keyClick(window.pin_screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.conflicts_caption.text() == "Conflicts (from the server): 1, 1 resolved",
                    timeout=5000)
    text = window.panel.conflicts.item(0).text()
    assert text.startswith("Check-in at Door B, ") and "whose order is pending" in text
    assert "\n✓ Resolved by Dana Door-Lead at " in text and text.endswith(": Paid at the desk; let in")
