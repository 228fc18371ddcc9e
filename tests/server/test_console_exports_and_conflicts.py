"""Exports' contents and spreadsheet safety, and resolving conflicts, on SQLite and PostgreSQL.

The proof through a browser (downloads, the conflicts page) is in tests/web/.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

import httpx
import pytest
from sqlalchemy import select

from server.conferences.models import Conference
from server.conflicts.service import conflict_views, resolve_conflict
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.errors import Conflict, InvalidInput, NotFound
from server.exports import service as exports
from server.exports.spreadsheet import csv_chunks, spreadsheet_safe
from server.sync.events import apply_events
from server.sync.models import SyncConflict
from shared.protocol import ScanEvent
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.live_server import live_server

T0 = past_scan_time(5, 4, 7, 14)  # 09:14 CEST


@pytest.mark.parametrize("dangerous", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                       '=HYPERLINK("http://evil.example","click")'])
def test_a_cell_a_spreadsheet_would_run_is_text(dangerous):
    assert spreadsheet_safe(dangerous) == "'" + dangerous


def test_plain_cells_are_left_alone_and_the_file_starts_with_a_bom():
    assert spreadsheet_safe("Zoë O'Brien") == "Zoë O'Brien" and spreadsheet_safe(None) == ""
    data = b"".join(csv_chunks(["Name"], [["Zoë"], ["=cmd"]] * 600))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[:3] == [["Name"], ["Zoë"], ["'=cmd"]] and len(rows) == 1201


def scan(kind: str, code: str, at: dt.datetime, station: str, product_id: int | None = None) -> ScanEvent:
    return ScanEvent(uuid=uuid.uuid4(), kind=kind, access_code=code, occurred_at=at, station=station,
                     product_type="addon" if product_id else None, product_id=product_id)


@pytest.fixture
def venue(session_factory):
    """Ada checked in at Main entrance (09:14), out and back in, one of two lunches; Grace paid, no-show;
    Bob refunded (not a no-show); a single lunch redeemed at two offline kiosks (a conflict)."""
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", timezone="Europe/Berlin")
        ticket = make_ticket_type(session, conference, name="Standard")
        lunch = make_addon(session, conference, name="Lunch")
        ada = make_attendee(session, conference, ticket_type=ticket, addons={lunch: 2}, first_name="Ada",
                            last_name="Lovelace")
        make_attendee(session, conference, ticket_type=ticket, first_name="=HYPERLINK(1)", last_name="Hopper")
        make_attendee(session, conference, ticket_type=ticket, first_name="Bob", order_status="refunded")
        eve = make_attendee(session, conference, ticket_type=ticket, addons={lunch: 1}, first_name="Eve")
        a, _ = create_device(session, conference, name="Kiosk A", station="Main entrance")
        b, _ = create_device(session, conference, name="Kiosk B", station="Lunch hall")
        minutes = lambda n: T0 + dt.timedelta(minutes=n)  # noqa: E731
        apply_events(session, a, [scan("check_in", ada.access_code, minutes(0), "Main entrance"),
                                  scan("exit", ada.access_code, minutes(60), "Main entrance"),
                                  scan("check_in", ada.access_code, minutes(90), "Side door"),
                                  scan("redemption", ada.access_code, minutes(120), "Lunch hall", lunch.id),
                                  scan("redemption", eve.access_code, minutes(121), "Lunch hall", lunch.id)])
        apply_events(session, b, [scan("redemption", eve.access_code, minutes(122), "Lunch hall", lunch.id)])
        other = make_conference(session, slug="other")
        stranger = make_attendee(session, other, first_name="Mallory")
        c, _ = create_device(session, other, name="Their kiosk")
        apply_events(session, c, [scan("check_in", stranger.access_code, minutes(5), "Their door")])
    return session_factory


def export(session_factory, slug: str) -> list[list[str]]:
    """The whole export, paged as the download pages it (each page its own transaction)."""
    with session_factory() as session:
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        scope = exports.ExportScope(conference.id, conference.slug, conference.timezone)
    chosen, rows, after = exports.EXPORTS[slug], [], None
    while True:
        with unit_of_work(session_factory) as session:
            page, after = chosen.page(session, scope, after)
        if not page:
            break
        rows += page
    data = b"".join(csv_chunks(chosen.header, rows))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_check_in_export(venue):
    header, *rows = export(venue, "check-ins")
    by_name = {row[0]: dict(zip(header, row)) for row in rows}
    assert set(by_name) == {"Ada Lovelace"}  # Eve only ate; Mallory is another conference's
    ada = by_name["Ada Lovelace"]
    assert (ada["First check-in"], ada["First check-in station"]) == (f"{T0.year}-05-04 09:14:00 CEST",
                                                                      "Main entrance")
    assert (ada["Check-ins"], ada["Exits"], ada["Last exit"], ada["Inside now"]) == (
        "2", "1", f"{T0.year}-05-04 10:14:00 CEST", "yes")
    assert ada["Redemptions"] == "Lunch 1/2"


def test_the_no_show_export_lists_paid_attendees_never_checked_in_escaped(venue):
    header, *rows = export(venue, "no-shows")
    assert sorted(row[0] for row in rows) == ["'=HYPERLINK(1) Hopper", "Eve Lovelace"]  # not refunded Bob


def test_the_scan_log_in_occurrence_order_across_pages(venue, monkeypatch):
    monkeypatch.setattr(exports, "PAGE", 2)
    header, *rows = export(venue, "scan-log")
    log = [dict(zip(header, row)) for row in rows]
    assert [(e["Scan"], e["Station"], e["Server's outcome"]) for e in log] == [
        ("Check-in", "Main entrance", "applied"), ("Exit", "Main entrance", "applied"),
        ("Check-in", "Side door", "applied"), ("Redemption", "Lunch hall", "applied"),
        ("Redemption", "Lunch hall", "applied"), ("Redemption", "Lunch hall", "conflict")]
    assert log[-1]["Device"] == "Kiosk B" and log[-1]["Product"] == "Lunch" and log[-1]["Reason"] == "fully redeemed"


def conference_of(session, slug: str) -> Conference:
    return session.scalar(select(Conference).where(Conference.slug == slug))


def test_a_conflict_in_words_is_resolved_with_a_note_once(venue):
    with unit_of_work(venue) as session:
        [view] = conflict_views(session, conference_of(session, "pycon"), include_resolved=False)
        assert view.in_words.startswith(f"Redemption at Lunch hall, {T0.year}-05-04 11:16:00 CEST (code ")
        assert "Product 'Lunch' is fully redeemed (1/1)." in view.in_words
        assert (view.device, view.kiosk_reason, view.attendee_name) == ("Kiosk B", "ok", "Eve Lovelace")
        resolve_conflict(session, conference_of(session, "pycon"), view.id, by="Dana", note="Gave a meal voucher")
    with unit_of_work(venue) as session:
        assert conflict_views(session, conference_of(session, "pycon"), include_resolved=False) == []
        [view] = conflict_views(session, conference_of(session, "pycon"), include_resolved=True)
        assert (view.resolved, view.resolved_by, view.resolution_note) == (True, "Dana", "Gave a meal voucher")
        with pytest.raises(Conflict, match="Already resolved by Dana"):
            resolve_conflict(session, conference_of(session, "pycon"), view.id, by="Sam", note="me too")


def test_a_conflict_needs_a_note_and_belongs_to_its_conference(venue):
    with unit_of_work(venue) as session:
        conflict_id = session.scalar(select(SyncConflict.id))
        with pytest.raises(InvalidInput, match="a note is required"):
            resolve_conflict(session, conference_of(session, "pycon"), conflict_id, by="Dana", note="   ")
        with pytest.raises(NotFound):
            resolve_conflict(session, conference_of(session, "other"), conflict_id, by="Dana", note="not mine")
    with venue() as session:
        assert session.scalar(select(SyncConflict.resolved_at)) is None


def test_the_kiosks_read_the_resolution_through_their_conflicts_route(database_url, venue):
    with unit_of_work(venue) as session:
        conference = conference_of(session, "pycon")
        _, pairing_code = create_device(session, conference, name="Kiosk C", station="Door C")
        resolve_conflict(session, conference, session.scalar(select(SyncConflict.id)), by="Dana Door-Lead",
                         note="Gave a meal voucher")
    from kiosk.core.device import pair
    from kiosk.core.sync_engine import fetch_conflicts
    import tempfile
    from pathlib import Path

    with live_server(database_url) as url, tempfile.TemporaryDirectory() as folder:
        credentials = pair(url, pairing_code, Path(folder))
        [conflict] = fetch_conflicts(credentials)
        assert httpx.get(f"{url}/api/v1/health").status_code == 200
    assert (conflict["resolved_by"], conflict["resolution_note"]) == ("Dana Door-Lead", "Gave a meal voucher")
    assert conflict["resolved_at"] is not None
