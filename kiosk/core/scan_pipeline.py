"""Payload in, verdict out: parse the badge, decide from the cache, write the outbox row, answer.

The verdict is returned only after the scan's outbox row has committed, so a verdict a
volunteer saw is never lost, even if the kiosk dies the next instant. Refused scans are recorded
too (as ``failed_scan``), for the statistics and the audit trail.
"""

from __future__ import annotations

import base64
import datetime as dt
import sqlite3
import uuid
from dataclasses import dataclass

from kiosk.core import attendee_cache
from kiosk.core.cache import get_meta
from kiosk.core.station import Station
from shared import badge_codes
from shared.decisions import AttendeeState, Outcome, Reason, ScanKind, Verdict, decide


@dataclass(frozen=True)
class ScanResult:
    verdict: Verdict
    event_uuid: str
    access_code: str | None
    message: str = ""  # for refusals that never reached an attendee (malformed, wrong conference)


class ScanPipeline:
    """Owns one cache connection; use it from one thread (the kiosk's cache worker)."""

    def __init__(self, connection: sqlite3.Connection, station: Station) -> None:
        self.connection = connection
        self.station = station
        self.conference_slug = get_meta(connection, "conference_slug") or ""
        key = get_meta(connection, "badge_public_key")
        self.public_key = base64.b64decode(key) if key else None

    def scan(self, payload: str, *, now: dt.datetime | None = None) -> ScanResult:
        now = now or dt.datetime.now(dt.UTC)
        try:
            badge = badge_codes.parse(payload, conference_slug=self.conference_slug, public_key=self.public_key)
        except badge_codes.BadgeCodeError as error:
            verdict = Verdict(Outcome.REFUSE, Reason(error.reason))
            return self._record(verdict, access_code=None, now=now, message=error.message)

        self.connection.execute("BEGIN IMMEDIATE")  # read and write under one lock: no scan between them
        try:
            attendee = attendee_cache.attendee_state(self.connection, badge.access_code)
            verdict = self._decide(attendee, signed=badge.signed, access_code=badge.access_code)
            event_uuid = self._write_outbox(verdict, badge.access_code, now)
            self.connection.execute("COMMIT")
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        return ScanResult(verdict=verdict, event_uuid=event_uuid, access_code=badge.access_code)

    def _decide(self, attendee: AttendeeState | None, *, signed: bool, access_code: str) -> Verdict:
        if attendee is None and signed and self.station.admit_unsynced and self.station.kind is ScanKind.CHECK_IN:
            # A real badge (the signature says so) for someone registered after our last sync.
            stranger = AttendeeState(access_code=access_code, name="", company="", ticket_type="", order_status=None)
            return Verdict(Outcome.WARN, Reason.NOT_YET_SYNCED, stranger)
        return decide(self.station.kind, attendee, product_kind=self.station.product_kind,
                      product_id=self.station.product_id)

    def _record(self, verdict: Verdict, *, access_code: str | None, now: dt.datetime, message: str) -> ScanResult:
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            event_uuid = self._write_outbox(verdict, access_code or "", now)
            self.connection.execute("COMMIT")
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        return ScanResult(verdict=verdict, event_uuid=event_uuid, access_code=access_code, message=message)

    def _write_outbox(self, verdict: Verdict, access_code: str, now: dt.datetime) -> str:
        event_uuid = str(uuid.uuid4())
        kind = self.station.kind.value if verdict.admitted else "failed_scan"
        self.connection.execute(
            "INSERT INTO outbox (uuid, kind, access_code, occurred_at, station, product_kind, product_id, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event_uuid, kind, access_code[:16], now.isoformat(), self.station.name,
             self.station.product_kind if self.station.product_id is not None else None, self.station.product_id,
             verdict.reason.value),
        )
        return event_uuid
