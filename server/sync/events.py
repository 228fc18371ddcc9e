"""Applying scan events uploaded by kiosks: idempotent by UUID, in occurrence order, conflicts kept.

A kiosk decides every scan from its own cache and uploads what it did. The server is the
authority: it re-checks each event against its own state with the reference rules. What the
kiosk allowed but the server cannot honour (a single-use lunch redeemed at two offline kiosks,
a check-in after the order was refunded) is a *conflict*: recorded and listed for the admin,
never dropped. What the kiosk itself refused is recorded as it was.
"""

from __future__ import annotations

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.checkin.models import CheckIn, DoorCheck, ProductRedemption
from server.checkin.service import CheckInService, RedemptionService
from server.conferences.models import AddOn, TicketType
from server.devices.models import Device
from server.errors import Conflict
from server.db.base import utcnow
from server.orders.models import Order, OrderLineItem
from server.sync.models import SyncConflict, SyncEvent
from server.sync.versions import allocate_versions
from shared.protocol import EventKind, EventResult, EventStatus, ScanEvent

ORDER_REASONS = {"pending": "unpaid", "cancelled": "cancelled", "refunded": "refunded"}


# Entries and exits (and plain records) are the bulk of what kiosks upload: they are decided in
# memory and written with a handful of set-based statements per batch. Door checks, redemptions
# (which lock a line item and count) and undos take the per-event path.
BATCHED = frozenset({EventKind.CHECK_IN, EventKind.EXIT, EventKind.FAILED_SCAN, EventKind.BADGE_PRINTED})


def apply_events(session: Session, device: Device, events: list[ScanEvent]) -> list[EventResult]:
    """Apply a batch; one result per event, in the order given."""
    uuids = [str(e.uuid) for e in events]
    known = {row.uuid: row for row in session.scalars(select(SyncEvent).where(SyncEvent.uuid.in_(uuids)))}
    results: dict[str, EventResult] = {}
    batch = _EntryBatch(session, device, [e.access_code for e in events if e.kind in BATCHED])
    for event in sorted(events, key=lambda e: e.occurred_at):
        key = str(event.uuid)
        if key in known or key in results:
            previous = known.get(key)
            if previous is not None and previous.conference_id != device.conference_id:
                results[key] = EventResult(uuid=event.uuid, status=EventStatus.REJECTED, reason="uuid_in_use")
            else:
                results[key] = EventResult(uuid=event.uuid, status=EventStatus.DUPLICATE,
                                           reason=previous.reason if previous else "ok")
            continue
        if event.kind in BATCHED:
            results[key] = batch.apply(event)
        else:
            batch.write()  # the per-event path reads through the ORM: let it see this batch's entries
            results[key] = _apply_one(session, device, event)
    batch.write()
    return [results[str(e.uuid)] for e in events]


