"""Change-feed versions: every change a kiosk must learn about stamps a new per-conference version.

Why a counter row and not a sequence or a timestamp: with a sequence, transaction A can take
version 7, transaction B version 8, B commits, a kiosk reads "up to 8" and A's 7 commits after,
below the kiosk's cursor: missed forever. Here the versions come from ``feed_positions`` with an
``UPDATE … RETURNING``, whose row lock is held until commit. A second writer in the same
conference waits at that row, so versions become visible in the order they were handed out and
a reader's cursor can never pass a version that is still to commit.

Stamping happens in a ``before_flush`` hook, so no service has to remember it: a new or changed
attendee, ticket type, add-on, check-in list or zone (a zone's nightly reset too); an attendee whose
order changed status; an attendee with a new (or undone) check-in, door check or redemption.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import BigInteger, bindparam, inspect, select, update
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.checkin.models import CheckIn, DoorCheck, ProductRedemption
from server.checkin_lists.models import CheckinList
from server.conferences.models import AddOn, TicketType
from server.orders.models import Order
from server.sync.models import FeedPosition
from server.zones.models import Zone

VERSIONED = (Attendee, TicketType, AddOn, CheckinList, Zone)  # a zone's change (or its nightly reset) reaches kiosks
TOUCHES_ATTENDEE = (CheckIn, DoorCheck, ProductRedemption)


# Built once: every scan, upload and change of a versioned row runs it.
_ALLOCATE = (update(FeedPosition)
             .where(FeedPosition.conference_id == bindparam("feed_of"))
             .values(last_version=FeedPosition.last_version + bindparam("count", type_=BigInteger))
             .returning(FeedPosition.last_version))


def allocate_versions(session: Session, conference_id: int, count: int) -> int:
    """Reserve ``count`` consecutive versions; returns the first. Holds the feed lock until commit."""
    last = session.execute(_ALLOCATE, {"feed_of": conference_id, "count": count}).scalar_one()
    # (the row is made with the conference: conferences.service.create_conference)
    return last - count + 1


def give_back_versions(session: Session, conference_id: int, count: int) -> None:
    """Return the last ``count`` versions this transaction reserved and did not use.

    A batch reserves a version for every attendee it may touch before it knows which it will; an
    unused tail left behind would put the counter above every stamped row, and a kiosk's cursor,
    which stops at the newest row it was sent, would stay below it: each of its polls would take
    the long way (server.sync.feed). Safe only while this transaction holds the feed lock and has
    allocated nothing since: no one else can have been handed a version above the ones returned.
    """
    if count:
        session.execute(update(FeedPosition).where(FeedPosition.conference_id == conference_id)
                        .values(last_version=FeedPosition.last_version - count))


STAMPED = "attendees_stamped"  # session.info key: attendee ids stamped up front in this transaction


def stamp_up_front(session: Session, attendee: Attendee) -> None:
    """Give the attendee its new version now, which takes the feed lock before its door state is read.

    The lock every writer of a conference's door state takes first (two writers folding the same
    attendee side by side would each miss the other's scans), and the version its change needs,
    in one statement; the flush hook then leaves this attendee alone until the transaction ends.
    """
    attendee.sync_version = allocate_versions(session, attendee.conference_id, 1)
    session.info.setdefault(STAMPED, set()).add(attendee.id)


def forget_stamped(session: Session, *_args) -> None:
    """A new transaction stamps again (after_commit / after_rollback)."""
    session.info.pop(STAMPED, None)


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
