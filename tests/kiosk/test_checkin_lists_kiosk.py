"""Check-in lists at the kiosk: the corpus through a station's scan pipeline and SQLite cache, offline.

The cache holds what a sync brings (the list, the products, the conference's days, the attendee with
the passages the server knows), written by the functions the sync engine writes it with; the scan is
the station's, decided from the cache alone.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.core import attendee_cache, checkin_lists
from kiosk.core.cache import connect, set_meta, write_transaction
from kiosk.core.scan_pipeline import ScanPipeline
from kiosk.core.station import Station
from kiosk.core.verdict_text import describe
from server.checkin_lists.service import ListFields, save_list
from server.conferences.models import Conference
from server.db.engine import unit_of_work
from shared.decisions import Outcome, Reason, ScanKind
from shared.protocol import CheckinListRecord, ConferenceInfo, ProductRecord
from tests.checkin_rules.corpus import NAMES, VENUE, Case, cases, checkin_list, with_ids
from tests.kiosk.door import connect_cache, open_window, shown, wedge_scan

# The kiosk's ids differ from the corpus's, as any server's would: every id plus 100.
TICKETS = {i: i + 100 for i in NAMES if i < 10}
ADDONS = {i: i + 100 for i in NAMES if i >= 10}
CODE = "ADAL0001"


def cache_with(tmp_path, case: Case):
    connection = connect(tmp_path / "cache.sqlite3")
    settings = with_ids(case, TICKETS, ADDONS)
    listed = checkin_list(settings)
    record = CheckinListRecord(
        id=7, name="Main doors", ticket_type_ids=sorted(listed.ticket_type_ids), addon_ids=sorted(listed.addon_ids),
        allow_multiple_entries=listed.allow_multiple_entries, allow_entry_after_exit=listed.allow_entry_after_exit,
        days=sorted(listed.days), opens=settings.get("opens"), closes=settings.get("closes"),
        stations=sorted(listed.stations), rules=listed.rules, version=3)
    conference = ConferenceInfo(slug="pycon", name="PyCon", timezone=VENUE.timezone, badge_public_key="",
                                first_day=VENUE.days[0], last_day=VENUE.days[-1])
    products = [ProductRecord(kind="ticket_type" if i < 10 else "addon", id=i + 100, name=name, version=1)
                for i, name in NAMES.items()]
    holdings = [{"kind": "ticket_type", "product_id": TICKETS[case.product], "name": NAMES[case.product],
                 "quantity": 1, "redeemed": 0, "line_item_id": None}]
    holdings += [{"kind": "addon", "product_id": ADDONS[a], "name": NAMES[a], "quantity": 1, "redeemed": 0,
                  "line_item_id": 50 + a} for a in case.addons]
    entries = [p for p in case.history if p.entering]
    attendee = {
        "id": 1, "access_code": CODE, "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.org",
        "company": "", "ticket_type": NAMES[case.product], "order_status": "paid",
        "checked_in_at": min(p.at for p in entries).isoformat() if entries else None,
        "last_check_in_at": max(p.at for p in entries).isoformat() if entries else None,
        "last_check_in_station": max(entries).station if entries else "",
        "inside": bool(case.history) and max(case.history).entering, "holdings": holdings, "version": 2,
        "passages": [{"at": p.at.isoformat(), "entering": p.entering, "station": p.station} for p in case.history]}
    with write_transaction(connection):
        set_meta(connection, "conference_slug", "pycon")
        set_meta(connection, "conference_timezone", VENUE.timezone)
        attendee_cache.store_page(connection, [attendee], products)
        checkin_lists.store(connection, [record], conference)
    return connection


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_every_corpus_case_at_a_kiosk_station_offline(tmp_path, case: Case):
    connection = cache_with(tmp_path, case)
    try:
        station = Station(case.station)
        verdict = ScanPipeline(connection, station).scan(CODE, now=case.at).verdict
        if case.allowed:
            assert verdict.admitted, verdict
        else:
            assert (verdict.outcome, verdict.reason) == (Outcome.REFUSE, Reason.CHECKIN_RULE)
            # What the volunteer reads on the red screen.
            assert describe(verdict, kind=ScanKind.CHECK_IN, timezone=VENUE.timezone).headline == case.explanation
    finally:
        connection.close()


def test_a_station_counts_its_own_waiting_scans_once_a_day(tmp_path):
    """Offline all day: this kiosk's own morning entry (still in its outbox) refuses the noon one."""
    [case] = [c for c in cases() if c.name == "once a day, in yesterday only"]
    connection = cache_with(tmp_path, case)
    try:
        pipeline = ScanPipeline(connection, Station("Main door"))
        morning = dt.datetime(2026, 5, 12, 9, 0, tzinfo=dt.UTC)
        assert pipeline.scan(CODE, now=morning).verdict.admitted
        later = pipeline.scan(CODE, now=morning + dt.timedelta(hours=3)).verdict
        assert (later.reason, later.explanation) == (Reason.CHECKIN_RULE, "Already entered today")
        assert pipeline.undo_last(now=morning + dt.timedelta(hours=3, minutes=1)).undone is False  # a refusal
    finally:
        connection.close()


