"""The sales set-up pages over real HTTP (httpx to a live uvicorn, SQLite and PostgreSQL): settings, ticket
types and add-ons, vouchers. Who may do what, what a bad form gets (422, nothing written), what is shown."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import httpx
import pytest
from sqlalchemy import func, select

from server.conferences.models import AddOn, Conference, TicketType
from server.conferences.service import get_conference, get_ticket_type
from server.db.engine import unit_of_work
from server.users.models import Membership, Role
from server.vouchers.models import Voucher
from tests.factories import make_addon, make_order, make_ticket_type
from tests.web.conftest import CONFERENCE_A, CONFERENCE_B

SECRET = "sk_test_51AbCdEfGhIjKlMnOpQrStUvWxYz0123456789wxyz"
WEBHOOK_SECRET = "whsec_QwErTyUiOpAsDfGhJkLzXcVbNm7531"


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


class Console:
    """An httpx client signed in as one user, posting forms with the page's CSRF token as a browser does."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.csrf = ""

    def get(self, path: str, **kwargs) -> httpx.Response:
        response = self.client.get(path, **kwargs)
        if 'name="csrf_token"' in response.text:
            self.csrf = _token(response.text)
        return response

    def post(self, path: str, data: dict | list | None = None) -> httpx.Response:
        if not self.csrf:
            self.get("/")
        items = list(data.items()) if isinstance(data, dict) else list(data or [])
        fields: dict[str, list[str]] = {}
        for key, value in [*items, ("csrf_token", self.csrf)]:
            fields.setdefault(key, []).append(value)  # repeated names, as a form's checkboxes send them
        return self.client.post(path, data=fields)


@pytest.fixture
def console_as(console_server, make_console_user):
    clients = []

    def sign_in(role: Role, conference: str = CONFERENCE_A) -> Console:
        user = make_console_user(role, conference)
        client = httpx.Client(base_url=console_server.base_url, timeout=30)
        clients.append(client)
        form = client.get("/sign-in")
        signed = client.post("/sign-in", data={"email": user.email, "password": user.password,
                                               "csrf_token": _token(form.text)})
        assert signed.status_code == 303
        console = Console(client)
        console.get("/")
        return console

    yield sign_in
    for client in clients:
        client.close()


def _count(console_server, model) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(func.count(model.id)))


def _alert(page: str) -> str:
    found = re.search(r'class="alert" role="alert"[^>]*>([^<]+)<', page)
    return html.unescape(found.group(1).strip()) if found else ""


# A new conference ---------------------------------------------------------------------------------------------

def test_a_new_conference_makes_its_creator_the_owner(console_as, console_server):
    console = console_as(Role.VIEWER)
    created = console.post("/conferences/new", {"slug": "nyc-2026", "name": "NYC 2026", "timezone": "America/New_York",
                                                "capacity": "250", "currency": "USD"})
    assert created.status_code == 303 and created.headers["location"] == "/conferences/nyc-2026/settings?created=1"
    page = console.get("/conferences/nyc-2026/settings?created=1")
    assert page.status_code == 200 and "you are its owner" in page.text
    with console_server.session_factory() as session:
        conference = get_conference(session, "nyc-2026")
        assert (conference.timezone, conference.total_capacity, conference.currency) == ("America/New_York", 250, "usd")
        roles = session.scalars(select(Membership.role).where(Membership.conference_id == conference.id)).all()
        assert roles == [Role.OWNER]
    assert "NYC 2026" in console.get("/").text


@pytest.mark.parametrize(("fields", "message"), [
    ({"slug": CONFERENCE_B}, "already exists"),
    ({"slug": "Bad Slug"}, "Invalid slug"),
    ({"timezone": "Mars/Olympus"}, "Unknown time zone 'Mars/Olympus'"),
    ({"capacity": "lots"}, "not a whole number"),
    ({"currency": "dollars"}, "Invalid currency"),
    ({"name": "  "}, "needs a name"),
])
def test_a_bad_new_conference_is_the_form_again_and_nothing_is_written(console_as, console_server, fields, message):
    console = console_as(Role.VIEWER)
    before = _count(console_server, Conference), _count(console_server, Membership)
    answer = console.post("/conferences/new", {"slug": "fine", "name": "Fine", "timezone": "UTC", "capacity": "0",
                                               "currency": "usd", **fields})
    assert answer.status_code == 422
    assert message in _alert(answer.text)
    assert 'value="Fine"' in answer.text or fields.get("name") == "  "  # what was typed is kept
    assert (_count(console_server, Conference), _count(console_server, Membership)) == before


