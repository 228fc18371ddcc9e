"""Console page: conflicts in words with the scans behind them; resolving one with a note (door lead and up)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.api import DbSession, IdPath
from server.conferences.models import Conference
from server.conflicts.service import MAX_NOTE, conflict_views, resolve_conflict
from server.errors import DomainError, NotFound
from server.users.models import Role
from server.web import forms, language
from server.web.console import ConsoleUser, CsrfProtected, SignedIn, conference_for, page_not_found, render
from server.web.forms import refused
from shared.languages import N_

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)


def _page(request: Request, db, conference: Conference, *, show_resolved: bool, notice: str = "", error: str = "",
          error_for: int | None = None, note: str = "", status_code: int = 200) -> HTMLResponse:
    return render(request, "conflicts.html", status_code=status_code, conference=conference,
                  conflicts=conflict_views(db, conference, include_resolved=show_resolved),
                  show_resolved=show_resolved, notice=notice, error=error, error_for=error_for, note=note,
                  max_note=MAX_NOTE)


@router.get("/conferences/{slug}/conflicts")
def conflicts(request: Request, db: DbSession, user: SignedIn, slug: str,
              show: Annotated[str, Query(max_length=20)] = "", resolved: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """Scans kiosks allowed offline that the server could not honour; resolved ones only with ``show=resolved``."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    return _page(request, db, conference, show_resolved=show == "resolved",
                 notice=language.for_request(request).gettext(
                     "Conflict resolved. Kiosks show the note in their operator panel.") if resolved else "")


@router.post("/conferences/{slug}/conflicts/{conflict_id}/resolve", dependencies=[CsrfProtected])
def resolve(request: Request, db: DbSession, user: SignedIn, slug: str, conflict_id: IdPath,
            note: Annotated[str, Form(max_length=4000)] = "") -> Response:
    """Resolve a conflict with a note saying what was done; who and when are recorded."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    try:
        resolve_conflict(db, conference, conflict_id, by=_by(user),
                         note=forms.text(note, N_("note"), max_length=MAX_NOTE, multiline=True))
    except NotFound:
        raise page_not_found() from None
    except DomainError as refusal:  # no note, a note too long, resolved by someone else meanwhile
        refused(request, db, refusal)
        return _page(request, db, conference, show_resolved=False, error=refusal.message, error_for=conflict_id,
                     note=note, status_code=refusal.http_status)
    return RedirectResponse(f"/conferences/{slug}/conflicts?resolved={conflict_id}", status_code=303)


def _by(user: ConsoleUser) -> str:
    return user.display_name or user.email
