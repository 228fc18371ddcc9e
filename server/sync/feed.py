"""The change feed: attendees and products changed after a cursor, one conference at a time."""

from __future__ import annotations

import base64
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.checkin.models import CheckIn, ProductRedemption
from server.conferences.models import AddOn, Conference, TicketType
from server.orders.models import Order, OrderLineItem
from shared.protocol import AttendeeRecord, ChangesPage, ConferenceInfo, HoldingRecord, ProductRecord


def conference_info(conference: Conference) -> ConferenceInfo:
    previous = conference.badge_previous_public_key
    return ConferenceInfo(slug=conference.slug, name=conference.name, timezone=conference.timezone,
                          badge_public_key=base64.b64encode(conference.badge_public_key).decode(),
                          previous_badge_public_key=base64.b64encode(previous).decode() if previous else "")


def changes_after(session: Session, conference_id: int, after: int, limit: int) -> ChangesPage:
    """Up to ``limit`` attendees whose version is above ``after``, in version order, plus changed products.

    Safe against out-of-order commits because versions are handed out under a lock held to
    commit (server.sync.versions): nothing can later appear below a version already seen.
    """
    attendees = session.scalars(
        select(Attendee)
        .where(Attendee.conference_id == conference_id, Attendee.sync_version > after)
        .order_by(Attendee.sync_version)
        .limit(limit + 1)
    ).all()
    has_more = len(attendees) > limit
    attendees = attendees[:limit]
    products = [
        ProductRecord(kind=kind, id=p.id, name=p.name, version=p.sync_version)
        for kind, model in (("ticket_type", TicketType), ("addon", AddOn))
        for p in session.scalars(select(model).where(model.conference_id == conference_id, model.sync_version > after))
    ]
    records = _attendee_records(session, attendees)
    if has_more:
        next_cursor = attendees[-1].sync_version
    else:
        next_cursor = max([after, *(a.version for a in records), *(p.version for p in products)])
    conference = conference_info(session.get(Conference, conference_id))
    return ChangesPage(next_cursor=next_cursor, has_more=has_more, attendees=records, products=products,
                       conference=conference)


def _attendee_records(session: Session, attendees: list[Attendee]) -> list[AttendeeRecord]:
    if not attendees:
        return []
    ids = [a.id for a in attendees]
    order_ids = {a.order_id for a in attendees if a.order_id}
    statuses = dict(session.execute(select(Order.id, Order.status).where(Order.id.in_(order_ids))).all())
    ticket_names = dict(session.execute(select(TicketType.id, TicketType.name).where(
        TicketType.id.in_({a.ticket_type_id for a in attendees if a.ticket_type_id}))).all())
    addon_lines: dict[int, list[OrderLineItem]] = defaultdict(list)
    for line in session.scalars(select(OrderLineItem).where(OrderLineItem.order_id.in_(order_ids),
                                                           OrderLineItem.addon_id.is_not(None))):
        addon_lines[line.order_id].append(line)
    redeemed = {
        (attendee_id, line_id): count
        for attendee_id, line_id, count in session.execute(
            select(ProductRedemption.attendee_id, ProductRedemption.order_line_item_id, func.count())
            .where(ProductRedemption.attendee_id.in_(ids))
            .group_by(ProductRedemption.attendee_id, ProductRedemption.order_line_item_id)
        )
    }
    last_check_in: dict[int, tuple] = {}
    for attendee_id, at, station in session.execute(
        select(CheckIn.attendee_id, CheckIn.checked_in_at, CheckIn.station)
        .where(CheckIn.attendee_id.in_(ids)).order_by(CheckIn.checked_in_at)
    ):
        last_check_in[attendee_id] = (at, station)

    records = []
    for a in attendees:
        holdings = []
        if a.ticket_type_id:
            holdings.append(HoldingRecord(kind="ticket_type", product_id=a.ticket_type_id,
                                          name=ticket_names.get(a.ticket_type_id, ""), quantity=1, redeemed=0))
        for line in addon_lines.get(a.order_id, []):
            holdings.append(HoldingRecord(kind="addon", product_id=line.addon_id, name=line.description,
                                          quantity=line.quantity, redeemed=redeemed.get((a.id, line.id), 0),
                                          line_item_id=line.id))
        at, station = last_check_in.get(a.id, (None, ""))
        records.append(AttendeeRecord(
            id=a.id, access_code=a.access_code, first_name=a.first_name, last_name=a.last_name, email=a.email,
            company=a.company, ticket_type=ticket_names.get(a.ticket_type_id, "General Admission"),
            order_status=statuses[a.order_id].value if a.order_id in statuses else None,
            checked_in_at=a.checked_in_at, last_check_in_at=at, last_check_in_station=station, inside=a.inside,
            holdings=holdings, version=a.sync_version,
        ))
    return records
