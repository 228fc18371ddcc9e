"""Applying scan events uploaded by kiosks: idempotent by UUID, in occurrence order, conflicts kept.

A kiosk decides every scan from its own cache and uploads what it did. The server is the
authority: it loads the state of the batch's attendees (``server.checkin.repository``), folds the
batch's events in occurrence order through the same rules the kiosks decide by
(``shared.scan_effects``), and writes the effects set-wise. What a kiosk allowed but the rules
refuse here (a single-use lunch redeemed at two offline kiosks, a check-in after the order was
refunded) is a *conflict*: recorded and listed for the admin, never dropped. What the kiosk itself
refused arrives as a ``failed_scan`` record.

Check-ins and exits count in occurrence order however late they arrive (the state keeps them as a
set of passages). A limit (a redemption's quantity) is checked when the event reaches the server:
a unit the server already answered for stays handed out, and the late one is the conflict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.orm import Session

from server.checkin.models import CheckIn, DoorCheck, ProductRedemption, SyncEvent
from server.checkin.repository import (
    DoorRecord,
    changed_since,
    changed_since_clause,
    delete_door_check,
    delete_redemption,
    load_door_records,
    lock_door_states,
    lock_redeemed_lines,
    take_back_check_in,
    write_states,
)
from server.checkin_lists.service import lists_by_station, lists_key
from server.db.base import utcnow
from server.db.bulk import insert_rows, one_of
from server.devices.service import DeviceRef
from server.errors import InvalidInput
from server.feed_versions import allocate_versions, committed_position, give_back_versions
from server.sync.models import SyncConflict
from server.zones.service import BatchMoves, door_of, whereabouts_from_moves
from shared import conflict_words
from shared.decisions import Passage, Reason
from shared.phrases import Joined, Phrase
from shared.protocol import EventKind, EventResult, EventStatus, ScanEvent
from shared.reported_times import refusal
from shared.scan_effects import RECORDS, Scan, Step, apply_scan, undo
from shared.zone_moves import Whereabouts

NEEDS_PRODUCT = frozenset({EventKind.DOOR_CHECK, EventKind.REDEMPTION})


class TimesRefused(InvalidInput):
    """Scans stamped outside the window around the server's clock (``shared.reported_times``): the
    upload is refused (422), each such scan named with its reason. A kiosk halves a refused upload
    until it holds the one scan at fault and sets that scan aside with the reason; the rest uploads."""

    code = "time_outside_window"


MAX_NAMED = 20  # refusals named in one answer (an upload holds up to 1,000 events)


def refuse_times_outside_window(events: list[ScanEvent], now: dt.datetime) -> None:
    """Raise ``TimesRefused`` if a scan's time is outside the window; nothing is applied then."""
    refused = [f"event {i} ({event.uuid}, {event.kind.value} of {event.access_code}): occurred_at {why}"
               for i, event in enumerate(events) if (why := refusal(event.occurred_at, now))]
    if refused:
        more = f"; and {len(refused) - MAX_NAMED} more" if len(refused) > MAX_NAMED else ""
        raise TimesRefused("; ".join(refused[:MAX_NAMED]) + more)


def apply_events(session: Session, device: DeviceRef, events: list[ScanEvent],
                 now: dt.datetime | None = None) -> list[EventResult]:
    """Apply a batch; one result per event, in the order given.

    An event already stored answers ``duplicate``; a UUID given twice in one batch is stored once
    and both copies get the same answer. A batch with a scan stamped outside the window around
    the server's clock (``now``) is refused as a whole, before anything is read or written.
    """
    refuse_times_outside_window(events, now or utcnow())
    if _folds_before_the_lock(session, events):
        return _apply_folded_first(session, device, events)
    # One upload of a conference at a time: the fold reads the attendees' state. It also makes the
    # same batch sent by two devices at once safe: the later one waits here, then finds every UUID
    # stored: duplicates. Redeemed lines are locked first, the order every writer takes them in (a
    # redemption at the desk locks its line, then stamps versions at flush): no deadlock between them.
    lock_redeemed_lines(session, device.conference_id, _redeemed(events))
    # The feed lock also reserves a version for every attendee the batch may touch (one allocation
    # per batch); what the fold leaves unused goes back before the end (_Batch.write).
    reserved = len({e.access_code for e in events if _may_touch(e)})
    first_version = lock_door_states(session, device.conference_id, versions=reserved)
    known = _stored(session, events)
    batch = _Batch.folded(session, device, events, known)
    batch.write(first_version, reserved)
    return batch.answers(events, known)