class _EntryBatch:
    """Check-ins, exits and records of one upload, decided in memory and written set-wise."""

    def __init__(self, session: Session, device: Device, access_codes: list[str]) -> None:
        self.session, self.device = session, device
        self.attendees: dict[str, dict] = {}
        if access_codes:
            rows = session.execute(
                select(Attendee.id, Attendee.access_code, Attendee.first_name, Attendee.last_name,
                       Attendee.checked_in_at, Attendee.inside, Order.status)
                .outerjoin(Order, Attendee.order_id == Order.id)
                .where(Attendee.conference_id == device.conference_id, Attendee.access_code.in_(set(access_codes))))
            self.attendees = {r.access_code: dict(r._mapping) for r in rows}
        self._reset()

    def _reset(self) -> None:
        self.events: list[dict] = []
        self.conflicts: list[tuple[int, dict]] = []  # (index into events, conflict row)
        self.check_ins: list[dict] = []
        self.touched: dict[int, dict] = {}

    def apply(self, event: ScanEvent) -> EventResult:
        attendee = self.attendees.get(event.access_code)
        status, reason, message = self._decide(attendee, event)
        self.events.append({
            "uuid": str(event.uuid), "conference_id": self.device.conference_id, "device_id": self.device.id,
            "kind": event.kind.value, "access_code": event.access_code,
            "attendee_id": attendee["id"] if attendee else None, "station": event.station or self.device.station,
            "product_kind": event.product_kind, "product_id": event.product_id, "kiosk_reason": event.reason,
            "occurred_at": event.occurred_at, "received_at": utcnow(), "status": status.value, "reason": reason,
            "undoes": None,
        })
        if status is EventStatus.CONFLICT:
            self.conflicts.append((len(self.events) - 1, {
                "conference_id": self.device.conference_id, "attendee_id": attendee["id"] if attendee else None,
                "reason": reason, "message": message, "created_at": utcnow()}))
        return EventResult(uuid=event.uuid, status=status, reason=reason)

    def _decide(self, attendee: dict | None, event: ScanEvent) -> tuple[EventStatus, str, str]:
        if event.kind in (EventKind.FAILED_SCAN, EventKind.BADGE_PRINTED):
            return EventStatus.APPLIED, "ok", ""  # a record of what happened, nothing to apply
        if attendee is None:
            return EventStatus.CONFLICT, "not_found", f"{event.kind.value} at {event.station} for unknown code {event.access_code}"
        if event.kind is EventKind.EXIT:
            attendee["inside"] = False
            self.touched[attendee["id"]] = attendee
            return EventStatus.APPLIED, "ok", ""
        status = attendee["status"].value if attendee["status"] is not None else ""
        if attendee["status"] not in CheckInService.ACTIVE_ORDER_STATUSES:
            who = f"{attendee['first_name']} {attendee['last_name']}".strip() + f" ({attendee['access_code']})"
            return (EventStatus.CONFLICT, ORDER_REASONS.get(status, "unpaid"),
                    f"{event.kind.value} at {event.station} admitted {who}, whose order is {status or 'missing'}")
        # As CheckInService.check_in: every entry is a row; the earliest sets checked_in_at.
        self.check_ins.append({"attendee_id": attendee["id"], "conference_id": self.device.conference_id,
                               "station": event.station, "checked_in_by": "", "checked_in_at": event.occurred_at})
        if attendee["checked_in_at"] is None or event.occurred_at < attendee["checked_in_at"]:
            attendee["checked_in_at"] = event.occurred_at
        attendee["inside"] = True
        self.touched[attendee["id"]] = attendee
        return EventStatus.APPLIED, "ok", ""

    def write(self) -> None:
        if not self.events:
            return
        session = self.session
        ids = session.scalars(insert(SyncEvent).returning(SyncEvent.id, sort_by_parameter_order=True),
                              self.events).all()
        if self.conflicts:
            session.execute(insert(SyncConflict), [dict(row, event_id=ids[i]) for i, row in self.conflicts])
        if self.check_ins:
            session.execute(insert(CheckIn), self.check_ins)
        if self.touched:
            # Core writes bypass the flush hook: stamp the change-feed versions here (server.sync.versions).
            first = allocate_versions(session, self.device.conference_id, len(self.touched))
            session.execute(update(Attendee).execution_options(synchronize_session=False), [
                {"id": a["id"], "checked_in_at": a["checked_in_at"], "inside": a["inside"], "sync_version": first + n,
                 "updated_at": utcnow()} for n, a in enumerate(self.touched.values())])
            session.expire_all()  # ORM copies of these attendees are stale now
        self._reset()


def _apply_one(session: Session, device: Device, event: ScanEvent) -> EventResult:
    attendee = session.scalar(
        select(Attendee).where(Attendee.conference_id == device.conference_id, Attendee.access_code == event.access_code)
    )
    status, reason, message = _decide_and_apply(session, attendee, event)
    row = SyncEvent(
        uuid=str(event.uuid), conference_id=device.conference_id, device_id=device.id, kind=event.kind.value,
        access_code=event.access_code, attendee_id=attendee.id if attendee else None,
        station=event.station or device.station, product_kind=event.product_kind, product_id=event.product_id,
        kiosk_reason=event.reason, occurred_at=event.occurred_at, status=status.value, reason=reason,
        undoes=str(event.undoes) if event.undoes else None,
    )
    session.add(row)
    session.flush()
    if status is EventStatus.CONFLICT:
        session.add(SyncConflict(conference_id=device.conference_id, event_id=row.id,
                                 attendee_id=attendee.id if attendee else None, reason=reason, message=message))
        session.flush()
    return EventResult(uuid=event.uuid, status=status, reason=reason)


