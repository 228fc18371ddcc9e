"""The zones page of the console: every zone with who is inside it now, and (organizers and up) a form
to add one. A conference's zones are its own: another conference's zone is never offered as a parent."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.api import DbSession, SlugPath
from server.conferences.models import Conference
from server.errors import InvalidInput, NotFound
from server.users.models import Role
from server.web import forms
from server.web.console import CsrfProtected, SignedIn, conference_for, render
from server.web.forms import refused
from server.zones.models import Zone
from server.zones.service import MAX_CAPACITY, create_zone, figures, reset_times
from shared.languages import N_

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)
AT_FULL = {"warn": N_("Warn, and let in"), "refuse": N_("Refuse entry until someone leaves")}
EMPTY_FORM = {"name": "", "capacity": "", "parent": "", "at_full": "warn", "reset_at": ""}


def _zones_page(request: Request, db, conference: Conference, *, status_code: int = 200,
                form: dict | None = None) -> HTMLResponse:
    return render(request, "zones.html", status_code=status_code, conference=conference,
                  zones=figures(db, conference.id), resets=reset_times(db, conference.id), at_full=AT_FULL,
                  form=form or EMPTY_FORM, adds=Role.ORGANIZER)


@router.get("/conferences/{slug}/zones")
def zones(request: Request, db: DbSession, user: SignedIn, slug: SlugPath) -> HTMLResponse:
    """The conference's zones: capacity, who is inside now (its rooms included), what its doors do at full."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return _zones_page(request, db, conference)


@router.post("/conferences/{slug}/zones", dependencies=[CsrfProtected])
def add_zone(request: Request, db: DbSession, user: SignedIn, slug: SlugPath,
             name: Annotated[str, Form(max_length=10_000)] = "",
             capacity: Annotated[str, Form(max_length=10_000)] = "",
             parent: Annotated[str, Form(max_length=10_000)] = "",
             at_full: Annotated[str, Form(max_length=10_000)] = "warn",
             reset_at: Annotated[str, Form(max_length=10_000)] = "") -> Response:
    """Add a zone (the venue, a hall in it, a room in a hall), then show the list with it."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    form = {"name": name, "capacity": capacity, "parent": parent, "at_full": at_full, "reset_at": reset_at}
    try:
        create_zone(
            db, conference, name=forms.text(name, N_("name"), column=Zone.name, required=True),
            capacity=forms.whole_number(capacity, N_("capacity"), maximum=MAX_CAPACITY),
            parent_id=forms.record_id(parent, N_("zones"), field="parent", required=False),
            at_full=forms.choice(at_full, tuple(AT_FULL), N_("policy at full"), field="at_full"),
            reset_at=forms.time_of_day(reset_at, N_("nightly reset time"), field="reset_at"))
    except NotFound:  # another conference's zone, or none: refused beside the field
        refused(request, db, forms.FieldRefused("parent", N_("Choose one of this conference's zones.")))
        return _zones_page(request, db, conference, status_code=422, form=form)
    except InvalidInput as error:  # nothing written: the form comes back with what was typed
        refused(request, db, error)
        return _zones_page(request, db, conference, status_code=422, form=form)
    return RedirectResponse(f"/conferences/{conference.slug}/zones", status_code=303)
