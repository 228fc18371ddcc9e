"""The change feed: attendees and products changed after a cursor, one conference at a time."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, case, exists, func, select
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.checkin.models import CheckIn, ProductRedemption, SyncEvent
from server.checkin.repository import load_passages
from server.checkin_lists.models import CheckinList, ConferenceDays
from server.checkin_lists.repository import changed_after
from server.checkin_lists.service import record_of
from server.conferences.local_time import conference_zone
from server.conferences.models import AddOn, Conference, TicketType
from server.db.base import utcnow
from server.feed_versions import FeedPosition
from server.orders.models import Order, OrderLineItem
from server.sync import feed_rows
from server.zones.models import Zone
from server.zones.service import figures
from shared.protocol import ConferenceInfo
from shared.station_data import WITHHELD, DataScope, project


def conference_info(conference: Conference, days: ConferenceDays | None) -> ConferenceInfo:
    return ConferenceInfo(**_conference_record(
        conference.slug, conference.name, conference.timezone, conference.badge_public_key,
        conference.badge_previous_public_key, days.first_day if days else None, days.last_day if days else None,
        days.wipe_kiosks_after_days if days else None))


def _conference_record(slug: str, name: str, timezone: str, public_key: bytes, previous: bytes | None,
                       first_day: dt.date | None, last_day: dt.date | None, wipe_after_days: int | None) -> dict:
    """A ConferenceInfo as the JSON-ready dict every feed page carries (a key rotation reaches the kiosk; the
    days are ISO dates, the moment kiosks forget the conference ISO text)."""
    wipe_at = _wipe_moment(timezone, last_day, wipe_after_days)
    return {"slug": slug, "name": name, "timezone": timezone,
            "badge_public_key": base64.b64encode(public_key).decode(),
            "previous_badge_public_key": base64.b64encode(previous).decode() if previous else "",
            "first_day": first_day.isoformat() if first_day else None,
            "last_day": last_day.isoformat() if last_day else None,
            "wipe_kiosks_at": wipe_at.isoformat() if wipe_at else None}


def _when_changed(what: Any) -> Any:
    """``what``, read only when the feed moved past the poll's cursor: the databases evaluate a CASE's
    subquery only when its branch is taken, so a poll with nothing new pays nothing for it."""
    return case((FeedPosition.last_version > bindparam("after"), what), else_=None)


def _newest(model) -> Any:
    """The newest version of the conference's rows of ``model`` (products, lists, zones: a few rows each)."""
    return _when_changed(select(func.max(model.sync_version))
                         .where(model.conference_id == FeedPosition.conference_id).scalar_subquery())


def _any(model) -> Any:
    return _when_changed(exists().where(model.conference_id == FeedPosition.conference_id))


# Where the feed stands, the conference a page carries, and (when the feed moved past the cursor) which
# of the small kinds of row moved since when (the newest version of products, check-in lists, zones;
# whether there are lists and zones), in one SELECT: every poll reads it (a fleet of 500 kiosks, 250 a
# second). Most find nothing new; in a fleet that scans most find a few attendees, and then the products,
# lists and zones are queried only when their versions moved (before: five statements a poll that found
# anything, for what had nearly always not changed). Built once, here: building the statement cost as
# much as loading the Conference as an ORM object.
_POSITION = (select(FeedPosition.last_version, Conference.slug, Conference.name, Conference.timezone,
                    Conference.badge_public_key, Conference.badge_previous_public_key,
                    ConferenceDays.first_day, ConferenceDays.last_day, ConferenceDays.wipe_kiosks_after_days,
                    _any(CheckinList), _any(Zone), _newest(TicketType), _newest(AddOn), _newest(CheckinList),
                    _newest(Zone))
             .join(Conference, Conference.id == FeedPosition.conference_id)
             .outerjoin(ConferenceDays, ConferenceDays.conference_id == FeedPosition.conference_id)
             .where(FeedPosition.conference_id == bindparam("conference_id")))


@dataclass(frozen=True, slots=True)
class _Position:
    last_version: int
    conference: dict  # the page's "conference"
    has_lists: bool
    has_zones: bool
    newest_product: int  # 0: none
    newest_list: int
    newest_zone: int


