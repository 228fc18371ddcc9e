"""Conferences in the admin API: their live figures."""

from __future__ import annotations

from fastapi import APIRouter

from server.api import AdminOnly, DbSession, SlugPath
from server.attendees.repository import attendance
from server.capacity.service import get_global_remaining, get_global_sold_count
from server.conferences.schemas import ConferenceStats
from server.conferences.service import get_conference

router = APIRouter(prefix="/api/v1/admin", tags=["admin"], dependencies=[AdminOnly])


@router.get("/conferences/{slug}/stats", response_model=ConferenceStats)
def conference_stats(slug: SlugPath, session: DbSession) -> ConferenceStats:
    """Live figures: seats sold and remaining, attendees and how many are checked in."""
    conference = get_conference(session, slug)
    attendees, checked_in = attendance(session, conference.id)
    return ConferenceStats(
        slug=conference.slug, name=conference.name, total_capacity=conference.total_capacity,
        sold=get_global_sold_count(session, conference), remaining=get_global_remaining(session, conference),
        attendees=attendees, checked_in=checked_in,
    )
