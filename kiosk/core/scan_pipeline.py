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

from kiosk.core import attendee_cache, checkin_lists, outbox, zone_figures
from kiosk.core.cache import get_meta, write_transaction
from kiosk.core.station import Station
from shared import badge_codes
from shared.checkin_lists import CompiledList
from shared.decisions import AttendeeState, Outcome, Passage, Reason, ScanKind, Verdict
from shared.scan_effects import RECORDS, Scan, apply_scan
from shared.zone_moves import Fullness, came_from, full_zone


@dataclass(frozen=True)
class ScanResult:
    verdict: Verdict
    event_uuid: str
    access_code: str | None
    message: str = ""  # for refusals that never reached an attendee (malformed, wrong conference)
    fullness: Fullness | None = None  # the full zone of a ZONE_FULL verdict, for the kiosk to word in its digits


@dataclass(frozen=True)
class UndoResult:
    undone: bool
    message: str  # "Took back the check-in of Ada Lovelace." (English, for the log; the panel words it itself)
    kind: str = ""  # the scan taken back (check_in, exit, door_check, redemption): the panel's words come from it
    who: str = ""  # the attendee's name, else the badge's code


@dataclass(frozen=True)
class StationStatistics:
    accepted: int
    warned: int
    refused: int
    checked_in: int  # attendees of the conference checked in (as this kiosk knows it)
    attendees: int


