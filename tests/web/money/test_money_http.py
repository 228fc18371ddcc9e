"""The money pages over real HTTP (httpx to a live uvicorn, the real stripe library to the fake Stripe):
who may act, what bad input gets, another conference's ids, refunds that never happen twice, the
codes CSV, a failed Stripe event retried. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from html import unescape

import httpx
import pytest
from sqlalchemy import func, select

from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.orders.models import Order, OrderStatus
from server.payments.models import StripeEvent
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus, Sponsor, SponsorLevel
from server.sponsors import bulk_purchases
from server.sponsors.service import create_sponsor
from server.users.models import Role
from server.vouchers.models import Voucher, VoucherType
from tests.factories import make_order, make_ticket_type
from tests.web.conftest import CONFERENCE_A, CONFERENCE_B
from tests.web.money.shop import HandlerOutage, form_token, wait_for

A = f"/conferences/{CONFERENCE_A}"


@pytest.fixture
def as_role(money_shop, make_console_user):
    """An httpx client signed in through the form as a user holding ``role`` in conference A."""
    clients = []

    def open_client(role: Role) -> httpx.Client:
        user = make_console_user(role)
        client = httpx.Client(base_url=money_shop.server.base_url, timeout=30)
        clients.append(client)
        form = client.get("/sign-in")
        signed = client.post("/sign-in", data={"email": user.email, "password": user.password, "next": "/",
                                               "csrf_token": form_token(form.text)})
        assert signed.status_code == 303
        return client

    yield open_client
    for client in clients:
        client.close()


def post(client: httpx.Client, path: str, data: dict, *, page: str | None = None) -> httpx.Response:
    """Submit a form as the page would: with the CSRF token of a page the user has open."""
    token = form_token(client.get(page or path.rsplit("/", 1)[0]).text)
    return client.post(path, data={**data, "csrf_token": token})


def count(factory, model) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def purchase(factory, *, quantity=3, unit_price="80.00", prefix=None, conference=CONFERENCE_A) -> int:
    config = bulk_purchases.BulkVoucherConfig(voucher_type=VoucherType.COMP, discount_value=Decimal(100), prefix=prefix)
    with unit_of_work(factory) as session:
        conf = get_conference(session, conference)
        sponsor = create_sponsor(session, conf, name=f"Acme {conference}")
        ticket = make_ticket_type(session, conf, name="Bulk", slug="bulk", bulk_enabled=True)
        return bulk_purchases.create_bulk_purchase(session, sponsor, quantity, ticket, Decimal(unit_price),
                                                        voucher_config=config, conference=conf).id


def test_a_refund_partial_then_full_and_a_second_click_refunds_nothing_more(money_shop, as_role):
    reference = money_shop.paid_order(tickets=2)  # 2 × 100.00
    organizer = as_role(Role.ORGANIZER)
    page = organizer.get(f"{A}/orders/{reference}")
    assert page.status_code == 200 and "pi_fake" in page.text and "Ada Buyer" in page.text
    token = form_token(page.text)
    form = {"amount": "30.00", "refunded_before": "0.00", "confirm": "yes", "csrf_token": token}
    first = organizer.post(f"{A}/orders/{reference}/refund", data=form)
    assert first.status_code == 303
    again = organizer.post(f"{A}/orders/{reference}/refund", data=form)  # the same form submitted twice
    assert again.status_code == 409 and "nothing more was refunded" in again.text
    assert money_shop.refunds() == [3000]
    assert money_shop.order(reference)["status"] == "partially_refunded"
    rest = organizer.post(f"{A}/orders/{reference}/refund", data={**form, "amount": "170.00",
                                                                  "refunded_before": "30.00"})
    assert rest.status_code == 303
    assert money_shop.refunds() == [3000, 17000]
    assert money_shop.order(reference)["status"] == "refunded"
    wait_for(lambda: len(money_shop.fake.delivered) == 3)  # Stripe's two charge.refunded: nothing more to do
    assert money_shop.order_row(reference).amount_refunded == Decimal("200.00")
    assert "can be neither refunded nor cancelled" in organizer.get(f"{A}/orders/{reference}").text


def test_an_order_reads_in_the_conferences_time_zone(money_shop, as_role):
    """Placed, paid and Stripe's events in New York time for a conference in New York, as everywhere else."""
    from zoneinfo import ZoneInfo

    reference = money_shop.paid_order(tickets=1)
    with unit_of_work(money_shop.server.session_factory) as session:
        get_conference(session, CONFERENCE_A).timezone = "America/New_York"
    row = money_shop.order_row(reference)
    organizer = as_role(Role.ORGANIZER)
    new_york = ZoneInfo("America/New_York")
    for path, moment in ((f"{A}/orders/{reference}", row.paid_at), (f"{A}/orders", row.created_at)):
        page = organizer.get(path).text
        assert f"{moment.astimezone(new_york):%Y-%m-%d %H:%M:%S %Z}" in page, path
        assert " UTC" not in page, path


