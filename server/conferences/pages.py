"""Console pages: a new conference, its settings, its ticket types and add-ons."""

from __future__ import annotations

import functools
import zoneinfo
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from server.api import DbSession
from server.capacity.repository import stock_of_products
from server.conferences.models import AddOn, Conference, TicketType
from server.conferences.repository import (
    addon_in,
    addons_of,
    ticket_type_in,
    ticket_types_in,
    ticket_types_of,
)
from server.conferences.service import (
    add_addon,
    add_ticket_type,
    create_conference,
    rotate_badge_key,
    set_product_active,
    set_stripe_keys,
    update_addon,
    update_conference,
    update_ticket_type,
)
from server.conferences.time_entry import in_venue_words, to_venue_input
from server.errors import DomainError, InvalidInput
from server.payments.webhooks import HANDLERS as WEBHOOK_EVENTS
from server.users.models import Role
from server.users.repository import UserRepository
from server.users.service import set_role
from server.web import forms, language
from server.web.console import CsrfProtected, SignedIn, conference_for, page_not_found, render
from server.web.forms import checked, refused
from shared.languages import N_, Marked
from shared.protocol import MAX_ID

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)

# The fields of the forms below: bounded, so an oversized field is a plain refusal, not a large write.
ShortText = Annotated[str, Form(max_length=300)]
KeyText = Annotated[str, Form(max_length=300)]


@functools.cache
def _time_zones() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def _last_four(secret: str) -> str:
    """A secret as the page shows it: only its last four characters, so it can be recognised, never copied."""
    return f"…{secret[-4:]}" if secret else ""


def _webhook_address(request: Request, conference: Conference) -> str:
    return str(request.base_url).rstrip("/") + f"/api/v1/stripe/webhook/{conference.slug}"


@router.get("/conferences/new")
def new_conference_form(request: Request, db: DbSession, user: SignedIn) -> HTMLResponse:
    """The form for a new conference; whoever creates it becomes its owner."""
    return render(request, "conference_new.html", form={"timezone": "UTC", "currency": "usd", "capacity": "0"},
                  time_zones=_time_zones())


@router.post("/conferences/new", dependencies=[CsrfProtected])
def new_conference_submit(request: Request, db: DbSession, user: SignedIn, slug: ShortText = "",
                          name: ShortText = "", timezone: ShortText = "", capacity: ShortText = "",
                          currency: ShortText = "") -> Response:
    """Create the conference (with its badge key pair) and make the signed-in user its owner."""
    form = {"slug": slug, "name": name, "timezone": timezone, "capacity": capacity, "currency": currency}
    try:
        conference = create_conference(db, slug=forms.slug(slug),
                                       name=forms.text(name, N_("name"), column=Conference.name),
                                       timezone=forms.text(timezone, N_("time zone"), column=Conference.timezone),
                                       total_capacity=forms.whole_number(capacity, N_("venue capacity")),
                                       currency=forms.text(currency, N_("currency"), max_length=100))
        owner = UserRepository(db).by_id(user.id)
        assert owner is not None  # signed in this very request
        set_role(db, owner, conference, Role.OWNER)
    except DomainError as error:
        refused(request, db, error)
        return render(request, "conference_new.html", status_code=422, form=form, error=error.message,
                      time_zones=_time_zones())
    return RedirectResponse(f"/conferences/{conference.slug}/settings?created=1", status_code=303)


def _settings_page(request: Request, conference: Conference, *, status_code: int = 200, error: str = "",
                   error_for: str = "", notice: str = "", form: dict | None = None) -> HTMLResponse:
    return render(
        request, "settings.html", status_code=status_code, conference=conference, error=error, error_for=error_for,
        notice=notice, time_zones=_time_zones(),
        form=form or {"name": conference.name, "timezone": conference.timezone,
                      "capacity": str(conference.total_capacity)},
        stripe={"secret_key": _last_four(conference.stripe_secret_key),
                "webhook_secret": _last_four(conference.stripe_webhook_secret),
                "publishable_key": conference.stripe_publishable_key},
        webhook_address=_webhook_address(request, conference), webhook_events=sorted(WEBHOOK_EVENTS),
        seats_taken=conference.seats_taken,
    )


