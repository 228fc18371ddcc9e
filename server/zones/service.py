"""Zones: set-up, where a batch of scans takes people, the live figures with their alarms, the nightly reset.

Who goes where is ``shared.zone_moves``'s rule, the one the kiosks decide by; here it is applied to
what kiosks upload and to the counts the database keeps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.conferences.local_time import conference_zone, in_zone
from server.conferences.models import Conference
from server.db.base import utcnow
from server.errors import InvalidInput, NotFound
from server.zones import repository
from server.zones.models import Zone
from shared.languages import N_, Marked
from shared.zone_moves import NOWHERE, Alarm, AtFull, Whereabouts, ZoneDoor, ZoneMap, ZoneRole, alarm

MAX_CAPACITY = 1_000_000


def create_zone(session: Session, conference: Conference, *, name: str, capacity: int = 0,
                parent_id: int | None = None, at_full: str = "warn", reset_at: dt.time | None = None,
                now: dt.datetime | None = None) -> Zone:
    """A new zone of ``conference``, inside ``parent_id`` (a zone of the same conference) when given.

    A reset time already past today counts as done today: a zone made at 10:00 with a reset at 04:00
    is not emptied at once."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput(Marked(N_("A zone needs a name of 1 to 100 characters.")))
    if not 0 <= capacity <= MAX_CAPACITY:
        raise InvalidInput(Marked(N_("A zone's capacity is a whole number from 0 (not limited) to %(maximum)s."),
                                  maximum=f"{MAX_CAPACITY:,}"))
    if at_full not in set(AtFull):
        raise InvalidInput(Marked(N_("At full, a zone's doors either warn or refuse.")))
    if parent_id is not None and session.scalar(
            select(Zone.id).where(Zone.id == parent_id, Zone.conference_id == conference.id)) is None:
        raise NotFound(Marked(N_("There is no such zone to hold it.")))
    if session.scalar(select(Zone.id).where(Zone.conference_id == conference.id, Zone.name == name)) is not None:
        raise InvalidInput(Marked(N_("The conference has a zone named %(name)s already."), name=repr(name)))
    local = in_zone(now or utcnow(), conference_zone(conference.timezone))
    zone = Zone(conference_id=conference.id, name=name, capacity=capacity, parent_id=parent_id, at_full=at_full,
                reset_at=reset_at, reset_on=local.date() if reset_at is not None and local.time() >= reset_at else None)
    session.add(zone)
    session.flush()
    return zone


class BatchMoves:
    """Where one upload's scans take its attendees: folded one by one, written together at the end.

    The latest move wins (``shared.zone_moves``), so the batch's moves and the stored whereabouts
    combine the same whatever order kiosks' uploads arrive in.
    """

    def __init__(self, session: Session, conference_id: int, attendee_ids: set[int]) -> None:
        self.session, self.conference_id = session, conference_id
        self.zones = repository.zone_map(session, conference_id)
        self.where = repository.whereabouts(session, attendee_ids)
        self.moved: dict[int, Whereabouts] = {}
        self.to_recount: set[int] = set()

    def move(self, attendee_id: int, door: ZoneDoor, at: dt.datetime) -> None:
        before = self.moved.get(attendee_id) or self.where.get(attendee_id) or Whereabouts()
        self.moved[attendee_id] = self.zones.moved(before, door, at)

    def taken_back(self, attendee_id: int) -> None:
        """An undone scan moved this attendee: where they are is found again from the scans left."""
        self.to_recount.add(attendee_id)

    def write(self, recounted: dict[int, Whereabouts]) -> None:
        """``recounted``: where the attendees ``to_recount`` are by the scans stored now, this batch's included."""
        self.moved.update(recounted)
        repository.write_whereabouts(self.session, self.conference_id, self.moved)


