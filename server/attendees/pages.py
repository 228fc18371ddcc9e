"""Console pages: attendees (search), one attendee (order, holdings, every scan), check-in and undo by hand, the badge.

Viewers read; door leads and up correct check-ins (recorded with their name) and print badges (a badge
carries the signed code that opens the door).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.api import DbSession, IdPath
from server.attendees.badge_pdf import printable_badge
from server.attendees.service import UNKNOWN_LANGUAGE, SearchPage, UnknownLanguage, get_attendee, search, set_language
from server.checkin import service as checkin_service
from server.checkin.attendee_story import attendee_detail
from server.conferences.models import Conference
from server.errors import Conflict, InvalidInput, NotFound
from server.users.models import Role
from server.web import forms
from server.web.console import (
    ConsolePageError,
    ConsoleUser,
    CsrfProtected,
    SignedIn,
    conference_for,
    page_not_found,
    render,
)
from server.web.forms import refused
from server.web.language import gettext as _
from server.web.language import request_language, speaking
from shared.languages import N_

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)

DONE = {"checked-in": N_("Checked in by hand."), "undone": N_("Check-in taken back."),  # the page shows _(them)
        "language": N_("Language saved: the print stations have it at their next sync.")}


def _by(user: ConsoleUser) -> str:
    """Who did it, as the audit trail names them."""
    return (user.display_name or user.email)[:100]


@router.get("/conferences/{slug}/attendees")
def attendees(request: Request, db: DbSession, user: SignedIn, slug: str,
              q: Annotated[str, Query(max_length=200)] = "",
              page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> HTMLResponse:
    """Search a conference's attendees by the start of a name, email, company or access code."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    try:
        q = forms.search_text(q)
    except InvalidInput as refusal:  # a NUL would reach PostgreSQL, which answers it with an error
        return render(request, "attendees.html", status_code=422, conference=conference,
                      results=SearchPage(query="", rows=[], page=1, has_next=False), search_error=refusal.message)
    return render(request, "attendees.html", conference=conference, results=search(db, conference, q, page))


def _detail_page(request: Request, db, user: ConsoleUser, conference: Conference, attendee_id: int, *,
                 notice: str = "", error: str = "", status_code: int = 200) -> HTMLResponse:
    try:
        detail = attendee_detail(db, conference, attendee_id)
    except NotFound:
        raise page_not_found() from None
    role = user.role_in(conference)
    return render(request, "attendee.html", status_code=status_code, conference=conference, detail=detail,
                  can_correct=role is not None and role.at_least(Role.DOOR_LEAD), notice=notice, error=error)


@router.get("/conferences/{slug}/attendees/{attendee_id}")
def attendee(request: Request, db: DbSession, user: SignedIn, slug: str, attendee_id: IdPath,
             done: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    """One attendee: order, holdings, redemptions and every scan across stations in time order."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return _detail_page(request, db, user, conference, attendee_id, notice=DONE.get(done, ""))


def _attendee_of(db, conference: Conference, attendee_id: int):
    try:
        return get_attendee(db, conference, attendee_id)
    except NotFound:
        raise page_not_found() from None


@router.post("/conferences/{slug}/attendees/{attendee_id}/check-ins", dependencies=[CsrfProtected])
def check_in(request: Request, db: DbSession, user: SignedIn, slug: str, attendee_id: IdPath) -> Response:
    """Check an attendee in by hand (door lead and up); recorded with the user's name, sent to every kiosk."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    attendee = _attendee_of(db, conference, attendee_id)
    try:
        checkin_service.check_in_by_hand(db, attendee=attendee, by=_by(user))
    except Conflict as refused:
        return _detail_page(request, db, user, conference, attendee_id, error=refused.message, status_code=409)
    return RedirectResponse(f"/conferences/{slug}/attendees/{attendee_id}?done=checked-in", status_code=303)


@router.post("/conferences/{slug}/attendees/{attendee_id}/check-ins/{check_in_id}/undo", dependencies=[CsrfProtected])
def undo_check_in(request: Request, db: DbSession, user: SignedIn, slug: str, attendee_id: IdPath,
                  check_in_id: IdPath) -> Response:
    """Take back one check-in (door lead and up); the correction is recorded with the user's name."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    attendee = _attendee_of(db, conference, attendee_id)
    try:
        checkin_service.undo_check_in(db, attendee=attendee, check_in_id=check_in_id, by=_by(user))
    except NotFound:
        with speaking(request_language(request)):
            gone = _("That check-in is not there any more (someone took it back already?).")
        return _detail_page(request, db, user, conference, attendee_id, status_code=404, error=gone)
    return RedirectResponse(f"/conferences/{slug}/attendees/{attendee_id}?done=undone", status_code=303)


@router.post("/conferences/{slug}/attendees/{attendee_id}/language", dependencies=[CsrfProtected])
def change_language(request: Request, db: DbSession, user: SignedIn, slug: str, attendee_id: IdPath,
                    language: Annotated[str, Form(max_length=40)] = "") -> Response:
    """Set the attendee's language (door lead and up; empty: not known): their badge's printed words."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    attendee = _attendee_of(db, conference, attendee_id)
    try:
        set_language(db, attendee, language)
    except UnknownLanguage as refusal:
        with speaking(request_language(request)):
            message = _(UNKNOWN_LANGUAGE) % refusal.words
        refused(request, db, forms.FieldRefused("language", message))
        return _detail_page(request, db, user, conference, attendee_id, error=message, status_code=422)
    return RedirectResponse(f"/conferences/{slug}/attendees/{attendee_id}?done=language", status_code=303)


@router.get("/conferences/{slug}/attendees/{attendee_id}/badge.pdf")
def badge_pdf(request: Request, db: DbSession, user: SignedIn, slug: str, attendee_id: IdPath) -> Response:
    """The attendee's badge as a PDF (door lead and up), drawn by the badge renderer the server was given."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    attendee = _attendee_of(db, conference, attendee_id)
    renderer = request.app.state.badge_renderer
    if renderer is None:
        raise ConsolePageError(501, "This server was started without a badge renderer, so it cannot draw badges. "
                                    "Start it with the doorstation command (it draws badges with the kiosk's "
                                    "renderer), or print the badge at a kiosk's print station.",
                               "Badges cannot be drawn here")
    pdf = renderer(printable_badge(conference, attendee))
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="badge-{attendee.access_code}.pdf"', "Cache-Control": "no-store"})