@router.get("/conferences/{slug}/settings")
def settings_page(request: Request, db: DbSession, user: SignedIn, slug: str, created: bool = False) -> HTMLResponse:
    """Name, time zone, venue capacity, Stripe keys (never shown in full), the webhook address, the badge key."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    notice = language.for_request(request).gettext(
        "%(conference)s is created and you are its owner. Add its Stripe keys here, then its ticket types under "
        "Tickets & add-ons.") % {"conference": conference.name} if created else ""
    return _settings_page(request, conference, notice=notice)


@router.post("/conferences/{slug}/settings", dependencies=[CsrfProtected])
def settings_submit(request: Request, db: DbSession, user: SignedIn, slug: str, name: ShortText = "",
                    timezone: ShortText = "", capacity: ShortText = "") -> Response:
    """Save the name, time zone and venue capacity (owner only)."""
    conference = conference_for(db, user, slug, at_least=Role.OWNER)
    form = {"name": name, "timezone": timezone, "capacity": capacity}
    try:
        update_conference(db, conference, name=forms.text(name, N_("name"), column=Conference.name),
                          timezone=forms.text(timezone, N_("time zone"), column=Conference.timezone),
                          total_capacity=forms.whole_number(capacity, N_("venue capacity")))
    except DomainError as error:
        refused(request, db, error)
        return _settings_page(request, conference, status_code=422, error=error.message, error_for="general",
                              form=form)
    return _settings_page(request, conference, notice=language.for_request(request).gettext("Settings saved."))


@router.post("/conferences/{slug}/settings/stripe", dependencies=[CsrfProtected])
def stripe_keys_submit(request: Request, db: DbSession, user: SignedIn, slug: str, secret_key: KeyText = "",
                       publishable_key: KeyText = "", webhook_secret: KeyText = "") -> Response:
    """Set the Stripe keys typed in; an empty field keeps the key there is (owner only)."""
    conference = conference_for(db, user, slug, at_least=Role.OWNER)
    try:
        set_stripe_keys(conference,
                        secret_key=forms.text(secret_key, N_("secret key"), column=Conference.stripe_secret_key),
                        publishable_key=forms.text(publishable_key, N_("publishable key"),
                                                   column=Conference.stripe_publishable_key),
                        webhook_secret=forms.text(webhook_secret, N_("webhook signing secret"),
                                                  column=Conference.stripe_webhook_secret))
        db.flush()
    except DomainError as error:
        refused(request, db, error)
        return _settings_page(request, conference, status_code=422, error=error.message, error_for="stripe")
    words = language.for_request(request)
    changed = [words.gettext(label) for label, value in (
        (N_("secret key"), secret_key), (N_("publishable key"), publishable_key),
        (N_("webhook signing secret"), webhook_secret)) if value.strip()]
    notice = (words.gettext("Stripe %(keys)s saved.") % {"keys": ", ".join(changed)} if changed
              else words.gettext("No key was typed in: nothing changed."))
    return _settings_page(request, conference, notice=notice)


@router.post("/conferences/{slug}/settings/badge-key", dependencies=[CsrfProtected])
def badge_key_submit(request: Request, db: DbSession, user: SignedIn, slug: str,
                     confirm: Annotated[str | None, Form(max_length=10)] = None) -> Response:
    """A new badge signing key (owner only, confirmed): badges signed before keep working until the next rotation."""
    conference = conference_for(db, user, slug, at_least=Role.OWNER)
    if not checked(confirm):
        return _settings_page(request, conference, status_code=422, error_for="badge-key",
                              error=language.for_request(request).gettext(
                                  "Tick the box to confirm: the key was not changed."))
    rotate_badge_key(db, conference)
    return _settings_page(request, conference, notice=language.for_request(request).gettext(
        "New badge signing key made. Kiosks learn it on their next sync; reprint badges before the next rotation."))


# Ticket types and add-ons -----------------------------------------------------------------------------------

TicketTypeFields = dict  # what the ticket type forms send, as text (checkboxes as booleans)
_DONE = {"added": "added", "saved": "saved", "deactivated": "deactivated: it is no longer sold (those sold stay valid)",
         "reactivated": "on sale again"}


def _id_in_path(text: str) -> int:
    """A product id from the address; anything but a plain number is a page that does not exist."""
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise page_not_found()
    return int(text)


def _ticket_type_form(ticket_type: TicketType | None, timezone: str) -> dict:
    if ticket_type is None:
        return {"name": "", "slug": "", "price": "0.00", "quantity": "0", "available_from": "",
                "available_until": "", "requires_voucher": False, "bulk_enabled": False}
    return {"name": ticket_type.name, "slug": ticket_type.slug, "price": str(ticket_type.price),
            "quantity": str(ticket_type.total_quantity),
            "available_from": to_venue_input(ticket_type.available_from, timezone),
            "available_until": to_venue_input(ticket_type.available_until, timezone),
            "requires_voucher": ticket_type.requires_voucher, "bulk_enabled": ticket_type.bulk_enabled}


def _addon_form(addon: AddOn | None) -> dict:
    if addon is None:
        return {"name": "", "slug": "", "description": "", "price": "0.00", "quantity": "0", "requires": [],
                "bulk_enabled": False}
    return {"name": addon.name, "slug": addon.slug, "description": addon.description, "price": str(addon.price),
            "quantity": str(addon.total_quantity), "requires": [t.id for t in addon.requires_ticket_types],
            "bulk_enabled": addon.bulk_enabled}


def _products_page(request: Request, db: DbSession, conference: Conference, *, status_code: int = 200,
                   error: str = "", error_for: str = "", notice: str = "", ticket_form: dict | None = None,
                   addon_form: dict | None = None) -> HTMLResponse:
    ticket_types = ticket_types_of(db, conference.id)
    addons = addons_of(db, conference.id)
    venue, ticket_stock, addon_stock = stock_of_products(db, conference, ticket_types, addons)
    zone = conference.timezone
    return render(
        request, "products.html", status_code=status_code, conference=conference, error=error, error_for=error_for,
        notice=notice, ticket_types=ticket_types, addons=addons, venue=venue, ticket_stock=ticket_stock,
        addon_stock=addon_stock, when=lambda moment: in_venue_words(moment, zone),
        ticket_form=ticket_form or _ticket_type_form(None, zone), addon_form=addon_form or _addon_form(None),
    )


def _done_notice(db: DbSession, conference: Conference, done: str | None, ticket_type: int | None,
                 addon: int | None) -> str:
    if done not in _DONE:
        return ""
    product = (ticket_type_in(db, conference.id, ticket_type) if ticket_type
               else addon_in(db, conference.id, addon) if addon else None)
    return f"'{product.name}' {_DONE[done]}." if product is not None else ""


@router.get("/conferences/{slug}/products")
def products_page(request: Request, db: DbSession, user: SignedIn, slug: str, done: str | None = None,
                  ticket_type: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
                  addon: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> HTMLResponse:
    """Ticket types and add-ons with what is sold, held and left; organizers add, edit and deactivate them."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return _products_page(request, db, conference, notice=_done_notice(db, conference, done, ticket_type, addon))