# Settings -----------------------------------------------------------------------------------------------------

def test_stripe_keys_are_never_shown_back_in_full(console_as, console_server):
    console = console_as(Role.OWNER)
    saved = console.post(f"/conferences/{CONFERENCE_A}/settings/stripe",
                         {"secret_key": SECRET, "publishable_key": "pk_test_123", "webhook_secret": WEBHOOK_SECRET})
    assert saved.status_code == 200 and "Stripe secret key, publishable key, webhook signing secret saved." in saved.text
    for shown in (saved.text, console.get(f"/conferences/{CONFERENCE_A}/settings").text):
        assert SECRET not in shown and SECRET[:-4] not in shown and WEBHOOK_SECRET[-10:] not in shown
        assert "…wxyz" in shown and "…7531" in shown
    # An empty field keeps the key there is; only the typed one changes.
    console.post(f"/conferences/{CONFERENCE_A}/settings/stripe", {"secret_key": "", "webhook_secret": "whsec_new0042"})
    with console_server.session_factory() as session:
        conference = get_conference(session, CONFERENCE_A)
        assert (conference.stripe_secret_key, conference.stripe_webhook_secret) == (SECRET, "whsec_new0042")


def test_a_key_that_is_not_a_stripe_key_is_refused_and_nothing_changes(console_as, console_server):
    console = console_as(Role.OWNER)
    console.post(f"/conferences/{CONFERENCE_A}/settings/stripe", {"secret_key": SECRET})
    refused = console.post(f"/conferences/{CONFERENCE_A}/settings/stripe",
                           {"secret_key": "pk_test_oops", "webhook_secret": WEBHOOK_SECRET})
    assert refused.status_code == 422 and "starts with sk_" in _alert(refused.text)
    with console_server.session_factory() as session:
        conference = get_conference(session, CONFERENCE_A)
        assert (conference.stripe_secret_key, conference.stripe_webhook_secret) == (SECRET, "")


def test_the_webhook_address_is_this_servers_with_the_events_to_choose(console_as, console_server):
    html = console_as(Role.OWNER).get(f"/conferences/{CONFERENCE_A}/settings").text
    assert f"{console_server.base_url}/api/v1/stripe/webhook/{CONFERENCE_A}" in html
    for event in ("checkout.session.completed", "checkout.session.expired", "charge.refunded"):
        assert f"<code>{event}</code>" in html


def test_settings_change_the_name_zone_and_capacity_but_not_below_seats_taken(console_as, console_server):
    console = console_as(Role.OWNER)
    saved = console.post(f"/conferences/{CONFERENCE_A}/settings",
                         {"name": "PyCon Renamed", "timezone": "Europe/Berlin", "capacity": "80"})
    assert saved.status_code == 200 and "Settings saved." in saved.text
    refused = console.post(f"/conferences/{CONFERENCE_A}/settings",
                           {"name": "PyCon Smaller", "timezone": "Europe/Berlin", "capacity": "1"})
    assert refused.status_code == 422 and "2 seats are already sold or held" in _alert(refused.text)
    with console_server.session_factory() as session:
        conference = get_conference(session, CONFERENCE_A)
        assert (conference.name, conference.timezone, conference.total_capacity) == ("PyCon Renamed", "Europe/Berlin", 80)


def test_rotating_the_badge_key_needs_the_confirmation(console_as, console_server):
    console = console_as(Role.OWNER)
    with console_server.session_factory() as session:
        before = get_conference(session, CONFERENCE_A).badge_public_key
    refused = console.post(f"/conferences/{CONFERENCE_A}/settings/badge-key", {})
    assert refused.status_code == 422 and "Tick the box" in _alert(refused.text)
    with console_server.session_factory() as session:
        assert get_conference(session, CONFERENCE_A).badge_public_key == before
    assert console.post(f"/conferences/{CONFERENCE_A}/settings/badge-key", {"confirm": "yes"}).status_code == 200
    with console_server.session_factory() as session:
        conference = get_conference(session, CONFERENCE_A)
        assert conference.badge_public_key != before and conference.badge_previous_public_key == before


