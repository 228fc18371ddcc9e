"""Named queries of the door: attendees' state as the shared rules see it, and its set-wise writes.

``load_door_records`` turns a batch's attendees into ``shared.decisions.AttendeeState`` values —
order status, holdings with their redemption counts, and every check-in and exit not taken back
(``passages``) — with a handful of queries, however large the batch. ``write_states`` puts the
folded states back the same way. The rules themselves are not here: they are ``shared.scan_effects``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import BigInteger, ColumnElement, Connection, Result, Table, Boolean, bindparam, delete, exists, func, insert, literal, or_, select, text, union_all, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.checkin.models import CheckIn, CheckInCorrection, DoorCheck, ProductRedemption, SyncEvent
from server.conferences.models import AddOn, Conference, TicketType
from server.db.base import UTCDateTime, utcnow
from server.db.bulk import one_of
from server.devices.models import Device
from server.feed_versions import allocate_versions
from server.orders.models import Order, OrderLineItem, OrderStatus
from shared.decisions import AttendeeState, Holding, Passage
from shared.scan_effects import with_passages


@dataclass
class DoorRecord:
    """One attendee of a batch: ids the writes need, and the state the rules fold."""

    id: int
    who: str  # "Ada Lovelace (A3K9M2X1)", for conflict messages
    state: AttendeeState
    check_in_rows: dict[Passage, list[int]] = field(default_factory=dict)  # CheckIn ids, to take one back

    @property
    def order_status(self) -> str | None:
        return self.state.order_status


def load_door_records(session: Session, conference_id: int, access_codes: set[str], *,
                      with_holdings: set[str] | None = None) -> dict[str, DoorRecord]:
    """The door state of these attendees of one conference, by access code (unknown codes are absent).

    Holdings (products and redemption counts) are loaded for the codes in ``with_holdings`` only
    (None: all): a batch of entries and exits does not read them, and they are most of the cost.
    """
    if not access_codes:
        return {}
    rows = session.execute(
        select(Attendee.id, Attendee.access_code, Attendee.first_name, Attendee.last_name, Attendee.company,
               Attendee.order_id, Attendee.ticket_type_id, Order.status)
        .outerjoin(Order, Attendee.order_id == Order.id)
        .where(Attendee.conference_id == conference_id, one_of(session, Attendee.access_code, access_codes))
        .order_by(Attendee.id)
    ).all()
    if not rows:
        return {}
    holdings = _holdings(session, conference_id, [r for r in rows if with_holdings is None
                                                  or r.access_code in with_holdings])
    passages, check_in_rows = load_passages(session, [r.id for r in rows])
    records = {}
    for r in rows:
        name = f"{r.first_name} {r.last_name}".strip()
        state = AttendeeState(access_code=r.access_code, name=name, company=r.company, ticket_type="",
                              order_status=r.status.value if r.status is not None else None,
                              holdings=holdings.get(r.id, ()), passages=())
        if r.id in passages:
            state = with_passages(state, passages[r.id])
        records[r.access_code] = DoorRecord(id=r.id, who=f"{name} ({r.access_code})",
                                            state=state, check_in_rows=dict(check_in_rows.get(r.id, {})))
    return records


def load_passages(session: Session, attendee_ids: list[int]) -> tuple[dict[int, list[Passage]],
                                                                      dict[int, dict[Passage, list[int]]]]:
    """Every check-in and exit not taken back of these attendees (one statement), and the CheckIn ids
    behind each check-in passage."""
    rows: Result[Any, Any, Any, Any]
    if len(attendee_ids) == 1:  # the statement built once
        rows = session.connection().execute(_PASSAGES_OF_ONE, {"attendee_id": attendee_ids[0]})
    else:
        rows = session.execute(_passages(CheckIn, SyncEvent, one_of(session, CheckIn.attendee_id, attendee_ids),
                                         one_of(session, SyncEvent.attendee_id, attendee_ids)))
    return _passages_by_attendee(rows)


def _passages_by_attendee(rows: Result[Any, Any, Any, Any]) -> tuple[dict[int, list[Passage]],
                                                                     dict[int, dict[Passage, list[int]]]]:
    passages: dict[int, list[Passage]] = defaultdict(list)
    check_in_rows: dict[int, dict[Passage, list[int]]] = defaultdict(lambda: defaultdict(list))
    # union_all drops the column types: the rows' shape, for the reader and the checker
    attendee_id: int
    at: dt.datetime
    station: str
    check_in_id: int | None
    for attendee_id, at, station, check_in_id in rows:
        passage = Passage(at, check_in_id is not None, station)
        passages[attendee_id].append(passage)
        if check_in_id is not None:
            check_in_rows[attendee_id][passage].append(check_in_id)
    return passages, check_in_rows


def _passages(check_ins, events, check_in_of, exit_of):
    """``check_ins``, ``events``: the mapped classes (a batch: the ORM's autoflush before it reads, as ever)
    or their tables' columns (a desk scan: plain Core, see _DESK_ATTENDEE)."""
    # Check-ins are rows of their own; exits leave none: the applied exit events are their record.
    return union_all(select(check_ins.attendee_id, check_ins.checked_in_at, check_ins.station, check_ins.id)
                     .where(check_in_of),
                     select(events.attendee_id, events.occurred_at, events.station, literal(None))
                     .where(exit_of, events.kind == "exit", events.status == "applied"))


_CHECK_INS_C, _EVENTS_C = cast(Table, CheckIn.__table__).c, cast(Table, SyncEvent.__table__).c
_PASSAGES_OF_ONE = _passages(_CHECK_INS_C, _EVENTS_C, _CHECK_INS_C.attendee_id == bindparam("attendee_id"),
                             _EVENTS_C.attendee_id == bindparam("attendee_id"))


# The help desk's scans: plain rows in, Core writes out ---------------------------------------------
# No ORM object on this path: loading the attendee as an entity, and the flush that wrote it back,
# were half of a desk scan's CPU. The statements are built once (building them cost more than
# running them) and run on the unit of work's connection, taken from its session once (asking the
# session for it before each statement cost more than SQLite running them); the dashboard's counts
# follow from the database's triggers, as for any write.


@dataclass(frozen=True)
class DeskAttendee:
    """What the desk's scans read of an attendee: who, their state, their order's status, their ticket."""

    id: int
    conference_id: int
    access_code: str
    first_name: str
    last_name: str
    email: str
    company: str
    checked_in_at: dt.datetime | None
    order_id: int | None
    order_status: OrderStatus | None
    ticket_type_id: int | None
    ticket_slug: str | None
    ticket_name: str | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


# Of the tables, not the mapped classes: a statement of mapped attributes goes through the ORM's
# compiling and row loading even when it selects plain columns.
_ATTENDEES = cast(Table, Attendee.__table__)
_ORDERS = cast(Table, Order.__table__)
_TICKET_TYPES = cast(Table, TicketType.__table__)
_CONFERENCES = cast(Table, Conference.__table__)
_DESK_ATTENDEE = (select(_ATTENDEES.c.id, _ATTENDEES.c.conference_id, _ATTENDEES.c.access_code, _ATTENDEES.c.first_name,
                         _ATTENDEES.c.last_name, _ATTENDEES.c.email, _ATTENDEES.c.company, _ATTENDEES.c.checked_in_at,
                         _ATTENDEES.c.order_id, _ORDERS.c.status, _ATTENDEES.c.ticket_type_id, _TICKET_TYPES.c.slug,
                         _TICKET_TYPES.c.name)
                  .join(_CONFERENCES, _CONFERENCES.c.id == _ATTENDEES.c.conference_id)
                  .outerjoin(_ORDERS, _ORDERS.c.id == _ATTENDEES.c.order_id)
                  .outerjoin(_TICKET_TYPES, _TICKET_TYPES.c.id == _ATTENDEES.c.ticket_type_id)
                  .where(_CONFERENCES.c.slug == bindparam("slug"), _ATTENDEES.c.access_code == bindparam("access_code")))


def desk_attendee(connection: Connection, slug: str, access_code: str) -> DeskAttendee | None:
    """The attendee with this code in the conference ``slug``, with the order's status and the ticket
    type, in one statement (the help desk's scan starts here)."""
    row = connection.execute(_DESK_ATTENDEE, {"slug": slug, "access_code": access_code}).first()
    return DeskAttendee(*row) if row is not None else None  # type: ignore[call-arg]  # the row is its fields, in order


def desk_state(connection: Connection, attendee: DeskAttendee, lines: list[OrderLine] | None = None) -> AttendeeState:
    """One attendee's door state as the shared rules fold it: its passages (one statement), and its
    holdings when its order's ``lines`` are given."""
    holdings: list[Holding] = []
    if lines is not None:
        if attendee.ticket_type_id is not None:
            holdings.append(Holding("ticket_type", attendee.ticket_type_id, attendee.ticket_name or ""))
        holdings += [Holding("addon", line.addon_id, line.description, line.quantity, line.redeemed, line.id)
                     for line in lines if line.addon_id is not None]
    status = attendee.order_status
    state = AttendeeState(access_code=attendee.access_code, name=attendee.full_name, company=attendee.company,
                          ticket_type="", order_status=status.value if status is not None else None,
                          holdings=tuple(holdings), passages=())
    passages, _ = _passages_by_attendee(connection.execute(_PASSAGES_OF_ONE, {"attendee_id": attendee.id}))
    return with_passages(state, passages[attendee.id]) if attendee.id in passages else state


_INSERT_CHECK_IN = insert(cast(Table, CheckIn.__table__))
_INSERT_DOOR_CHECK = insert(cast(Table, DoorCheck.__table__))
_INSERT_REDEMPTION = insert(cast(Table, ProductRedemption.__table__))
# The attendee's new version (server.feed_versions, allocated before the state was read) and state,
# stamped by hand: a Core write passes the flush hook (server.sync.versions) by.
_STAMP = (update(_ATTENDEES).where(_ATTENDEES.c.id == bindparam("attendee"))
          .values(sync_version=bindparam("version"), updated_at=bindparam("now")))
_STAMP_WITH_STATE = _STAMP.values(checked_in_at=bindparam("first_check_in"), inside=bindparam("is_inside"))


def record_desk_check_in(connection: Connection, attendee: DeskAttendee, state: AttendeeState, *, version: int, by: str,
                         station: str, at: dt.datetime) -> None:
    """The check-in row and the attendee's state after it, with its new version: two statements."""
    connection.execute(_INSERT_CHECK_IN, {"attendee_id": attendee.id, "conference_id": attendee.conference_id,
                                          "checked_in_by": by, "station": station, "checked_in_at": at})
    connection.execute(_STAMP_WITH_STATE, {"attendee": attendee.id, "version": version, "now": utcnow(),
                                           "first_check_in": state.checked_in_at, "is_inside": state.inside})


def record_desk_door_check(connection: Connection, attendee: DeskAttendee, *, version: int, ticket_type_id: int | None,
                           addon_id: int | None, by: str, station: str, at: dt.datetime) -> None:
    connection.execute(_INSERT_DOOR_CHECK, {"attendee_id": attendee.id, "conference_id": attendee.conference_id,
                                            "ticket_type_id": ticket_type_id, "addon_id": addon_id, "checked_by": by,
                                            "station": station, "checked_at": at})
    connection.execute(_STAMP, {"attendee": attendee.id, "version": version, "now": utcnow()})


def record_desk_redemption(connection: Connection, attendee: DeskAttendee, *, version: int, line_item_id: int, by: str,
                           station: str, at: dt.datetime) -> None:
    connection.execute(_INSERT_REDEMPTION, {"attendee_id": attendee.id, "conference_id": attendee.conference_id,
                                            "order_line_item_id": line_item_id, "redeemed_by": by, "station": station,
                                            "redeemed_at": at})
    connection.execute(_STAMP, {"attendee": attendee.id, "version": version, "now": utcnow()})


@dataclass(frozen=True)
class OrderLine:
    """One line of an attendee's order, with its product's names and how much of it this attendee redeemed."""

    id: int
    addon_id: int | None
    ticket_type_id: int | None
    description: str
    quantity: int
    redeemed: int
    product_slug: str
    product_name: str

    @property
    def remaining(self) -> int:
        return self.quantity - self.redeemed


def order_lines(connection: Connection, attendee: DeskAttendee, *, lock: bool = False) -> list[OrderLine]:
    """The lines of the attendee's order in id order, in one statement.

    ``lock``: the lines are locked (``FOR UPDATE``) before their redemptions are counted, the order
    every redeeming writer takes them in (kiosk uploads: ``lock_redeemed_lines``), so that two
    redemptions of the last lunch cannot both count "0 of 1 used".
    """
    if attendee.order_id is None:
        return []
    return [OrderLine(*row) for row in connection.execute(
        _LOCKED_ORDER_LINES if lock else _ORDER_LINES, {"order_id": attendee.order_id, "attendee_id": attendee.id})]


# Built once, as _DESK_ATTENDEE.
_LINES = cast(Table, OrderLineItem.__table__)
_ADDONS = cast(Table, AddOn.__table__)
_REDEMPTIONS = cast(Table, ProductRedemption.__table__)
_REDEEMED = (select(func.count(_REDEMPTIONS.c.id))
             .where(_REDEMPTIONS.c.order_line_item_id == _LINES.c.id,
                    _REDEMPTIONS.c.attendee_id == bindparam("attendee_id"))
             .correlate(_LINES).scalar_subquery())
_ORDER_LINES = (select(_LINES.c.id, _LINES.c.addon_id, _LINES.c.ticket_type_id, _LINES.c.description,
                       _LINES.c.quantity, _REDEEMED, func.coalesce(_ADDONS.c.slug, _TICKET_TYPES.c.slug, ""),
                       func.coalesce(_ADDONS.c.name, _TICKET_TYPES.c.name, ""))
                .outerjoin(_ADDONS, _ADDONS.c.id == _LINES.c.addon_id)
                .outerjoin(_TICKET_TYPES, _TICKET_TYPES.c.id == _LINES.c.ticket_type_id)
                .where(_LINES.c.order_id == bindparam("order_id")).order_by(_LINES.c.id))
_LOCKED_ORDER_LINES = _ORDER_LINES.with_for_update(of=_LINES)


def door_state(session: Session, attendee: Attendee, lines: list[OrderLine] | None = None) -> AttendeeState:
    """One attendee's door state as the shared rules fold it: its passages (one statement), and its
    holdings when its order's ``lines`` are given."""
    holdings: list[Holding] = []
    if lines is not None:
        if attendee.ticket_type_id is not None:
            name = attendee.ticket_type.name if attendee.ticket_type is not None else ""
            holdings.append(Holding("ticket_type", attendee.ticket_type_id, name))
        holdings += [Holding("addon", line.addon_id, line.description, line.quantity, line.redeemed, line.id)
                     for line in lines if line.addon_id is not None]
    order = attendee.order
    state = AttendeeState(access_code=attendee.access_code, name=attendee.full_name, company=attendee.company,
                          ticket_type="", order_status=order.status.value if order is not None else None,
                          holdings=tuple(holdings), passages=())
    with session.no_autoflush:  # the attendee's new version waits for the scan's own flush: one UPDATE, not two
        passages, _ = load_passages(session, [attendee.id])
    return with_passages(state, passages[attendee.id]) if attendee.id in passages else state


def _holdings(session: Session, conference_id: int, rows) -> dict[int, tuple[Holding, ...]]:
    """Each attendee's ticket type and add-on lines, with their redemption counts (as the change feed sends them)."""
    if not rows:
        return {}
    ticket_names = dict(session.execute(select(TicketType.id, TicketType.name)
                                        .where(TicketType.conference_id == conference_id)).all())
    lines: dict[int, list] = defaultdict(list)
    for line in session.execute(select(OrderLineItem.order_id, OrderLineItem.id, OrderLineItem.addon_id,
                                       OrderLineItem.description, OrderLineItem.quantity)
                                .where(one_of(session, OrderLineItem.order_id, {r.order_id for r in rows if r.order_id}),
                                       OrderLineItem.addon_id.is_not(None))
                                .order_by(OrderLineItem.id)):
        lines[line.order_id].append(line)
    redeemed = {(a, line): n for a, line, n in session.execute(
        select(ProductRedemption.attendee_id, ProductRedemption.order_line_item_id, func.count())
        .where(one_of(session, ProductRedemption.attendee_id, [r.id for r in rows]))
        .group_by(ProductRedemption.attendee_id, ProductRedemption.order_line_item_id))}
    holdings = {}
    for r in rows:
        ticket = [Holding("ticket_type", r.ticket_type_id, ticket_names.get(r.ticket_type_id, ""))] \
            if r.ticket_type_id else []
        holdings[r.id] = tuple(ticket + [Holding("addon", line.addon_id, line.description, line.quantity,
                                                 redeemed.get((r.id, line.id), 0), line.id)
                                         for line in lines.get(r.order_id, ())])
    return holdings


def lock_door_states(session: Session, conference_id: int, versions: int = 0) -> int:
    """The lock every writer of a conference's door state takes before it reads the state it folds.

    It is the change-feed row (server.feed_versions), which those writes take anyway to stamp
    versions, taken up front: two writers folding the same attendee side by side would each miss
    the other's scans. (On SQLite the transaction already holds the write lock.) The same statement
    reserves ``versions`` versions for the states the writer will store (``write_states``), so a
    batch allocates once; returns the first.
    """
    return allocate_versions(session, conference_id, versions)


def changed_since(session: Session, conference_id: int, version: int, access_codes: set[str], uuids: set[str]) -> bool:
    """Whether an attendee with one of these codes was written with a version above ``version`` (a
    scan, an undo, an order's new status, a new attendee), or one of these event UUIDs is stored
    now: one statement. Read under the feed lock, it tells a writer that folded before taking the
    lock whether its fold still holds. It relies on every write of what a fold reads stamping the
    attendee's version: an order line's quantity is never changed once sold (a change that lowered one
    would have to stamp its attendees, or a fold made before it could redeem past it)."""
    return bool(session.execute(select(changed_since_clause(session, conference_id, version, access_codes,
                                                            uuids))).scalar())


def changed_since_clause(session: Session, conference_id: int, version: int, access_codes: set[str],
                         uuids: set[str]) -> ColumnElement[bool]:
    """``changed_since`` as a column, to read in the same statement as something else."""
    return or_(exists().where(Attendee.conference_id == conference_id,
                              one_of(session, Attendee.access_code, access_codes), Attendee.sync_version > version),
               exists().where(one_of(session, SyncEvent.uuid, uuids)))


def lock_redeemed_lines(session: Session, conference_id: int, redemptions: set[tuple[str, int]]) -> None:
    """Lock the add-on lines a batch redeems ((access code, add-on id) pairs), in id order, before
    their redemptions are counted, as ``server.checkin.service.redeem_product`` does: a redemption
    there and one here must not both count "0 of 1 used" and both insert."""
    if not redemptions:
        return
    session.execute(
        select(OrderLineItem.id)
        .join(Attendee, Attendee.order_id == OrderLineItem.order_id)
        .where(Attendee.conference_id == conference_id, one_of(session, Attendee.access_code, {code for code, _ in redemptions}),
               one_of(session, OrderLineItem.addon_id, {addon for _, addon in redemptions}))
        .order_by(OrderLineItem.id).with_for_update(of=OrderLineItem)).all()


def take_back_check_in(record: DoorRecord, passage: Passage) -> int | None:
    """The id of one CheckIn row of this passage, forgotten by the record (None: no such row)."""
    for candidate in (passage, *(p for p in record.check_in_rows if p.at == passage.at and p.entering)):
        row_ids = record.check_in_rows.get(candidate)
        if row_ids:
            return row_ids.pop()
    return None


def delete_door_check(session: Session, attendee_id: int, at) -> None:
    row_id = session.scalar(select(DoorCheck.id).where(DoorCheck.attendee_id == attendee_id,
                                                       DoorCheck.checked_at == at).limit(1))
    if row_id is not None:
        session.execute(delete(DoorCheck).where(DoorCheck.id == row_id))


def delete_redemption(session: Session, attendee_id: int, line_item_id: int | None, at) -> None:
    row_id = session.scalar(select(ProductRedemption.id).where(
        ProductRedemption.attendee_id == attendee_id, ProductRedemption.order_line_item_id == line_item_id,
        ProductRedemption.redeemed_at == at).order_by(ProductRedemption.id).limit(1))
    if row_id is None:  # recorded at another moment (a redemption made at the server): any one of them
        row_id = session.scalar(select(ProductRedemption.id).where(
            ProductRedemption.attendee_id == attendee_id, ProductRedemption.order_line_item_id == line_item_id)
            .order_by(ProductRedemption.id.desc()).limit(1))
    if row_id is not None:
        session.execute(delete(ProductRedemption).where(ProductRedemption.id == row_id))


def write_states(session: Session, records: list[DoorRecord], first_version: int) -> None:
    """Store the folded states of these attendees (first check-in, inside) in one statement, with the
    change-feed versions from ``first_version`` on (reserved by ``lock_door_states``), in id order.

    Core writes bypass the flush hook (server.sync.versions): the versions are stamped here. On
    PostgreSQL one ``UPDATE … FROM unnest(…)``: an executemany there is one statement per attendee
    on the server, each firing the dashboard's statement-level count trigger; SQLite's executemany
    runs in-process, row by row either way.
    """
    if not records:
        return
    ordered = sorted(records, key=lambda r: r.id)
    now = utcnow()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_UPDATE_STATES, {
            "ids": [r.id for r in ordered], "checked_in_at": [r.state.checked_in_at for r in ordered],
            "inside": [r.state.inside for r in ordered],
            "versions": list(range(first_version, first_version + len(ordered))), "now": now})
        return
    session.execute(update(Attendee).execution_options(synchronize_session=False), [
        {"id": r.id, "checked_in_at": r.state.checked_in_at, "inside": r.state.inside,
         "sync_version": first_version + n, "updated_at": now} for n, r in enumerate(ordered)])