def _done(conference: Conference, done: str, kind: str, product_id: int) -> RedirectResponse:
    return RedirectResponse(f"/conferences/{conference.slug}/products?done={done}&{kind}={product_id}"
                            f"#{kind.replace('_', '-')}-{product_id}", status_code=303)


def _read_ticket_type_fields(conference: Conference, form: TicketTypeFields) -> dict:
    zone = conference.timezone
    return {"name": forms.text(form["name"], N_("name"), column=TicketType.name),
            "price": forms.money(form["price"], N_("price"), currency=conference.currency),
            "total_quantity": forms.whole_number(form["quantity"], N_("quantity")),
            "available_from": forms.venue_time(form["available_from"], zone, N_("start of sale"), field="available_from"),
            "available_until": forms.venue_time(form["available_until"], zone, N_("end of sale"), field="available_until"),
            "requires_voucher": form["requires_voucher"], "bulk_enabled": form["bulk_enabled"]}


def _ticket_type_fields(name: str, slug: str, price: str, quantity: str, available_from: str, available_until: str,
                        requires_voucher: str | None, bulk_enabled: str | None) -> TicketTypeFields:
    return {"name": name, "slug": slug.strip(), "price": price, "quantity": quantity, "available_from": available_from,
            "available_until": available_until, "requires_voucher": checked(requires_voucher),
            "bulk_enabled": checked(bulk_enabled)}


