"""Console pages: sponsors, sponsor levels and bulk purchases of voucher codes.

Anyone with a role may look; owners and organizers act (money and codes). Every form re-shows the
page with the reason when it is refused (422 bad input, 409 a rule, 502 Stripe said no), and what
was refused wrote nothing: the request's unit of work rolls back what a service flushed.
(endpoints.py holds the admin API; the console's pages are here, so neither file grows past a read.)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from sqlalchemy.orm import Session

from server.api import DbSession, IdPath
from server.conferences.models import AddOn, Conference, TicketType
from server.conferences.repository import bulk_enabled_addons, bulk_enabled_ticket_types
from server.db.engine import unit_of_work
from server.errors import DomainError, InvalidInput, NotFound
from server.exports.spreadsheet import csv_chunks
from server.payments.checkout import bulk_purchase_checkout_link, start_bulk_purchase_checkout
from server.payments.service import refund_bulk_purchase_through_stripe
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus, Sponsor, SponsorLevel
from server.sponsors.repository import (
    bulk_purchase_codes,
    bulk_purchase_in,
    bulk_purchases,
    sponsor_in,
    sponsor_level_in,
)
from server.sponsors import bulk_purchases as purchases
from server.sponsors.service import (
    create_sponsor,
    create_sponsor_level,
    list_sponsor_levels,
    list_sponsors,
    update_sponsor,
    update_sponsor_level,
)
from server.users.models import Role
from server.vouchers.models import VoucherType
from server.web import forms
from server.web.console import ConsoleUser, CsrfProtected, SignedIn, conference_for, page_not_found, render
from server.web.forms import refused
from server.web.sections import SEES_CODES
from shared.languages import N_, Marked

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)

MAX_COMP_BADGES = 100_000
FormText = Annotated[str, Form()]


def _money(text: str, what: str, conference: Conference) -> Decimal:
    return forms.money(text, what, currency=conference.currency)


def _optional_id(text: str) -> int | None:
    """A select's id, or None when it is empty or not an id at all (the page then refuses the choice)."""
    try:
        return forms.record_id(text, N_("choices"), required=False)
    except InvalidInput:
        return None


def _by(user: ConsoleUser) -> str:
    return user.display_name or user.email


# The sponsors page ---------------------------------------------------------------------------------

def _sponsors_page(request: Request, db: Session, conference: Conference, *, status_code: int = 200,
                   error: str = "", form: str = "", values: dict[str, Any] | None = None,
                   notice: str = "") -> HTMLResponse:
    return render(request, "sponsors.html", status_code=status_code, conference=conference,
                  levels=list_sponsor_levels(db, conference), sponsors=list_sponsors(db, conference),
                  purchases=bulk_purchases(db, conference.id),
                  ticket_types=bulk_enabled_ticket_types(db, conference.id),
                  addons=bulk_enabled_addons(db, conference.id), voucher_types=list(VoucherType),
                  error=error, form=form, values=values or {}, notice=notice)


def _refused(request: Request, db: Session, conference: Conference, error: DomainError, form: str,
             values: dict[str, Any]) -> HTMLResponse:
    """The page again with the reason; what the service flushed is undone."""
    refused(request, db, error)
    return _sponsors_page(request, db, conference, status_code=error.http_status, error=error.message, form=form,
                          values=values)


@router.get("/conferences/{slug}/sponsors")
def sponsors(request: Request, db: DbSession, user: SignedIn, slug: str, done: str = "") -> HTMLResponse:
    """A conference's sponsor levels, sponsors and bulk purchases of voucher codes."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    notices = {"level": Marked(N_("Sponsor level saved.")), "sponsor": Marked(N_("Sponsor saved."))}
    return _sponsors_page(request, db, conference, notice=notices.get(done, ""))


@router.post("/conferences/{slug}/sponsors/levels/new", dependencies=[CsrfProtected])
def add_level(request: Request, db: DbSession, user: SignedIn, slug: str, name: FormText = "",
              cost: FormText = "0", comp_badges: FormText = "0") -> Response:
    """Add a sponsor level (Gold, Silver…): its cost and the comp badges that come with it."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    try:
        create_sponsor_level(db, conference, name=_level_name(name), cost=_money(cost, N_("cost"), conference),
                             comp_badges=forms.whole_number(comp_badges, N_("comp badges"), maximum=MAX_COMP_BADGES))
    except DomainError as error:
        return _refused(request, db, conference, error, "level-new",
                        {"name": name, "cost": cost, "comp_badges": comp_badges})
    return RedirectResponse(f"/conferences/{slug}/sponsors?done=level", status_code=303)


