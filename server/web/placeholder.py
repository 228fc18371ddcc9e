"""A stand-in dashboard page until the dashboard's own page exists; delete this module and its router line then."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from server.api import DbSession
from server.users.models import Role
from server.web.console import SignedIn, conference_for, render

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)


@router.get("/conferences/{slug}/dashboard")
def dashboard(request: Request, db: DbSession, user: SignedIn, slug: str) -> HTMLResponse:
    """A conference's dashboard (placeholder)."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return render(request, "placeholder_dashboard.html", conference=conference)
