"""The scan log holds check-ins and undos made by hand in the console among the kiosks' scans, in the order
they happened, however the export pages it. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from server.attendees.models import Attendee
from server.checkin.models import CheckInCorrection
from server.checkin.service import check_in_by_hand, undo_check_in
from server.db.engine import unit_of_work
from server.exports import service as exports
from tests.server.test_console_exports_and_conflicts import T0, export, venue  # noqa: F401 (a fixture)


def test_corrections_by_hand_are_merged_into_the_scan_log_in_time_order_across_pages(venue, monkeypatch):  # noqa: F811
    with unit_of_work(venue) as session:
        grace = session.scalar(select(Attendee).where(Attendee.last_name == "Hopper"))
        check_in = check_in_by_hand(session, attendee=grace, by="Dana Door")
        undo_check_in(session, attendee=grace, check_in_id=check_in.id, by="Dana Door")
        by_hand, undo = session.scalars(select(CheckInCorrection).order_by(CheckInCorrection.id)).all()
        # Made at 09:44 and at 10:14, the very moment of a kiosk's exit scan (which then comes first).
        session.execute(update(CheckInCorrection).where(CheckInCorrection.id == by_hand.id)
                        .values(made_at=T0 + dt.timedelta(minutes=30)))
        session.execute(update(CheckInCorrection).where(CheckInCorrection.id == undo.id)
                        .values(made_at=T0 + dt.timedelta(minutes=60)))
    for page in (1, 2, 3, 1000):
        monkeypatch.setattr(exports, "PAGE", page)
        header, *rows = export(venue, "scan-log")
        log = [dict(zip(header, row, strict=True)) for row in rows]
        assert [(e["Time"][11:16], e["Scan"], e["Device"]) for e in log] == [
            ("09:14", "Check-in", "Kiosk A"), ("09:44", "Check-in by hand", "Console"),
            ("10:14", "Exit", "Kiosk A"), ("10:14", "Undo by hand", "Console"),
            ("10:44", "Check-in", "Kiosk A"), ("11:14", "Redemption", "Kiosk A"),
            ("11:15", "Redemption", "Kiosk A"), ("11:16", "Redemption", "Kiosk B")], page
        assert log[3]["Reason"].startswith("by Dana Door: the check-in of ")
