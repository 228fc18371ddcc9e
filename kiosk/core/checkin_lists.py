"""The kiosk's check-in lists: kept as the feed sends them, decided with offline by the shared rules.

A station that a list names (the server's rule too: shared.checkin_lists.list_for_station) decides a
check-in with that list over every passage the kiosk knows of the attendee: the server's (synced with the attendee's record)
plus this kiosk's own scans still waiting to upload. No list: nothing here is read.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from kiosk.core.cache import get_meta, set_meta
from shared import checkin_lists
from shared.checkin_lists import CompiledList
from shared.checkin_rules import RuleError, Venue
from shared.decisions import Passage
from shared.protocol import CheckinListRecord, ConferenceInfo
from shared.scan_effects import CHECK_IN, EXIT, UNDO


def store(connection: sqlite3.Connection, records: list[CheckinListRecord], conference: ConferenceInfo | None) -> None:
    """Keep the lists of a feed page and the conference's days; the caller holds the transaction."""
    connection.executemany(
        "INSERT INTO checkin_lists (id, record, version) VALUES (?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET record = excluded.record, version = excluded.version "
        "WHERE excluded.version > checkin_lists.version",
        [(r.id, r.model_dump_json(), r.version) for r in records])
    if conference is not None:
        set_meta(connection, "conference_days", json.dumps(
            [conference.first_day.isoformat(), conference.last_day.isoformat()]
            if conference.first_day and conference.last_day else []))


def any_held(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT 1 FROM checkin_lists LIMIT 1").fetchone() is not None


def id_for_station(connection: sqlite3.Connection, station: str) -> int | None:
    """The id of the list that decides this station's check-ins, by the shared rule (the server's too)."""
    found = checkin_lists.list_for_station(held(connection), station)
    return found.id if found is not None else None


def held(connection: sqlite3.Connection) -> list[checkin_lists.CheckinList]:
    """The lists this kiosk knows (a station's set-up shows the one that names it)."""
    return [of_record(CheckinListRecord.model_validate_json(row[0]))
            for row in connection.execute("SELECT record FROM checkin_lists ORDER BY id")]


def venue(connection: sqlite3.Connection) -> Venue:
    bounds = json.loads(get_meta(connection, "conference_days") or "[]")
    days: tuple[dt.date, ...] = ()
    if bounds:
        first, last = (dt.date.fromisoformat(d) for d in bounds)
        days = tuple(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    products: dict[str, dict[int, str]] = {"ticket_type": {}, "addon": {}}
    for product_type, product_id, name in connection.execute("SELECT product_type, id, name FROM products"):
        products.setdefault(product_type, {})[product_id] = name
    return Venue(get_meta(connection, "conference_timezone") or "UTC", days, products["ticket_type"], products["addon"])


def compiled(connection: sqlite3.Connection, list_id: int) -> CompiledList | None:
    """The list ``list_id`` ready to decide with; None when this kiosk does not have it (yet) or cannot read it."""
    row = connection.execute("SELECT record FROM checkin_lists WHERE id = ?", (list_id,)).fetchone()
    if row is None:
        return None
    record = CheckinListRecord.model_validate_json(row[0])
    try:
        return CompiledList(of_record(record), venue(connection))
    except RuleError:
        return None


def of_record(record: CheckinListRecord) -> checkin_lists.CheckinList:
    return checkin_lists.CheckinList(
        id=record.id, name=record.name, ticket_type_ids=frozenset(record.ticket_type_ids),
        addon_ids=frozenset(record.addon_ids), allow_multiple_entries=record.allow_multiple_entries,
        allow_entry_after_exit=record.allow_entry_after_exit, days=frozenset(record.days),
        opens=dt.time.fromisoformat(record.opens) if record.opens else None,
        closes=dt.time.fromisoformat(record.closes) if record.closes else None,
        stations=frozenset(record.stations), rules=record.rules)


def synced_passages(text: str) -> list[Passage]:
    """The passages the server sent with an attendee's record (the cache's ``passages`` column)."""
    return [_passage(p) for p in json.loads(text)] if text != "[]" else []


def fold_waiting_passage(passages: list[Passage], event: sqlite3.Row) -> None:
    """One of this kiosk's waiting outbox rows (``attendee_cache``'s waiting query) onto the known passages."""
    kind = event["kind"]
    if kind in (CHECK_IN, EXIT):
        passages.append(Passage(dt.datetime.fromisoformat(event["occurred_at"]), kind == CHECK_IN, event["station"]))
    elif kind == UNDO and event["reason"] in (CHECK_IN, EXIT) and event["undone_at"]:
        taken_back = Passage(dt.datetime.fromisoformat(event["undone_at"]), event["reason"] == CHECK_IN,
                             event["undone_station"] or "")
        if taken_back in passages:
            passages.remove(taken_back)


def acknowledged(connection: sqlite3.Connection, access_code: str, passage: Passage, *, undone: bool) -> None:
    """The server applied one of this kiosk's check-ins or exits (or its undo): keep the passages in step
    until the next download brings the server's own list (same transaction as the outbox row's removal)."""
    if connection.execute("SELECT 1 FROM checkin_lists LIMIT 1").fetchone() is None:
        return  # no lists: the passages are never read (an upload of 20,000 check-ins folds 20,000 rows)
    row = connection.execute("SELECT passages FROM attendees WHERE access_code = ?", (access_code,)).fetchone()
    if row is None:
        return
    passages = synced_passages(row[0])
    if undone:
        if passage in passages:
            passages.remove(passage)
    elif passage not in passages:
        passages.append(passage)
    connection.execute("UPDATE attendees SET passages = ? WHERE access_code = ?",
                       (json.dumps([_record(p) for p in sorted(passages)]), access_code))


def _passage(record: dict[str, Any]) -> Passage:
    return Passage(dt.datetime.fromisoformat(record["at"]), bool(record["entering"]), record["station"])


def _record(passage: Passage) -> dict[str, Any]:
    return {"at": passage.at.isoformat(), "entering": passage.entering, "station": passage.station}