Box = Annotated[str | None, Form(max_length=10)]  # a checkbox: sent when ticked


@router.post("/conferences/{slug}/products/ticket-types", dependencies=[CsrfProtected])
def ticket_type_add(request: Request, db: DbSession, user: SignedIn, slug: str, name: ShortText = "",
                    type_slug: ShortText = "", price: ShortText = "", quantity: ShortText = "",
                    available_from: ShortText = "", available_until: ShortText = "", requires_voucher: Box = None,
                    bulk_enabled: Box = None) -> Response:
    """Add a ticket type; its sale window is typed on the conference's clock."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    form = _ticket_type_fields(name, type_slug, price, quantity, available_from, available_until, requires_voucher,
                               bulk_enabled)
    try:
        ticket_type = add_ticket_type(db, conference, slug=forms.slug(form["slug"], N_("ticket type slug")),
                                      **_read_ticket_type_fields(conference, form))
    except DomainError as error:
        refused(request, db, error)
        return _products_page(request, db, conference, status_code=422, error=error.message,
                              error_for="new-ticket-type", ticket_form=form)
    return _done(conference, "added", "ticket_type", ticket_type.id)


def _ticket_type_or_404(db: DbSession, conference: Conference, ticket_type_id: str) -> TicketType:
    ticket_type = ticket_type_in(db, conference.id, _id_in_path(ticket_type_id))
    if ticket_type is None:
        raise page_not_found()
    return ticket_type


def _addon_or_404(db: DbSession, conference: Conference, addon_id: str) -> AddOn:
    addon = addon_in(db, conference.id, _id_in_path(addon_id))
    if addon is None:
        raise page_not_found()
    return addon


@router.get("/conferences/{slug}/products/ticket-types/{ticket_type_id}")
def ticket_type_edit(request: Request, db: DbSession, user: SignedIn, slug: str, ticket_type_id: str) -> HTMLResponse:
    """The form to change a ticket type."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    ticket_type = _ticket_type_or_404(db, conference, ticket_type_id)
    return render(request, "product_edit.html", conference=conference, kind="ticket_type", product=ticket_type,
                  form=_ticket_type_form(ticket_type, conference.timezone))


@router.post("/conferences/{slug}/products/ticket-types/{ticket_type_id}", dependencies=[CsrfProtected])
def ticket_type_save(request: Request, db: DbSession, user: SignedIn, slug: str, ticket_type_id: str,
                     name: ShortText = "", price: ShortText = "", quantity: ShortText = "",
                     available_from: ShortText = "", available_until: ShortText = "", requires_voucher: Box = None,
                     bulk_enabled: Box = None) -> Response:
    """Save a ticket type's changes (its slug stays)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    ticket_type = _ticket_type_or_404(db, conference, ticket_type_id)
    form = _ticket_type_fields(name, ticket_type.slug, price, quantity, available_from, available_until,
                               requires_voucher, bulk_enabled)
    try:
        update_ticket_type(db, ticket_type, **_read_ticket_type_fields(conference, form))
    except DomainError as error:
        refused(request, db, error)
        return render(request, "product_edit.html", status_code=422, conference=conference, kind="ticket_type",
                      product=ticket_type, form=form, error=error.message)
    return _done(conference, "saved", "ticket_type", ticket_type.id)


@router.post("/conferences/{slug}/products/ticket-types/{ticket_type_id}/active",
                     dependencies=[CsrfProtected])
def ticket_type_active(request: Request, db: DbSession, user: SignedIn, slug: str, ticket_type_id: str,
                       active: ShortText = "") -> Response:
    """Stop selling a ticket type (``active=no``) or sell it again (``active=yes``)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    return _sell_or_stop(request, db, conference, _ticket_type_or_404(db, conference, ticket_type_id),
                         "ticket_type", active)


def _addon_fields(name: str, slug: str, description: str, price: str, quantity: str, requires: list[str],
                  bulk_enabled: str | None) -> dict:
    return {"name": name, "slug": slug.strip(), "description": description, "price": price, "quantity": quantity,
            "requires": requires, "bulk_enabled": checked(bulk_enabled)}