class ScanPipeline:
    """Owns one cache connection; use it from one thread (the kiosk's cache worker)."""

    def __init__(self, connection: sqlite3.Connection, station: Station, *, language: str = "en") -> None:
        self.connection = connection
        self.station = station
        self.language = language  # the station's, for the words a refusal carries (a full room's figure)
        self.conference_slug = get_meta(connection, "conference_slug") or ""
        # (the cache's commit count, the list's and the feed's versions, the station's list parsed)
        self._compiled: tuple[int, tuple[object, ...] | None, CompiledList | None] | None = None
        self._load_keys()

    def _load_keys(self) -> None:
        keys = [get_meta(self.connection, "badge_public_key"), get_meta(self.connection, "badge_previous_public_key")]
        self.public_keys = tuple(base64.b64decode(key) for key in keys if key)

    def scan(self, payload: str, *, now: dt.datetime | None = None, record: bool = True) -> ScanResult:
        """``record=False``: decide only (a print station that does not check in looks the badge up;
        the print itself is recorded by ``record_badge_printed``). Refusals are always recorded."""
        now = now or dt.datetime.now(dt.UTC)
        if payload.startswith(badge_codes.SIGNED_PREFIX):
            self._load_keys()  # read each time (µs): a sync may have brought a rotated key, or retired one
        try:
            badge = badge_codes.parse(payload, conference_slug=self.conference_slug, public_keys=self.public_keys)
        except badge_codes.BadgeCodeError as error:
            verdict = Verdict(Outcome.REFUSE, Reason(error.reason))
            return self._record(verdict, access_code=None, now=now, message=error.message)

        with write_transaction(self.connection):  # read and write under one lock: no scan between them
            checkin_list = self._checkin_list()
            attendee, passages = attendee_cache.attendee_state_and_passages(self.connection, badge.access_code,
                                                                            passages=checkin_list is not None)
            verdict = self._decide(attendee, signed=badge.signed, access_code=badge.access_code, now=now,
                                   checkin_list=checkin_list, passages=passages)
            verdict, message, fullness = self._zone_capacity(verdict)
            event_uuid = self._write_outbox(verdict, badge.access_code, now) if record or not verdict.admitted else ""
        return ScanResult(verdict=verdict, event_uuid=event_uuid, access_code=badge.access_code, message=message,
                          fullness=fullness)

    def _zone_capacity(self, verdict: Verdict) -> tuple[Verdict, str, Fullness | None]:
        """A scan the rules admit, at a door into a zone that holds its capacity by this kiosk's figure:
        refused until someone leaves, or let in with a warning, as the zone says (``shared.zone_moves``)."""
        door = self.station.zone_door
        if door is None or not verdict.admitted:
            return verdict, "", None
        zones = zone_figures.zone_map(self.connection)
        inside = {zone_id: figure.inside for zone_id, figure in zone_figures.figures(self.connection).items()}
        full = full_zone(zones, inside, came_from(zones, door), door)
        if full is None:
            return verdict, "", None
        outcome = Outcome.REFUSE if full.refuses else Outcome.WARN
        return (Verdict(outcome, Reason.ZONE_FULL, verdict.attendee, verdict.holding), full.message(self.language),
                full)

    def _decide(self, attendee: AttendeeState | None, *, signed: bool, access_code: str, now: dt.datetime,
                checkin_list: CompiledList | None = None, passages: tuple[Passage, ...] = ()) -> Verdict:
        if attendee is None and signed and self.station.admit_unsynced and self.station.kind is ScanKind.CHECK_IN:
            # A real badge (the signature says so) for someone registered after our last sync.
            stranger = AttendeeState(access_code=access_code, name="", company="", ticket_type="", order_status=None)
            return Verdict(Outcome.WARN, Reason.NOT_YET_SYNCED, stranger)
        scan = Scan(self.station.kind, now, self.station.name, self.station.product_type, self.station.product_id)
        # the rules the server folds uploads by, with the station's check-in list when it has one
        return apply_scan(attendee, scan, checkin_list, passages).verdict

    def _checkin_list(self) -> CompiledList | None:
        """The station's list, parsed once per version of it and of the synced data (a sync may rename a product
        or change the conference's days); None without one, or while this kiosk has not synced it."""
        if self.station.kind is not ScanKind.CHECK_IN:
            return None
        # Only another connection (the sync's) changes what the list is read from, and SQLite counts its
        # commits for us: while it has not committed, the list parsed last still holds (no table read a scan).
        changes = self.connection.execute("PRAGMA data_version").fetchone()[0]
        if self._compiled is not None and self._compiled[0] == changes:
            return self._compiled[2]
        # The list that names this station, as the server picks it for this station's uploads (one rule:
        # shared.checkin_lists.list_for_station); a station no list names admits as it always has.
        list_id = checkin_lists.id_for_station(self.connection, self.station.name)
        row = self.connection.execute("SELECT version, (SELECT value FROM meta WHERE key = 'cursor') FROM checkin_lists "
                                      "WHERE id = ?", (list_id,)).fetchone() if list_id is not None else None
        versions = (list_id, *row) if row is not None else None
        if self._compiled is None or self._compiled[1] != versions:
            compiled = checkin_lists.compiled(self.connection, list_id) if list_id is not None else None
        else:
            compiled = self._compiled[2]
        self._compiled = (changes, versions, compiled)
        return compiled

    def _record(self, verdict: Verdict, *, access_code: str | None, now: dt.datetime, message: str) -> ScanResult:
        with write_transaction(self.connection):
            event_uuid = self._write_outbox(verdict, access_code or "", now)
        return ScanResult(verdict=verdict, event_uuid=event_uuid, access_code=access_code, message=message)

    def record_badge_printed(self, access_code: str, name: str, *, now: dt.datetime | None = None) -> str:
        """A badge came out of the printer: a ``badge_printed`` event for the server's audit trail."""
        now = now or dt.datetime.now(dt.UTC)
        verdict = Verdict(Outcome.ACCEPT, Reason.OK, AttendeeState(access_code, name, "", "", None))
        with write_transaction(self.connection):
            return self._write_outbox(verdict, access_code, now, kind="badge_printed")

    def _write_outbox(self, verdict: Verdict, access_code: str, now: dt.datetime, kind: str | None = None) -> str:
        event_uuid = str(uuid.uuid4())
        kind = kind or (self.station.kind.value if verdict.admitted else "failed_scan")
        # Only a scan that let someone through moves them (shared.scan_effects.RECORDS move no one): a refusal
        # at a full room's door must not count its person in.
        door = self.station.zone_door if kind not in RECORDS else None
        outbox.record(self.connection, outbox.Scan(
            uuid=event_uuid, kind=kind, access_code=access_code[:16], occurred_at=now.isoformat(),
            station=self.station.name,
            product_type=self.station.product_type if self.station.product_id is not None else None,
            product_id=self.station.product_id, reason=verdict.reason.value,
            zone_role=door.role.value if door else None, zone_id=door.zone_id if door else None,
            to_zone_id=door.to_zone_id if door else None))
        self.connection.execute(
            "INSERT INTO scan_log (uuid, kind, outcome, reason, access_code, name, station, product_id, occurred_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event_uuid, kind, verdict.outcome.value, verdict.reason.value, access_code[:16],
             verdict.attendee.name if verdict.attendee else "", self.station.name, self.station.product_id,
             now.isoformat()),
        )
        return event_uuid

    def undo_last(self, *, now: dt.datetime | None = None) -> UndoResult:
        """Take back this station's last admitted scan (the volunteer scanned the wrong badge).

        Still in the outbox and not yet taken by an upload: the scan is removed and never reaches the
        server. Uploaded, or on its way: an ``undo`` event goes out instead, and the server reverses it.
        """
        now = now or dt.datetime.now(dt.UTC)
        with write_transaction(self.connection):
            last = self.connection.execute(
                "SELECT * FROM scan_log WHERE station = ? AND undone = 0 AND kind != 'badge_printed' "
                "ORDER BY seq DESC LIMIT 1",
                (self.station.name,)).fetchone()
            if last is None or last["kind"] == "failed_scan":  # only the very last scan can be taken back
                return UndoResult(False, "There is no admitted scan to undo at this station.")
            # Only a scan no upload has taken yet can simply go; one on its way may already be applied.
            if not outbox.take_back(self.connection, last["uuid"]):
                outbox.record_undo(self.connection, str(uuid.uuid4()), now.isoformat(), last["uuid"])
            self.connection.execute("UPDATE scan_log SET undone = 1 WHERE uuid = ?", (last["uuid"],))
        what, who = last["kind"], last["name"] or last["access_code"]
        return UndoResult(True, f"Took back the {what.replace('_', '-')} of {who}.", kind=what, who=who)

    def statistics(self) -> StationStatistics:
        by_outcome = dict(self.connection.execute(
            "SELECT outcome, count(*) FROM scan_log WHERE station = ? AND undone = 0 GROUP BY outcome",
            (self.station.name,)).fetchall())
        checked_in = attendee_cache.checked_in_count(self.connection)
        return StationStatistics(accepted=by_outcome.get("accept", 0), warned=by_outcome.get("warn", 0),
                                 refused=by_outcome.get("refuse", 0), checked_in=checked_in,
                                 attendees=attendee_cache.count(self.connection))

    def finish_print_job(self, job_id: int, access_code: str, name: str, payload: str, *, printed: bool,
                         detail: str = "", check_in: bool = False, now: dt.datetime | None = None) -> Verdict | None:
        """A print job from the console came out of the printer (or failed), in one transaction: the job
        marked done here, so it never prints again even if its acknowledgement to the server is lost;
        when printed, a ``badge_printed`` event and, at a station that checks in when it prints, the
        check-in decided by the same rules as a scan. Returns that check-in's verdict (None otherwise).

        A failed job's badge stays in the station's print queue; its reprint from the operator panel
        comes here again, printed: the job goes failed → printed, is acknowledged again (the desk sees
        it printed) and checks the person in as the first print would have. A job printed already
        (the same kept badge reprinted twice) records the page that came out, and no second check-in:
        the rules would take one as a re-entry. A failure never undoes a print."""
        now = now or dt.datetime.now(dt.UTC)
        verdict = None
        with write_transaction(self.connection):
            if printed:
                finished = self.connection.execute(
                    "UPDATE print_jobs SET state = 'printed', detail = ?, acknowledged = 0 "
                    "WHERE id = ? AND state IN ('new', 'failed')", (detail[:500], job_id)).rowcount
            else:
                self.connection.execute("UPDATE print_jobs SET state = 'failed', detail = ? "
                                        "WHERE id = ? AND state = 'new'", (detail[:500], job_id))
                return None
            printed_verdict = Verdict(Outcome.ACCEPT, Reason.OK, AttendeeState(access_code, name, "", "", None))
            self._write_outbox(printed_verdict, access_code, now, kind="badge_printed")
            if check_in and finished:
                try:
                    signed = badge_codes.parse(payload, conference_slug=self.conference_slug,
                                               public_keys=self.public_keys).signed
                except badge_codes.BadgeCodeError:
                    signed = False
                checkin_list = self._checkin_list()
                attendee, passages = attendee_cache.attendee_state_and_passages(
                    self.connection, access_code, passages=checkin_list is not None)
                verdict = self._decide(attendee, signed=signed, access_code=access_code, now=now,
                                       checkin_list=checkin_list, passages=passages)
                self._write_outbox(verdict, access_code, now)
        return verdict
