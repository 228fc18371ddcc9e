"""Console pages: orders (search, one order), refunds through Stripe or recorded outside it, and cancelling.

Every role may read orders; only owners and organizers refund or cancel (a door lead or viewer
gets the "no such page" 404, and nothing is written). Refunds of an order paid through Stripe go
through server.payments.service, which asks Stripe with no transaction open and says "refunded"
only once Stripe has answered; an order paid another way (at the desk, imported) gets its refund
recorded as paid outside Stripe (server.payments.desk), with how, how much and who.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from server.api import DbSession, ReferencePath
from server.attendees.order_search import buyer_names, search_orders
from server.attendees.repository import order_attendees
from server.conferences.models import Conference
from server.errors import DomainError, InvalidInput, NotFound
from server.orders.models import OrderStatus
from server.orders.repository import order_in
from server.orders.service import cancel_order
from server.payments.desk import record_refund_outside_stripe
from server.payments.models import RefundMethod
from server.payments.repository import (
    desk_payment_of,
    refunds_outside_stripe,
    stripe_events,
    stripe_events_about,
)
from server.payments.service import REFUNDABLE, refund_order_through_stripe
from server.users.models import Role
from server.web import forms
from server.web.console import CsrfProtected, SignedIn, conference_for, page_not_found, render
from server.web.forms import refused
from shared.languages import N_, Marked

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
                  attendees=order_attendees(db, order.id), refundable=order.status in REFUNDABLE and order.total > 0,
                  left=order.total - order.amount_refunded, Status=OrderStatus,
                  buyer=buyer_names(db, [order])[order.id], desk_payment=desk_payment_of(db, order.id), outside_refunds=refunds_outside_stripe(db, order.id),
                  refund_methods=list(RefundMethod),
                  events=stripe_events_about(db, conference.id, checkout_session_id=order.stripe_checkout_session_id,
                                             payment_intent_id=order.stripe_payment_intent_id),
                  error=error, notice=notice, values=values or {})


NOTICES = {"cancelled": N_("Order cancelled.")}
REFUND_NOTICES = {"refunded": N_("Refunded %(amount)s through Stripe."),
                  "refund_pending": N_("Stripe accepted the refund of %(amount)s; it is pending at the bank."),
                  "recorded": N_("Recorded a refund of %(amount)s paid outside Stripe.")}
AMOUNT = re.compile(r"^[0-9]{1,12}(\.[0-9]{1,3})?$")


def _refund_notice(conference: Conference, done: str, amount: str) -> str:
    """What the redirect after a refund says: the amount, and how it went back (Stripe answered, or recorded)."""
    if not AMOUNT.match(amount):
        return NOTICES.get(done, "")
    if done not in REFUND_NOTICES:
        return NOTICES.get(done, "")
    # Worded in the reader's language where the page shows it (the amount as the redirect carried it).
    return Marked(REFUND_NOTICES[done], amount=f"{amount} {conference.currency.upper()}")


@router.get("/conferences/{slug}/orders/{reference}")
def order_page(request: Request, db: DbSession, user: SignedIn, slug: str, reference: ReferencePath,
               done: Annotated[str, Query(max_length=40)] = "",
               amount: Annotated[str, Query(max_length=40)] = "") -> HTMLResponse:
    """One order: its lines, payment and refunds, its attendees, and its Stripe events."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return _order_page(request, db, conference, reference, notice=_refund_notice(conference, done, amount))


@router.post("/conferences/{slug}/orders/{reference}/refund", dependencies=[CsrfProtected])
def refund(request: Request, db: DbSession, user: SignedIn, slug: str, reference: ReferencePath,
           amount: FormText = "", refunded_before: FormText = "", confirm: FormText = "") -> Response:
    """Refund all or part of a paid order through Stripe; a full refund stops its badges at the door."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    if order_in(db, conference.id, reference) is None:
        raise page_not_found()
    values = {"amount": amount}
    try:
        value = forms.money(amount, N_("refund amount"), currency=conference.currency, required=True)
        before = forms.money(refunded_before, N_("amount refunded before"), currency=conference.currency)
        if confirm != "yes":
            raise InvalidInput(Marked(N_("Tick the box to confirm the refund: nothing was refunded.")))
        # The request's transaction only read (who is signed in, the order). On SQLite it holds the
        # one write lock, which the service's short units of work before and after Stripe's answer
        # need, and no transaction may stay open while Stripe answers: it ends here. The session goes
        # on in a fresh transaction if the refund is refused (the page is drawn from what is stored).
        db.commit()
        refunded = refund_order_through_stripe(request.app.state.session_factory, reference, value,
                                               conference_id=conference.id, refunded_before=before)
    except NotFound:
        raise page_not_found() from None
    except DomainError as error:  # refused, by the form or by the service: nothing was refunded or recorded
        refused(request, db, error)
        return _order_page(request, db, conference, reference, status_code=error.http_status, error=error.message,
                           values=values)
    done = "refund_pending" if refunded.stripe_status == "pending" else "refunded"
    return RedirectResponse(f"/conferences/{slug}/orders/{reference}?{urlencode({'done': done, 'amount': refunded.amount})}",
                            status_code=303)


@router.post("/conferences/{slug}/orders/{reference}/refund-outside-stripe", dependencies=[CsrfProtected])
def refund_outside_stripe(request: Request, db: DbSession, user: SignedIn, slug: str, reference: ReferencePath,
                          amount: FormText = "", method: FormText = "", refunded_before: FormText = "",
                          confirm: FormText = "") -> Response:
    """Record a refund paid outside Stripe (cash, card terminal, bank transfer) for an order not paid through Stripe."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    order = order_in(db, conference.id, reference)
    if order is None:
        raise page_not_found()
    values = {"outside_amount": amount, "method": method}
    try:
        value = forms.money(amount, N_("refund amount"), currency=conference.currency, required=True)
        before = forms.money(refunded_before, N_("amount refunded before"), currency=conference.currency)
        if confirm != "yes":
            raise InvalidInput(Marked(N_("Tick the box to confirm that the money was given back: nothing was recorded.")))
        record_refund_outside_stripe(db, order, method=method, amount=value, refunded_before=before,
                                     recorded_by_user_id=user.id, recorded_by=f"{user.display_name} <{user.email}>")
    except DomainError as error:  # nothing written: the request's unit of work rolls back
        refused(request, db, error)
        return _order_page(request, db, conference, reference, status_code=error.http_status, error=error.message,
                           values=values)
    return RedirectResponse(f"/conferences/{slug}/orders/{reference}?{urlencode({'done': 'recorded', 'amount': value})}",
                            status_code=303)


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
            raise InvalidInput(Marked(N_("Tick the box to confirm cancelling: nothing was changed.")))
        cancel_order(db, order)
    except DomainError as error:
        refused(request, db, error)
        return _order_page(request, db, conference, reference, status_code=error.http_status, error=error.message)
    return RedirectResponse(f"/conferences/{slug}/orders/{reference}?done=cancelled", status_code=303)


