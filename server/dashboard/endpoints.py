"""The dashboard's figures in the admin API, for automation: the doors' flow."""

from __future__ import annotations

from fastapi import APIRouter

from server.api import AdminOnly, DbSession, SlugPath
from server.conferences.service import get_conference
from server.dashboard.flow import flow
from server.dashboard.repository import attendance
from server.dashboard.schemas import DoorFlowRead, FlowRead
from server.db.base import utcnow

router = APIRouter(prefix="/api/v1/admin", tags=["admin"], dependencies=[AdminOnly])


@router.get("/conferences/{slug}/flow", response_model=FlowRead)
def door_flow(slug: SlugPath, session: DbSession) -> FlowRead:
    """Each door's admitted and refused per minute (15 minutes), the people to come and how long they will take."""
    conference = get_conference(session, slug)
    counts = attendance(session, conference.id)
    taken = flow(session, conference.id, counts.expected - counts.checked_in, utcnow())
    return FlowRead(to_come=taken.to_come, per_minute=taken.per_minute, busy_doors=taken.busy_doors,
                    minutes_to_admit=taken.minutes_to_admit, summary=taken.summary,
                    doors=[DoorFlowRead(station=d.station, admitted_per_minute=list(d.admitted),
                                        refused_per_minute=list(d.refused), flag=d.flag) for d in taken.doors])