def whereabouts_from_moves(zones: ZoneMap, attendee_ids: set[int],
                           moves: Iterable[tuple[int, dt.datetime, ZoneDoor]]) -> dict[int, Whereabouts]:
    """Where these attendees are by these moves (attendee, moment, door) alone: the latest wins."""
    where: dict[int, Whereabouts] = dict.fromkeys(attendee_ids, NOWHERE)
    for attendee_id, at, door in moves:
        where[attendee_id] = zones.moved(where[attendee_id], door, at)
    return where


def door_of(zone_role: str | None, zone_id: int | None, to_zone_id: int | None) -> ZoneDoor | None:
    return ZoneDoor(ZoneRole(zone_role), zone_id, to_zone_id) if zone_role and zone_id else None


@dataclass(frozen=True)
class ZoneFigure:
    id: int
    name: str
    parent_id: int | None
    depth: int  # 0 for the venue, 1 for a hall in it, …
    capacity: int
    at_full: str
    inside: int  # its rooms' people included

    @property
    def alarm(self) -> Alarm | None:
        return alarm(self.inside, self.capacity)

    @property
    def share(self) -> float | None:
        return self.inside / self.capacity if self.capacity else None


def figures(session: Session, conference_id: int) -> list[ZoneFigure]:
    """Every zone with how many are inside it now (the running counts summed up the tree), parents first."""
    zones = repository.zone_map(session, conference_id)
    inside = zones.occupancy(repository.people_at(session, conference_id))
    rows = [ZoneFigure(z.id, z.name, z.parent_id, len(zones.path(z.id)) - 1, z.capacity, z.at_full.value,
                       inside[z.id]) for z in zones.zones.values()]
    return sorted(rows, key=lambda f: tuple(zones.zones[z].name for z in zones.path(f.id)))


def reset_times(session: Session, conference_id: int) -> dict[int, dt.time | None]:
    """Each zone's nightly reset time on the venue's clock (None: never)."""
    return {zone.id: zone.reset_at for zone in repository.zone_rows(session, conference_id)}


def zone_map(session: Session, conference_id: int) -> ZoneMap:
    return repository.zone_map(session, conference_id)


def reset_moments(session: Session, conference_id: int, start: dt.datetime, end: dt.datetime
                  ) -> list[tuple[dt.datetime, int]]:
    """(moment, zone) of every nightly reset between ``start`` and ``end``, in time order (the exports replay them)."""
    timezone = session.scalar(select(Conference.timezone).where(Conference.id == conference_id)) or "UTC"
    zone_info = conference_zone(timezone)
    moments = []
    for zone in repository.zone_rows(session, conference_id):
        if zone.reset_at is None:
            continue
        day = in_zone(start, zone_info).date() - dt.timedelta(days=1)
        while (moment := dt.datetime.combine(day, zone.reset_at, zone_info).astimezone(dt.UTC)) <= end:
            if moment >= start:
                moments.append((moment, zone.id))
            day += dt.timedelta(days=1)
    return sorted(moments)


def reset_due(session: Session, now: dt.datetime) -> int:
    """Each zone whose reset time has passed today on its venue's clock, and not reset since: everyone
    at it (or its rooms) is put at its parent (outside, for the venue). People leave without scanning
    out; a morning that starts from last night's count would be wrong all day. How many were moved."""
    moved = 0
    due = session.execute(select(Zone, Conference.timezone).join(Conference, Conference.id == Zone.conference_id)
                          .where(Zone.reset_at.is_not(None))).all()
    for zone, timezone in due:
        local = in_zone(now, conference_zone(timezone))
        assert zone.reset_at is not None
        if local.time() < zone.reset_at or zone.reset_on == local.date():
            continue
        # A new version of the zone (kiosks fetch the figures again), stamped at this flush: it takes the
        # conference's feed lock before the presence rows are touched, the order an upload takes them in
        # (feed lock, then whereabouts); the other order could deadlock with an upload on PostgreSQL.
        zone.reset_on = local.date()
        session.flush()
        zones = repository.zone_map(session, zone.conference_id)
        subtree = {z for z in zones.zones if zone.id in zones.path(z)}
        moved += repository.move_everyone(session, subtree, zone.parent_id, now)
    return moved
