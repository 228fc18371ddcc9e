"""Stripe end to end: the real ``stripe`` library against a local fake Stripe, real signed webhooks
posted to the real route of a real uvicorn, the admin CLI in a subprocess; SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import func, select, text

from server.attendees.models import Attendee
from server.checkin.service import validate_order_status
from server.db.engine import unit_of_work
from server.db.migrate import HEAD_REVISION
from server.errors import InvalidInput
from server.orders.models import Order, OrderStatus
from server.payments.gateway import from_minor_units, to_minor_units
from server.payments.models import StripeEvent
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus
from server.sponsors.service import create_sponsor
from server.vouchers.models import Voucher, VoucherType
from tests.command_line import run_doorstation
from tests.factories import make_addon, make_conference, make_ticket_type
from tests.fake_stripe import FakeStripe, serve
from tests.live_server import live_server

SECRET = "whsec_test_doorstation"


@dataclass
class Shop:
    url: str
    fake: FakeStripe
    factory: object
    database_url: str

    def order(self, tickets: int = 2, lunches: int = 1) -> str:
        body = {"buyer": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.org"},
                "tickets": {"standard": tickets}, "addons": {"lunch": lunches} if lunches else {}}
        response = httpx.post(f"{self.url}/api/v1/conferences/pycon/orders", json=body, timeout=10)
        assert response.status_code == 201, response.text
        return response.json()["reference"]

    def checkout(self, reference: str) -> httpx.Response:
        return httpx.post(f"{self.url}/api/v1/orders/{reference}/checkout", timeout=30,
                          json={"success_url": "https://pycon.example/thanks", "cancel_url": "https://pycon.example/cart"})

    def read(self, reference: str) -> dict:
        return httpx.get(f"{self.url}/api/v1/orders/{reference}", timeout=10).json()

    def cli(self, *args: str, expect: int = 0) -> str:
        result = run_doorstation(*args, env={"DATABASE_URL": self.database_url,
                                             "DOORSTATION_STRIPE_API_BASE": self.fake.url}, expect=expect)
        return result.stdout + result.stderr

    def events(self) -> list[StripeEvent]:
        with self.factory() as session:
            return list(session.scalars(select(StripeEvent).order_by(StripeEvent.received_at)))

    def attendees(self, reference: str) -> list[Attendee]:
        with self.factory() as session:
            return list(session.scalars(select(Attendee).join(Order).where(Order.reference == reference)))


def mark_migrated(engine) -> None:
    """The test database has the current schema (create_all); tell the CLI so it does not migrate again."""
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version VALUES (:head)"), {"head": HEAD_REVISION})


@pytest.fixture
def shop(database_url, engine, session_factory, monkeypatch):
    mark_migrated(engine)
    fake = FakeStripe()
    http = serve(fake)
    monkeypatch.setenv("DOORSTATION_STRIPE_API_BASE", fake.url)
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", total_capacity=10, currency="usd")
        conference.stripe_secret_key, conference.stripe_webhook_secret = "sk_test_pycon", SECRET
        make_ticket_type(session, conference, name="Standard", slug="standard", price="100.00", bulk_enabled=True)
        make_addon(session, conference, name="Lunch", slug="lunch", price="12.50")
        create_sponsor(session, conference, name="Acme Corp", slug="acme")
    try:
        with live_server(database_url) as url:
            fake.webhook_url, fake.webhook_secret = f"{url}/api/v1/stripe/webhook/pycon", SECRET
            yield Shop(url, fake, session_factory, database_url)
    finally:
        http.shutdown()
        http.server_close()  # shutdown() stops serving; only this closes the listening socket


def line_metadata(call) -> dict:
    return call.params["line_items"][0]["price_data"]["product_data"]["metadata"]


def wait_for(condition, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_an_order_is_paid_through_checkout_and_refunded_through_the_cli(shop):
    reference = shop.order(tickets=2, lunches=1)
    started = shop.checkout(reference)
    assert started.status_code == 200, started.text
    [call] = shop.fake.calls("/v1/checkout/sessions")
    assert int(call.params["expires_at"]) - time.time() > 30 * 60  # Stripe's minimum lifetime
    with shop.factory() as session:
        order_id = session.scalar(select(Order.id).where(Order.reference == reference))
    assert call.idempotency_key == f"order-{order_id}-checkout"
    assert call.api_key == "sk_test_pycon"
    assert call.params["mode"] == "payment"
    assert [(line["price_data"]["product_data"]["name"], line["price_data"]["unit_amount"], line["quantity"],
             line["price_data"]["currency"]) for line in call.params["line_items"]] == [
        ("Standard", "10000", "2", "usd"), ("Lunch", "1250", "1", "usd")]
    assert call.params["metadata"]["order_id"] == str(order_id)
    assert call.params["success_url"] == "https://pycon.example/thanks"
    session_id = started.json()["session_id"]
    assert started.json()["checkout_url"].endswith(session_id)
    # The hold now covers the whole Checkout lifetime (Stripe's minimum is 30 minutes).
    assert shop.read(reference)["hold_expires_at"] >= started.json()["expires_at"][:19]
    # Asking again a moment later gives the same session: same key and the very same parameters, so
    # Stripe answers idempotently (a changed expires_at would get an idempotency_error).
    time.sleep(1.1)
    assert shop.checkout(reference).json()["session_id"] == session_id
    first, second = shop.fake.calls("/v1/checkout/sessions")
    assert first.params == second.params

    paid = shop.fake.deliver(shop.fake.pay(session_id))
    assert paid.status_code == 200 and paid.json()["outcome"] == "processed"
    assert shop.read(reference)["status"] == "paid"
    assert len(shop.attendees(reference)) == 2
    # Delivered again: nothing happens twice.
    again = shop.fake.deliver(shop.fake.event("checkout.session.completed", shop.fake.sessions[session_id]) | {
        "id": paid.json()["event_id"]})
    assert again.json()["outcome"] == "duplicate"
    assert len(shop.attendees(reference)) == 2

    out = shop.cli("orders", "refund", reference, "--amount", "50")
    assert "refunded 50.00 of 212.50; now partially_refunded" in out
    [refund] = shop.fake.calls("/v1/refunds")
    assert refund.params == {"payment_intent": shop.fake.sessions[session_id]["payment_intent"], "amount": "5000"}
    assert refund.idempotency_key == f"refund-order-{order_id}-50.00"
    # Stripe's charge.refunded follows; the refund is already recorded, so it changes nothing.
    wait_for(lambda: len(shop.fake.delivered) == 3)
    assert shop.fake.delivered[-1].json()["outcome"] == "processed"
    assert Decimal(shop.read(reference)["amount_refunded"]) == Decimal("50.00")

    shop.cli("orders", "refund", reference)
    assert shop.fake.calls("/v1/refunds")[-1].params.get("amount") is None  # the rest
    wait_for(lambda: len(shop.fake.delivered) == 4)
    order = shop.read(reference)
    assert (order["status"], Decimal(order["amount_refunded"])) == ("refunded", Decimal("212.50"))
    for attendee in shop.attendees(reference):
        with shop.factory() as session:
            assert validate_order_status(session.merge(attendee)) is not None  # refused at the door


def test_a_refund_made_in_the_stripe_dashboard_reaches_the_order(shop):
    reference = shop.order(tickets=1, lunches=0)
    session_id = shop.checkout(reference).json()["session_id"]
    shop.fake.deliver(shop.fake.pay(session_id))
    charge = shop.fake.charges[shop.fake.sessions[session_id]["payment_intent"]]
    partial = dict(charge, amount_refunded=2500, refunded=False)
    assert shop.fake.deliver(shop.fake.event("charge.refunded", partial)).status_code == 200
    assert (shop.read(reference)["status"], shop.read(reference)["amount_refunded"]) == ("partially_refunded", "25.00")
    full = dict(charge, amount_refunded=10000, refunded=True)
    shop.fake.deliver(shop.fake.event("charge.refunded", full))
    assert shop.read(reference)["status"] == "refunded"


def test_a_sponsor_bulk_purchase_from_the_cli_through_payment_to_refund(shop):
    out = shop.cli("bulk-purchases", "create", "-c", "pycon", "--sponsor", "acme", "--quantity", "5",
                   "--unit-price", "80", "--ticket-type", "standard")
    assert "Bulk purchase #1: 5 codes for Acme Corp, total 400.00 USD (pending)." in out
    out = shop.cli("bulk-purchases", "checkout-link", "1", "--success-url", "https://acme.example/ok",
                   "--cancel-url", "https://acme.example/no")
    [call] = shop.fake.calls("/v1/checkout/sessions")
    assert call.idempotency_key == "bulk-purchase-1"
    assert call.params["metadata"] == {"bulk_purchase_id": "1", "conference_id": "1", "sponsor_id": "1"}
    assert line_metadata(call) == {"bulk_purchase_id": "1", "sponsor_id": "1"}
    line = call.params["line_items"][0]
    assert (line["price_data"]["unit_amount"], line["quantity"], line["price_data"]["product_data"]["name"]) == \
        ("8000", "5", "5x Standard voucher codes")
    session_id = next(iter(shop.fake.sessions))
    assert shop.fake.sessions[session_id]["url"] in out
    # A second link for the same purchase is refused: it is processing now.
    assert "Cannot create checkout for purchase in 'Processing' state." in \
        shop.cli("bulk-purchases", "checkout-link", "1", "--success-url", "https://a.example/1",
                 "--cancel-url", "https://a.example/2", expect=1)

    shop.fake.deliver(shop.fake.pay(session_id))
    listing = shop.cli("bulk-purchases", "list", "-c", "pycon")
    assert " paid " in listing and " 5 " in listing
    with shop.factory() as session:
        codes = session.scalars(select(Voucher.code).where(Voucher.code.like("BULK-ACME-%"))).all()
    assert len(codes) == 5

    out = shop.cli("bulk-purchases", "refund", "1")
    assert "refunded through Stripe; 5 voucher codes deactivated" in out
    assert shop.fake.calls("/v1/refunds")[0].idempotency_key == "refund-bulk-purchase-1"
    wait_for(lambda: len(shop.fake.delivered) == 2)  # Stripe's charge.refunded: nothing more to do
    with shop.factory() as session:
        assert session.scalar(select(func.count(Voucher.id)).where(Voucher.is_active.is_(True),
                                                                    Voucher.code.like("BULK-ACME-%"))) == 0
        assert session.get(BulkPurchase, 1).payment_status is BulkPurchaseStatus.REFUNDED


def test_a_comp_deal_needs_no_payment_but_an_approval(shop):
    shop.cli("bulk-purchases", "create", "-c", "pycon", "--sponsor", "acme", "--quantity", "3", "--unit-price", "0",
             "--ticket-type", "standard", "--prefix", "COMP-")
    assert "Cannot create a checkout session for a zero-amount purchase." in shop.cli(
        "bulk-purchases", "checkout-link", "1", "--success-url", "https://a.example/1", "--cancel-url",
        "https://a.example/2", expect=1)
    assert "Only comp deals" not in shop.cli("bulk-purchases", "approve", "1")
    codes = [line for line in shop.cli("bulk-purchases", "fulfil", "1").splitlines() if line.startswith("COMP-")]
    assert len(codes) == 3
    assert "already fulfilled" in shop.cli("bulk-purchases", "fulfil", "1")
    assert shop.fake.requests == []  # Stripe never asked


def test_forged_stale_unsigned_and_unknown_conference_deliveries_change_nothing(shop):
    reference = shop.order()
    session_id = shop.checkout(reference).json()["session_id"]
    event = shop.fake.pay(session_id)
    forged = shop.fake.deliver(event, secret="whsec_someone_else")
    assert forged.status_code == 400 and forged.json()["detail"]["code"] == "webhook_rejected"
    stale = shop.fake.deliver(event, timestamp=int(time.time()) - 301)
    assert stale.status_code == 400 and "Signature verification failed" in stale.json()["detail"]["message"]
    assert shop.fake.deliver(event, signature="").status_code == 400  # no header at all
    tampered = shop.fake.deliver(event, signature=shop.fake.delivered[0].request.headers["Stripe-Signature"])
    assert tampered.status_code == 400  # a signature made with another secret stays wrong
    unknown = shop.fake.deliver(event, url=f"{shop.url}/api/v1/stripe/webhook/no-such-conf")
    assert unknown.status_code == 404
    assert shop.events() == []
    assert shop.read(reference)["status"] == "pending"
    assert shop.fake.deliver(event).json()["outcome"] == "processed"  # the genuine one still works


def test_the_same_event_delivered_eight_times_at_once_has_its_effect_once(shop):
    reference = shop.order(tickets=3, lunches=0)
    event = shop.fake.pay(shop.checkout(reference).json()["session_id"])
    barrier = threading.Barrier(8)
    answers = []

    def deliver():
        barrier.wait()
        answers.append(shop.fake.deliver(event))

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) == [200] * 8
    assert sorted(a.json()["outcome"] for a in answers) == ["duplicate"] * 7 + ["processed"]
    assert len(shop.attendees(reference)) == 3
    [stored] = shop.events()
    assert stored.attempts == 1 and stored.processed_at is not None


def test_expired_then_completed_revives_the_order_while_seats_remain(shop):
    reference = shop.order(tickets=2, lunches=0)
    session_id = shop.checkout(reference).json()["session_id"]
    assert shop.fake.deliver(shop.fake.expire(session_id)).status_code == 200
    assert shop.read(reference)["status"] == "cancelled"  # hold released
    shop.fake.deliver(shop.fake.pay(session_id))  # Stripe's word on the payment arrives late
    assert shop.read(reference)["status"] == "paid"
    assert len(shop.attendees(reference)) == 2


def test_expired_then_completed_when_the_seats_are_gone_is_flagged_not_oversold(shop):
    late = shop.order(tickets=6, lunches=0)
    session_id = shop.checkout(late).json()["session_id"]
    shop.fake.deliver(shop.fake.expire(session_id))
    other = shop.order(tickets=5, lunches=0)  # capacity 10: only 4 seats would be left for the late six
    shop.fake.deliver(shop.fake.pay(shop.checkout(other).json()["session_id"]))
    answer = shop.fake.deliver(shop.fake.pay(session_id))
    assert answer.status_code == 200
    assert "paid after its hold was released" in answer.json()["note"]
    assert shop.read(late)["status"] == "cancelled" and shop.attendees(late) == []
    problems = shop.cli("stripe", "events", "-c", "pycon", "--problems")
    assert "paid after its hold was released" in problems and "refund the payment" in problems


def test_a_bulk_purchase_whose_session_expired_stays_failed_when_payment_arrives(shop):
    shop.cli("bulk-purchases", "create", "-c", "pycon", "--sponsor", "acme", "--quantity", "2", "--unit-price", "80")
    shop.cli("bulk-purchases", "checkout-link", "1", "--success-url", "https://a.example/1", "--cancel-url",
             "https://a.example/2")
    session_id = next(iter(shop.fake.sessions))
    shop.fake.deliver(shop.fake.expire(session_id))
    with shop.factory() as session:
        assert session.get(BulkPurchase, 1).payment_status is BulkPurchaseStatus.FAILED
    answer = shop.fake.deliver(shop.fake.pay(session_id))
    assert "was paid but could not be fulfilled" in answer.json()["note"]
    with shop.factory() as session:
        assert session.get(BulkPurchase, 1).payment_status is BulkPurchaseStatus.FAILED
        assert session.scalar(select(func.count(Voucher.id)).where(Voucher.code.like("BULK-%"))) == 0


def test_a_failing_handler_is_recorded_answered_500_and_applied_on_redelivery(shop, monkeypatch):
    from server.payments import webhooks

    reference = shop.order(tickets=1, lunches=0)
    event = shop.fake.pay(shop.checkout(reference).json()["session_id"])
    real = webhooks.HANDLERS["checkout.session.completed"]

    def broken(*args):
        raise RuntimeError("database went away")

    monkeypatch.setitem(webhooks.HANDLERS, "checkout.session.completed", broken)
    failed = shop.fake.deliver(event)
    assert failed.status_code == 500
    [stored] = shop.events()
    assert (stored.processed_at, stored.attempts, stored.last_error) == (None, 1, "RuntimeError: database went away")
    assert shop.read(reference)["status"] == "pending"  # the handler's effects rolled back
    monkeypatch.setitem(webhooks.HANDLERS, "checkout.session.completed", real)
    assert shop.fake.deliver(event).json()["outcome"] == "processed"  # Stripe retries
    assert shop.read(reference)["status"] == "paid"
    assert shop.events()[0].attempts == 2


def test_stripe_refusing_the_checkout_is_a_502_and_changes_nothing(shop):
    reference = shop.order()
    shop.fake.fail_next = (400, {"error": {"type": "invalid_request_error", "code": "parameter_missing",
                                           "message": "Missing required param: line_items[0][price_data][currency]."}})
    answer = shop.checkout(reference)
    assert answer.status_code == 502
    assert "Stripe did not create the Checkout Session" in answer.json()["detail"]["message"]
    assert shop.read(reference)["status"] == "pending"
    with shop.factory() as session:
        assert session.scalar(select(Order.stripe_checkout_session_id).where(Order.reference == reference)) is None


@pytest.mark.parametrize(("amount", "currency", "minor", "back"), [
    ("12.34", "usd", 1234, "12.34"), ("5000", "jpy", 5000, "5000"), ("5000", "JPY", 5000, "5000"),
    ("1999", "krw", 1999, "1999"), ("1.234", "kwd", 1230, "1.23"), ("0.50", "eur", 50, "0.50")])
def test_amounts_in_minor_units(amount, currency, minor, back):
    assert to_minor_units(Decimal(amount), currency) == minor  # KWD: thousandths, last digit 0 (Stripe's rule)
    assert from_minor_units(minor, currency) == Decimal(back)


def test_fractions_a_currency_cannot_hold_are_refused():
    with pytest.raises(InvalidInput, match="more decimals than the currency allows"):
        to_minor_units(Decimal("10.5"), "jpy")


def test_a_yen_conference_sends_whole_yen(shop):
    with unit_of_work(shop.factory) as session:
        conference = make_conference(session, slug="tokyo", currency="jpy")
        conference.stripe_secret_key, conference.stripe_webhook_secret = "sk_test_tokyo", SECRET
        make_ticket_type(session, conference, name="Standard", slug="standard", price="5000")
    body = {"buyer": {"first_name": "Yuki", "email": "yuki@example.org"}, "tickets": {"standard": 2}}
    reference = httpx.post(f"{shop.url}/api/v1/conferences/tokyo/orders", json=body, timeout=10).json()["reference"]
    assert shop.checkout(reference).status_code == 200
    line = shop.fake.calls("/v1/checkout/sessions")[-1].params["line_items"][0]
    assert (line["price_data"]["currency"], line["price_data"]["unit_amount"], line["quantity"]) == ("jpy", "5000", "2")
    assert shop.fake.calls("/v1/checkout/sessions")[-1].api_key == "sk_test_tokyo"
    with shop.factory() as session:
        assert session.scalar(select(Order.status).where(Order.reference == reference)) is OrderStatus.PENDING


# Which purchase a payment may fulfil ---------------------------------------------------------------

def _other_conference_purchase(shop, *, session_id: str) -> int:
    """Conference B with its own Stripe secret and a bulk purchase of 20 codes waiting for payment."""
    from server.sponsors import bulk_purchases

    with unit_of_work(shop.factory) as session:
        other = make_conference(session, slug="otherconf", currency="usd")
        other.stripe_secret_key, other.stripe_webhook_secret = "sk_test_other", "whsec_test_other"
        ticket = make_ticket_type(session, other, name="Other standard", slug="standard", bulk_enabled=True)
        sponsor = create_sponsor(session, other, name="Globex", slug="globex")
        purchase = bulk_purchases.create_bulk_purchase(
            session, sponsor, 20, ticket, Decimal("100.00"),
            voucher_config=bulk_purchases.BulkVoucherConfig(voucher_type=VoucherType.COMP, discount_value=Decimal(100)))
        purchase.stripe_checkout_session_id = session_id
        purchase.payment_status = BulkPurchaseStatus.PROCESSING
        return purchase.id


def test_a_webhook_signed_with_one_conferences_secret_cannot_fulfil_anothers_purchase(shop):
    purchase_id = _other_conference_purchase(shop, session_id="cs_test_globex")
    session = {"id": "cs_test_globex", "object": "checkout.session", "payment_status": "paid", "status": "complete",
               "amount_total": 200000, "currency": "usd", "payment_intent": "pi_test_globex",
               "metadata": {"bulk_purchase_id": str(purchase_id)}}
    answer = shop.fake.deliver(shop.fake.event("checkout.session.completed", session))  # signed with pycon's secret

    assert answer.status_code == 200
    assert answer.json()["note"] == "No bulk purchase of pycon started Checkout Session cs_test_globex; nothing fulfilled."
    with shop.factory() as db:
        assert db.scalar(select(func.count(Voucher.id))) == 0
        purchase = db.get(BulkPurchase, purchase_id)
        assert (purchase.payment_status, purchase.stripe_payment_intent_id) == (BulkPurchaseStatus.PROCESSING, None)
    assert "No bulk purchase of pycon started Checkout Session cs_test_globex" in \
        shop.cli("stripe", "events", "-c", "pycon", "--problems")


def test_a_bulk_purchase_paid_for_less_than_it_costs_is_not_fulfilled(shop):
    shop.cli("bulk-purchases", "create", "-c", "pycon", "--sponsor", "acme", "--quantity", "5", "--unit-price", "80",
             "--ticket-type", "standard")
    shop.cli("bulk-purchases", "checkout-link", "1", "--success-url", "https://a.example/1", "--cancel-url",
             "https://a.example/2")
    event = shop.fake.pay(next(iter(shop.fake.sessions)))
    event["data"]["object"]["amount_total"] = 100  # one dollar for 400 dollars' worth of codes
    answer = shop.fake.deliver(event)
    assert answer.json()["note"] == ("Bulk purchase #1: Stripe charged 100 USD but it costs 40000 USD (minor units); "
                                     "nothing fulfilled: refund the payment or fix it.")
    with shop.factory() as session:
        assert session.scalar(select(func.count(Voucher.id))) == 0
        assert session.get(BulkPurchase, 1).payment_status is BulkPurchaseStatus.PROCESSING
    assert "Stripe charged 100 USD but it costs 40000 USD" in shop.cli("stripe", "events", "-c", "pycon", "--problems")


@pytest.mark.parametrize(("field", "value", "charged"), [("currency", "eur", "21250 EUR"),
                                                         ("amount_total", 21249, "21249 USD"),
                                                         ("amount_total", None, "None USD")])
def test_an_order_paid_in_another_currency_or_amount_is_not_marked_paid(shop, field, value, charged):
    reference = shop.order()  # 2 × 100.00 + 12.50 = 212.50 USD
    event = shop.fake.pay(shop.checkout(reference).json()["session_id"])
    event["data"]["object"][field] = value
    note = shop.fake.deliver(event).json()["note"]
    assert note == (f"Order {reference}: Stripe charged {charged} but it costs 21250 USD (minor units); "
                    "nothing fulfilled: refund the payment or fix it.")
    assert shop.read(reference)["status"] == "pending" and shop.attendees(reference) == []


# Stripe is slow: nobody else waits ------------------------------------------------------------------

def _time_an_order_while_stripe_answers(shop, stripe_call) -> float:
    """Run ``stripe_call`` (which talks to a fake Stripe taking 3 s) and, once its request has reached
    Stripe, place another buyer's order; returns how long that order took."""
    shop.fake.delay = 3.0
    already = len(shop.fake.requests)
    worker = threading.Thread(target=stripe_call)
    worker.start()
    wait_for(lambda: len(shop.fake.requests) > already, timeout=30)
    started = time.monotonic()
    shop.order(tickets=1, lunches=0)
    took = time.monotonic() - started
    worker.join(30)
    shop.fake.delay = 0.0
    return took


def test_a_slow_stripe_checkout_does_not_stall_another_buyer(shop):
    reference = shop.order(tickets=1, lunches=0)
    answers = []
    took = _time_an_order_while_stripe_answers(shop, lambda: answers.append(shop.checkout(reference)))
    assert took < 1.0
    assert answers[0].status_code == 200 and answers[0].json()["session_id"] in shop.fake.sessions


def test_a_slow_stripe_refund_does_not_stall_another_buyer(shop):
    reference = shop.order(tickets=1, lunches=0)
    shop.fake.deliver(shop.fake.pay(shop.checkout(reference).json()["session_id"]))
    outputs = []
    took = _time_an_order_while_stripe_answers(shop, lambda: outputs.append(shop.cli("orders", "refund", reference)))
    assert took < 1.0
    assert f"Order {reference}: refunded 100.00 of 100.00; now refunded." in outputs[0]
    wait_for(lambda: len(shop.fake.delivered) == 2)  # Stripe's charge.refunded, after the CLI's record
    assert shop.read(reference)["amount_refunded"] == "100.00"
