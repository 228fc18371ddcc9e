"""Console page: who looked up whom at the kiosks (owners only: it names who searched for whom)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from server.api import DbSession
from server.sync.lookups import lookups_page
from server.users.models import Role
from server.web.console import SignedIn, conference_for, render

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)


@router.get("/conferences/{slug}/lookups")
def lookups(request: Request, db: DbSession, user: SignedIn, slug: str,
            page: Annotated[int, Query(ge=0, le=100_000)] = 0) -> HTMLResponse:
    """Searches typed and attendees opened at each kiosk, newest first, with station, device and time."""
    conference = conference_for(db, user, slug, at_least=Role.OWNER)
    lines, more = lookups_page(db, conference.id, page)
    return render(request, "lookups.html", conference=conference, lines=lines, page=page, more=more)