@router.post("/conferences/{slug}/sponsors/levels/{level_id}/edit", dependencies=[CsrfProtected])
def edit_level(request: Request, db: DbSession, user: SignedIn, slug: str, level_id: IdPath, name: FormText = "",
               cost: FormText = "0", comp_badges: FormText = "0") -> Response:
    """Change a sponsor level's name, cost or comp badges."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    level = sponsor_level_in(db, conference.id, level_id)
    if level is None:
        raise page_not_found()
    try:
        update_sponsor_level(db, level, name=_level_name(name), cost=_money(cost, N_("cost"), conference),
                             comp_badges=forms.whole_number(comp_badges, N_("comp badges"), maximum=MAX_COMP_BADGES))
    except DomainError as error:
        return _refused(request, db, conference, error, f"level-{level_id}",
                        {"name": name, "cost": cost, "comp_badges": comp_badges})
    return RedirectResponse(f"/conferences/{slug}/sponsors?done=level", status_code=303)


def _level_name(name: str) -> str:
    return forms.text(name, N_("level's name"), column=SponsorLevel.name)


def _sponsor_name(name: str) -> str:
    return forms.text(name, N_("sponsor's name"), column=Sponsor.name)


def _level_from_form(db: Session, conference: Conference, level_id: str):
    if not level_id.strip():
        return None
    level = sponsor_level_in(db, conference.id, _optional_id(level_id) or 0)
    if level is None:
        raise InvalidInput(Marked(N_("Choose one of this conference's sponsor levels, or none.")))
    return level


@router.post("/conferences/{slug}/sponsors/new", dependencies=[CsrfProtected])
def add_sponsor(request: Request, db: DbSession, user: SignedIn, slug: str, name: FormText = "",
                sponsor_slug: FormText = "", level_id: FormText = "", contact_email: FormText = "") -> Response:
    """Add a sponsor (its slug is made from the name when left empty)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    try:
        create_sponsor(db, conference, name=_sponsor_name(name),
                       slug=forms.slug(sponsor_slug, N_("sponsor slug"), required=False) or None,
                       level=_level_from_form(db, conference, level_id),
                       contact_email=forms.email(contact_email, N_("contact email")))
    except DomainError as error:
        return _refused(request, db, conference, error, "sponsor-new",
                        {"name": name, "sponsor_slug": sponsor_slug, "level_id": level_id,
                         "contact_email": contact_email})
    return RedirectResponse(f"/conferences/{slug}/sponsors?done=sponsor", status_code=303)