def _folds_before_the_lock(session: Session, events: list[ScanEvent]) -> bool:
    """Whether this upload reads and folds before it takes the feed lock (``_apply_folded_first``).

    On PostgreSQL, for scans that neither undo nor move anyone between zones: an undo reads the
    scan it takes back, a zone's door the attendees' whereabouts, which only the lock keeps still.
    On SQLite every transaction holds the database's write lock from its start: nothing to gain.
    """
    return session.get_bind().dialect.name == "postgresql" and not any(
        e.kind is EventKind.UNDO or e.zone_role for e in events)


def _apply_folded_first(session: Session, device: DeviceRef, events: list[ScanEvent]) -> list[EventResult]:
    """Read and fold without the feed lock, then take it only to check that the fold still holds and to
    write: uploads of a conference queue for the lock during their writes, not during their reads.

    The versions become visible in the order they are handed out as before (the lock is still held
    from the allocation to the commit). The fold read the attendees as they were at ``seen``, the
    committed feed position read first, or later: under the lock one statement asks whether a write
    since touched one of the batch's attendees (their version is above ``seen``) or stored one of its
    UUIDs (another kiosk sending the same scans: an upload that touches no attendee moves no
    version), and, with check-ins, in the same statement, what the check-in lists are made of now. If
    anything changed, the batch is
    read and folded again under the lock, as the other path does; in a busy conference the position
    has always moved, and a fold is outdated only when two uploads scan the same attendee at once.
    """
    conference_id = device.conference_id
    seen = committed_position(session, conference_id)
    known = _stored(session, events)
    batch = _Batch.folded(session, device, events, known)
    lock_redeemed_lines(session, conference_id, _redeemed(events))
    reserved = len(batch.touched)
    first_version = lock_door_states(session, conference_id, versions=reserved)
    if batch.outdated(seen, {e.access_code for e in events}, set(batch.rows)):
        known = _stored(session, events)
        batch = _Batch.folded(session, device, events, known)
        if len(batch.touched) > reserved:  # consecutive to the first: this transaction holds the lock
            allocate_versions(session, conference_id, len(batch.touched) - reserved)
            reserved = len(batch.touched)
    batch.write(first_version, reserved)
    return batch.answers(events, known)


def _redeemed(events: list[ScanEvent]) -> set[tuple[str, int]]:
    return {(e.access_code, e.product_id) for e in events if e.kind is EventKind.REDEMPTION and e.product_id}


def _stored(session: Session, events: list[ScanEvent]) -> dict[str, SyncEvent]:
    """The batch's events already stored, by UUID."""
    return {row.uuid: row for row in session.scalars(
        select(SyncEvent).where(one_of(session, SyncEvent.uuid, {str(e.uuid) for e in events})))}


def _may_touch(event: ScanEvent) -> bool:
    """Whether the event may give its attendee a new version (a refused scan's record never does; nor
    a door check or redemption without its product, rejected)."""
    return event.kind is not EventKind.FAILED_SCAN and not (event.kind in NEEDS_PRODUCT and event.product_id is None)


@dataclass
class _Original:
    """The scan an undo takes back, stored earlier or earlier in this batch."""

    uuid: str
    scan: Scan
    attendee_id: int | None
    status: str
    stored_id: int | None  # None: in this batch


