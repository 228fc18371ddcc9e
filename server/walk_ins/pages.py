"""Console page for the registration desk: sell to walk-ins, take payment for "Not paid" attendees,
and send badges to a print station."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from server.api import DbSession
from server.attendees.models import Attendee
from server.attendees.repository import attendee_by_code
from server.attendees.service import UNKNOWN_LANGUAGE, UnknownLanguage, attendee_language
from server.conferences.local_time import short_local_time
from server.conferences.models import Conference
from server.errors import DomainError, InvalidInput
from server.print_jobs.models import PrintJob
from server.print_jobs.repository import jobs_of_attendees, print_stations
from server.print_jobs.service import send_badge
from server.users.models import Role
from server.walk_ins.repository import desk_sales, products_for_sale, unpaid_attendees
from server.walk_ins.service import Cashier, WalkIn, pay_at_desk, sell_walk_in
from server.web import forms
from server.web.console import ConsoleUser, CsrfProtected, SignedIn, conference_for, render
from server.web.forms import refused
from server.web.language import gettext as _
from server.web.language import request_language, speaking
from shared.languages import N_

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)
Short = Annotated[str, Form(max_length=300)]


def _job_words(job: PrintJob, conference: Conference) -> str:
    """A print job's state as the desk needs it: where, and whether it came out."""
    station = job.device.station or job.device.name
    if job.outcome == "printed":
        return _("Printed at %(station)s, %(moment)s") % {
            "station": station, "moment": short_local_time(job.acknowledged_at, conference.timezone)}
    if job.outcome == "failed":
        return _("Printer error at %(station)s: %(error)s") % {"station": station, "error": job.outcome_detail}
    sent = short_local_time(job.created_at, conference.timezone)
    if job.delivered_at is not None:
        return _("Printing at %(station)s (sent %(moment)s)") % {"station": station, "moment": sent}
    return _("Waiting for %(station)s's next sync (sent %(moment)s)") % {"station": station, "moment": sent}


def _cashier(user: ConsoleUser) -> Cashier:
    return Cashier(user_id=user.id, name=f"{user.display_name} <{user.email}>")


def _page(request: Request, db: Session, conference: Conference, *, status_code: int = 200, query: str = "",
          **context) -> HTMLResponse:
    ticket_types, addons = products_for_sale(db, conference.id)
    sales = desk_sales(db, conference.id)
    unpaid = unpaid_attendees(db, conference.id, query) if query.strip() else []
    attendee_ids = [a.id for _, _, attendees in sales for a in attendees]
    jobs = jobs_of_attendees(db, attendee_ids)
    with speaking(request_language(request)):
        job_words = {i: [_job_words(j, conference) for j in js] for i, js in jobs.items()}
    context.setdefault("form", {})
    return render(request, "walk_ins.html", status_code=status_code, conference=conference,
                  ticket_types=ticket_types, addons=addons, stations=print_stations(db, conference.id),
                  sales=sales, job_words=job_words, unpaid=unpaid, query=query,
                  local=lambda moment: short_local_time(moment, conference.timezone), **context)


@router.get("/conferences/{slug}/walk-ins")
def walk_ins(request: Request, db: DbSession, user: SignedIn, slug: str,
             q: Annotated[str, Query(max_length=100)] = "",
             done: Annotated[str, Query(max_length=300)] = "") -> HTMLResponse:
    """The desk: sell to a walk-in, find someone the door said "Not paid", send badges to a print station."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    try:
        query = forms.search_text(q, N_("name or access code"))
    except InvalidInput as refusal:  # a NUL would reach PostgreSQL, which answers it with an error
        return _page(request, db, conference, status_code=422, pay_error=refusal.message)
    return _page(request, db, conference, query=query, done=done)


def _search_again(q: str) -> str:
    """The search the desk had open, to show again beside a refusal (none, if it cannot be searched)."""
    try:
        return forms.search_text(q)
    except InvalidInput:
        return ""


def _attendee(db: Session, conference: Conference, access_code: str) -> Attendee:
    """The attendee the desk's form names by access code (typed or pasted: any case, spaces around)."""
    attendee = attendee_by_code(db, conference.id, forms.access_code(access_code))
    if attendee is None:
        raise InvalidInput(_("No attendee with access code '%(code)s' in this conference.") % {"code": access_code})
    return attendee


def _language(text: str) -> str | None:
    """The walk-in's language from the form's chooser (empty: not asked)."""
    try:
        return attendee_language(text)
    except UnknownLanguage as refusal:
        raise forms.FieldRefused("language", _(UNKNOWN_LANGUAGE) % refusal.words) from None


def _queue_badge(db: Session, conference: Conference, attendee: Attendee, station: str, user: ConsoleUser) -> str:
    """Send the badge to the chosen station, if one was chosen; the words for the page."""
    device_id = forms.record_id(station, N_("print stations"), field="station", required=False)
    if device_id is None:
        return ""
    job = send_badge(db, conference, attendee, device_id, requested_by=f"{user.display_name} <{user.email}>")
    return " " + _("Badge sent to %(station)s.") % {"station": job.device.station or job.device.name}