@router.post("/conferences/{slug}/sponsors/{sponsor_id}/edit", dependencies=[CsrfProtected])
def edit_sponsor(request: Request, db: DbSession, user: SignedIn, slug: str, sponsor_id: IdPath,
                 name: FormText = "", sponsor_slug: FormText = "", level_id: FormText = "",
                 contact_email: FormText = "") -> Response:
    """Change a sponsor's name, slug, level or contact email."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    sponsor = sponsor_in(db, conference.id, sponsor_id)
    if sponsor is None:
        raise page_not_found()
    try:
        update_sponsor(db, sponsor, name=_sponsor_name(name),
                       slug=forms.slug(sponsor_slug, N_("sponsor slug"), required=False) or sponsor.slug,
                       level=_level_from_form(db, conference, level_id),
                       contact_email=forms.email(contact_email, N_("contact email")))
    except DomainError as error:
        return _refused(request, db, conference, error, f"sponsor-{sponsor_id}",
                        {"name": name, "sponsor_slug": sponsor_slug, "level_id": level_id,
                         "contact_email": contact_email})
    return RedirectResponse(f"/conferences/{slug}/sponsors?done=sponsor", status_code=303)


@router.post("/conferences/{slug}/sponsors/purchases/new", dependencies=[CsrfProtected])
def add_purchase(request: Request, db: DbSession, user: SignedIn, slug: str, sponsor_id: FormText = "",
                 quantity: FormText = "", unit_price: FormText = "", product: FormText = "",
                 voucher_type: FormText = "comp", discount: FormText = "100", max_uses: FormText = "1",
                 prefix: FormText = "") -> Response:
    """Record a bulk purchase of voucher codes (pending), for a sponsor or for the conference itself."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    values = {"sponsor_id": sponsor_id, "quantity": quantity, "unit_price": unit_price, "product": product,
              "voucher_type": voucher_type, "discount": discount, "max_uses": max_uses, "prefix": prefix}
    try:
        sponsor = None
        if sponsor_id.strip():
            sponsor = sponsor_in(db, conference.id, _optional_id(sponsor_id) or 0)
            if sponsor is None:
                raise InvalidInput(Marked(N_("Choose one of this conference's sponsors, or the conference itself.")))
        ticket_type, addon = _product_from_form(db, product)
        config = purchases.BulkVoucherConfig.parse({
            "voucher_type": forms.text(voucher_type, N_("voucher type"), max_length=20),
            "discount_value": _money(discount, N_("discount"), conference),
            "max_uses": forms.whole_number(max_uses, N_("uses per code"), minimum=1, maximum=purchases.MAX_USES),
            "prefix": forms.text(prefix, N_("code prefix"), max_length=20) if prefix.strip() else None})
        purchase = purchases.create_bulk_purchase(
            db, sponsor, forms.whole_number(quantity, N_("quantity"), minimum=1, maximum=500, required=True), ticket_type,
            _money(unit_price, N_("unit price"), conference), requested_by=_by(user), voucher_config=config, addon=addon,
            conference=conference)
    except DomainError as error:
        return _refused(request, db, conference, error, "purchase-new", values)
    return RedirectResponse(f"/conferences/{slug}/sponsors/purchases/{purchase.id}?done=created", status_code=303)


def _product_from_form(db: Session, product: str) -> tuple[TicketType | None, AddOn | None]:
    """``ticket:<id>``, ``addon:<id>`` or empty (codes for any ticket); the purchase rule checks whose it is."""
    kind, _, number = product.strip().partition(":")
    if not product.strip():
        return None, None
    item_id = _optional_id(number)
    found = db.get(TicketType, item_id) if kind == "ticket" and item_id else \
        db.get(AddOn, item_id) if kind == "addon" and item_id else None
    if found is None:
        raise InvalidInput(Marked(N_("Choose a ticket type or an add-on of this conference, or any ticket.")))
    return (found, None) if isinstance(found, TicketType) else (None, found)


# One purchase: its state, its Checkout link, and what can be done with it ------------------------------

NOTICES = {
    "created": Marked(N_("Bulk purchase recorded (pending). Create its Checkout link for the sponsor to pay, or "
                         "approve it if it is a comp deal.")),
    "approved": Marked(N_("Approved. A comp deal (nothing to pay) can now be fulfilled.")),
    "fulfilled": Marked(N_("Fulfilled: its voucher codes are ready to download for the sponsor.")),
    "already": Marked(N_("It was already fulfilled: nothing new was generated.")),
    "refunded": Marked(N_("Refunded: its payment went back through Stripe and every code it generated stopped "
                          "working.")),
    "withdrawn": Marked(N_("Comp deal withdrawn: every code it generated stopped working. Nothing was paid, so no "
                           "money moved.")),
    "failed": Marked(N_("Marked failed.")),
}


def _purchase(db: Session, conference: Conference, purchase_id: int) -> BulkPurchase:
    purchase = bulk_purchase_in(db, conference.id, purchase_id)
    if purchase is None:
        raise page_not_found()
    return purchase


