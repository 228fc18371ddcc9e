"""Named queries of the exports, each a page after a key (keyset paging), so a large conference is
read in short transactions: an export streaming to a slow client never holds one open (on SQLite a
transaction holds the write lock, and kiosks' uploads would wait on it)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.checkin.models import CheckIn, CheckInCorrection, ProductRedemption, SyncEvent
from server.conferences.models import AddOn, TicketType
from server.devices.models import Device
from server.orders.models import Order, OrderLineItem
from server.sync.events import moved_someone
from shared.order_status import ADMITS_ENTRY

_ATTENDEE_COLUMNS = (Attendee.id, Attendee.first_name, Attendee.last_name, Attendee.email, Attendee.company,
                     Attendee.access_code, TicketType.name.label("ticket_type"), Order.reference, Order.status,
                     Attendee.checked_in_at, Attendee.inside)


def _attendees(conference_id: int, after_id: int, limit: int):
    return (select(*_ATTENDEE_COLUMNS)
            .outerjoin(TicketType, Attendee.ticket_type_id == TicketType.id)
            .outerjoin(Order, Attendee.order_id == Order.id)
            .where(Attendee.conference_id == conference_id, Attendee.id > after_id)
            .order_by(Attendee.id).limit(limit))


def checked_in_attendees(session: Session, conference_id: int, after_id: int, limit: int) -> list:
    """Attendees checked in at least once (and not all of it undone), by id, after ``after_id``."""
    return list(session.execute(_attendees(conference_id, after_id, limit)
                                .where(Attendee.checked_in_at.is_not(None))).all())


def no_shows(session: Session, conference_id: int, after_id: int, limit: int) -> list:
    """Attendees whose order admits entry (paid, partially refunded) and who never checked in."""
    return list(session.execute(_attendees(conference_id, after_id, limit)
                                .where(Attendee.checked_in_at.is_(None), Order.status.in_(ADMITS_ENTRY))).all())


def check_in_summaries(session: Session, attendee_ids: list[int]) -> dict[int, tuple[int, str]]:
    """Per attendee: how many check-ins stand, and the station of the first."""
    summaries: dict[int, tuple[int, str]] = {}
    for attendee_id, at, station in session.execute(
            select(CheckIn.attendee_id, CheckIn.checked_in_at, CheckIn.station)
            .where(CheckIn.attendee_id.in_(attendee_ids)).order_by(CheckIn.checked_in_at, CheckIn.id)):
        count, first_station = summaries.get(attendee_id, (0, station))
        summaries[attendee_id] = (count + 1, first_station)
    return summaries


def exit_summaries(session: Session, attendee_ids: list[int]) -> dict[int, tuple[int, dt.datetime]]:
    """Per attendee: exit scans that stand, and the last one's moment."""
    return {attendee_id: (count, last) for attendee_id, count, last in session.execute(
        select(SyncEvent.attendee_id, func.count(), func.max(SyncEvent.occurred_at))
        .where(SyncEvent.attendee_id.in_(attendee_ids), SyncEvent.kind == "exit", SyncEvent.status == "applied")
        .group_by(SyncEvent.attendee_id)) if attendee_id is not None}


def redemption_summaries(session: Session, attendee_ids: list[int]) -> dict[int, list[tuple[str, int, int]]]:
    """Per attendee: (product, redeemed, quantity) of every add-on line of their order."""
    lines = session.execute(
        select(Attendee.id, OrderLineItem.id, OrderLineItem.description, OrderLineItem.quantity)
        .join(OrderLineItem, OrderLineItem.order_id == Attendee.order_id)
        .where(Attendee.id.in_(attendee_ids), OrderLineItem.addon_id.is_not(None))
        .order_by(Attendee.id, OrderLineItem.id)).all()
    redeemed = {(a, line): n for a, line, n in session.execute(
        select(ProductRedemption.attendee_id, ProductRedemption.order_line_item_id, func.count())
        .where(ProductRedemption.attendee_id.in_(attendee_ids))
        .group_by(ProductRedemption.attendee_id, ProductRedemption.order_line_item_id))}
    summaries: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for attendee_id, line_id, description, quantity in lines:
        summaries[attendee_id].append((description, redeemed.get((attendee_id, line_id), 0), quantity))
    return summaries


