"""Named queries of the live dashboard: each answers one question about one conference, fast at scale.

Every query here is bounded (see migration 0009): the counts are running counts kept by triggers,
the chart and the per-station figures read a recent time range, and the stations are found by
skipping through an index (one seek per station, not one row per scan). A dashboard polled every
few seconds by several people must not cost more as the day's scans pile up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Integer, and_, cast, func, select
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.checkin.models import CheckIn
from server.conferences.models import AddOn, Conference
from server.dashboard.models import AttendanceCount, RedemptionCount
from server.orders.models import Order, OrderLineItem
from server.sync.models import SyncConflict, SyncEvent
from shared.order_status import ADMITS_ENTRY, HOLDS_SEAT, PENDING

# Uploaded events that are scans at a door (not an operator's undo, not a badge coming out of a printer).
NOT_SCANS = ("undo", "badge_printed")
REFUSED = "failed_scan"  # a scan the kiosk itself refused (not paid, wrong conference, not found, …)
# Expected and "of" are seat counters less pending holds: that leaves the orders that admit entry only
# while a seat is held by exactly those and pending ones.
assert HOLDS_SEAT - {PENDING} == ADMITS_ENTRY


@dataclass(frozen=True)
class Attendance:
    expected: int  # attendees whose order admits entry (paid, partially refunded): shared.order_status
    checked_in: int  # checked in at least once
    inside: int  # checked in and not scanned out since (exit stations)


@dataclass(frozen=True)
class StationActivity:
    station: str
    scans: int  # in the window asked for
    refused: int
    last_scan_at: dt.datetime | None  # its last event of any kind, ever


@dataclass(frozen=True)
class ProductRedemptions:
    name: str
    served: int
    of: int  # units bought in orders that admit entry


def attendance(session: Session, conference_id: int) -> Attendance:
    """Expected, checked in and inside.

    Expected is one attendee per ticket of an order that admits entry: the conference's seat counter
    (server.capacity.counters: tickets of orders that admit entry, and of pending orders while their
    hold lasts) less the tickets pending orders hold, a handful of orders. Counting attendees joined
    to their orders instead reads every attendee and every order (hundreds of milliseconds at 200,000).
    Checked in and inside are running counts the database keeps (server.dashboard.counting). A
    check-in is only ever made for an order that admits entry, so "checked in" counts everyone who came.
    """
    seats = session.scalar(select(Conference.seats_taken).where(Conference.id == conference_id)) or 0
    on_hold = session.scalar(
        select(func.coalesce(func.sum(OrderLineItem.quantity), 0)).join(Order, Order.id == OrderLineItem.order_id)
        .where(Order.conference_id == conference_id, Order.status == PENDING,
               Order.hold_expires_at.is_not(None), OrderLineItem.addon_id.is_(None))) or 0
    counts = session.execute(select(AttendanceCount.checked_in, AttendanceCount.inside)
                             .where(AttendanceCount.conference_id == conference_id)).one_or_none()
    checked_in, inside = counts or (0, 0)
    return Attendance(expected=int(seats) - int(on_hold), checked_in=int(checked_in), inside=int(inside))


def _epoch_seconds(session: Session, column):
    if session.get_bind().dialect.name == "sqlite":  # stored as UTC text (server.db.base.UTCDateTime)
        return cast(func.strftime("%s", column), Integer)
    return func.floor(func.extract("epoch", column))


def entries_per_bucket(session: Session, conference_id: int, since: dt.datetime, until: dt.datetime,
                       bucket_seconds: int) -> dict[int, int]:
    """Check-ins (first arrivals and re-entries, kiosks and the desk) in [since, until), by bucket
    number counted from ``since`` (0, 1, …); buckets without any are absent."""
    bucket = (_epoch_seconds(session, CheckIn.checked_in_at) - int(since.timestamp())) // bucket_seconds
    rows = session.execute(
        select(bucket.label("bucket"), func.count())
        .where(CheckIn.conference_id == conference_id, CheckIn.checked_in_at >= since, CheckIn.checked_in_at < until)
        .group_by("bucket")).all()
    return {int(b): int(n) for b, n in rows}


def station_activity(session: Session, conference_id: int, since: dt.datetime) -> list[StationActivity]:
    """Every station that ever sent an event, with its scans and refusals since ``since`` and its last event.

    The stations are walked through the (conference, station, occurred_at) index one seek each (a
    "loose index scan"), and each station's figures are ranges of the same index: the cost follows
    the number of stations and of recent scans, never the day's total.
    """
    first = select(func.min(SyncEvent.station).label("station")).where(SyncEvent.conference_id == conference_id)
    stations = first.cte("stations", recursive=True)
    following = select(func.min(SyncEvent.station)).where(
        SyncEvent.conference_id == conference_id, SyncEvent.station > stations.c.station).scalar_subquery()
    stations = stations.union_all(select(following).where(stations.c.station.is_not(None)))
    at_station = and_(SyncEvent.conference_id == conference_id, SyncEvent.station == stations.c.station)
    recent = and_(at_station, SyncEvent.occurred_at >= since)
    last_event = select(func.max(SyncEvent.occurred_at)).where(at_station).scalar_subquery()
    scans = select(func.count()).select_from(SyncEvent).where(recent, SyncEvent.kind.not_in(NOT_SCANS)) \
        .scalar_subquery()
    refused = select(func.count()).select_from(SyncEvent).where(recent, SyncEvent.kind == REFUSED).scalar_subquery()
    activity = []
    for station, last_at, scan_count, refused_count in session.execute(
            select(stations.c.station, last_event, scans, refused).where(stations.c.station.is_not(None))):
        if isinstance(last_at, str):  # SQLite hands a MAX() over the CTE back untyped
            last_at = dt.datetime.fromisoformat(last_at)
        if last_at is not None and last_at.tzinfo is None:
            last_at = last_at.replace(tzinfo=dt.UTC)
        activity.append(StationActivity(station, int(scan_count), int(refused_count), last_at))
    return activity


def redemptions_per_product(session: Session, conference_id: int) -> list[ProductRedemptions]:
    """Per add-on, units handed out against units bought in orders that admit entry ("Lunch: 120 of 300")."""
    # Units bought: the add-on's seat counter (server.capacity.counters: orders that admit entry and
    # pending orders while their hold lasts) less what pending holds have, a few orders at most.
    on_hold = dict(session.execute(
        select(OrderLineItem.addon_id, func.sum(OrderLineItem.quantity))
        .join(Order, Order.id == OrderLineItem.order_id)
        .where(Order.conference_id == conference_id, Order.status == PENDING,
               Order.hold_expires_at.is_not(None), OrderLineItem.addon_id.is_not(None))
        .group_by(OrderLineItem.addon_id)).all())
    served = dict(session.execute(select(RedemptionCount.addon_id, RedemptionCount.served)
                                  .join(AddOn, AddOn.id == RedemptionCount.addon_id)
                                  .where(AddOn.conference_id == conference_id)).all())
    addons = session.execute(select(AddOn.id, AddOn.name, AddOn.quantity_taken)
                             .where(AddOn.conference_id == conference_id).order_by(AddOn.name, AddOn.id)).all()
    rows = [ProductRedemptions(name, int(served.get(addon_id, 0)), int(taken) - int(on_hold.get(addon_id, 0)))
            for addon_id, name, taken in addons]
    return [row for row in rows if row.of or row.served]


def open_conflicts(session: Session, conference_id: int) -> int:
    return session.scalar(select(func.count()).select_from(SyncConflict)
                          .where(SyncConflict.conference_id == conference_id, SyncConflict.resolved_at.is_(None))) or 0