def _purchase_page(request: Request, db: Session, conference: Conference, purchase_id: int, *,
                   status_code: int = 200, error: str = "", notice: str = "", checkout_url: str = "",
                   values: dict[str, Any] | None = None) -> HTMLResponse:
    purchase = _purchase(db, conference, purchase_id)
    base = str(request.base_url).rstrip("/")
    return render(request, "bulk_purchase.html", status_code=status_code, conference=conference, purchase=purchase,
                  codes=bulk_purchase_codes(db, purchase.id), Status=BulkPurchaseStatus, error=error, notice=notice,
                  checkout_url=checkout_url,
                  values=values or {"success_url": f"{base}/", "cancel_url": f"{base}/"})


@router.get("/conferences/{slug}/sponsors/purchases/{purchase_id}")
def purchase_page(request: Request, db: DbSession, user: SignedIn, slug: str, purchase_id: IdPath,
                  done: str = "") -> HTMLResponse:
    """One bulk purchase: its state, its codes, and (for organizers) what can be done with it."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    return _purchase_page(request, db, conference, purchase_id, notice=NOTICES.get(done, ""))


def _done(slug: str, purchase_id: int, what: str) -> RedirectResponse:
    return RedirectResponse(f"/conferences/{slug}/sponsors/purchases/{purchase_id}?done={what}", status_code=303)


def _purchase_refused(request: Request, db: Session, conference: Conference, purchase_id: int,
                      error: DomainError, values: dict[str, Any] | None = None) -> HTMLResponse:
    if isinstance(error, NotFound):
        raise page_not_found()
    refused(request, db, error)
    return _purchase_page(request, db, conference, purchase_id, status_code=error.http_status, error=error.message,
                          values=values)


def _end_transaction_before_stripe(db: Session) -> None:
    """Commit the request's transaction (it only read: who is signed in, the purchase) before Stripe is asked.

    On SQLite every transaction holds the one write lock from its first statement, so an open one
    here would stall every other writer while Stripe answers, and the payment services' own short
    units of work would wait on it. After this the request's session is not used again: the page
    is drawn in a unit of work of its own (``_page_after_stripe``).
    """
    db.commit()


# Two whole sentences, not one with "after paying" put in: a language may need to turn the sentence around it.
_NO_SUCCESS_URL = Marked(N_("Give the web address (http:// or https://) Stripe sends the sponsor to after paying."))
_NO_CANCEL_URL = Marked(N_("Give the web address (http:// or https://) Stripe sends the sponsor to on cancelling."))


def _page_after_stripe(request: Request, conference: Conference, purchase_id: int, **page: Any) -> HTMLResponse:
    with unit_of_work(request.app.state.session_factory) as session:
        return _purchase_page(request, session, conference, purchase_id, **page)


@router.post("/conferences/{slug}/sponsors/purchases/{purchase_id}/checkout", dependencies=[CsrfProtected])
def checkout_link(request: Request, db: DbSession, user: SignedIn, slug: str, purchase_id: IdPath,
                  success_url: FormText = "", cancel_url: FormText = "") -> HTMLResponse:
    """The Stripe Checkout link for the sponsor to pay: created for a pending purchase, shown again after."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    status = _purchase(db, conference, purchase_id).payment_status
    values = {"success_url": success_url, "cancel_url": cancel_url}
    _end_transaction_before_stripe(db)
    factory = request.app.state.session_factory
    try:
        if status is BulkPurchaseStatus.PROCESSING:
            url = bulk_purchase_checkout_link(factory, purchase_id, conference_id=conference.id)
        else:
            for given, refusal in ((success_url, _NO_SUCCESS_URL), (cancel_url, _NO_CANCEL_URL)):
                if not given.startswith(("https://", "http://")) or len(given) > 2000:
                    raise InvalidInput(refusal)
            url = start_bulk_purchase_checkout(factory, purchase_id, success_url=success_url,
                                               cancel_url=cancel_url, conference_id=conference.id)
    except NotFound:
        raise page_not_found() from None
    except DomainError as error:
        return _page_after_stripe(request, conference, purchase_id, status_code=error.http_status,
                                  error=error.message, values=values)
    return _page_after_stripe(request, conference, purchase_id, checkout_url=url,
                              notice=Marked(N_("Send this Checkout link to the sponsor; their codes are generated when "
                                                "they pay.")))