def _read_addon_fields(db: DbSession, conference: Conference, form: dict) -> dict:
    wanted = forms.ids(form["requires"], N_("ticket types required"), field="requires")
    required = ticket_types_in(db, conference.id, wanted)
    if len(required) != len(wanted):
        raise InvalidInput(Marked(N_("A ticket type chosen as required is not one of this conference's.")))
    form["requires"] = wanted
    return {"name": forms.text(form["name"], N_("name"), column=AddOn.name),
            "description": forms.text(form["description"], N_("description"), column=AddOn.description),
            "price": forms.money(form["price"], N_("price"), currency=conference.currency),
            "total_quantity": forms.whole_number(form["quantity"], N_("quantity")), "requires_ticket_types": required,
            "bulk_enabled": form["bulk_enabled"]}


Requires = Annotated[list[str], Form(max_length=20)]


@router.post("/conferences/{slug}/products/addons", dependencies=[CsrfProtected])
def addon_add(request: Request, db: DbSession, user: SignedIn, slug: str, name: ShortText = "",
              addon_slug: ShortText = "", description: Annotated[str, Form(max_length=1000)] = "",
              price: ShortText = "", quantity: ShortText = "", requires: Requires = [],  # noqa: B006
              bulk_enabled: Box = None) -> Response:
    """Add an add-on (meal, tutorial, T-shirt), optionally only with some ticket types."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    form = _addon_fields(name, addon_slug, description, price, quantity, requires, bulk_enabled)
    try:
        addon = add_addon(db, conference, slug=forms.slug(form["slug"], N_("add-on slug")),
                          **_read_addon_fields(db, conference, form))
    except DomainError as error:
        refused(request, db, error)
        return _products_page(request, db, conference, status_code=422, error=error.message, error_for="new-addon",
                              addon_form=form)
    return _done(conference, "added", "addon", addon.id)


@router.get("/conferences/{slug}/products/addons/{addon_id}")
def addon_edit(request: Request, db: DbSession, user: SignedIn, slug: str, addon_id: str) -> HTMLResponse:
    """The form to change an add-on."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    addon = _addon_or_404(db, conference, addon_id)
    return render(request, "product_edit.html", conference=conference, kind="addon", product=addon,
                  form=_addon_form(addon), ticket_types=ticket_types_of(db, conference.id))


@router.post("/conferences/{slug}/products/addons/{addon_id}", dependencies=[CsrfProtected])
def addon_save(request: Request, db: DbSession, user: SignedIn, slug: str, addon_id: str, name: ShortText = "",
               description: Annotated[str, Form(max_length=1000)] = "", price: ShortText = "",
               quantity: ShortText = "", requires: Requires = [],  # noqa: B006
               bulk_enabled: Box = None) -> Response:
    """Save an add-on's changes (its slug stays)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    addon = _addon_or_404(db, conference, addon_id)
    form = _addon_fields(name, addon.slug, description, price, quantity, requires, bulk_enabled)
    try:
        update_addon(db, addon, **_read_addon_fields(db, conference, form))
    except DomainError as error:
        refused(request, db, error)
        return render(request, "product_edit.html", status_code=422, conference=conference, kind="addon",
                      product=addon, form=form, error=error.message, ticket_types=ticket_types_of(db, conference.id))
    return _done(conference, "saved", "addon", addon.id)


@router.post("/conferences/{slug}/products/addons/{addon_id}/active", dependencies=[CsrfProtected])
def addon_active(request: Request, db: DbSession, user: SignedIn, slug: str, addon_id: str,
                 active: ShortText = "") -> Response:
    """Stop selling an add-on (``active=no``) or sell it again (``active=yes``)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    return _sell_or_stop(request, db, conference, _addon_or_404(db, conference, addon_id), "addon", active)


def _sell_or_stop(request: Request, db: Session, conference: Conference, product: TicketType | AddOn, kind: str,
                  active: str) -> Response:
    """``active=yes`` sells the product again, ``no`` stops selling it (what was sold stays valid)."""
    if active not in ("yes", "no"):
        return _products_page(request, db, conference, status_code=422, error=Marked(N_("Say whether to sell it or not.")))
    set_product_active(db, product, active == "yes")
    return _done(conference, "reactivated" if active == "yes" else "deactivated", kind, product.id)