def test_a_german_desk_reads_the_orders_money_as_germany_writes_it(money_shop, as_role):
    """The order page in the reader's language: a German desk sees the total as "1.000,00 €"; English keeps the
    console's "1000.00 EUR", as its notices and the CSV write it."""
    with unit_of_work(money_shop.server.session_factory) as session:
        get_conference(session, CONFERENCE_A).currency = "eur"
    reference = money_shop.paid_order(tickets=10)  # 10 × 100.00
    organizer = as_role(Role.ORGANIZER)
    total = re.compile(r"<dt>(?:Total|Summe)</dt><dd>([^<(]*)")
    english = organizer.get(f"{A}/orders/{reference}").text
    assert total.search(english).group(1).strip() == "1000.00 EUR"
    organizer.headers["Accept-Language"] = "de-DE"
    german = unescape(organizer.get(f"{A}/orders/{reference}").text)
    assert total.search(german).group(1).strip() == "1.000,00\xa0€"  # German thousands and decimals, the euro sign after
    assert '<td class="number">100,00\xa0€</td><td class="number"></td><td class="number">1.000,00\xa0€</td>' in german  # the line


@pytest.mark.parametrize(("amount", "confirm", "message"), [
    ("abc", "yes", "Invalid refund amount 'abc': not a number."),
    ("0", "yes", "Refund amount must be more than 0 and at most 200.00"),
    ("200.01", "yes", "Refund amount must be more than 0 and at most 200.00"),
    ("-5", "yes", "must be zero or more"),
    ("10", "", "Tick the box to confirm the refund"),
])
def test_a_bad_refund_reshows_the_page_and_refunds_nothing(money_shop, as_role, amount, confirm, message):
    reference = money_shop.paid_order(tickets=2)
    organizer = as_role(Role.ORGANIZER)
    answer = post(organizer, f"{A}/orders/{reference}/refund",
                  {"amount": amount, "refunded_before": "0.00", "confirm": confirm}, page=f"{A}/orders/{reference}")
    assert answer.status_code == 422
    assert message in unescape(answer.text) and 'role="alert"' in answer.text
    assert f'value="{amount}"' in answer.text  # what was typed is still there
    assert money_shop.refunds() == []
    assert money_shop.order(reference)["status"] == "paid"


@pytest.mark.parametrize("role", [Role.DOOR_LEAD, Role.VIEWER])
def test_a_door_lead_or_viewer_reads_orders_but_cannot_refund_cancel_or_retry(money_shop, as_role, role):
    reference = money_shop.paid_order()
    client = as_role(role)
    listing = client.get(f"{A}/orders")
    assert listing.status_code == 200 and reference in listing.text
    detail = client.get(f"{A}/orders/{reference}")
    assert detail.status_code == 200 and "Refund" not in detail.text.split("<main", 1)[1].replace("Refunded", "")
    token = form_token(detail.text)
    refund = client.post(f"{A}/orders/{reference}/refund",
                         data={"amount": "10", "refunded_before": "0.00", "confirm": "yes", "csrf_token": token})
    cancel = client.post(f"{A}/orders/{reference}/cancel", data={"confirm": "yes", "csrf_token": token})
    assert (refund.status_code, cancel.status_code) == (404, 404)
    assert money_shop.refunds() == [] and money_shop.order(reference)["status"] == "paid"
    purchase_id = purchase(money_shop.server.session_factory)
    assert client.get(f"{A}/sponsors/purchases/{purchase_id}").status_code == 200
    for action in ("approve", "fail", "fulfil"):
        assert client.post(f"{A}/sponsors/purchases/{purchase_id}/{action}", data={"csrf_token": token}).status_code == 404
    assert client.get(f"{A}/sponsors/purchases/{purchase_id}/codes.csv").status_code == 404
    assert client.post(f"{A}/sponsors/new", data={"name": "Sneaky", "csrf_token": token}).status_code == 404
    assert count(money_shop.server.session_factory, Sponsor) == 1
    with money_shop.server.session_factory() as session:
        assert session.get(BulkPurchase, purchase_id).payment_status is BulkPurchaseStatus.PENDING


