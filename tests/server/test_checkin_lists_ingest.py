"""Check-in lists at the server: the rule corpus through ingestion, and late uploads that break a rule.

The corpus (tests/checkin_rules/cases.json) runs through ``apply_events``, the ingestion the sync route
calls, on a real database (SQLite and PostgreSQL): the history uploaded first, then the scan; a scan the
list refuses is a conflict whose message names the list and says the rule in the kiosk's words. (Its
moments are fixed in May 2026, so this part passes the server's clock explicitly.) Two offline kiosks
and "once a day" then go through a real uvicorn.
"""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
from sqlalchemy import select

from server.checkin.models import SyncEvent
from server.checkin_lists.models import CheckinList
from server.checkin_lists.service import ListFields, save_list, set_days
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.sync.events import apply_events
from server.sync.models import SyncConflict
from shared.protocol import EventKind, EventStatus, ScanEvent
from tests.checkin_rules.corpus import CORPUS, NAMES, VENUE, cases, with_ids
from tests.factories import make_addon, make_attendee, make_conference, make_ticket_type, past_scan_time
from tests.live_server import live_server


def fields(settings: dict, *, name: str = "Main doors", stations=("Main door", "Staff entrance")) -> ListFields:
    return ListFields(
        name=name, ticket_type_ids=settings["ticket_types"], addon_ids=settings["addons"],
        allow_multiple_entries=settings.get("allow_multiple_entries", True),
        allow_entry_after_exit=settings.get("allow_entry_after_exit", True), days=settings.get("days", []),
        opens=dt.time.fromisoformat(settings["opens"]) if "opens" in settings else None,
        closes=dt.time.fromisoformat(settings["closes"]) if "closes" in settings else None,
        stations=list(stations),
        rules={"version": 1, "rule": settings["rules"]} if "rules" in settings else None)


def scan(kind: str, code: str, at: dt.datetime, station: str) -> ScanEvent:
    return ScanEvent(uuid=uuid.uuid4(), kind=EventKind(kind), access_code=code, occurred_at=at, station=station)


def test_every_corpus_case_at_the_server(session_factory):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", timezone=CORPUS["venue"]["timezone"])
        set_days(session, conference, VENUE.days[0], VENUE.days[-1])
        products = {i: (make_ticket_type(session, conference, name=name) if i < 10
                        else make_addon(session, conference, name=name)) for i, name in NAMES.items()}
        tickets = {i: p.id for i, p in products.items() if i < 10}
        addons = {i: p.id for i, p in products.items() if i >= 10}
        device, _ = create_device(session, conference, name="kiosk", station="Main door")
        conference_id, device_id = conference.id, device.id
    list_id = None
    for case in cases():
        with unit_of_work(session_factory) as session:
            conference = session.get(type(conference), conference_id)
            row = session.get(CheckinList, list_id) if list_id else None
            list_id = save_list(session, conference, fields(with_ids(case, tickets, addons)), row=row).id
            ada = make_attendee(session, conference, ticket_type=session.get(type(products[1]), tickets[case.product]),
                                addons={session.get(type(products[10]), addons[a]): 1 for a in case.addons} or None)
            code = ada.access_code
        now = case.at + dt.timedelta(hours=1)  # the server's clock: just after the scan
        with unit_of_work(session_factory) as session:
            device = session.get(type(device), device_id)
            history = [scan("check_in" if p.entering else "exit", code, p.at, p.station) for p in case.history]
            assert {r.status for r in apply_events(session, device, history, now=now)} <= {EventStatus.APPLIED}
        with unit_of_work(session_factory) as session:
            [result] = apply_events(session, session.get(type(device), device_id),
                                    [late := scan("check_in", code, case.at, case.station)], now=now)
        if case.allowed:
            assert result.status is EventStatus.APPLIED, case.name
            continue
        assert (result.status, result.reason) == (EventStatus.CONFLICT, "checkin_rule"), case.name
        with session_factory() as session:
            message = session.scalar(select(SyncConflict.message).join(SyncEvent, SyncEvent.id == SyncConflict.event_id)
                                     .where(SyncEvent.uuid == str(late.uuid)))
        assert message is not None and message.endswith(f"against the list 'Main doors': {case.explanation}"), \
            (case.name, message)