class _Batch:
    """The new events of one upload: folded one by one in memory, written set-wise at the end."""

    @classmethod
    def folded(cls, session: Session, device: DeviceRef, events: list[ScanEvent],
               known: dict[str, SyncEvent]) -> _Batch:
        """The batch's events not stored yet (a UUID given twice: once), read and folded in occurrence order."""
        new: dict[str, ScanEvent] = {}
        for event in events:
            if (key := str(event.uuid)) not in known:
                new.setdefault(key, event)
        batch = cls(session, device, list(new.values()))
        batch.results = {key: batch.fold(key, event)
                         for key, event in sorted(new.items(), key=lambda item: item[1].occurred_at)}
        return batch

    def __init__(self, session: Session, device: DeviceRef, events: list[ScanEvent]) -> None:
        self.session, self.device, self.conference_id = session, device, device.conference_id
        self.received_at = utcnow()
        self.results: dict[str, EventResult] = {}
        # Each station's check-in list, by the shared rules (none: the conference's doors admit as before).
        self.lists_key = lists_key(session, device.conference_id) if any(
            e.kind is EventKind.CHECK_IN for e in events) else None
        self.lists = lists_by_station(session, device.conference_id, self.lists_key) if self.lists_key else {}
        # A list's rules read the ticket and add-ons held: then a check-in needs the holdings too.
        self.records = load_door_records(
            session, self.conference_id, {e.access_code for e in events},
            with_holdings={e.access_code for e in events if e.kind in NEEDS_PRODUCT or e.kind is EventKind.UNDO
                           or self.lists and e.kind is EventKind.CHECK_IN})
        undone = {str(e.undoes) for e in events if e.kind is EventKind.UNDO and e.undoes}
        stored = session.scalars(select(SyncEvent).where(
            SyncEvent.uuid.in_(undone), SyncEvent.conference_id == self.conference_id,
            SyncEvent.kind != EventKind.UNDO.value)).all() if undone else []
        self.originals: dict[str, _Original] = {
            row.uuid: _Original(row.uuid, _scan_of(row), row.attendee_id, row.status, row.id) for row in stored}
        self.rows: dict[str, dict] = {}  # SyncEvent rows by uuid
        self.conflicts: dict[str, dict] = {}  # SyncConflict rows by event uuid
        self.effects: dict[str, tuple[type, dict]] = {}  # the row an applied event adds, by event uuid
        self.check_ins_taken_back: list[int] = []
        self.undone_ids: list[int] = []
        self.touched: dict[int, DoorRecord] = {}
        # Where the scans take people (shared.zone_moves), read only when a station of the batch has a zone role.
        zoned = any(e.zone_role for e in events) or any(row.zone_role for row in stored)
        self.moves = BatchMoves(session, self.conference_id, {r.id for r in self.records.values()}) if zoned else None

    def outdated(self, seen: int, access_codes: set[str], uuids: set[str]) -> bool:
        """Whether a write committed after the feed position ``seen`` changed what this fold read: one of
        its attendees, one of its UUIDs stored meanwhile, or the check-in lists it decided by."""
        if self.lists_key is None:
            return changed_since(self.session, self.conference_id, seen, access_codes, uuids)
        # With check-ins: the lists' key and the question in one statement, one trip less under the lock.
        *key, changed = lists_key(self.session, self.conference_id,
                                  changed_since_clause(self.session, self.conference_id, seen, access_codes, uuids))
        return bool(changed) or tuple(key) != self.lists_key

    def answers(self, events: list[ScanEvent], known: dict[str, SyncEvent]) -> list[EventResult]:
        """One answer an event, in the order given: the fold's, or what the stored copy was answered."""
        answers = []
        for event in events:
            key = str(event.uuid)
            if key in self.results:
                answers.append(self.results[key])
            elif known[key].conference_id != self.conference_id:
                answers.append(EventResult(uuid=event.uuid, status=EventStatus.REJECTED, reason="uuid_in_use"))
            else:
                answers.append(EventResult(uuid=event.uuid, status=EventStatus.DUPLICATE, reason=known[key].reason))
        return answers

    def fold(self, key: str, event: ScanEvent) -> EventResult:
        record = self.records.get(event.access_code)
        station = event.station or self.device.station
        words: Phrase | None = None  # a conflict's description, to word in its reader's language
        if event.kind is EventKind.UNDO:
            status, reason, message = self._undo(record, event)
        elif event.kind in NEEDS_PRODUCT and event.product_id is None:
            status, reason, message = EventStatus.REJECTED, "no_product", ""
        else:
            scan = Scan(event.kind.value, event.occurred_at, station, event.product_type, event.product_id)
            step = apply_scan(record.state if record else None, scan, self.lists.get(station))
            if step.crossed_a_limit:
                words = _conflict_words(record, event, station, step)
                status, reason, message = EventStatus.CONFLICT, step.verdict.reason.value, words.text()
            else:
                status, reason, message = EventStatus.APPLIED, "ok", ""
                if record is not None and event.kind not in RECORDS:
                    assert step.state is not None  # a known attendee's state stays known
                    record.state = step.state
                    self._add_effect(key, record, event, station, step)
                elif record is not None and event.kind is EventKind.BADGE_PRINTED:
                    self.touched[record.id] = record  # a new version: every print station learns of the print
        self.rows[key] = {
            "uuid": key, "conference_id": self.conference_id, "device_id": self.device.id, "kind": event.kind.value,
            "access_code": event.access_code, "attendee_id": record.id if record else None, "station": station,
            "product_type": event.product_type, "product_id": event.product_id, "kiosk_reason": event.reason,
            "occurred_at": event.occurred_at, "received_at": self.received_at, "status": status.value, "reason": reason,
            "undoes": str(event.undoes) if event.undoes else None,
            "zone_role": event.zone_role, "zone_id": event.zone_id, "to_zone_id": event.to_zone_id,
        }
        door = door_of(event.zone_role, event.zone_id, event.to_zone_id)
        # A scan the kiosk let through moved its person, conflict or not: they walked in.
        if door is not None and self.moves is not None and record is not None and event.kind not in RECORDS \
                and status in (EventStatus.APPLIED, EventStatus.CONFLICT) and event.kind is not EventKind.UNDO:
            self.moves.move(record.id, door, event.occurred_at)
        if status is EventStatus.CONFLICT:
            if record is not None:  # a new version: a kiosk that folded this scan by mistake is corrected
                self.touched[record.id] = record
            self.conflicts[key] = {"conference_id": self.conference_id, "attendee_id": record.id if record else None,
                                   "reason": reason, "message": message[:300], "created_at": self.received_at,
                                   "words": words.to_json() if words is not None else None}
        return EventResult(uuid=event.uuid, status=status, reason=reason)

    def _add_effect(self, key: str, record: DoorRecord, event: ScanEvent, station: str, step: Step) -> None:
        self.touched[record.id] = record
        common = {"attendee_id": record.id, "conference_id": self.conference_id}
        if event.kind is EventKind.CHECK_IN:
            self.effects[key] = (CheckIn, {**common, "station": station, "checked_in_at": event.occurred_at})
        elif event.kind is EventKind.DOOR_CHECK:
            product = {"ticket_type_id": event.product_id, "addon_id": None} if event.product_type == "ticket_type" \
                else {"ticket_type_id": None, "addon_id": event.product_id}
            self.effects[key] = (DoorCheck, {**common, **product, "station": station, "checked_at": event.occurred_at})
        elif event.kind is EventKind.REDEMPTION:
            assert step.verdict.holding is not None  # an admitted redemption names the line it draws on
            self.effects[key] = (ProductRedemption, {
                **common, "order_line_item_id": step.verdict.holding.line_item_id, "station": station,
                "redeemed_at": event.occurred_at})

    def _original(self, key: str) -> _Original | None:
        """The scan an undo names: stored by an earlier upload, or folded earlier in this one."""
        if key in self.originals:
            return self.originals[key]
        row = self.rows.get(key)
        if row is None or row["kind"] == EventKind.UNDO.value:
            return None
        self.originals[key] = _Original(key, _scan_of(row), row["attendee_id"], row["status"], None)
        return self.originals[key]

    def _undo(self, record: DoorRecord | None, event: ScanEvent) -> tuple[EventStatus, str, str]:
        """Take back the effect of an earlier scan of the same attendee, once."""
        original = self._original(str(event.undoes)) if event.undoes else None
        if original is None or record is None or original.attendee_id != record.id:
            return EventStatus.REJECTED, "nothing_to_undo", ""
        self.touched[record.id] = record  # the kiosk folds its undo: a new version brings it the server's word
        if self.moves is not None and original.status in (EventStatus.APPLIED.value, EventStatus.CONFLICT.value):
            self.moves.taken_back(record.id)
        if original.status != EventStatus.APPLIED.value:
            return EventStatus.APPLIED, "ok", ""  # a conflict or a refusal had no effect to reverse
        scan = original.scan
        before = record.state
        record.state = undo(record.state, scan)
        original.status = "undone"
        if original.stored_id is None:  # earlier in this batch: its effect is not written yet
            self.rows[original.uuid]["status"] = "undone"
            self.effects.pop(original.uuid, None)
            return EventStatus.APPLIED, "ok", ""
        self.undone_ids.append(original.stored_id)
        if scan.kind == EventKind.CHECK_IN.value:
            if (row_id := take_back_check_in(record, Passage(scan.at, True, scan.station))) is not None:
                self.check_ins_taken_back.append(row_id)
        elif scan.kind == EventKind.DOOR_CHECK.value:
            delete_door_check(self.session, record.id, scan.at)
        elif scan.kind == EventKind.REDEMPTION.value:
            line = next((h.line_item_id for h in before.holdings
                         if h.product_type == "addon" and h.product_id == scan.product_id), None)
            delete_redemption(self.session, record.id, line, scan.at)
        return EventStatus.APPLIED, "ok", ""

    def write(self, first_version: int, reserved: int) -> None:
        """One statement per table, whatever the batch's size (``insert_rows``: the ORM's bulk insert
        split the rows into one statement per set of NULL columns, and on SQLite into one per row to
        return the ids in order); the attendees' states with the versions reserved up front."""
        session = self.session
        if self.rows:
            if self.conflicts:  # their rows name the events' ids
                event_ids = {uuid: id_ for id_, uuid in insert_rows(session, SyncEvent, list(self.rows.values()),
                                                                     returning=("id", "uuid"))}
                insert_rows(session, SyncConflict, [dict(row, event_id=event_ids[key])
                                                    for key, row in self.conflicts.items()])
            else:
                insert_rows(session, SyncEvent, list(self.rows.values()))
        for model in (CheckIn, DoorCheck, ProductRedemption):
            insert_rows(session, model, [row for effect_model, row in self.effects.values() if effect_model is model])
        if self.check_ins_taken_back:
            session.execute(delete(CheckIn).where(CheckIn.id.in_(self.check_ins_taken_back))
                            .execution_options(synchronize_session=False))
        if self.undone_ids:
            session.execute(update(SyncEvent).where(SyncEvent.id.in_(self.undone_ids)).values(status="undone")
                            .execution_options(synchronize_session=False))
        if self.moves is not None:  # after the events: a move taken back is found again from those left
            self.moves.write(self._recounted(self.moves))
        assert len(self.touched) <= reserved  # every attendee touched was counted when the versions were reserved
        write_states(session, list(self.touched.values()), first_version)
        give_back_versions(session, self.conference_id, reserved - len(self.touched))
        session.expire_all()  # ORM copies of these rows are stale now


    def _recounted(self, moves: BatchMoves) -> dict[int, Whereabouts]:
        """Where the attendees whose move was taken back are, by their stored scans the kiosks let through."""
        if not moves.to_recount:
            return {}
        rows = self.session.execute(
            select(SyncEvent.attendee_id, SyncEvent.occurred_at, SyncEvent.zone_role, SyncEvent.zone_id,
                   SyncEvent.to_zone_id)
            .where(one_of(self.session, SyncEvent.attendee_id, moves.to_recount), *moved_someone()))
        return whereabouts_from_moves(moves.zones, moves.to_recount, (
            (attendee_id, at, door) for attendee_id, at, role, zone, to_zone in rows
            if attendee_id is not None and (door := door_of(role, zone, to_zone)) is not None))