def test_another_conferences_order_and_purchase_are_not_found(money_shop, as_role):
    factory = money_shop.server.session_factory
    with unit_of_work(factory) as session:
        other = get_conference(session, CONFERENCE_B)
        theirs = make_order(session, other, status=OrderStatus.PAID).reference
    their_purchase = purchase(factory, conference=CONFERENCE_B)
    organizer = as_role(Role.ORGANIZER)
    token = form_token(organizer.get(f"{A}/orders").text)
    assert organizer.get(f"{A}/orders/{theirs}").status_code == 404
    assert organizer.post(f"{A}/orders/{theirs}/cancel", data={"confirm": "yes", "csrf_token": token}).status_code == 404
    assert organizer.post(f"{A}/orders/{theirs}/refund", data={"amount": "1", "refunded_before": "0",
                                                               "confirm": "yes", "csrf_token": token}).status_code == 404
    assert "0 orders matching" in organizer.get(f"{A}/orders", params={"q": theirs}).text
    assert organizer.get(f"{A}/sponsors/purchases/{their_purchase}").status_code == 404
    for action in ("approve", "fail", "checkout", "refund"):
        assert organizer.post(f"{A}/sponsors/purchases/{their_purchase}/{action}",
                              data={"csrf_token": token, "confirm": "yes"}).status_code == 404
    assert organizer.get(f"{A}/sponsors/purchases/{their_purchase}/codes.csv").status_code == 404
    with factory() as session:
        assert session.get(BulkPurchase, their_purchase).payment_status is BulkPurchaseStatus.PENDING
    assert money_shop.fake.requests == []


def test_a_form_without_its_csrf_token_is_refused(money_shop, as_role):
    reference = money_shop.paid_order()
    organizer = as_role(Role.ORGANIZER)
    answer = organizer.post(f"{A}/orders/{reference}/refund", data={"amount": "10", "refunded_before": "0",
                                                                   "confirm": "yes"})
    assert answer.status_code == 403 and money_shop.refunds() == []
    assert organizer.post(f"{A}/sponsors/new", data={"name": "Acme"}).status_code == 403
    assert count(money_shop.server.session_factory, Sponsor) == 0


def test_the_form_records_a_bulk_purchase_with_its_voucher_configuration(money_shop, as_role):
    organizer = as_role(Role.ORGANIZER)
    answer = post(organizer, f"{A}/sponsors/purchases/new", {
        "sponsor_id": "", "quantity": "3", "unit_price": "80", "product": "", "voucher_type": "percentage",
        "discount": "25", "max_uses": "2", "prefix": "TEAM-"}, page=f"{A}/sponsors")
    assert answer.status_code == 303, answer.text[:300]
    page = organizer.get(answer.headers["location"])
    assert "Bulk purchase recorded (pending)." in page.text and "<code>TEAM-</code>" in page.text
    with money_shop.server.session_factory() as session:
        stored = session.scalars(select(BulkPurchase.voucher_config)).one()
    assert stored == {"voucher_type": "percentage", "discount_value": "25.00", "max_uses": 2, "prefix": "TEAM-",
                      "unlocks_hidden_tickets": False}