def _position(session: Session, conference_id: int, after: int) -> _Position:
    (last_version, slug, name, timezone, public_key, previous, first_day, last_day, wipe_after_days,
     lists, zones, ticket_type, addon, checkin_list, zone) = session.execute(
        _POSITION, {"conference_id": conference_id, "after": after}).one()
    return _Position(last_version, _conference_record(slug, name, timezone, public_key, previous, first_day,
                                                      last_day, wipe_after_days),
                     bool(lists), bool(zones), max(ticket_type or 0, addon or 0), checkin_list or 0, zone or 0)


def _changed_lists(session: Session, position: _Position, conference_id: int, after: int) -> list[dict]:
    if position.newest_list <= after:
        return []
    return [record_of(row) for row in changed_after(session, conference_id, after)]


def _changed_products(session: Session, position: _Position, conference_id: int, after: int) -> list[dict]:
    return _products(session, conference_id, after) if position.newest_product > after else []


def kiosks_wiped_at(conference: Conference, days: ConferenceDays | None) -> dt.datetime | None:
    """Midnight at the venue after the conference's last day, plus the days its organisers set; None while
    its days are not set."""
    if days is None:
        return None
    return _wipe_moment(conference.timezone, days.last_day, days.wipe_kiosks_after_days)


def _wipe_moment(timezone: str, last_day: dt.date | None, wipe_after_days: int | None) -> dt.datetime | None:
    if last_day is None or wipe_after_days is None:
        return None
    day = last_day + dt.timedelta(days=1 + wipe_after_days)
    return dt.datetime.combine(day, dt.time(0), tzinfo=conference_zone(timezone)).astimezone(dt.UTC)