def test_two_offline_kiosks_once_a_day_the_late_upload_is_a_conflict_naming_the_rule(database_url, session_factory):
    """Both kiosks let Ada in while offline; the second upload breaks "once a day" and says so."""
    morning = past_scan_time(5, 12, 7, 0)
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        ticket = make_ticket_type(session, conference, name="Conference")
        ada = make_attendee(session, conference, ticket_type=ticket).access_code
        save_list(session, conference, fields({"ticket_types": [], "addons": [], "rules": {
            "<": [{"var": "entries_today"}, 1]}}, name="Main days", stations=("Door A", "Door B")))
        codes = [create_device(session, conference, name=f"kiosk {n}", station=f"Door {n}")[1] for n in "AB"]
    with live_server(database_url) as url:
        a, b = (httpx.Client(base_url=url, timeout=30, headers={"Authorization": "Bearer " + httpx.post(
            f"{url}/api/v1/sync/pair", json={"pairing_code": code}).json()["device_token"]}) for code in codes)
        with a, b:
            def upload(client, at, station):
                event = {"uuid": str(uuid.uuid4()), "kind": "check_in", "access_code": ada,
                         "occurred_at": at.isoformat(), "station": station}
                response = client.post("/api/v1/sync/events", json={"events": [event]})
                assert response.status_code == 200, response.text
                return response.json()["results"][0]

            assert upload(a, morning + dt.timedelta(hours=2), "Door A")["status"] == "applied"
            late = upload(b, morning, "Door B")  # earlier that day, uploaded later
            assert (late["status"], late["reason"]) == ("conflict", "checkin_rule")
            [conflict] = a.get("/api/v1/sync/conflicts").json()
            assert conflict["message"].endswith("against the list 'Main days': Already entered today")
            # What every kiosk learns: the list, and Ada's one entry (the conflict left her history alone).
            page = a.get("/api/v1/sync/changes", params={"after": 0}).json()
            assert [(c["name"], c["stations"]) for c in page["checkin_lists"]] == [("Main days", ["Door A", "Door B"])]
            [record] = page["attendees"]
            assert [(p["entering"], p["station"]) for p in record["passages"]] == [(True, "Door A")]
            assert upload(b, morning + dt.timedelta(days=1), "Door B")["status"] == "applied"  # the next day


def test_a_list_changed_between_two_uploads_decides_the_second(database_url, session_factory):
    """The server keeps the lists it compiled between uploads (a fleet uploads every few seconds): a list
    changed at the console decides the very next upload, and a list deleted lets the door admit again."""
    morning = past_scan_time(5, 12, 7, 0)
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        ticket = make_ticket_type(session, conference, name="Conference")
        ada, bob, eve = (make_attendee(session, conference, ticket_type=ticket).access_code for _ in range(3))
        row = save_list(session, conference, fields({"ticket_types": [], "addons": [], "rules": {
            "<": [{"var": "entries_today"}, 2]}}, name="Main days", stations=("Door A",)))
        list_id, code = row.id, create_device(session, conference, name="kiosk", station="Door A")[1]
    with live_server(database_url) as url:
        token = httpx.post(f"{url}/api/v1/sync/pair", json={"pairing_code": code}).json()["device_token"]
        with httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {token}"}) as kiosk:
            def second_entry(code: str) -> tuple[str, str]:
                events = [{"uuid": str(uuid.uuid4()), "kind": "check_in", "access_code": code,
                           "occurred_at": (morning + dt.timedelta(minutes=n)).isoformat(), "station": "Door A"}
                          for n in range(2)]
                response = kiosk.post("/api/v1/sync/events", json={"events": events})
                assert response.status_code == 200, response.text
                last = response.json()["results"][-1]
                return last["status"], last["reason"]

            assert second_entry(ada) == ("applied", "ok")  # twice a day allowed
            with unit_of_work(session_factory) as session:  # the door lead tightens it: once a day
                conference_row = session.get_one(type(conference), conference.id)
                save_list(session, conference_row, fields({"ticket_types": [], "addons": [], "rules": {
                    "<": [{"var": "entries_today"}, 1]}}, name="Main days", stations=("Door A",)),
                          row=session.get_one(CheckinList, list_id))
            assert second_entry(bob) == ("conflict", "checkin_rule")
            with unit_of_work(session_factory) as session:
                session.delete(session.get_one(CheckinList, list_id))
            assert second_entry(eve) == ("applied", "ok")