def moved_someone() -> tuple[ColumnElement[bool], ...]:
    """The stored scans that moved their person between zones, as ``fold`` decides it: made at a zone's
    door, let through by the kiosk (applied, or a conflict: they walked in), and not a record of a refusal
    or a print (shared.scan_effects.RECORDS) nor an undo. The recount and the occupancy export read these."""
    return (SyncEvent.zone_role.is_not(None),
            SyncEvent.status.in_((EventStatus.APPLIED.value, EventStatus.CONFLICT.value)),
            SyncEvent.kind.not_in((*RECORDS, EventKind.UNDO.value)))


def _scan_of(row: SyncEvent | dict[str, Any]) -> Scan:
    """The scan of a stored event, or of a row of this batch not written yet."""
    if isinstance(row, SyncEvent):
        return Scan(row.kind, row.occurred_at, row.station, row.product_type, row.product_id)
    return Scan(row["kind"], row["occurred_at"], row["station"], row["product_type"], row["product_id"])


def _conflict_words(record: DoorRecord | None, event: ScanEvent, station: str, step: Step) -> Phrase:
    """The conflict in the shared catalogue's words (shared.conflict_words), kept as data beside its English."""
    kind, reason = event.kind.value, step.verdict.reason
    if record is None:
        return conflict_words.unknown_code(kind, station, event.access_code)
    if reason is Reason.CHECKIN_RULE:  # "check_in at Door B admitted Ada (…) against the list 'Main days': …"
        why = Joined(step.verdict.reasons) if step.verdict.reasons else step.verdict.explanation
        return conflict_words.refused_by_list(kind, station, record.who, _list_name(step), why)
    if reason is Reason.PRODUCT_NOT_PURCHASED:
        return conflict_words.without_product(kind, station, record.who)
    if reason is Reason.FULLY_REDEEMED:
        holding = step.verdict.holding
        assert holding is not None  # the rules name the line that is used up
        return conflict_words.fully_redeemed(holding.name, station, record.who, holding.redeemed, holding.quantity)
    return conflict_words.order_not_valid(kind, station, record.who, record.order_status or None)


def _list_name(step: Step) -> str:
    return step.checkin_list.checkin_list.name if step.checkin_list is not None else ""