def feed_page(session: Session, conference_id: int, after: int, limit: int,
              scope: DataScope = DataScope.DESK) -> dict:
    """Up to ``limit`` attendees whose version is above ``after``, in version order, plus changed products
    and check-in lists, every zone with its count, and the conference (keys, days, the moment kiosks
    forget it), as the JSON-ready dict of a ``ChangesPage``; each record as a station of ``scope`` may
    hold it (shared.station_data: a door's records carry no email), with its passages when the
    conference has check-in lists.

    Safe against out-of-order commits because versions are handed out under a lock held to
    commit (server.feed_versions): nothing can later appear below a version already seen.
    Built from plain rows into plain dicts: a page of 5,000 is the hot path of a kiosk's first
    sync, and ORM objects or pydantic models cost more than the queries (measured: 0.52 s → 0.1 s).
    """
    position = _position(session, conference_id, after)
    last_version, info = position.last_version, position.conference
    if last_version <= after:  # nothing new: most polls of a fleet (500 kiosks poll 250 times a second)
        # (``last_version`` below ``after``: the kiosk holds what this database no longer has, a backup restored)
        return {"next_cursor": after, "has_more": False, "attendees": [], "products": [], "checkin_lists": [],
                "conference": info, "last_version": last_version}
    rows = session.execute(
        select(Attendee.id, Attendee.access_code, Attendee.first_name, Attendee.last_name, Attendee.email,
               Attendee.company, Attendee.ticket_type_id, Attendee.order_id, Attendee.checked_in_at,
               Attendee.inside, Attendee.sync_version, Order.status, Attendee.language)
        .outerjoin(Order, Attendee.order_id == Order.id)
        .where(Attendee.conference_id == conference_id, Attendee.sync_version > after)
        .order_by(Attendee.sync_version)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    products = _changed_products(session, position, conference_id, after)
    checkin_lists = _changed_lists(session, position, conference_id, after)
    # The page is exactly the versions (after, last]: its related rows are selected by that range
    # rather than by a list of 5,000 ids (binding and compiling such lists cost more than the queries).
    page = (Attendee.conference_id == conference_id, Attendee.sync_version > after,
            Attendee.sync_version <= (rows[-1].sync_version if rows else after))
    records = [project(record, scope)
               for record in _attendee_records(session, conference_id, rows, page, position.has_lists)]
    if has_more:
        next_cursor = rows[-1].sync_version
    else:
        next_cursor = max([after, *(a["version"] for a in records), *(p["version"] for p in products),
                           *(c["version"] for c in checkin_lists), *_zone_versions(position, after)])
    return {"next_cursor": next_cursor, "has_more": has_more, "attendees": records, "products": products,
            "checkin_lists": checkin_lists, "conference": info, "last_version": last_version,
            **zone_figures(session, conference_id, position.has_zones)}


def _zone_versions(position: _Position, after: int) -> list[int]:
    """The newest version a zone took above ``after`` (a new zone, a nightly reset), for the cursor: else
    the next poll would find "something new" below its cursor and take the slow path, every poll."""
    return [position.newest_zone] if position.newest_zone > after else []


def zone_figures(session: Session, conference_id: int, has_zones: bool = True) -> dict:
    """Every zone with how many are inside, and when: on each page with changes, so that a kiosk's figure
    is as fresh as its last sync ("≈ 287 of 300, as of 10:42" once it is offline). (A conference without
    zones, as the feed's position says, reads none: two statements a poll.)"""
    zones = [] if not has_zones else [{"id": f.id, "name": f.name, "capacity": f.capacity, "parent_id": f.parent_id, "at_full": f.at_full,
              "inside": f.inside} for f in figures(session, conference_id)]
    return {"zones": zones, "zones_as_of": utcnow().isoformat()}


def held_columns(scope: DataScope) -> tuple[str, ...]:
    """The row columns a station of ``scope`` holds (shared.station_data): a door's rows carry no email."""
    return tuple(name for name in feed_rows.COLUMNS if name not in WITHHELD[scope])


def feed_page_rows(session: Session, conference_id: int, after: int, limit: int, *, server_id: str,
                   gzip: bool, columns: Sequence[str] = feed_rows.COLUMNS) -> bytes:
    """The same page as ``feed_page`` in feed format "rows" (shared.protocol.FeedFormat), as the bytes of
    its JSON (gzip-compressed when ``gzip``): the attendees as rows of ``columns``, listed once, written
    from the database cursor a thousand at a time; the rest as in format "objects"."""
    position = _position(session, conference_id, after)
    last_version, info = position.last_version, position.conference
    changed = last_version > after  # (most polls of a fleet find nothing new: no attendee query)
    if changed and "passages" not in columns and position.has_lists:
        columns = (*columns, "passages")  # check-in lists count entries: the kiosks need every passage
    writer = feed_rows.PageWriter(gzip)
    writer.write(b'{"format":"rows","columns":' + json.dumps(list(columns), separators=(",", ":")).encode() + b',"attendees":[')
    last_row, has_more = None, False
    if changed:
        # A page the size of a poll's few changes is fetched whole; a server-side cursor (three round
        # trips) only pays for a download's pages. (The versions above ``after`` bound its attendees.)
        rows = feed_rows.attendee_rows(session, conference_id, after, limit + 1, columns,
                                       stream=min(limit + 1, last_version - after) > feed_rows.ROWS_AT_A_TIME)
        try:
            last_row, has_more = feed_rows.write_rows(writer, rows, limit)
        finally:
            rows.close()  # (on PostgreSQL a server-side cursor, left with the row that said "more")
    products = _changed_products(session, position, conference_id, after)
    checkin_lists = _changed_lists(session, position, conference_id, after)
    if has_more:
        next_cursor = last_row
    else:
        next_cursor = max([after, *([last_row] if last_row is not None else []), *(p["version"] for p in products),
                           *(c["version"] for c in checkin_lists),
                           *(_zone_versions(position, after) if changed else [])])
    envelope = {"next_cursor": next_cursor, "has_more": has_more, "products": products,
                "checkin_lists": checkin_lists, "conference": info,
                "server_id": server_id, "last_version": last_version,
                **(zone_figures(session, conference_id, position.has_zones) if changed else {})}
    writer.write(b"]," + json.dumps(envelope, separators=(",", ":"))[1:].encode())
    return writer.body()


def _products(session: Session, conference_id: int, after: int) -> list[dict]:
    return [  # "kind" is ProductRecord's wire name for its product type (kiosks in the field read it)
        {"kind": product_type, "id": p_id, "name": name, "version": version}
        for product_type, model in (("ticket_type", TicketType), ("addon", AddOn))
        for p_id, name, version in session.execute(
            select(model.id, model.name, model.sync_version)
            .where(model.conference_id == conference_id, model.sync_version > after))
    ]


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def _attendee_records(session: Session, conference_id: int, rows, page, lists: bool) -> list[dict]:
    if not rows:
        return []
    ids = select(Attendee.id).where(*page).scalar_subquery()
    order_ids = select(Attendee.order_id).where(*page).scalar_subquery()
    ticket_names = dict(session.execute(select(TicketType.id, TicketType.name)
                                        .where(TicketType.conference_id == conference_id)).all())
    addon_lines: dict[int, list] = defaultdict(list)
    for line in session.execute(select(OrderLineItem.order_id, OrderLineItem.id, OrderLineItem.addon_id,
                                       OrderLineItem.description, OrderLineItem.quantity)
                                .where(OrderLineItem.order_id.in_(order_ids), OrderLineItem.addon_id.is_not(None))):
        addon_lines[line.order_id].append(line)
    redeemed = {
        (attendee_id, line_id): count
        for attendee_id, line_id, count in session.execute(
            select(ProductRedemption.attendee_id, ProductRedemption.order_line_item_id, func.count())
            .where(ProductRedemption.attendee_id.in_(ids))
            .group_by(ProductRedemption.attendee_id, ProductRedemption.order_line_item_id)
        )
    }
    last_print: dict[int | None, tuple[dt.datetime, str]] = {}  # an event's attendee_id is nullable
    for attendee_id, at, station in session.execute(
        select(SyncEvent.attendee_id, SyncEvent.occurred_at, SyncEvent.station)
        .where(SyncEvent.attendee_id.in_(ids), SyncEvent.kind == "badge_printed", SyncEvent.status == "applied")
        .order_by(SyncEvent.occurred_at)
    ):
        last_print[attendee_id] = (at, station)
    last_check_in: dict[int, tuple] = {}
    for attendee_id, at, station in session.execute(
        select(CheckIn.attendee_id, CheckIn.checked_in_at, CheckIn.station)
        .where(CheckIn.attendee_id.in_(ids)).order_by(CheckIn.checked_in_at)
    ):
        last_check_in[attendee_id] = (at, station)
    # Check-in lists count entries: then a kiosk needs every passage (one more statement, only then).
    passages: dict[int, list[dict]] = defaultdict(list)
    if lists:
        for attendee_id, moments in load_passages(session, [r.id for r in rows])[0].items():
            passages[attendee_id] = [{"at": p.at.isoformat(), "entering": p.entering, "station": p.station}
                                     for p in sorted(moments)]

    records = []
    for r in rows:
        holdings = []
        if r.ticket_type_id:  # HoldingRecord's wire names: "kind" is the product type
            holdings.append({"kind": "ticket_type", "product_id": r.ticket_type_id,
                             "name": ticket_names.get(r.ticket_type_id, ""), "quantity": 1, "redeemed": 0,
                             "line_item_id": None})
        for line in addon_lines.get(r.order_id, ()):
            holdings.append({"kind": "addon", "product_id": line.addon_id, "name": line.description,
                             "quantity": line.quantity, "redeemed": redeemed.get((r.id, line.id), 0),
                             "line_item_id": line.id})
        at, station = last_check_in.get(r.id, (None, ""))
        printed_at, printed_station = last_print.get(r.id, (None, ""))
        records.append({
            "id": r.id, "access_code": r.access_code, "first_name": r.first_name, "last_name": r.last_name,
            "email": r.email, "company": r.company,
            "ticket_type": ticket_names.get(r.ticket_type_id, "General Admission"),
            "order_status": r.status.value if r.status is not None else None,
            "checked_in_at": _iso(r.checked_in_at), "last_check_in_at": _iso(at), "last_check_in_station": station,
            "inside": r.inside, "holdings": holdings, "version": r.sync_version,
            "badge_printed_at": _iso(printed_at), "badge_printed_station": printed_station,
            "passages": passages.get(r.id, []), "language": r.language or "",
        })
    return records
