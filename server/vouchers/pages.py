"""Console pages for vouchers: generate a batch (vouchers.service's rules), the list with uses, deactivate, CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from server.api import DbSession
from server.conferences.models import Conference
from server.conferences.repository import addons_in, addons_of, ticket_types_in, ticket_types_of
from server.conferences.time_entry import in_venue_words
from server.errors import DomainError, InvalidInput
from server.exports.spreadsheet import csv_chunks
from server.users.models import Role
from server.vouchers.export import HEADER, voucher_rows
from server.vouchers.models import VoucherType
from server.vouchers.repository import count_vouchers, voucher_counts, voucher_in, voucher_page
from server.vouchers.service import VoucherBulkConfig, deactivate_voucher, generate_voucher_codes
from server.web import forms
from server.web.console import CsrfProtected, SignedIn, conference_for, page_not_found, render
from server.web.forms import checked, ids, refused, whole_number
from server.web.sections import SEES_CODES, sees_codes
from shared.languages import N_, Marked

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)

PAGE_SIZE = 50
# Marked for the console's catalogue; the page shows _(label) (hence %%: a gettext text is a format string).
TYPE_LABELS = {VoucherType.COMP: N_("Complimentary (100%% off)"), VoucherType.PERCENTAGE: N_("Percentage off"),
               VoucherType.FIXED_AMOUNT: N_("Fixed amount off")}
ShortText = Annotated[str, Form(max_length=300)]
Ids = Annotated[list[str], Form(max_length=200)]
Box = Annotated[str | None, Form(max_length=10)]
PrefixQuery = Annotated[str, Query(max_length=100)]


def _blank_form() -> dict:
    return {"prefix": "", "count": "10", "voucher_type": "comp", "value": "", "max_uses": "1", "valid_from": "",
            "valid_until": "", "ticket_types": [], "addons": [], "unlocks_hidden_tickets": False}


def _vouchers_page(request: Request, db: DbSession, conference: Conference, *, prefix: str = "", page: int = 1,
                   status_code: int = 200, error: str = "", notice: str = "", form: dict | None = None,
                   search_error: str = "") -> HTMLResponse:
    prefix = prefix.strip()
    total = count_vouchers(db, conference.id, prefix)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    vouchers = voucher_page(db, conference.id, code_prefix=prefix, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    zone = conference.timezone

    def link(**changes) -> str:
        query = {key: value for key, value in {"prefix": prefix, "page": page, **changes}.items() if value}
        return f"/conferences/{conference.slug}/vouchers" + (f"?{urlencode(query)}" if query else "")

    return render(
        request, "vouchers.html", status_code=status_code, conference=conference, vouchers=vouchers, total=total,
        page=page, pages=pages, prefix=prefix, link=link, error=error, notice=notice, form=form or _blank_form(),
        ticket_types=ticket_types_of(db, conference.id), addons=addons_of(db, conference.id),
        type_labels=TYPE_LABELS, when=lambda moment: in_venue_words(moment, zone), search_error=search_error,
        csv_link=f"/conferences/{conference.slug}/vouchers.csv" + (f"?{urlencode({'prefix': prefix})}" if prefix else ""),
    )


@router.get("/conferences/{slug}/vouchers")
def vouchers(request: Request, db: DbSession, user: SignedIn, slug: str, prefix: PrefixQuery = "",
             page: Annotated[int, Query(ge=1, le=1_000_000)] = 1, generated: Annotated[int, Query(ge=0, le=500)] = 0,
             deactivated: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    """The conference's vouchers with their uses, by code, 50 a page, searchable by the start of the code.

    Door leads and viewers see how many codes there are and how they were used, never a code (a
    comp code is a free ticket), nor a search by prefix (its counts would spell the codes out)."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    if not sees_codes(user.role_in(conference)):
        return render(request, "vouchers.html", conference=conference, counts=voucher_counts(db, conference.id),
                      type_labels=TYPE_LABELS)
    try:
        prefix = forms.search_text(prefix, N_("code prefix"))
    except InvalidInput as refusal:  # a NUL would reach PostgreSQL, which answers it with an error
        return _vouchers_page(request, db, conference, status_code=422, search_error=refusal.message)
    notice = (Marked(N_("Generated %(count)s voucher codes."), count=generated) if generated
              else Marked(N_("Voucher %(code)s deactivated: it is refused from now on."), code=deactivated) if deactivated
              else "")
    return _vouchers_page(request, db, conference, prefix=prefix, page=page, notice=notice)


