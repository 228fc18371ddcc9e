"""Zones in the admin API: set them up, read who is inside each."""

from __future__ import annotations

from fastapi import APIRouter

from server.api import AdminOnly, DbSession, SlugPath
from server.conferences.service import get_conference
from server.zones.schemas import ZoneCreate, ZoneRead
from server.zones.service import create_zone, figures

router = APIRouter(prefix="/api/v1/admin", tags=["admin"], dependencies=[AdminOnly])


@router.post("/conferences/{slug}/zones", response_model=ZoneRead, status_code=201)
def add_zone(slug: SlugPath, body: ZoneCreate, session: DbSession) -> ZoneRead:
    """A new zone: a name, a capacity, the zone that holds it, warn or refuse at full, a nightly reset time."""
    conference = get_conference(session, slug)
    zone = create_zone(session, conference, name=body.name, capacity=body.capacity, parent_id=body.parent_id,
                       at_full=body.at_full, reset_at=body.reset_at)
    return ZoneRead(id=zone.id, name=zone.name, parent_id=zone.parent_id, capacity=zone.capacity,
                    at_full=zone.at_full, inside=0, alarm=None)


@router.get("/conferences/{slug}/zones", response_model=list[ZoneRead])
def list_zones(slug: SlugPath, session: DbSession) -> list[ZoneRead]:
    """Every zone with how many are inside now (its rooms included) and the alarm it is at."""
    conference = get_conference(session, slug)
    return [ZoneRead(id=f.id, name=f.name, parent_id=f.parent_id, capacity=f.capacity, at_full=f.at_full,
                     inside=f.inside, alarm=int(f.alarm) if f.alarm else None)
            for f in figures(session, conference.id)]