def scan_log(session: Session, conference_id: int, after: tuple[dt.datetime, int | None] | None, limit: int) -> list:
    """Every scan kiosks uploaded, in the order they happened (then by arrival), after the key ``after``
    ((moment, id) of the last row read; id None: after every one at that moment): read along the
    (conference, occurred_at) index."""
    query = (select(SyncEvent.id, SyncEvent.occurred_at, SyncEvent.received_at, SyncEvent.station, Device.name,
                    SyncEvent.kind, SyncEvent.access_code, Attendee.first_name, Attendee.last_name,
                    SyncEvent.product_type, SyncEvent.product_id, SyncEvent.kiosk_reason, SyncEvent.status,
                    SyncEvent.reason)
             .join(Device, SyncEvent.device_id == Device.id)
             .outerjoin(Attendee, SyncEvent.attendee_id == Attendee.id)
             .where(SyncEvent.conference_id == conference_id))
    if after is not None:
        at, event_id = after
        query = query.where(SyncEvent.occurred_at > at if event_id is None else
                            or_(SyncEvent.occurred_at > at, and_(SyncEvent.occurred_at == at, SyncEvent.id > event_id)))
    return list(session.execute(query.order_by(SyncEvent.occurred_at, SyncEvent.id).limit(limit)).all())


def corrections_log(session: Session, conference_id: int, after: dt.datetime | None, after_id: int | None,
                    limit: int) -> list:
    """Check-ins and undos made by hand in the console, in the order they were made, after the moment
    ``after`` (and, at that very moment, after the correction ``after_id``; None: every one at it)."""
    query = (select(CheckInCorrection.id, CheckInCorrection.made_at, CheckInCorrection.action,
                    CheckInCorrection.station, CheckInCorrection.check_in_at, CheckInCorrection.made_by,
                    Attendee.access_code, Attendee.first_name, Attendee.last_name)
             .join(Attendee, CheckInCorrection.attendee_id == Attendee.id)
             .where(CheckInCorrection.conference_id == conference_id))
    if after is not None:
        at_it = CheckInCorrection.made_at >= after if after_id is None else \
            or_(CheckInCorrection.made_at > after, and_(CheckInCorrection.made_at == after,
                                                         CheckInCorrection.id > after_id))
        query = query.where(at_it)
    return list(session.execute(query.order_by(CheckInCorrection.made_at, CheckInCorrection.id).limit(limit)).all())


def product_names(session: Session, conference_id: int) -> dict[tuple[str, int], str]:
    """Every product of the conference by (kind, id), for the scan log's product column."""
    names = {("ticket_type", i): n for i, n in session.execute(
        select(TicketType.id, TicketType.name).where(TicketType.conference_id == conference_id))}
    names |= {("addon", i): n for i, n in session.execute(
        select(AddOn.id, AddOn.name).where(AddOn.conference_id == conference_id))}
    return names


def scans_in_time_order(session: Session, conference_id: int, after: tuple[dt.datetime, int] | None, limit: int,
                        *, moved_zones: bool) -> list:
    """Uploaded scans after the key (moment, id), in the order they happened: the ones that moved someone
    between zones (``moved_zones``: applied or conflict, with a zone role), or every scan at a door."""
    query = (select(SyncEvent.id, SyncEvent.occurred_at, SyncEvent.attendee_id, SyncEvent.station, SyncEvent.kind,
                    SyncEvent.zone_role, SyncEvent.zone_id, SyncEvent.to_zone_id)
             .where(SyncEvent.conference_id == conference_id))
    if moved_zones:
        query = query.where(SyncEvent.attendee_id.is_not(None), *moved_someone())
    else:
        query = query.where(SyncEvent.kind.in_(("check_in", "door_check", "exit", "failed_scan")))
    if after is not None:
        at, event_id = after
        query = query.where(or_(SyncEvent.occurred_at > at, and_(SyncEvent.occurred_at == at, SyncEvent.id > event_id)))
    return list(session.execute(query.order_by(SyncEvent.occurred_at, SyncEvent.id).limit(limit)).all())