def _bulk_config(db: DbSession, conference: Conference, form: dict) -> VoucherBulkConfig:
    """The batch the form asks for; generate_voucher_codes refuses what its rules refuse (a count over 500, a prefix
    with spaces, a window that ends before it starts)."""
    zone = conference.timezone
    ticket_ids = forms.ids(form["ticket_types"], N_("ticket types"), field="ticket_types")
    addon_ids = forms.ids(form["addons"], N_("add-ons"))
    ticket_types = ticket_types_in(db, conference.id, ticket_ids)
    addons = addons_in(db, conference.id, addon_ids)
    if len(ticket_types) != len(ticket_ids) or len(addons) != len(addon_ids):
        raise InvalidInput(Marked(N_("A ticket type or add-on chosen is not one of this conference's.")))
    voucher_type = form["voucher_type"]
    value = form["value"].strip()
    if voucher_type not in (VoucherType.PERCENTAGE, VoucherType.FIXED_AMOUNT):
        discount = Decimal("0.00")  # a comp voucher takes everything off whatever its value
    elif not value:
        raise InvalidInput(Marked(N_("Say how much the voucher takes off (a percentage, or an amount).")))
    else:
        discount = forms.money(value, N_("discount value"), currency=conference.currency, field="value")
    return VoucherBulkConfig(
        conference=conference, prefix=forms.text(form["prefix"], N_("code prefix"), max_length=92, field="prefix"),
        count=forms.whole_number(form["count"], N_("count"), minimum=1, maximum=10_000),
        voucher_type=voucher_type, discount_value=discount,
        max_uses=forms.whole_number(form["max_uses"], N_("maximum uses"), minimum=1, field="max_uses"),
        valid_from=forms.venue_time(form["valid_from"], zone, N_("start of validity"), field="valid_from"),
        valid_until=forms.venue_time(form["valid_until"], zone, N_("end of validity"), field="valid_until"),
        unlocks_hidden_tickets=form["unlocks_hidden_tickets"],
        applicable_ticket_types=ticket_types or None, applicable_addons=addons or None,
    )


@router.post("/conferences/{slug}/vouchers", dependencies=[CsrfProtected])
def generate(request: Request, db: DbSession, user: SignedIn, slug: str, prefix: ShortText = "",
             count: ShortText = "", voucher_type: ShortText = "", value: ShortText = "", max_uses: ShortText = "",
             valid_from: ShortText = "", valid_until: ShortText = "", ticket_types: Ids = [],  # noqa: B006
             addons: Ids = [], unlocks_hidden_tickets: Box = None) -> Response:  # noqa: B006
    """Generate a batch of 1-500 unique codes ``{prefix}{8 × A-Z0-9}``: all of them or, on any refusal, none."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    form = {"prefix": prefix, "count": count, "voucher_type": voucher_type, "value": value, "max_uses": max_uses,
            "valid_from": valid_from, "valid_until": valid_until, "ticket_types": ticket_types, "addons": addons,
            "unlocks_hidden_tickets": checked(unlocks_hidden_tickets)}
    try:
        batch = generate_voucher_codes(db, _bulk_config(db, conference, form))
    except DomainError as error:
        refused(request, db, error)
        form["ticket_types"] = [int(i) for i in ticket_types if i.isascii() and i.isdigit() and len(i) < 12]
        form["addons"] = [int(i) for i in addons if i.isascii() and i.isdigit() and len(i) < 12]
        return _vouchers_page(request, db, conference, status_code=422, error=error.message, form=form)
    query = urlencode({"prefix": prefix.strip(), "generated": len(batch)} if prefix.strip() else
                      {"generated": len(batch)})
    return RedirectResponse(f"/conferences/{conference.slug}/vouchers?{query}", status_code=303)


@router.post("/conferences/{slug}/vouchers/{voucher_id}/deactivate", dependencies=[CsrfProtected])
def deactivate(request: Request, db: DbSession, user: SignedIn, slug: str, voucher_id: str,
               prefix: ShortText = "", page: ShortText = "") -> Response:
    """Refuse a code from now on (orders already placed with it keep their discount)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    if not voucher_id.isascii() or not voucher_id.isdigit() or len(voucher_id) > 12:
        raise page_not_found()
    voucher = voucher_in(db, conference.id, int(voucher_id))
    if voucher is None:
        raise page_not_found()
    deactivate_voucher(db, voucher)
    back = {"prefix": prefix.strip(), "page": page if page.isdigit() else "", "deactivated": voucher.code}
    return RedirectResponse(f"/conferences/{conference.slug}/vouchers?{urlencode({k: v for k, v in back.items() if v})}",
                            status_code=303)


@router.get("/conferences/{slug}/vouchers.csv", response_class=StreamingResponse)
def download(request: Request, db: DbSession, user: SignedIn, slug: str, prefix: PrefixQuery = "") -> StreamingResponse:
    """The vouchers (of a code prefix) as CSV, for organizers and owners: UTF-8 with BOM, formulas escaped, streamed."""
    conference = conference_for(db, user, slug, at_least=SEES_CODES)
    prefix = forms.search_text(prefix, N_("code prefix"))  # refused as a 422 before a NUL reaches PostgreSQL
    rows = voucher_rows(request.app.state.session_factory, conference.id, conference.timezone, prefix.strip())
    name = f"{conference.slug}-vouchers" + (f"-{prefix.strip()}" if prefix.strip().isascii() and prefix.strip().isalnum() else "") + ".csv"
    return StreamingResponse(csv_chunks(HEADER, rows), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}"',
                                      "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})
