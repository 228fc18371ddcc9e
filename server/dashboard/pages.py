"""The live dashboard page and the fragment it polls (htmx, every few seconds; without JavaScript the
page refreshes itself every 30 seconds)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from server.api import DbSession, SlugPath
from server.dashboard.chart import entries_chart
from server.dashboard.service import snapshot
from server.users.models import Role
from server.web import language
from server.web.console import SignedIn, conference_for, render

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)
POLL_SECONDS = 3  # "it moves within 5 s": a poll every 3 s and a snapshot of a few tens of ms


def _context(request: Request, db, conference) -> dict:
    taken = snapshot(db, conference)
    return {"conference": conference, "snapshot": taken,
            "chart": entries_chart(taken.entries, language.for_request(request)),
            "poll_seconds": POLL_SECONDS}


@router.get("/conferences/{slug}/dashboard")
def dashboard(request: Request, db: DbSession, user: SignedIn, slug: SlugPath) -> HTMLResponse:
    """A conference's live dashboard: checked in against expected, inside now, entries, stations, devices."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return render(request, "dashboard.html", **_context(request, db, conference))


@router.get("/conferences/{slug}/dashboard/live")
def dashboard_live(request: Request, db: DbSession, user: SignedIn, slug: SlugPath) -> HTMLResponse:
    """The dashboard's figures alone, as HTML: what the page fetches every few seconds to stay current."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return render(request, "dashboard_live.html", **_context(request, db, conference))