def test_a_station_no_list_names_admits_as_it_always_has(tmp_path):
    [case] = [c for c in cases() if c.name == "once a day, already in this morning"]
    connection = cache_with(tmp_path, case)
    try:
        verdict = ScanPipeline(connection, Station("Side door")).scan(CODE, now=case.at).verdict
        assert (verdict.outcome, verdict.reason) == (Outcome.WARN, Reason.ALREADY_CHECKED_IN)
    finally:
        connection.close()


def test_a_station_decides_by_the_list_that_names_it_and_refuses_in_its_words(qtbot, door):
    """The console made a list "once a day" for Door A; the kiosk syncs it, its set-up shows it as the
    station's list, and Ada's second entry that day is red with the rule's words, decided by the kiosk alone."""
    with unit_of_work(door.session_factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        save_list(session, conference, ListFields(
            name="Once a day", ticket_type_ids=[], addon_ids=[], allow_multiple_entries=True,
            allow_entry_after_exit=True, days=[], opens=None, closes=None, stations=["Door A"],
            rules={"version": 1, "rule": {"<": [{"var": "entries_today"}, 1]}}))
    window = open_window(qtbot, door, windowed=True)
    window._change_station()
    screen = window.station_screen
    qtbot.waitUntil(lambda: screen.checkin_list.currentText() == "Once a day", timeout=10_000)  # it names Door A
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.scan_screen
    assert window.settings.checkin_list_id is not None
    door.stack.close()  # the server goes away: what follows is decided offline
    wedge_scan(qtbot, window, door.paid)
    assert shown(window) == ("green", "Welcome", "Ada Lovelace")
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("red", "Already entered today")


def test_a_kiosk_synced_before_the_first_list_gets_the_passages_it_counts(qtbot, door):
    """Ada came in at Door A before the organisers made any list; then "once a day" is made for Door A.
    The kiosk, synced long before, must learn her entry, or offline it would let her in a second time."""
    from server.attendees.models import Attendee
    from server.checkin.service import check_in

    window = open_window(qtbot, door, windowed=True)
    with unit_of_work(door.session_factory) as session:  # in this morning, before any list
        ada = session.scalar(select(Attendee).where(Attendee.access_code == door.paid))
        check_in(session, attendee=ada, station="Door A")  # another kiosk at the door
    qtbot.waitUntil(lambda: window.status_bar.online, timeout=10_000)
    qtbot.wait(1000)  # a sync round or more: the kiosk holds her check-in, without passages (no list yet)
    with unit_of_work(door.session_factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        save_list(session, conference, ListFields(
            name="Once a day", ticket_type_ids=[], addon_ids=[], allow_multiple_entries=True,
            allow_entry_after_exit=True, days=[], opens=None, closes=None, stations=["Door A"],
            rules={"version": 1, "rule": {"<": [{"var": "entries_today"}, 1]}}))

    def passages_held() -> str:
        with connect_cache(door.data_dir) as cache:
            return cache.execute("SELECT passages FROM attendees WHERE access_code = ?", (door.paid,)).fetchone()[0]

    qtbot.waitUntil(lambda: passages_held() != "[]", timeout=10_000)
    window._change_station()
    screen = window.station_screen
    qtbot.waitUntil(lambda: screen.checkin_list.currentText() == "Once a day", timeout=10_000)  # it names Door A
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    door.stack.close()  # offline: the kiosk decides alone
    wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("red", "Already entered today")


def test_a_station_no_list_names_admits_as_before_at_the_kiosk_and_at_the_server(qtbot, door):
    """The list names Door B only: Door A's kiosk admits Ada twice, and the server, deciding Door A's uploads by
    the same rule, has no conflict to report (a kiosk that picked a list by hand once disagreed with it)."""
    from server.checkin.models import SyncEvent

    with unit_of_work(door.session_factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == "pycon"))
        save_list(session, conference, ListFields(
            name="Once a day at B", ticket_type_ids=[], addon_ids=[], allow_multiple_entries=False,
            allow_entry_after_exit=True, days=[], opens=None, closes=None, stations=["Door B"], rules=None))
    window = open_window(qtbot, door, windowed=True)
    window._change_station()
    screen = window.station_screen
    qtbot.waitUntil(lambda: screen.checkin_list.currentText().startswith("No list names this station"),
                    timeout=10_000)
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    for _ in range(2):
        wedge_scan(qtbot, window, door.paid)
    assert shown(window)[:2] == ("amber", shown(window)[1]) and shown(window)[1].startswith("Already checked in")
    qtbot.waitUntil(lambda: window.status_bar.waiting.text() == "0 scans waiting to upload", timeout=10_000)
    with door.session_factory() as session:
        statuses = set(session.scalars(select(SyncEvent.status).where(SyncEvent.kind == "check_in")))
    assert statuses == {"applied"}