@pytest.mark.parametrize(("form", "message"), [
    ({"quantity": "abc"}, "The quantity 'abc' is not a whole number."),
    ({"quantity": ""}, "Give the quantity."),
    ({"quantity": "0"}, "The quantity must be between 1 and 500."),
    ({"quantity": "501"}, "The quantity must be between 1 and 500."),
    ({"quantity": "²"}, "The quantity '²' is not a whole number."),
    ({"unit_price": "-1"}, "Invalid unit price '-1': must be zero or more."),
    ({"unit_price": "100000000"}, "Invalid unit price '100000000': at most 99999999.99."),
    ({"unit_price": "1e30"}, "Invalid unit price '1e30': write it as digits, such as 12.50."),
    ({"voucher_type": "gift"}, "Unknown voucher type 'gift'."),
    ({"voucher_type": "percentage", "discount": "120"}, "A percentage discount must be between 0 and 100."),
    ({"max_uses": "0"}, "The uses per code must be between 1 and 1,000,000."),
    ({"prefix": "HAS SPACE-"}, "The prefix must be at most"),
    ({"product": "ticket:999999"}, "Choose a ticket type or an add-on of this conference"),
    ({"sponsor_id": "999999"}, "Choose one of this conference's sponsors"),
])
def test_a_bad_bulk_purchase_reshows_the_form_and_writes_nothing(money_shop, as_role, form, message):
    organizer = as_role(Role.ORGANIZER)
    good = {"sponsor_id": "", "quantity": "5", "unit_price": "80", "product": "", "voucher_type": "comp",
            "discount": "100", "max_uses": "1", "prefix": ""}
    answer = post(organizer, f"{A}/sponsors/purchases/new", {**good, **form}, page=f"{A}/sponsors")
    assert answer.status_code == 422, answer.text[:300]
    assert message in unescape(answer.text)
    assert "<details class=\"money-form\" open>" in answer.text  # the form is open again, filled in
    assert count(money_shop.server.session_factory, BulkPurchase) == 0


def test_another_conferences_ticket_type_cannot_be_bought_in_bulk(money_shop, as_role):
    with unit_of_work(money_shop.server.session_factory) as session:
        theirs = make_ticket_type(session, get_conference(session, CONFERENCE_B), slug="vip", bulk_enabled=True).id
    organizer = as_role(Role.ORGANIZER)
    answer = post(organizer, f"{A}/sponsors/purchases/new", {"quantity": "2", "unit_price": "1",
                                                             "product": f"ticket:{theirs}"}, page=f"{A}/sponsors")
    assert answer.status_code == 422
    assert "Ticket type must belong to the same conference as the bulk purchase." in answer.text
    assert count(money_shop.server.session_factory, BulkPurchase) == 0


@pytest.mark.parametrize(("form", "message", "status"), [
    ({"name": ""}, "A sponsor needs a name.", 422),
    ({"name": "Acme", "sponsor_slug": "Not A Slug"}, "Invalid sponsor slug 'Not A Slug'", 422),
    ({"name": "Acme", "contact_email": "nope"}, "'nope' is not an email address.", 422),
    ({"name": "Acme", "level_id": "999999"}, "Choose one of this conference's sponsor levels", 422),
    ({"name": "Taken", "sponsor_slug": "taken"}, "Sponsor 'taken' already exists in pycon.", 409),
])
def test_a_bad_sponsor_reshows_the_form_and_writes_nothing(money_shop, as_role, form, message, status):
    with unit_of_work(money_shop.server.session_factory) as session:
        create_sponsor(session, get_conference(session, CONFERENCE_A), name="Taken", slug="taken")
    organizer = as_role(Role.ORGANIZER)
    answer = post(organizer, f"{A}/sponsors/new", form, page=f"{A}/sponsors")
    assert answer.status_code == status
    assert message in unescape(answer.text)
    assert count(money_shop.server.session_factory, Sponsor) == 1


def test_levels_and_sponsors_are_created_and_edited(money_shop, as_role):
    organizer = as_role(Role.ORGANIZER)
    assert post(organizer, f"{A}/sponsors/levels/new", {"name": "Gold", "cost": "5000", "comp_badges": "4"},
                page=f"{A}/sponsors").status_code == 303
    with money_shop.server.session_factory() as session:
        gold = session.scalar(select(SponsorLevel))
    assert (gold.name, gold.cost, gold.comp_badges) == ("Gold", Decimal("5000.00"), 4)
    bad = post(organizer, f"{A}/sponsors/levels/{gold.id}/edit", {"name": "Gold", "cost": "x", "comp_badges": "4"},
               page=f"{A}/sponsors")
    assert bad.status_code == 422 and "Invalid cost 'x': not a number." in unescape(bad.text)
    assert post(organizer, f"{A}/sponsors/new", {"name": "Widget Works", "level_id": str(gold.id),
                                                 "contact_email": "ops@widget.example"},
                page=f"{A}/sponsors").status_code == 303
    with money_shop.server.session_factory() as session:
        sponsor = session.scalar(select(Sponsor))
    assert (sponsor.slug, sponsor.level_id) == ("widget-works", gold.id)
    edited = post(organizer, f"{A}/sponsors/{sponsor.id}/edit", {"name": "Widget Works Ltd", "sponsor_slug": "widget",
                                                                  "level_id": "", "contact_email": ""},
                  page=f"{A}/sponsors")
    assert edited.status_code == 303
    page = organizer.get(f"{A}/sponsors").text
    assert "Widget Works Ltd" in page and "<code>widget</code>" in page