@router.post("/conferences/{slug}/walk-ins", dependencies=[CsrfProtected])
def sell(request: Request, db: DbSession, user: SignedIn, slug: str,
         ticket_type: Annotated[str, Form(max_length=20)] = "", first_name: Short = "", last_name: Short = "",
         email: Short = "", company: Short = "", method: Annotated[str, Form(max_length=20)] = "",
         amount: Annotated[str, Form(max_length=30)] = "", station: Annotated[str, Form(max_length=20)] = "",
         addon: Annotated[list[str] | None, Form(max_length=20)] = None,
         language: Annotated[str, Form(max_length=40)] = "") -> Response:
    """Sell one ticket (and add-ons) at the door, paid there and then by cash or card terminal."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    with speaking(request_language(request)):  # the refusals and the sale's words, in the desk's language
        return _sell(request, db, user, conference, ticket_type=ticket_type, first_name=first_name,
                     last_name=last_name, email=email, company=company, method=method, amount=amount, station=station,
                     addon=addon, language=language)


def _sell(request: Request, db: Session, user: ConsoleUser, conference: Conference, *, ticket_type: str,
          first_name: str, last_name: str, email: str, company: str, method: str, amount: str, station: str,
          addon: list[str] | None, language: str) -> Response:
    form = {"ticket_type": ticket_type, "first_name": first_name, "last_name": last_name, "email": email,
            "company": company, "method": method, "amount": amount, "station": station, "addons": addon or [],
            "language": language}
    try:
        # All of the sale or none of it: a refused payment or badge leaves no order behind (refused()).
        ticket_type_id = forms.record_id(ticket_type, N_("ticket types"), field="ticket_type")
        assert ticket_type_id is not None
        walk_in = WalkIn(
            first_name=forms.text(first_name, N_("first name"), column=Attendee.first_name, required=True,
                                  field="first_name"),
            last_name=forms.text(last_name, N_("last name"), column=Attendee.last_name, field="last_name"),
            email=forms.email(email, field="email"),
            company=forms.text(company, N_("company"), column=Attendee.company, field="company"),
            ticket_type_id=ticket_type_id, addon_ids=tuple(forms.ids(addon or [], N_("add-ons"))),
            language=_language(language))
        order, attendee, payment = sell_walk_in(
            db, conference, walk_in, method=forms.text(method, N_("payment method"), max_length=20),
            amount=forms.money(amount, N_("amount"), currency=conference.currency), cashier=_cashier(user))
        printing = _queue_badge(db, conference, attendee, station, user)
    except DomainError as error:
        refused(request, db, error)
        return _page(request, db, conference, status_code=error.http_status, error=error.message, form=form)
    paid = f"{_(payment.method.label)} {payment.amount}" if payment else _("free ticket")
    done = _("Sold %(reference)s to %(name)s (%(paid)s).") % {"reference": order.reference, "name": attendee.full_name,
                                                              "paid": paid} + printing
    return RedirectResponse(f"/conferences/{conference.slug}/walk-ins?{urlencode({'done': done})}", status_code=303)


@router.post("/conferences/{slug}/walk-ins/pay", dependencies=[CsrfProtected])
def pay(request: Request, db: DbSession, user: SignedIn, slug: str,
        access_code: Annotated[str, Form(max_length=16)] = "", method: Annotated[str, Form(max_length=20)] = "",
        amount: Annotated[str, Form(max_length=30)] = "", station: Annotated[str, Form(max_length=20)] = "",
        q: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Take the payment of an attendee whose order is pending (the door said "Not paid")."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    with speaking(request_language(request)):
        return _pay(request, db, user, conference, access_code=access_code, method=method, amount=amount,
                    station=station, q=q)


def _pay(request: Request, db: Session, user: ConsoleUser, conference: Conference, *, access_code: str, method: str,
         amount: str, station: str, q: str) -> Response:
    try:
        attendee = _attendee(db, conference, access_code)
        payment = pay_at_desk(db, conference, attendee, method=forms.text(method, N_("payment method"), max_length=20),
                              amount=forms.money(amount, N_("amount"), currency=conference.currency),
                              cashier=_cashier(user))
        printing = _queue_badge(db, conference, attendee, station, user)
    except DomainError as error:
        refused(request, db, error)
        return _page(request, db, conference, status_code=error.http_status, query=_search_again(q),
                     pay_error=error.message)
    done = _("%(name)s paid %(amount)s (%(method)s).") % {
        "name": attendee.full_name, "amount": payment.amount, "method": _(payment.method.label).lower()} + printing
    return RedirectResponse(f"/conferences/{conference.slug}/walk-ins?{urlencode({'done': done})}", status_code=303)


@router.post("/conferences/{slug}/walk-ins/print", dependencies=[CsrfProtected])
def print_badge(request: Request, db: DbSession, user: SignedIn, slug: str,
                access_code: Annotated[str, Form(max_length=16)] = "",
                station: Annotated[str, Form(max_length=20)] = "") -> Response:
    """Send an attendee's badge (again) to a print station."""
    conference = conference_for(db, user, slug, at_least=Role.DOOR_LEAD)
    try:
        with speaking(request_language(request)):
            attendee = _attendee(db, conference, access_code)
            if not station.strip():
                raise forms.FieldRefused("station", _("Choose a print station."))
            printing = _queue_badge(db, conference, attendee, station, user)
    except DomainError as error:
        refused(request, db, error)
        return _page(request, db, conference, status_code=error.http_status, error=error.message)
    done = f"{attendee.full_name}:{printing}"
    return RedirectResponse(f"/conferences/{conference.slug}/walk-ins?{urlencode({'done': done})}", status_code=303)