def _decide_and_apply(session: Session, attendee: Attendee | None, event: ScanEvent) -> tuple[EventStatus, str, str]:
    station = event.station
    if event.kind is EventKind.UNDO:
        return _undo(session, attendee, event)
    if event.kind in (EventKind.FAILED_SCAN, EventKind.BADGE_PRINTED):
        return EventStatus.APPLIED, "ok", ""  # a record of what happened, nothing to apply
    if attendee is None:
        return EventStatus.CONFLICT, "not_found", f"{event.kind.value} at {station} for unknown code {event.access_code}"
    who = f"{attendee.full_name} ({attendee.access_code})"
    if event.kind is EventKind.EXIT:
        attendee.inside = False
        return EventStatus.APPLIED, "ok", ""
    if CheckInService.validate_order_status(attendee) is not None:
        status = attendee.order.status.value if attendee.order else ""
        reason = ORDER_REASONS.get(status, "unpaid")
        return EventStatus.CONFLICT, reason, f"{event.kind.value} at {station} admitted {who}, whose order is {status or 'missing'}"
    if event.kind is EventKind.CHECK_IN:
        CheckInService.check_in(session, attendee=attendee, station=station, at=event.occurred_at)
        attendee.inside = True
        return EventStatus.APPLIED, "ok", ""
    if event.kind is EventKind.DOOR_CHECK:
        model = TicketType if event.product_kind == "ticket_type" else AddOn
        product = session.get(model, event.product_id) if event.product_id is not None else None
        held = product is not None and (
            attendee.ticket_type_id == product.id if model is TicketType
            else any(line.addon_id == product.id for line in attendee.order.line_items))
        if not held:
            return EventStatus.CONFLICT, "product_not_purchased", f"door check at {station} admitted {who} without the product"
        CheckInService.record_door_check(session, attendee=attendee, station=station, at=event.occurred_at,
                                         **({"ticket_type": product} if model is TicketType else {"addon": product}))
        return EventStatus.APPLIED, "ok", ""
    # Redemption.
    line = session.scalar(select(OrderLineItem).where(OrderLineItem.order_id == attendee.order_id,
                                                      OrderLineItem.addon_id == event.product_id))
    if line is None:
        return EventStatus.CONFLICT, "product_not_purchased", f"redemption at {station} for {who} without the product"
    try:
        RedemptionService.redeem_product(session, attendee=attendee, order_line_item=line, station=station,
                                         at=event.occurred_at)
    except Conflict as error:
        return EventStatus.CONFLICT, error.code, f"{line.description} at {station} for {who}: {error.message}"
    return EventStatus.APPLIED, "ok", ""


def _undo(session: Session, attendee: Attendee | None, event: ScanEvent) -> tuple[EventStatus, str, str]:
    """Reverse the effect of an earlier scan from the same conference, once."""
    original = session.scalar(select(SyncEvent).where(SyncEvent.uuid == str(event.undoes)).with_for_update())
    if original is None or attendee is None or original.attendee_id != attendee.id:
        return EventStatus.REJECTED, "nothing_to_undo", ""
    if original.status != EventStatus.APPLIED.value:
        return EventStatus.APPLIED, "ok", ""  # a conflict or a refusal had no effect to reverse
    original.status = "undone"
    if original.kind == EventKind.CHECK_IN.value:
        row = session.scalar(select(CheckIn).where(CheckIn.attendee_id == attendee.id,
                                                   CheckIn.checked_in_at == original.occurred_at).limit(1))
        if row is not None:
            session.delete(row)
            session.flush()
        remaining = session.scalar(select(func.min(CheckIn.checked_in_at)).where(CheckIn.attendee_id == attendee.id))
        attendee.checked_in_at = remaining
        if remaining is None:
            attendee.inside = False
    elif original.kind == EventKind.EXIT.value:
        attendee.inside = True
    elif original.kind == EventKind.REDEMPTION.value:
        row = session.scalar(select(ProductRedemption).join(OrderLineItem).where(
            ProductRedemption.attendee_id == attendee.id, OrderLineItem.addon_id == original.product_id,
            ProductRedemption.redeemed_at == original.occurred_at).limit(1))
        if row is not None:
            session.delete(row)
    elif original.kind == EventKind.DOOR_CHECK.value:
        row = session.scalar(select(DoorCheck).where(DoorCheck.attendee_id == attendee.id,
                                                     DoorCheck.checked_at == original.occurred_at).limit(1))
        if row is not None:
            session.delete(row)
    session.flush()
    return EventStatus.APPLIED, "ok", ""


def list_conflicts(session: Session, conference_id: int, limit: int = 500) -> list[tuple[SyncConflict, SyncEvent]]:
    return list(session.execute(
        select(SyncConflict, SyncEvent).join(SyncEvent, SyncConflict.event_id == SyncEvent.id)
        .where(SyncConflict.conference_id == conference_id)
        .order_by(SyncConflict.id.desc()).limit(limit)
    ).all())