_UPDATE_STATES = text("""
UPDATE attendees SET checked_in_at = s.checked_in_at, inside = s.inside, sync_version = s.version, updated_at = :now
FROM unnest(:ids, :checked_in_at, :inside, :versions) AS s(id, checked_in_at, inside, version)
WHERE attendees.id = s.id""").bindparams(
    bindparam("ids", type_=postgresql.ARRAY(BigInteger)),
    bindparam("checked_in_at", type_=postgresql.ARRAY(UTCDateTime())),
    bindparam("inside", type_=postgresql.ARRAY(Boolean)),
    bindparam("versions", type_=postgresql.ARRAY(BigInteger)),
    bindparam("now", type_=UTCDateTime()))


def get_check_in(session: Session, attendee_id: int, check_in_id: int) -> CheckIn | None:
    """One check-in of this attendee (None: not theirs)."""
    return session.scalar(select(CheckIn).where(CheckIn.id == check_in_id, CheckIn.attendee_id == attendee_id))


def applied_scan_of_check_in(session: Session, check_in: CheckIn) -> SyncEvent | None:
    """The kiosk scan a check-in row came from (same attendee, moment and station), if it came from one."""
    return session.scalar(
        select(SyncEvent).where(SyncEvent.attendee_id == check_in.attendee_id, SyncEvent.kind == "check_in",
                                SyncEvent.status == "applied", SyncEvent.occurred_at == check_in.checked_in_at,
                                SyncEvent.station == check_in.station)
        .order_by(SyncEvent.id).limit(1))