@router.post("/conferences/{slug}/sponsors/purchases/{purchase_id}/approve", dependencies=[CsrfProtected])
def approve(request: Request, db: DbSession, user: SignedIn, slug: str, purchase_id: IdPath) -> Response:
    """Approve a pending purchase (a comp deal can then be fulfilled without payment)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    try:
        purchases.approve(db, _purchase(db, conference, purchase_id))
    except DomainError as error:
        return _purchase_refused(request, db, conference, purchase_id, error)
    return _done(slug, purchase_id, "approved")


@router.post("/conferences/{slug}/sponsors/purchases/{purchase_id}/fulfil", dependencies=[CsrfProtected])
def fulfil(request: Request, db: DbSession, user: SignedIn, slug: str, purchase_id: IdPath) -> Response:
    """Generate the purchase's voucher codes (once: a fulfilled purchase is left as it is)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    try:
        made = purchases.fulfill_bulk_purchase(db, _purchase(db, conference, purchase_id))
    except DomainError as error:
        return _purchase_refused(request, db, conference, purchase_id, error)
    return _done(slug, purchase_id, "fulfilled" if made else "already")


@router.post("/conferences/{slug}/sponsors/purchases/{purchase_id}/refund", dependencies=[CsrfProtected])
def refund(request: Request, db: DbSession, user: SignedIn, slug: str, purchase_id: IdPath,
           confirm: FormText = "") -> Response:
    """Refund a paid purchase through Stripe; every code it generated stops working."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    _purchase(db, conference, purchase_id)
    if confirm != "yes":
        return _purchase_page(request, db, conference, purchase_id, status_code=422,
                              error=Marked(N_("Tick the box to confirm the refund: nothing was refunded.")))
    _end_transaction_before_stripe(db)
    try:
        refunded = refund_bulk_purchase_through_stripe(request.app.state.session_factory, purchase_id,
                                                       conference_id=conference.id)
    except NotFound:
        raise page_not_found() from None
    except DomainError as error:
        return _page_after_stripe(request, conference, purchase_id, status_code=error.http_status,
                                  error=error.message)
    return _done(slug, purchase_id, "refunded" if refunded.paid_through_stripe else "withdrawn")


@router.post("/conferences/{slug}/sponsors/purchases/{purchase_id}/fail", dependencies=[CsrfProtected])
def mark_failed(request: Request, db: DbSession, user: SignedIn, slug: str, purchase_id: IdPath) -> Response:
    """Mark a pending or processing purchase failed (the sponsor will not pay)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    try:
        purchases.mark_failed_by_hand(db, _purchase(db, conference, purchase_id))
    except DomainError as error:
        return _purchase_refused(request, db, conference, purchase_id, error)
    return _done(slug, purchase_id, "failed")


@router.get("/conferences/{slug}/sponsors/purchases/{purchase_id}/codes.csv")
def codes_csv(db: DbSession, user: SignedIn, slug: str, purchase_id: IdPath) -> Response:
    """The purchase's voucher codes as CSV, to send to the sponsor (cells safe in a spreadsheet; organizers and owners)."""
    conference = conference_for(db, user, slug, at_least=SEES_CODES)
    purchase = _purchase(db, conference, purchase_id)
    codes = bulk_purchase_codes(db, purchase.id)
    product = purchase.ticket_type.name if purchase.ticket_type else purchase.addon.name if purchase.addon else "any"
    rows = [(v.code, product, v.voucher_type.value, v.discount_value, v.max_uses, v.times_used,
             "yes" if v.is_active else "no", v.valid_from.isoformat() if v.valid_from else "",
             v.valid_until.isoformat() if v.valid_until else "") for v in codes]
    owner = purchase.sponsor.slug if purchase.sponsor else conference.slug
    filename = f"{owner}-bulk-purchase-{purchase.id}-codes.csv"
    header = ("code", "for", "voucher type", "discount", "uses allowed", "times used", "active", "valid from",
              "valid until")
    return StreamingResponse(csv_chunks(header, rows), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"',
                                      "Cache-Control": "no-store"})
