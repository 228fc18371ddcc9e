"""Change-feed versions: every change a kiosk must learn about stamps a new per-conference version.

The versions come from the conference's counter row (``server.feed_versions``, which says why a
row and not a sequence). Stamping happens in a ``before_flush`` hook, so no service has to
remember it: a new or changed attendee, ticket type, add-on, check-in list or zone (a zone's
nightly reset too); an attendee whose order changed status; an attendee with a new (or undone)
check-in, door check or redemption. The hook stands on the sync floor, above every model it
looks at; the wiring registers it on the session factory.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.checkin.models import CheckIn, DoorCheck, ProductRedemption
from server.checkin_lists.models import CheckinList
from server.conferences.models import AddOn, TicketType
from server.feed_versions import STAMPED, allocate_versions
from server.orders.models import Order
from server.zones.models import Zone

VERSIONED = (Attendee, TicketType, AddOn, CheckinList, Zone)  # a zone's change (or its nightly reset) reaches kiosks
TOUCHES_ATTENDEE = (CheckIn, DoorCheck, ProductRedemption)


def _conference_of(obj) -> int | None:
    return getattr(obj, "conference_id", None) or (obj.conference.id if getattr(obj, "conference", None) else None)


def stamp_versions(session: Session, _flush_context, _instances) -> None:
    to_stamp: dict[int, set] = defaultdict(set)
    attendee_ids_by_conference: dict[int, set[int]] = defaultdict(set)
    orders_changed: list[Order] = []
    stamped = session.info.get(STAMPED, ())
    for obj in [*session.new, *session.dirty, *session.deleted]:
        if isinstance(obj, Attendee) and obj.id in stamped or \
                isinstance(obj, TOUCHES_ATTENDEE) and obj.attendee_id in stamped:
            continue  # stamped up front, in this transaction
        if isinstance(obj, VERSIONED) and obj not in session.deleted:
            if obj in session.dirty and set(_changed_attributes(obj)) <= {"sync_version", "updated_at"}:
                continue
            if (conference_id := _conference_of(obj)) is not None:
                to_stamp[conference_id].add(obj)
        elif isinstance(obj, TOUCHES_ATTENDEE) and obj not in session.dirty:  # added, or deleted by an undo
            attendee_ids_by_conference[obj.conference_id].add(obj.attendee_id)
        elif isinstance(obj, Order) and obj in session.dirty and inspect(obj).attrs.status.history.has_changes():
            orders_changed.append(obj)
    if not (to_stamp or attendee_ids_by_conference or orders_changed):
        return
    with session.no_autoflush:
        for order in orders_changed:
            attendees = session.scalars(select(Attendee).where(Attendee.order_id == order.id)).all()
            to_stamp[order.conference_id].update(attendees)
        for conference_id, attendee_ids in attendee_ids_by_conference.items():
            attendees = session.scalars(select(Attendee).where(Attendee.id.in_(attendee_ids))).all()
            to_stamp[conference_id].update(attendees)
        # Fixed order of conferences: two transactions never wait on each other's feed rows.
        for conference_id in sorted(to_stamp):
            objects = sorted(to_stamp[conference_id], key=lambda o: (type(o).__name__, o.id or 0))
            first = allocate_versions(session, conference_id, len(objects))
            for offset, obj in enumerate(objects):
                obj.sync_version = first + offset


def _changed_attributes(obj) -> list[str]:
    state = inspect(obj)
    return [attr.key for attr in state.attrs if attr.history.has_changes()]
