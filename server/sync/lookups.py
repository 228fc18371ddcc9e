"""Who looked up whom at the kiosks: searches typed and attendees opened, uploaded after the scans.

A kiosk sends a batch again when it did not hear the answer; each lookup is stored once by its UUID
(an insert that does nothing for a UUID already there, so two copies racing store one), and the
receipt names every UUID of the batch so the kiosk forgets them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.db.base import utcnow
from server.db.bulk import one_of
from server.devices.models import Device
from server.devices.service import DeviceRef
from server.sync.models import KioskLookup
from shared.protocol import KioskLookup as KioskLookupRecord

PAGE_SIZE = 100


def record_lookups(session: Session, device: DeviceRef, lookups: list[KioskLookupRecord]) -> None:
    if not lookups:
        return
    codes = {lookup.access_code for lookup in lookups if lookup.access_code}
    attendees: dict[str, int] = dict(session.execute(
        select(Attendee.access_code, Attendee.id)
        .where(Attendee.conference_id == device.conference_id, one_of(session, Attendee.access_code, codes))
    ).all()) if codes else {}
    now = utcnow()
    rows = [{"uuid": str(lookup.uuid), "conference_id": device.conference_id, "device_id": device.id,
             "station": lookup.station, "kind": lookup.kind.value, "query": lookup.query,
             "access_code": lookup.access_code, "attendee_id": attendees.get(lookup.access_code),
             "occurred_at": lookup.occurred_at, "received_at": now}
            for lookup in {str(lookup.uuid): lookup for lookup in lookups}.values()]
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(KioskLookup).on_conflict_do_nothing(index_elements=["uuid"]), rows)


@dataclass(frozen=True)
class LookupLine:
    occurred_at: dt.datetime
    station: str
    device: str
    kind: str
    query: str
    access_code: str
    attendee_id: int | None
    attendee_name: str


def lookups_page(session: Session, conference_id: int, page: int) -> tuple[list[LookupLine], bool]:
    """Newest first, ``PAGE_SIZE`` a page; and whether there is a page after it."""
    rows = session.execute(
        select(KioskLookup, Device.name, Attendee.first_name, Attendee.last_name)
        .join(Device, Device.id == KioskLookup.device_id)
        .outerjoin(Attendee, Attendee.id == KioskLookup.attendee_id)
        .where(KioskLookup.conference_id == conference_id)
        .order_by(KioskLookup.occurred_at.desc(), KioskLookup.id.desc())
        .offset(page * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    lines = [LookupLine(lookup.occurred_at, lookup.station, device, lookup.kind, lookup.query, lookup.access_code,
                        lookup.attendee_id, f"{first or ''} {last or ''}".strip())
             for lookup, device, first, last in rows[:PAGE_SIZE]]
    return lines, len(rows) > PAGE_SIZE
