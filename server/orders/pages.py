"""Console pages: orders (search, one order), refunds through Stripe and cancelling.

Every role may read orders; only owners and organizers refund or cancel (a door lead or viewer
gets the "no such page" 404, and nothing is written). Refunds go through
server.payments.service, which asks Stripe with no transaction open.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from server.api import DbSession, ReferencePath
from server.conferences.models import Conference
from server.db.engine import unit_of_work
from server.errors import DomainError, InvalidInput, NotFound
from server.orders.models import OrderStatus
from server.orders.repository import order_attendees, order_in, search_orders
from server.orders.service import cancel_order
from server.payments.repository import stripe_events, stripe_events_about
from server.payments.service import REFUNDABLE, refund_order_through_stripe
from server.users.models import Role
from server.web import forms
from server.web.console import CsrfProtected, SignedIn, conference_for, page_not_found, render
from server.web.forms import refused

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)
FormText = Annotated[str, Form()]


@router.get("/conferences/{slug}/orders")
def orders(request: Request, db: DbSession, user: SignedIn, slug: str,
           q: Annotated[str, Query(max_length=200)] = "", page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    """A conference's orders, newest first, searched by reference, buyer email or name; 50 a page."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    found = search_orders(db, conference.id, q.replace("\x00", ""), page=page)  # (a NUL finds nothing)
    problems = len(stripe_events(db, conference.id, problems_only=True))
    return render(request, "orders.html", conference=conference, found=found, q=q, problems=problems)


def _order_page(request: Request, db: Session, conference: Conference, reference: str, *, status_code: int = 200,
                error: str = "", notice: str = "", values: dict[str, Any] | None = None) -> HTMLResponse:
    order = order_in(db, conference.id, reference)
    if order is None:
        raise page_not_found()
    return render(request, "order.html", status_code=status_code, conference=conference, order=order,
                  attendees=order_attendees(db, order.id), refundable=order.status in REFUNDABLE,
                  left=order.total - order.amount_refunded, Status=OrderStatus,
                  events=stripe_events_about(db, conference.id, checkout_session_id=order.stripe_checkout_session_id,
                                             payment_intent_id=order.stripe_payment_intent_id),
                  error=error, notice=notice, values=values or {})


NOTICES = {"refunded": "Refunded through Stripe.", "cancelled": "Order cancelled."}


@router.get("/conferences/{slug}/orders/{reference}")
def order_page(request: Request, db: DbSession, user: SignedIn, slug: str, reference: ReferencePath,
               done: str = "") -> HTMLResponse:
    """One order: its lines, payment and refunds, its attendees, and its Stripe events."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return _order_page(request, db, conference, reference, notice=NOTICES.get(done, ""))


@router.post("/conferences/{slug}/orders/{reference}/refund", dependencies=[CsrfProtected])
def refund(request: Request, db: DbSession, user: SignedIn, slug: str, reference: ReferencePath,
           amount: FormText = "", refunded_before: FormText = "", confirm: FormText = "") -> Response:
    """Refund all or part of a paid order through Stripe; a full refund stops its badges at the door."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    if order_in(db, conference.id, reference) is None:
        raise page_not_found()
    values = {"amount": amount}
    try:
        value = forms.money(amount, "refund amount", currency=conference.currency, required=True)
        before = forms.money(refunded_before, "amount refunded before", currency=conference.currency)
        if confirm != "yes":
            raise InvalidInput("Tick the box to confirm the refund: nothing was refunded.")
    except DomainError as error:
        return _order_page(request, db, conference, reference, status_code=error.http_status, error=error.message,
                           values=values)
    # The request's transaction only read; on SQLite it holds the one write lock, so it ends before
    # Stripe is asked (the service's own short units of work do the rest) and is not used again.
    db.commit()
    try:
        refund_order_through_stripe(request.app.state.session_factory, reference, value, conference_id=conference.id,
                                    refunded_before=before)
    except NotFound:
        raise page_not_found() from None
    except DomainError as error:
        with unit_of_work(request.app.state.session_factory) as session:
            return _order_page(request, session, conference, reference, status_code=error.http_status,
                               error=error.message, values=values)
    return RedirectResponse(f"/conferences/{slug}/orders/{reference}?done=refunded", status_code=303)


@router.post("/conferences/{slug}/orders/{reference}/cancel", dependencies=[CsrfProtected])
def cancel(request: Request, db: DbSession, user: SignedIn, slug: str, reference: ReferencePath,
           confirm: FormText = "") -> Response:
    """Cancel a pending order (its seats go back) or a paid one (its badges stop working; no money moves)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    order = order_in(db, conference.id, reference)
    if order is None:
        raise page_not_found()
    try:
        if confirm != "yes":
            raise InvalidInput("Tick the box to confirm cancelling: nothing was changed.")
        cancel_order(db, order)
    except DomainError as error:
        refused(request, db, error)
        return _order_page(request, db, conference, reference, status_code=error.http_status, error=error.message)
    return RedirectResponse(f"/conferences/{slug}/orders/{reference}?done=cancelled", status_code=303)