def test_the_codes_csv_is_safe_in_a_spreadsheet_and_only_this_purchases(money_shop, as_role):
    factory = money_shop.server.session_factory
    purchase_id = purchase(factory, quantity=3, unit_price="0", prefix="=HYPERLINK(")
    other = purchase(factory, quantity=2, unit_price="0", conference=CONFERENCE_B)
    organizer = as_role(Role.ORGANIZER)
    page = f"{A}/sponsors/purchases/{purchase_id}"
    assert post(organizer, f"{page}/approve", {}, page=page).status_code == 303
    assert post(organizer, f"{page}/fulfil", {}, page=page).status_code == 303
    again = post(organizer, f"{page}/fulfil", {}, page=page)  # idempotent: nothing new
    assert again.status_code == 303 and again.headers["location"].endswith("done=already")
    with unit_of_work(factory) as session:
        theirs = session.get(BulkPurchase, other)
        bulk_purchases.approve(session, theirs)
        bulk_purchases.fulfill_bulk_purchase(session, theirs)
    download = organizer.get(f"{page}/codes.csv")
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["code", "for", "voucher type"]
    assert len(rows) == 4
    assert all(re.fullmatch(r"'=HYPERLINK\([A-Z0-9]{8}", row[0]) for row in rows[1:])  # shown as text, never run
    with factory() as session:
        codes = set(session.scalars(select(Voucher.code).where(Voucher.conference_id == theirs.conference_id)))
    assert not codes & {row[0].lstrip("'") for row in rows[1:]}


def test_a_bulk_purchase_refund_refuses_a_second_time_and_mark_failed_says_why(money_shop, as_role):
    factory = money_shop.server.session_factory
    purchase_id = purchase(factory, quantity=2, unit_price="50")
    organizer = as_role(Role.ORGANIZER)
    page = f"{A}/sponsors/purchases/{purchase_id}"
    link = post(organizer, f"{page}/checkout", {"success_url": "https://acme.example/ok",
                                                "cancel_url": "https://acme.example/no"}, page=page)
    assert link.status_code == 200
    session_id = next(iter(money_shop.fake.sessions))
    assert money_shop.fake.sessions[session_id]["url"] in link.text
    money_shop.fake.deliver(money_shop.fake.pay(session_id))
    refused = post(organizer, f"{page}/fail", {}, page=page)
    assert refused.status_code == 409
    assert "Cannot mark purchase in 'Paid' state as failed" in unescape(refused.text)
    assert post(organizer, f"{page}/refund", {"confirm": "yes"}, page=page).status_code == 303
    second = post(organizer, f"{page}/refund", {"confirm": "yes"}, page=page)
    assert second.status_code == 409 and "Cannot refund purchase in 'Refunded' state" in unescape(second.text)
    assert money_shop.refunds() == [-1]  # one full refund of the charge
    wait_for(lambda: len(money_shop.fake.delivered) == 2)  # Stripe's charge.refunded: nothing more to do
    with factory() as session:
        assert session.scalar(select(func.count(Voucher.id)).where(Voucher.is_active.is_(True))) == 0