@pytest.mark.parametrize(("path", "data"), [
    ("/settings", {"name": "Hijacked", "timezone": "UTC", "capacity": "5"}),
    ("/settings/stripe", {"secret_key": "sk_test_hijack"}),
    ("/settings/badge-key", {"confirm": "yes"}),
])
def test_an_organizer_reads_the_settings_but_only_the_owner_changes_them(console_as, console_server, path, data):
    organizer = console_as(Role.ORGANIZER)
    page = organizer.get(f"/conferences/{CONFERENCE_A}/settings")
    assert page.status_code == 200 and "Only an owner" in page.text and "Save Stripe keys" not in page.text
    with console_server.session_factory() as session:
        before = get_conference(session, CONFERENCE_A)
        before = (before.name, before.stripe_secret_key, before.badge_public_key)
    assert organizer.post(f"/conferences/{CONFERENCE_A}{path}", data).status_code == 404
    with console_server.session_factory() as session:
        after = get_conference(session, CONFERENCE_A)
        assert (after.name, after.stripe_secret_key, after.badge_public_key) == before
    assert console_as(Role.DOOR_LEAD).get(f"/conferences/{CONFERENCE_A}/settings").status_code == 404


# Ticket types and add-ons -----------------------------------------------------------------------------------

def _new_york(console_server):
    with unit_of_work(console_server.session_factory) as session:
        get_conference(session, CONFERENCE_A).timezone = "America/New_York"


def test_a_sale_window_is_typed_and_shown_on_the_venues_clock(console_as, console_server):
    _new_york(console_server)
    console = console_as(Role.ORGANIZER)
    added = console.post(f"/conferences/{CONFERENCE_A}/products/ticket-types",
                         {"name": "Early bird", "type_slug": "early", "price": "199.50", "quantity": "50",
                          "available_from": "2026-05-01T09:00", "available_until": "2026-11-02T09:00",
                          "bulk_enabled": "yes"})
    assert added.status_code == 303
    with console_server.session_factory() as session:
        early = get_ticket_type(session, get_conference(session, CONFERENCE_A), "early")
        # EDT (UTC-4) in May, EST (UTC-5) in November: each window end on its own offset.
        assert early.available_from == dt.datetime(2026, 5, 1, 13, 0, tzinfo=dt.UTC)
        assert early.available_until == dt.datetime(2026, 11, 2, 14, 0, tzinfo=dt.UTC)
        assert (str(early.price), early.total_quantity, early.bulk_enabled, early.requires_voucher) == \
            ("199.50", 50, True, False)
    listing = html.unescape(console.get(added.headers["location"]).text)
    assert "'Early bird' added." in listing
    assert "2026-05-01 09:00 EDT – 2026-11-02 09:00 EST" in listing
    edit = console.get(f"/conferences/{CONFERENCE_A}/products/ticket-types/{early.id}").text
    assert 'value="2026-05-01T09:00"' in edit and 'value="2026-11-02T09:00"' in edit


@pytest.mark.parametrize(("fields", "message"), [
    ({"price": "ten"}, "Invalid price 'ten'"),
    ({"price": "1.001"}, "at most two decimal places"),
    ({"quantity": "-3"}, "between 0 and"),
    ({"available_from": "2026-05-02T09:00", "available_until": "2026-05-01T09:00"}, "ends before it starts"),
    ({"available_from": "2026-03-08T02:30"}, "does not exist in America/New_York"),
    ({"available_from": "tomorrow"}, "is not a date and time"),
    ({"type_slug": "standard"}, "already exists"),
    ({"type_slug": "UPPER"}, "Invalid ticket type slug"),
])
def test_a_bad_ticket_type_is_the_form_again_and_nothing_is_written(console_as, console_server, fields, message):
    _new_york(console_server)
    console = console_as(Role.ORGANIZER)
    before = _count(console_server, TicketType)
    answer = console.post(f"/conferences/{CONFERENCE_A}/products/ticket-types",
                          {"name": "Workshop pass", "type_slug": "workshop", "price": "10", "quantity": "0", **fields})
    assert answer.status_code == 422 and message in _alert(answer.text)
    assert 'value="Workshop pass"' in answer.text
    assert _count(console_server, TicketType) == before


