"""Named queries of zones: the tree, where attendees are, the running counts, and their set-wise writes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from server.db.bulk import insert_rows, one_of
from server.zones.models import Zone, ZoneCount, ZonePresence
from shared.zone_moves import AtFull, Whereabouts, ZoneMap
from shared.zone_moves import Zone as ZoneRule


def zone_rows(session: Session, conference_id: int) -> list[Zone]:
    return list(session.scalars(select(Zone).where(Zone.conference_id == conference_id).order_by(Zone.id)))


def zone_map(session: Session, conference_id: int) -> ZoneMap:
    return ZoneMap(ZoneRule(z.id, z.name, z.capacity, z.parent_id, AtFull(z.at_full))
                   for z in zone_rows(session, conference_id))


def people_at(session: Session, conference_id: int) -> dict[int, int]:
    """The running counts: people *at* each zone (server.zones.counting keeps them)."""
    return {zone_id: int(n) for zone_id, n in session.execute(
        select(ZoneCount.zone_id, ZoneCount.at_zone).join(Zone, Zone.id == ZoneCount.zone_id)
        .where(Zone.conference_id == conference_id))}


def whereabouts(session: Session, attendee_ids: set[int]) -> dict[int, Whereabouts]:
    if not attendee_ids:
        return {}
    return {attendee_id: Whereabouts(since, zone_id) for attendee_id, zone_id, since in session.execute(
        select(ZonePresence.attendee_id, ZonePresence.zone_id, ZonePresence.since)
        .where(one_of(session, ZonePresence.attendee_id, attendee_ids)))}


def write_whereabouts(session: Session, conference_id: int, moved: dict[int, Whereabouts]) -> None:
    """Put these attendees where they are now: their rows replaced (the triggers count the difference)."""
    moved = {a: w for a, w in moved.items() if w.since is not None}
    if not moved:
        return
    session.execute(delete(ZonePresence).where(one_of(session, ZonePresence.attendee_id, set(moved)))
                    .execution_options(synchronize_session=False))
    insert_rows(session, ZonePresence, [{"attendee_id": a, "conference_id": conference_id, "zone_id": w.zone_id,
                                         "since": w.since} for a, w in sorted(moved.items())])


def move_everyone(session: Session, zone_ids: set[int], to_zone_id: int | None, at: dt.datetime) -> int:
    """The nightly reset: everyone at these zones is at ``to_zone_id`` from ``at``; how many moved."""
    result = session.execute(update(ZonePresence).where(ZonePresence.zone_id.in_(zone_ids))
                             .values(zone_id=to_zone_id, since=at).execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def counted_from_rows(session: Session, conference_id: int) -> dict[int, int]:
    """People at each zone counted from the presence rows themselves (what the triggers' counts must equal)."""
    return {zone_id: int(n) for zone_id, n in session.execute(
        select(ZonePresence.zone_id, func.count()).where(ZonePresence.conference_id == conference_id,
                                                         ZonePresence.zone_id.is_not(None))
        .group_by(ZonePresence.zone_id)) if zone_id is not None}