# One attendee's story (server.checkin.attendee_story) ------------------------------------------


def redemption_counts(session: Session, attendee_id: int) -> dict[int, int]:
    """Units redeemed per order line of this attendee."""
    return dict(session.execute(
        select(ProductRedemption.order_line_item_id, func.count())
        .where(ProductRedemption.attendee_id == attendee_id)
        .group_by(ProductRedemption.order_line_item_id)).all())


def scan_events(session: Session, attendee_id: int) -> list[tuple[SyncEvent, str]]:
    """Every scan kiosks uploaded for this attendee, with the device's name, in the order they happened."""
    return [(event, name) for event, name in session.execute(
        select(SyncEvent, Device.name).join(Device, SyncEvent.device_id == Device.id)
        .where(SyncEvent.attendee_id == attendee_id)
        .order_by(SyncEvent.occurred_at, SyncEvent.id)).all()]


def check_ins(session: Session, attendee_id: int) -> list[CheckIn]:
    return list(session.scalars(select(CheckIn).where(CheckIn.attendee_id == attendee_id)
                                .order_by(CheckIn.checked_in_at, CheckIn.id)))


def door_checks(session: Session, attendee_id: int) -> list[tuple[DoorCheck, str]]:
    """Door checks with the product's name."""
    return [(check, ticket or addon or "") for check, ticket, addon in session.execute(
        select(DoorCheck, TicketType.name, AddOn.name)
        .outerjoin(TicketType, DoorCheck.ticket_type_id == TicketType.id)
        .outerjoin(AddOn, DoorCheck.addon_id == AddOn.id)
        .where(DoorCheck.attendee_id == attendee_id)
        .order_by(DoorCheck.checked_at, DoorCheck.id)).all()]


def redemptions(session: Session, attendee_id: int) -> list[tuple[ProductRedemption, str]]:
    """Redemptions with the product line's description ("Lunch")."""
    return [(redemption, description) for redemption, description in session.execute(
        select(ProductRedemption, OrderLineItem.description)
        .join(OrderLineItem, ProductRedemption.order_line_item_id == OrderLineItem.id)
        .where(ProductRedemption.attendee_id == attendee_id)
        .order_by(ProductRedemption.redeemed_at, ProductRedemption.id)).all()]


def corrections(session: Session, attendee_id: int) -> list[CheckInCorrection]:
    return list(session.scalars(select(CheckInCorrection).where(CheckInCorrection.attendee_id == attendee_id)
                                .order_by(CheckInCorrection.made_at, CheckInCorrection.id)))