def test_a_failed_stripe_event_is_listed_and_retried(money_shop, as_role, monkeypatch):
    outage = HandlerOutage(monkeypatch, "checkout.session.completed")
    body = {"buyer": {"first_name": "Late", "email": "late@example.org"}, "tickets": {"standard": 1}}
    reference = httpx.post(money_shop.server.url(f"/api/v1/conferences/{CONFERENCE_A}/orders"), json=body).json()["reference"]
    started = httpx.post(money_shop.server.url(f"/api/v1/orders/{reference}/checkout"), timeout=30,
                         json={"success_url": "https://a.example/1", "cancel_url": "https://a.example/2"}).json()
    assert money_shop.fake.deliver(money_shop.fake.pay(started["session_id"])).status_code == 500
    organizer = as_role(Role.ORGANIZER)
    listing = organizer.get(f"{A}/orders/stripe-events")
    with money_shop.server.session_factory() as session:
        [event] = session.scalars(select(StripeEvent)).all()
    assert event.id in listing.text and "the database refused for a moment" in listing.text
    assert "1 with problems" in organizer.get(f"{A}/orders").text
    failed_again = post(organizer, f"{A}/orders/stripe-events/{event.id}/retry", {}, page=f"{A}/orders/stripe-events")
    assert failed_again.status_code == 409 and "Not applied" in failed_again.text
    outage.end()
    retried = post(organizer, f"{A}/orders/stripe-events/{event.id}/retry", {}, page=f"{A}/orders/stripe-events")
    assert retried.status_code == 303
    assert money_shop.order(reference)["status"] == "paid"
    assert "No problems" in organizer.get(f"{A}/orders/stripe-events").text
    twice = post(organizer, f"{A}/orders/stripe-events/{event.id}/retry", {}, page=f"{A}/orders/stripe-events")
    assert twice.status_code == 409 and "applied already" in twice.text


def test_orders_are_searched_by_reference_name_and_email_and_paged(money_shop, as_role):
    zelda = money_shop.paid_order(first_name="Zelda", email="zelda@example.org")
    yusuf = money_shop.paid_order(first_name="Yusuf", email="yusuf@navy.example")
    viewer = as_role(Role.VIEWER)

    def found(q: str, page: int = 1) -> set[str]:
        return set(re.findall(r"ORD-[A-Z0-9]{8}", viewer.get(f"{A}/orders", params={"q": q, "page": page}).text))

    assert found("yusuf") == {yusuf}
    assert found("NAVY.example") == {yusuf}
    assert found(zelda.lower()) == {zelda}
    assert found("zelda buyer") == {zelda}
    assert found("%") == set()  # a wildcard typed is a character searched for
    assert found("Ada Lovelace") and zelda not in found("Ada Lovelace")  # a seeded attendee's order
    with unit_of_work(money_shop.server.session_factory) as session:
        conference = get_conference(session, CONFERENCE_A)
        for _ in range(55):
            make_order(session, conference, status=OrderStatus.PAID)
    with money_shop.server.session_factory() as session:
        total = session.scalar(select(func.count(Order.id)).where(Order.conference_id == conference.id))
    assert 50 < total <= 100
    first = viewer.get(f"{A}/orders").text
    assert "Page 1 of 2" in first and f"{total} orders" in first
    assert len(found("", page=1)) == 50 and len(found("", page=2)) == total - 50
    assert not found("", page=1) & found("", page=2)


def test_a_purchase_marked_failed_is_not_fulfilled_when_a_late_payment_arrives(money_shop, as_role):
    factory = money_shop.server.session_factory
    purchase_id = purchase(factory, quantity=2, unit_price="50")
    organizer = as_role(Role.ORGANIZER)
    page = f"{A}/sponsors/purchases/{purchase_id}"
    bad = post(organizer, f"{page}/checkout", {"success_url": "javascript:alert(1)", "cancel_url": "https://a.example"},
               page=page)
    assert bad.status_code == 422 and "Give the web address (http:// or https://)" in unescape(bad.text)
    assert money_shop.fake.requests == []  # Stripe was not asked
    assert post(organizer, f"{page}/checkout", {"success_url": "https://acme.example/ok",
                                                "cancel_url": "https://acme.example/no"}, page=page).status_code == 200
    failed = post(organizer, f"{page}/fail", {}, page=page)
    assert failed.status_code == 303 and failed.headers["location"].endswith("done=failed")
    assert "Marked failed." in organizer.get(failed.headers["location"]).text
    late = money_shop.fake.deliver(money_shop.fake.pay(next(iter(money_shop.fake.sessions))))
    assert "was paid but could not be fulfilled" in late.json()["note"]
    with factory() as session:
        assert session.get(BulkPurchase, purchase_id).payment_status is BulkPurchaseStatus.FAILED
        assert session.scalar(select(func.count(Voucher.id))) == 0
    assert "needs a person" in organizer.get(f"{A}/orders/stripe-events").text
