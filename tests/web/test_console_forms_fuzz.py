"""Every console form, posted as its owner would post it, and as a careless hand or an attacker would.

The forms are found by walking the app's POST routes: a new page's form is covered as soon as it is
routed (or this test fails, naming the path parameter it cannot fill). Each form gets generated
values in every field: plausible ones (so that some posts succeed and store something), the classes
that once broke pages (``1e30``, ``1e20``, ``nan``, ``²``, twenty-digit numbers, years 1 and 9999, NUL
and control characters, over-long text, empty, blanks) and any text at all. Over real HTTP, with a
valid CSRF token, on SQLite and PostgreSQL:

- no answer is a 5xx;
- a post the page refuses (4xx) changes no row anywhere;
- nothing is stored that the forms would refuse: text within its column, free of control
  characters; money within ``Numeric(12, 2)`` and zero or more; times within the years 2000-2099.

The query parameters of every console page get the same values (any GET route with one): never a 5xx.

Bounded (24 examples per form or page) so that it runs in CI on every change: about a minute per database.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import httpx
import pytest
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import BigInteger, DateTime, Integer, Numeric, String, Text, create_engine, func, select

from server.app import create_app
from server.checkin.service import check_in_by_hand
from server.checkin_lists.service import ListFields, save_list
from server.conferences.models import Conference, TicketType
from server.db.base import Base
from server.db.engine import unit_of_work
from server.devices.service import create_device
from server.orders.models import Order
from server.payments.models import StripeEvent
from server.sponsors import bulk_purchases
from server.sponsors.service import create_sponsor, create_sponsor_level
from server.sync.models import SyncConflict
from server.users.models import Role
from server.vouchers.models import VoucherType
from server.vouchers.service import VoucherBulkConfig, generate_voucher_codes
from server.web.forms import MAX_MONEY
from tests.factories import make_addon, make_attendee, make_ticket_type
from tests.web.conftest import CONFERENCE_A, form_token
from tests.web.door_devices import PairedKiosk
from tests.web.money.conftest import stripe_for_console  # noqa: F401 (a fixture: Stripe, faked locally)

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")

EXAMPLES_PER_FORM = 24

# What broke the console's forms before they all went through server.web.forms.
NASTY = ["1e30", "1e20", "nan", "inf", "-1", "12.345", "100000000.00", "9999999999.99", "999999999999", "²", "١٢", "99999999999999999999", "-99999999999999999999",
         "0001-01-01T00:00", "9999-12-31T23:59", "2026-02-30T09:00", "\x00", "a\x00b", "\x1b[31mred", "tab\there",
         "line\nbreak", "x" * 301, "y" * 5000, "", " ", "   \t ", "<script>alert(1)</script>", "0", "1,5", "12.50"]

# And what each kind of field is most likely to be broken by, tried in that kind of field more often.
MONEY = ["1e30", "1e20", "1E5", "nan", "-0.01", "12.345", "0.001", "100000000.00", "9999999999.99", "999999999999",
         "1 000", "12.50€", "٣"]
WHOLE = ["²", "99999999999999999999", "2147483648", "10000001", "-1", "1.5", "1e3", "٣", "0x10"]
TIME = ["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T23:59", "2100-01-01T00:00", "2026-03-29T02:30",
        "2026-05-01T09:00+14:00", "2026-05-01", "now"]
KINDS = {**dict.fromkeys(("price", "amount", "cost", "unit_price", "discount", "value", "refunded_before"), MONEY),
         **dict.fromkeys(("capacity", "quantity", "count", "max_uses", "comp_badges", "ticket_type", "station",
                          "requires", "ticket_types", "addons", "addon", "sponsor_id", "level_id"), WHOLE),
         **dict.fromkeys(("available_from", "available_until", "valid_from", "valid_until"), TIME)}

# Refusals that write on purpose, each with the reason.
REFUSALS_THAT_RECORD = {
    "/sign-in": "a failed sign-in is counted (lock-out after five)",
    "/conferences/{slug}/orders/stripe-events/{event_id}/retry": "a retry that fails again is recorded on the event",
}


def console_post_routes() -> list[APIRoute]:
    def walk(routes):
        for route in routes:
            if isinstance(route, APIRoute):
                yield route
            elif hasattr(route, "original_router"):  # an included router (FastAPI ≥ 0.16x keeps it whole)
                yield from walk(route.original_router.routes)

    return [route for route in walk(create_app("sqlite://").routes)
            if "POST" in route.methods and not route.path.startswith("/api/")]


class World:
    """One of everything a console form can be about, in conference A, and what the fields may plausibly say."""

    def __init__(self, console_server) -> None:
        with unit_of_work(console_server.session_factory) as session:
            conference = session.scalar(select(Conference).where(Conference.slug == CONFERENCE_A))
            ticket_type = make_ticket_type(session, conference, name="Day pass", slug="day", price="50.00",
                                           bulk_enabled=True)
            addon = make_addon(session, conference, name="Lunch", slug="lunch", bulk_enabled=True)
            paid = make_attendee(session, conference, first_name="Paid", ticket_type=ticket_type)
            pending = make_attendee(session, conference, first_name="Owing", ticket_type=ticket_type,
                                    order_status="pending")
            check_in = check_in_by_hand(session, attendee=paid, by="Seed")
            [voucher] = generate_voucher_codes(session, VoucherBulkConfig(
                conference=conference, prefix="SEED", count=1, voucher_type=VoucherType.COMP,
                discount_value=Decimal(0), max_uses=1))
            level = create_sponsor_level(session, conference, name="Gold", cost=Decimal("1000.00"), comp_badges=2)
            sponsor = create_sponsor(session, conference, name="Acme", level=level)
            purchase = bulk_purchases.create_bulk_purchase(
                session, sponsor, 2, ticket_type, Decimal("10.00"), requested_by="Seed",
                voucher_config=bulk_purchases.BulkVoucherConfig(voucher_type=VoucherType.COMP, discount_value=Decimal(0)),
                conference=conference)
            session.add(StripeEvent(id="evt_seed", conference_id=conference.id, type="checkout.session.completed",
                                    payload={}, attempts=1, last_error="seed"))
            station, _ = create_device(session, conference, name="Printer kiosk", station="Desk")
            to_revoke, _ = create_device(session, conference, name="Old kiosk", station="Side door")
            checkin_list = save_list(session, conference, ListFields(
                name="Main doors", ticket_type_ids=[ticket_type.id], addon_ids=[], allow_multiple_entries=True,
                allow_entry_after_exit=True, days=[], opens=None, closes=None, stations=["Door"], rules=None))
            self.path = {"slug": CONFERENCE_A, "ticket_type_id": ticket_type.id, "addon_id": addon.id,
                         "attendee_id": paid.id, "check_in_id": check_in.id, "voucher_id": voucher.id,
                         "reference": paid.order.reference, "level_id": level.id, "sponsor_id": sponsor.id,
                         "purchase_id": purchase.id, "event_id": "evt_seed", "device_id": to_revoke.id,
                         "list_id": checkin_list.id}
            self.plausible = {
                "name": ["Gold", "Ada", "Kiosk 9"], "first_name": ["Walk"], "last_name": ["In"],
                "company": ["Acme"], "description": ["Soup"], "note": ["Let in."],
                "email": ["walk@example.org"], "contact_email": ["press@example.org"],
                "timezone": ["Europe/Berlin", "America/New_York"], "currency": ["eur", "jpy"],
                "capacity": ["100"], "quantity": ["2", "10"], "count": ["2"], "max_uses": ["1", "3"],
                "comp_badges": ["2"], "price": ["12.50", "0"], "amount": ["50.00", "50"], "cost": ["1000"],
                "unit_price": ["10.00"], "discount": ["10"], "value": ["10"], "refunded_before": ["0.00"],
                "available_from": ["2026-05-01T09:00"], "available_until": ["2026-06-01T18:00"],
                "valid_from": ["2026-05-01T09:00"], "valid_until": ["2026-06-01T18:00"],
                "ticket_type": [str(ticket_type.id)], "station": [str(station.id), ""],
                "access_code": [pending.access_code, paid.access_code.lower()],
                "method": ["cash", "card"], "voucher_type": ["comp", "percentage", "fixed_amount"],
                "confirm": ["yes", "on"], "active": ["yes", "no"], "requires_voucher": ["on"],
                "bulk_enabled": ["on"], "unlocks_hidden_tickets": ["on"], "allow_duplicates": ["true"],
                "requires": [[str(ticket_type.id)]], "ticket_types": [[str(ticket_type.id)]],
                "addons": [[str(addon.id)]], "addon": [[str(addon.id)]],
                "product": [f"ticket:{ticket_type.id}", f"addon:{addon.id}", ""],
                "sponsor_id": [str(sponsor.id), ""], "level_id": [str(level.id), ""],
                "secret_key": ["sk_test_123"], "publishable_key": ["pk_test_123"], "webhook_secret": ["whsec_123"],
                "prefix": ["VIP", ""], "success_url": ["https://example.org/paid"],
                "cancel_url": ["https://example.org/"], "q": ["Ada"], "page": ["1"], "password": ["wrong"],
                "next": ["/"], "done": ["added", "saved", "created"], "show": ["all", "resolved"],
                "revoked": [str(to_revoke.id)], "resolved": ["1"], "created": ["1", "true"], "signed_out": ["1"],
                "generated": ["3"], "deactivated": ["SEEDAAAA"], "retried": ["evt_seed"], "imported": ["2"],
                "skipped": ["1"], "first_day": ["2026-05-11"], "last_day": ["2026-05-14"], "opens": ["08:00", ""],
                "closes": ["18:00", ""], "stations": ["Main door, Side door"], "combine": ["and", "or"],
                "rules_json": ['{"version": 1, "rule": {"<": [{"var": "entries_today"}, 1]}}', ""],
                "var_1": ["entries_today", ""], "op_1": ["<"], "value_1": ["1"], "days": [["1"]],
                "checkin_list": [str(checkin_list.id)], "moment": ["2026-05-12T09:00"],
            }
        conflict_kiosk = PairedKiosk(console_server, name="Door kiosk", station="Door")
        assert conflict_kiosk.upload("check_in", pending.access_code, dt.datetime.now(dt.UTC)) == "conflict"
        with console_server.session_factory() as session:
            self.path["conflict_id"] = session.scalar(select(SyncConflict.id))

    def field(self, name: str, *, many: bool) -> tuple[st.SearchStrategy, st.SearchStrategy]:
        """Values for one field: (plausible, wild): a fresh slug where one must be new, a value the page
        takes; or one of the classes that broke pages, or any text at all."""
        wild = st.one_of(st.sampled_from(KINDS.get(name, NASTY)), st.sampled_from(NASTY), st.text(max_size=40))
        if name in ("slug", "type_slug", "addon_slug", "sponsor_slug"):
            plausible = st.integers(1, 10**6).map(lambda n: f"new-{n}")
        else:
            plausible = st.sampled_from(self.plausible.get(name) or [[]] if many else
                                        [v for v in self.plausible.get(name, []) if isinstance(v, str)] or [""])
        if many:
            return plausible, st.lists(wild, max_size=3)
        return plausible, wild


@st.composite
def form_values(draw, fields: dict[str, tuple[st.SearchStrategy, st.SearchStrategy]]) -> dict:
    """A post of the form: plausible in every field but one or two, which get a wild value (one bad field
    must be reached past the fields a page reads before it)."""
    wild = draw(st.sets(st.sampled_from(sorted(fields)), max_size=2)) if fields else set()
    return {name: draw(strategies[1] if name in wild else strategies[0]) for name, strategies in fields.items()}


def snapshot(connection) -> dict[str, list]:
    """Every row of every table, but the sign-in tables (a session's last use changes as it is used)."""
    with connection.begin():
        return {table.name: sorted(map(repr, connection.execute(select(table))))
                for table in Base.metadata.sorted_tables if table.name not in ("console_sessions", "sign_in_attempts")}


def what_the_forms_would_refuse(url: str) -> list[str]:
    """Stored values no form may store: text too long or with control characters, money out of bounds,
    times outside 2000-2099, whole numbers beyond a 32-bit column."""
    found = []
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                rows = connection.execute(select(table)).mappings().all()
                for column in table.columns:
                    for row in rows:
                        value = row[column.name]
                        if value is None:
                            continue
                        where = f"{table.name}.{column.name} = {value!r:.60}"
                        if isinstance(column.type, String | Text) and isinstance(value, str):
                            length = getattr(column.type, "length", None)
                            if length and len(value) > length:
                                found.append(f"{where}: {len(value)} characters, the column holds {length}")
                            if any(unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in value):
                                found.append(f"{where}: control characters")
                        elif isinstance(column.type, Numeric) and not isinstance(column.type, Integer):
                            amount = Decimal(str(value))
                            if not (0 <= amount <= MAX_MONEY and amount == amount.quantize(Decimal("0.01"))):
                                found.append(f"{where}: not an amount of money the forms take")
                        elif isinstance(column.type, DateTime) or isinstance(value, dt.datetime):
                            if not 2000 <= value.year <= 2099:
                                found.append(f"{where}: outside the years 2000-2099")
                        elif (isinstance(column.type, Integer) and not isinstance(column.type, BigInteger)
                              and isinstance(value, int) and not -(2**31) <= value < 2**31):
                            found.append(f"{where}: does not fit a 32-bit column")
    finally:
        engine.dispose()
    return found


def test_every_console_form_refuses_in_words_and_stores_only_what_it_takes(stripe_for_console,  # noqa: F811
                                                                          console_server,
                                                                          signed_in_client, database_url):
    """Stripe is the local fake (a Stripe key typed into the settings form is then used for real)."""
    world = World(console_server)
    owner = signed_in_client(Role.OWNER)
    routes = console_post_routes()
    unfillable = sorted({f"{route.path}: {{{param.name}}}" for route in routes
                         for param in route.dependant.path_params if param.name not in world.path})
    assert unfillable == [], "console forms this test cannot reach (add their objects to World)"
    assert len(routes) >= 30

    # Signing out ends the session every other form is posted with: it goes last.
    routes.sort(key=lambda route: route.path == "/sign-out")
    server_errors: list[str] = []
    refusals_that_wrote: list[str] = []
    posted = {"forms": 0, "fields": 0, "examples": 0, "refused": 0}
    anonymous = httpx.Client(base_url=console_server.base_url, timeout=30)
    anonymous_token = form_token(anonymous.get("/sign-in").text)  # the sign-in form's own (a cookie's)
    owner_token = form_token(owner.get(f"/conferences/{CONFERENCE_A}/settings").text)  # the session's

    def post_form(route: APIRoute) -> None:
        path = route.path.format(**world.path)
        fields = {param.name: world.field(param.name, many=_is_list(param)) for param in route.dependant.body_params
                  if param.name != "csrf_token"}
        files = {param.name for param in route.dependant.body_params
                 if "UploadFile" in str(param.field_info.annotation) or "bytes" in str(param.field_info.annotation)}
        client, token = (anonymous, anonymous_token) if path == "/sign-in" else (owner, owner_token)
        posted["forms"] += 1
        posted["fields"] += len(fields)

        @given(values=form_values(fields))
        @settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def post(values) -> None:
            form = {name: value for name, value in values.items() if name not in files}
            uploads = {name: ("people.csv", values[name].encode("utf-8", "replace"), "text/csv") for name in files}
            before = snapshot(watcher)
            try:
                response = client.post(path, data={**form, "csrf_token": token}, files=uploads or None,
                                       follow_redirects=False)
            except httpx.TransportError as error:  # the server dropped the connection: as bad as a 500
                server_errors.append(f"POST {path} {values!r:.300} → no answer ({error})")
                return
            posted["examples"] += 1
            if response.status_code >= 500:
                server_errors.append(f"POST {path} {values!r:.300} → {response.status_code}")
            elif 400 <= response.status_code < 500 and route.path not in REFUSALS_THAT_RECORD:
                posted["refused"] += 1
                if snapshot(watcher) != before:
                    refusals_that_wrote.append(f"POST {path} {values!r:.300} → {response.status_code}")

        post()

    engine = create_engine(database_url)
    with engine.connect() as watcher:
        for route in routes:
            post_form(route)
    engine.dispose()
    anonymous.close()
    print(f"\n{posted}")  # the figures, with -s
    stored = what_the_forms_would_refuse(database_url)
    assert (server_errors, refusals_that_wrote, stored) == ([], [], []), (
        f"over {posted}: {len(server_errors)} server errors, {len(refusals_that_wrote)} refusals that wrote, "
        f"{len(stored)} values stored that a form refuses:\n" + "\n".join(server_errors + refusals_that_wrote + stored))
    assert posted["refused"] > 0 and posted["examples"] > posted["refused"]  # some refused, some taken


def _once_more_if_dropped(send):
    """A GET sent again once if the connection was found closed: the server closes a connection after a
    500, and the next request on it would be blamed for that (the 500 is counted already)."""
    try:
        return send()
    except httpx.RemoteProtocolError:
        return send()
    except httpx.ReadError:
        return send()


def _is_list(param) -> bool:
    return "list" in str(param.field_info.annotation) or "List" in str(param.field_info.annotation)


@pytest.mark.parametrize(("role", "path", "param"), [(Role.VIEWER, "/conferences/pycon/attendees", "q"),
                                                    (Role.ORGANIZER, "/conferences/pycon/vouchers", "prefix"),
                                                    (Role.ORGANIZER, "/conferences/pycon/vouchers.csv", "prefix")])
def test_a_search_with_a_nul_byte_is_answered_in_words(console_server, signed_in_client, role, path, param):
    """PostgreSQL refuses a NUL in a query's text with an error: the search refuses it first, saying why.
    (Voucher codes are searched by those who hand them out; a viewer sees their counts only.)"""
    searcher = signed_in_client(role)
    answer = searcher.get(path, params={param: "Ada\x00"})
    assert answer.status_code == 422
    assert "control character" in answer.text
    assert searcher.get(path, params={param: "Ada"}).status_code == 200


def test_a_price_of_1e30_comes_back_to_the_form_with_the_reason_and_adds_nothing(console_server, signed_in_client):
    owner = signed_in_client(Role.OWNER)
    token = form_token(owner.get(f"/conferences/{CONFERENCE_A}/products").text)
    answer = owner.post(f"/conferences/{CONFERENCE_A}/products/ticket-types",
                        data={"csrf_token": token, "name": "Galactic pass", "type_slug": "galactic", "price": "1e30",
                              "quantity": "10"})
    assert answer.status_code == 422
    beside = ('<input id="tt-price" name="price" type="text" inputmode="decimal" value="1e30" aria-invalid="true" '
              'aria-describedby="tt-price-problem"> <p class="field-problem" id="tt-price-problem">Invalid price '
              "'1e30': write it as digits, such as 12.50.</p>")  # (the sentence's quotes as written; the value escaped)
    assert beside in answer.text  # the reason beside the price, in the form that was posted
    assert answer.text.count("field-problem") == 1  # not beside the add-on form's price
    assert 'value="Galactic pass"' in answer.text  # the form again, as typed
    assert "Galactic pass" not in owner.get(f"/conferences/{CONFERENCE_A}/products").text.split("<form")[0]
    with console_server.session_factory() as session:
        assert session.scalar(select(TicketType.id).where(TicketType.slug == "galactic")) is None


def test_a_walk_in_name_longer_than_its_column_sells_nothing(console_server, signed_in_client):
    lead = signed_in_client(Role.DOOR_LEAD)
    with console_server.session_factory() as session:
        ticket_type = session.scalar(select(TicketType.id).where(TicketType.slug == "standard"))
        orders_before = session.scalar(select(func.count(Order.id)))
    token = form_token(lead.get(f"/conferences/{CONFERENCE_A}/walk-ins").text)
    answer = lead.post(f"/conferences/{CONFERENCE_A}/walk-ins",
                       data={"csrf_token": token, "ticket_type": str(ticket_type), "first_name": "W" * 101,
                             "last_name": "Alker", "method": "cash", "amount": "100.00"})
    assert answer.status_code == 422
    assert "The first name is 101 characters long; at most 100, please. Nothing was sold." in answer.text
    assert ('<p class="field-problem" id="first-name-problem">The first name is 101 characters long; at most 100, '
            'please.</p>') in answer.text
    with console_server.session_factory() as session:
        assert session.scalar(select(func.count(Order.id))) == orders_before


def test_a_stripe_key_longer_than_its_column_is_refused_beside_the_keys_and_the_old_key_stays(console_server,
                                                                                               signed_in_client):
    with unit_of_work(console_server.session_factory) as session:
        session.scalar(select(Conference).where(Conference.slug == CONFERENCE_A)).stripe_secret_key = "sk_test_old"
    owner = signed_in_client(Role.OWNER)
    token = form_token(owner.get(f"/conferences/{CONFERENCE_A}/settings").text)
    answer = owner.post(f"/conferences/{CONFERENCE_A}/settings/stripe",
                        data={"csrf_token": token, "secret_key": "sk_test_" + "k" * 250})
    assert answer.status_code == 422
    assert "The secret key is 258 characters long; at most 200, please." in answer.text
    assert "…_old" in answer.text  # the key there is, as the page shows it
    with console_server.session_factory() as session:
        stored = session.scalar(select(Conference.stripe_secret_key).where(Conference.slug == CONFERENCE_A))
    assert stored == "sk_test_old"


def console_get_routes_with_queries() -> list[APIRoute]:
    return [route for route in _api_routes(create_app("sqlite://").routes)
            if "GET" in route.methods and not route.path.startswith("/api/") and route.dependant.query_params]


def _api_routes(routes):
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # an included router (FastAPI ≥ 0.16x keeps it whole)
            yield from _api_routes(route.original_router.routes)


def test_every_console_page_answers_any_query_a_viewer_can_send_without_a_server_error(console_server,
                                                                                      signed_in_client):
    """The query parameters of every console page (a search, a page number, a notice's words), as anyone
    with a browser can type them: a page, a refusal in words or a redirect, never a 5xx."""
    world = World(console_server)
    owner = signed_in_client(Role.OWNER)
    routes = console_get_routes_with_queries()
    assert len(routes) >= 12
    server_errors: list[str] = []
    asked = {"pages": 0, "examples": 0}

    def ask_page(route: APIRoute) -> None:
        path = route.path.format(**world.path)
        params = {param.name: world.field(param.name, many=False) for param in route.dependant.query_params}
        asked["pages"] += 1

        @given(values=form_values(params))
        @settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def ask(values) -> None:
            asked["examples"] += 1
            try:
                status = _once_more_if_dropped(lambda: owner.get(path, params=values, follow_redirects=False)).status_code
            except httpx.TransportError as error:
                server_errors.append(f"GET {path} {values!r:.300} → no answer ({error})")
                return
            if status >= 500:
                server_errors.append(f"GET {path} {values!r:.300} → {status}")

        ask()

    for route in routes:
        ask_page(route)
    assert server_errors == [], f"over {asked}:\n" + "\n".join(server_errors)