def test_editing_keeps_what_was_sold_and_refuses_a_quantity_below_it(console_as, console_server):
    with unit_of_work(console_server.session_factory) as session:
        standard = get_ticket_type(session, get_conference(session, CONFERENCE_A), "standard")
        standard_id = standard.id
    console = console_as(Role.ORGANIZER)
    path = f"/conferences/{CONFERENCE_A}/products/ticket-types/{standard_id}"
    refused = console.post(path, {"name": "Standard", "price": "120", "quantity": "1"})
    assert refused.status_code == 422 and "2 of 'Standard' are already sold or held" in _alert(refused.text)
    saved = console.post(path, {"name": "Regular", "price": "120", "quantity": "10", "requires_voucher": "yes"})
    assert saved.status_code == 303
    with console_server.session_factory() as session:
        ticket_type = session.get(TicketType, standard_id)
        assert (ticket_type.name, str(ticket_type.price), ticket_type.total_quantity, ticket_type.requires_voucher,
                ticket_type.slug) == ("Regular", "120.00", 10, True, "standard")


def test_sold_held_and_left_come_from_the_orders(console_as, console_server):
    with unit_of_work(console_server.session_factory) as session:
        conference = get_conference(session, CONFERENCE_A)
        workshop = make_ticket_type(session, conference, name="Workshop", slug="workshop", total_quantity=10)
        lunch = make_addon(session, conference, name="Lunch", slug="lunch", total_quantity=5)
        make_order(session, conference, tickets={workshop: 3}, addons={lunch: 2})
        make_order(session, conference, status="pending", tickets={workshop: 2}, addons={lunch: 1})
        make_order(session, conference, status="refunded", tickets={workshop: 4})
        ids = workshop.id, lunch.id
    html = console_as(Role.VIEWER).get(f"/conferences/{CONFERENCE_A}/products").text

    def cells(row_id: str) -> list[str]:
        row = re.search(rf'<tr id="{row_id}".*?</tr>', html, re.DOTALL).group(0)
        return [c.strip() for c in re.findall(r'<td class="number">([^<]*)</td>', row)]

    assert cells(f"ticket-type-{ids[0]}")[1:] == ["10", "3", "2", "5"]  # quantity, sold, held, left
    assert cells(f"addon-{ids[1]}")[1:] == ["5", "2", "1", "2"]
    assert "Venue: 5 sold, 2 held, 93 left of 100." in " ".join(html.split())  # the seed's 2 paid + 3


def test_an_add_on_that_requires_a_ticket_type(console_as, console_server):
    with console_server.session_factory() as session:
        standard_id = get_ticket_type(session, get_conference(session, CONFERENCE_A), "standard").id
        other_id = get_ticket_type(session, get_conference(session, CONFERENCE_B), "standard").id
    console = console_as(Role.ORGANIZER)
    foreign = console.post(f"/conferences/{CONFERENCE_A}/products/addons",
                           [("name", "Lunch"), ("addon_slug", "lunch"), ("price", "15"), ("requires", str(other_id))])
    assert foreign.status_code == 422 and "not one of this conference's" in _alert(foreign.text)
    assert _count(console_server, AddOn) == 0
    added = console.post(f"/conferences/{CONFERENCE_A}/products/addons",
                         [("name", "Lunch"), ("addon_slug", "lunch"), ("price", "15"), ("requires", str(standard_id))])
    assert added.status_code == 303
    listing = console.get(added.headers["location"]).text
    assert re.search(r"<th scope=\"row\">Lunch.*?<td>Standard</td>", listing, re.DOTALL)


def _order(console_server, tickets: dict, addons: dict | None = None) -> httpx.Response:
    return httpx.post(f"{console_server.base_url}/api/v1/conferences/{CONFERENCE_A}/orders", timeout=30,
                      json={"buyer": {"first_name": "Bo", "email": "bo@example.org"}, "tickets": tickets,
                            "addons": addons or {}})


def test_a_deactivated_ticket_type_is_not_sold_and_sold_tickets_stay(console_as, console_server):
    with console_server.session_factory() as session:
        standard_id = get_ticket_type(session, get_conference(session, CONFERENCE_A), "standard").id
    console = console_as(Role.ORGANIZER)
    off = console.post(f"/conferences/{CONFERENCE_A}/products/ticket-types/{standard_id}/active", {"active": "no"})
    assert off.status_code == 303
    assert "no longer sold (those sold stay valid)" in console.get(off.headers["location"]).text
    refused = _order(console_server, {"standard": 1})
    assert refused.status_code == 409
    assert refused.json()["detail"] == {"code": "deactivated",
                                        "message": "'Standard' is no longer on sale: the organizer has withdrawn it."}
    console.post(f"/conferences/{CONFERENCE_A}/products/ticket-types/{standard_id}/active", {"active": "yes"})
    assert _order(console_server, {"standard": 1}).status_code == 201


