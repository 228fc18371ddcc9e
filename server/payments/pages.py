"""Console page: the conference's Stripe webhook events that need a person, and retrying them.

An event whose handler failed (recorded, not applied) can be retried here; an event applied with a
note (a payment that could not be honoured, a partial refund of a bulk purchase) is listed for a
person to act on, with nothing to retry. Reading: every role; retrying: owners and organizers.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.api import DbSession
from server.conferences.models import Conference
from server.db.engine import unit_of_work
from server.errors import DomainError, NotFound
from server.payments.repository import stripe_events
from server.payments.webhooks import retry_event
from server.users.models import Role
from server.web.console import CsrfProtected, SignedIn, conference_for, page_not_found, render
from shared.languages import N_, Marked

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)
EventIdPath = Annotated[str, Path(pattern=r"^evt_[A-Za-z0-9_]{1,200}$")]


def _events_page(request: Request, session, conference: Conference, *, show_all: bool, status_code: int = 200,
                 error: str = "", notice: str = "") -> HTMLResponse:
    return render(request, "stripe_events.html", status_code=status_code, conference=conference,
                  events=stripe_events(session, conference.id, problems_only=not show_all), show_all=show_all,
                  error=error, notice=notice)


@router.get("/conferences/{slug}/orders/stripe-events")
def events(request: Request, db: DbSession, user: SignedIn, slug: str, show: str = "", retried: str = "") -> HTMLResponse:
    """Stripe webhook events with problems (``show=all``: every event), newest first."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return _events_page(request, db, conference, show_all=show == "all",
                        notice=Marked(N_("Event %(event)s applied."), event=retried) if retried.startswith("evt_") else "")


@router.post("/conferences/{slug}/orders/stripe-events/{event_id}/retry", dependencies=[CsrfProtected])
def retry(request: Request, db: DbSession, user: SignedIn, slug: str, event_id: EventIdPath) -> Response:
    """Apply again an event whose handler failed; if it fails again, the page says why."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    # The request's transaction only read; on SQLite it holds the one write lock, which the event's
    # own units of work need: it ends here and is not used again.
    db.commit()
    factory = request.app.state.session_factory
    try:
        retry_event(factory, conference.id, event_id)
    except NotFound:
        raise page_not_found() from None
    except DomainError as error:  # failed again (recorded on the event), or applied already
        with unit_of_work(factory) as session:
            return _events_page(request, session, conference, show_all=False, status_code=409,
                                error=Marked(N_("Not applied: %(reason)s"), reason=error.message))
    return RedirectResponse(f"/conferences/{slug}/orders/stripe-events?retried={event_id}", status_code=303)