@pytest.mark.parametrize("method_path", [
    ("get", "/products/ticket-types/{tt}"), ("post", "/products/ticket-types/{tt}"),
    ("post", "/products/ticket-types/{tt}/active"), ("get", "/products/addons/{addon}"),
    ("post", "/products/addons/{addon}"), ("post", "/products/addons/{addon}/active"),
    ("post", "/vouchers/{voucher}/deactivate"), ("get", "/products/ticket-types/nope"),
])
def test_another_conferences_ids_are_not_found_and_untouched(console_as, console_server, method_path):
    with unit_of_work(console_server.session_factory) as session:
        other = get_conference(session, CONFERENCE_B)
        ids = {"tt": get_ticket_type(session, other, "standard").id,
               "addon": make_addon(session, other, name="Dinner", slug="dinner").id}
        from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes
        ids["voucher"] = generate_voucher_codes(session, VoucherBulkConfig(
            conference=other, prefix="B-", count=1, voucher_type="comp", discount_value=0))[0].id
    method, path = method_path
    console = console_as(Role.OWNER)
    url = f"/conferences/{CONFERENCE_A}" + path.format(**ids)
    answer = console.get(url) if method == "get" else console.post(url, {"name": "Stolen", "price": "0",
                                                                         "quantity": "0", "active": "no"})
    assert answer.status_code == 404 and "There is no such page" in answer.text
    with console_server.session_factory() as session:
        assert session.get(TicketType, ids["tt"]).name == "Standard" and session.get(TicketType, ids["tt"]).is_active
        assert session.get(AddOn, ids["addon"]).name == "Dinner" and session.get(AddOn, ids["addon"]).is_active
        assert session.get(Voucher, ids["voucher"]).is_active


@pytest.mark.parametrize(("path", "data"), [
    ("/products/ticket-types", {"name": "VIP", "type_slug": "vip", "price": "0"}),
    ("/products/addons", {"name": "Dinner", "addon_slug": "dinner", "price": "0"}),
    ("/products/ticket-types/{tt}/active", {"active": "no"}),
    ("/vouchers", {"count": "5", "voucher_type": "comp"}),
])
def test_a_door_lead_reads_the_sales_pages_but_changes_nothing(console_as, console_server, path, data):
    with console_server.session_factory() as session:
        tt = get_ticket_type(session, get_conference(session, CONFERENCE_A), "standard").id
    door_lead = console_as(Role.DOOR_LEAD)
    products = door_lead.get(f"/conferences/{CONFERENCE_A}/products")
    assert products.status_code == 200 and "Standard" in products.text and "Add a ticket type" not in products.text
    vouchers = door_lead.get(f"/conferences/{CONFERENCE_A}/vouchers")
    assert vouchers.status_code == 200 and "Generate vouchers" not in vouchers.text
    counts = [_count(console_server, model) for model in (TicketType, AddOn, Voucher)]
    assert door_lead.post(f"/conferences/{CONFERENCE_A}" + path.format(tt=tt), data).status_code == 404
    assert [_count(console_server, model) for model in (TicketType, AddOn, Voucher)] == counts
    with console_server.session_factory() as session:
        assert session.get(TicketType, tt).is_active


# Vouchers -------------------------------------------------------------------------------------------------------

def test_vouchers_are_generated_listed_searched_deactivated_and_exported(console_as, console_server):
    _new_york(console_server)
    with console_server.session_factory() as session:
        standard_id = get_ticket_type(session, get_conference(session, CONFERENCE_A), "standard").id
    console = console_as(Role.ORGANIZER)
    made = console.post(f"/conferences/{CONFERENCE_A}/vouchers",
                        [("prefix", "SPK-"), ("count", "3"), ("voucher_type", "percentage"), ("value", "25"),
                         ("max_uses", "2"), ("valid_until", "2026-12-31T23:59"), ("ticket_types", str(standard_id)),
                         ("unlocks_hidden_tickets", "yes")])
    assert made.status_code == 303
    console.post(f"/conferences/{CONFERENCE_A}/vouchers", {"prefix": "=HYPERLINK(", "count": "1",
                                                          "voucher_type": "comp"})
    listing = console.get(made.headers["location"])
    assert "Generated 3 voucher codes." in listing.text and "3 vouchers starting with" in listing.text
    codes = re.findall(r"<code>(SPK-[A-Z0-9]{8})</code>", listing.text)
    assert len(codes) == 3 and "0 of 2" in listing.text and "2026-12-31 23:59 EST" in listing.text
    assert "=HYPERLINK(" not in listing.text  # the search shows only what it matches

    with console_server.session_factory() as session:
        first = session.scalar(select(Voucher).where(Voucher.code == min(codes)))
        assert first.valid_until == dt.datetime(2027, 1, 1, 4, 59, tzinfo=dt.UTC)
        assert [t.id for t in first.applicable_ticket_types] == [standard_id] and first.unlocks_hidden_tickets
    gone = console.post(f"/conferences/{CONFERENCE_A}/vouchers/{first.id}/deactivate", {"prefix": "SPK-"})
    assert gone.status_code == 303 and f"Voucher {first.code} deactivated" in console.get(gone.headers["location"]).text

    export = console.get(f"/conferences/{CONFERENCE_A}/vouchers.csv")
    assert export.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    by_code = {row["code"]: row for row in rows}
    assert by_code[first.code]["active"] == "no" and by_code[first.code]["ticket_types"] == "Standard"
    assert by_code[first.code]["valid_until"] == "2026-12-31 23:59 EST" and by_code[first.code]["max_uses"] == "2"
    dangerous = [code for code in by_code if "HYPERLINK" in code]
    assert len(dangerous) == 1 and dangerous[0].startswith("'=HYPERLINK(")  # never run as a formula
    only_speakers = console.get(f"/conferences/{CONFERENCE_A}/vouchers.csv?prefix=SPK-")
    assert len(list(csv.DictReader(io.StringIO(only_speakers.content.decode("utf-8-sig"))))) == 3


@pytest.mark.parametrize(("fields", "message"), [
    ({"count": "501"}, "count must be between 1 and 500, got 501"),
    ({"count": "0"}, "The count must be between 1"),
    ({"voucher_type": "percentage", "value": "150"}, "between 0 and 100"),
    ({"voucher_type": "fixed_amount", "value": ""}, "Say how much"),
    ({"voucher_type": "gift"}, "Unknown voucher type 'gift'"),
    ({"valid_from": "2026-06-02T00:00", "valid_until": "2026-06-01T00:00"}, "valid_until cannot be before valid_from"),
    ({"prefix": "HAS SPACE"}, "without spaces"),
    ({"max_uses": "0"}, "between 1 and"),
])
def test_a_bad_voucher_batch_is_the_form_again_and_nothing_is_written(console_as, console_server, fields, message):
    console = console_as(Role.ORGANIZER)
    answer = console.post(f"/conferences/{CONFERENCE_A}/vouchers",
                          {"prefix": "OK-", "count": "5", "voucher_type": "comp", "max_uses": "1", **fields})
    assert answer.status_code == 422 and message in _alert(answer.text)
    assert _count(console_server, Voucher) == 0


def test_the_voucher_list_is_paged(console_as, console_server):
    with unit_of_work(console_server.session_factory) as session:
        from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes
        generate_voucher_codes(session, VoucherBulkConfig(conference=get_conference(session, CONFERENCE_A),
                                                          prefix="P", count=120, voucher_type="comp",
                                                          discount_value=0))
    console = console_as(Role.ORGANIZER)  # codes are for those who hand them out (a viewer sees counts)
    first = console.get(f"/conferences/{CONFERENCE_A}/vouchers").text
    third = console.get(f"/conferences/{CONFERENCE_A}/vouchers?page=3").text
    codes_first = re.findall(r"<code>(P[A-Z0-9]{8})</code>", first)
    codes_third = re.findall(r"<code>(P[A-Z0-9]{8})</code>", third)
    assert len(codes_first) == 50 and len(codes_third) == 20 and codes_first == sorted(codes_first)
    assert "Page 1 of 3" in first and "Page 3 of 3" in third and codes_third[0] > codes_first[-1]
    counts = console_as(Role.VIEWER).get(f"/conferences/{CONFERENCE_A}/vouchers?page=3").text
    assert "120 voucher codes" in counts and not any(code in counts for code in codes_third) and "Page 3" not in counts
