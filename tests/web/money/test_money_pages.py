"""The money pages in chromium, as an organizer uses them: a sponsor pays a bulk purchase through the
(fake) Stripe and receives codes that work; an order is refunded in part, then fully, and cancelled;
a Stripe event that failed is retried; a door lead cannot refund. The fake Stripe is driven by the
real ``stripe`` library and signs its webhooks to the live server for real."""

from __future__ import annotations

import csv
import re

import httpx
import pytest

from server.users.models import Role
from tests.web.conftest import CONFERENCE_A
from tests.web.money.shop import HandlerOutage, wait_for

pytestmark = pytest.mark.browser
A = f"/conferences/{CONFERENCE_A}"


def test_a_sponsor_pays_a_bulk_purchase_and_its_codes_work(money_shop, signed_in_page, tmp_path, database_url,
                                                           screenshots):
    page = signed_in_page(Role.ORGANIZER)
    page.goto(f"{A}/sponsors")
    page.get_by_text("New sponsor level").click()
    page.get_by_label("Level name").fill("Gold")
    page.get_by_label("Cost (USD)").fill("5000")
    page.get_by_role("button", name="Add level").click()
    assert page.get_by_role("status").inner_text() == "Sponsor level saved.", page.content()[-3000:]
    page.get_by_text("New sponsor", exact=True).click()
    page.get_by_label("Sponsor name").fill("Acme Corp")
    page.get_by_label("Sponsor level", exact=True).select_option(label="Gold")
    page.get_by_label("Contact email").last.fill("events@acme.example")
    page.get_by_role("button", name="Add sponsor").click()
    assert page.get_by_role("status").inner_text() == "Sponsor saved."

    page.get_by_text("New bulk purchase").click()
    page.get_by_label("For", exact=True).select_option(label="Acme Corp")
    page.get_by_label("Quantity (codes, 1 to 500)").fill("0")  # a slip of the finger first
    page.get_by_label("Unit price (USD; 0 for a comp deal)").fill("80")
    page.get_by_label("Codes are for").select_option(label="Standard")
    page.get_by_role("button", name="Record the purchase").click()
    assert "The quantity must be between 1 and 500." in page.get_by_role("alert").inner_text()
    page.get_by_label("Quantity (codes, 1 to 500)").fill("3")
    page.get_by_role("button", name="Record the purchase").click()
    assert "Bulk purchase #1: Acme Corp" in page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("button", name="Create the Checkout link").click()
    link = page.get_by_label("Checkout link for the sponsor").input_value()
    [session_id] = money_shop.fake.sessions
    assert link == money_shop.fake.sessions[session_id]["url"]
    assert money_shop.fake.sessions[session_id]["amount_total"] == 24000  # 3 × 80.00
    if "sqlite" in database_url:
        page.screenshot(path=str(screenshots / "console-bulk-purchase.png"), full_page=True)
    purchase_url = page.url.removesuffix("/checkout")
    page.goto(purchase_url)  # come back later: the link can be shown again, and it is the same session
    page.get_by_role("button", name="Show the Checkout link again").click()
    assert page.get_by_label("Checkout link for the sponsor").input_value() == link
    assert len(money_shop.fake.sessions) == 1

    # The sponsor pays; Stripe's signed webhook reaches the live server, which fulfils the purchase.
    assert money_shop.fake.deliver(money_shop.fake.pay(session_id)).status_code == 200
    page.goto(purchase_url)
    assert "Paid" in page.locator(".facts").inner_text()
    assert "3 of 3" in page.locator(".facts").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the codes (CSV)").click()
    saved = tmp_path / "codes.csv"
    download_info.value.save_as(saved)
    rows = list(csv.DictReader(saved.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 3 and all(re.fullmatch(r"BULK-ACME-CORP-[A-Z0-9]{8}", r["code"]) for r in rows)

    # A code from the file buys a ticket on the public order route for nothing.
    body = {"buyer": {"first_name": "Sam", "email": "sam@acme.example"}, "tickets": {"standard": 1},
            "voucher_code": rows[0]["code"]}
    order = httpx.post(money_shop.server.url(f"/api/v1/conferences/{CONFERENCE_A}/orders"), json=body, timeout=10)
    assert order.status_code == 201, order.text
    assert (order.json()["status"], order.json()["total"]) == ("paid", "0.00")

    page.goto(f"{A}/sponsors")
    assert "Acme Corp" in page.locator("#purchases-heading + .table-wrap").inner_text()
    if "sqlite" in database_url:
        page.screenshot(path=str(screenshots / "console-sponsors.png"), full_page=True)


def test_an_order_is_refunded_in_part_then_fully_and_another_cancelled(money_shop, signed_in_page, database_url,
                                                                      screenshots):
    reference = money_shop.paid_order(tickets=2, first_name="Zelda")  # 200.00
    pending = httpx.post(money_shop.server.url(f"/api/v1/conferences/{CONFERENCE_A}/orders"), timeout=10, json={
        "buyer": {"first_name": "Yusuf", "email": "yusuf@example.org"}, "tickets": {"standard": 1}}).json()["reference"]
    page = signed_in_page(Role.ORGANIZER)
    page.goto(f"{A}/orders")
    page.get_by_label("Reference, buyer name or email").fill("zelda")
    page.get_by_role("button", name="Search").click()
    assert page.locator("tbody tr").count() == 1
    if "sqlite" in database_url:
        page.goto(f"{A}/orders")
        page.screenshot(path=str(screenshots / "console-orders.png"), full_page=True)
        page.goto(f"{A}/orders?q=zelda")
    page.get_by_role("link", name=reference).click()
    stale = page.context.new_page()  # the same order open in a second tab, drawn before the refund
    stale.goto(page.url)

    page.get_by_label("Amount to refund (USD, at most 200.00)").fill("30")
    page.get_by_label("Yes, refund this amount").check()
    page.get_by_role("button", name="Refund").click()
    assert page.get_by_role("status").inner_text() == "Refunded 30.00 USD through Stripe."
    assert money_shop.refunds() == [3000]
    # The same refund clicked again from the older tab: refused, Stripe is not asked again.
    stale.get_by_label("Amount to refund (USD, at most 200.00)").fill("30")
    stale.get_by_label("Yes, refund this amount").check()
    stale.get_by_role("button", name="Refund").click()
    assert "nothing more was refunded" in stale.get_by_role("alert").inner_text()
    assert money_shop.refunds() == [3000]
    assert money_shop.order(reference)["amount_refunded"] == "30.00"
    assert "Partially refunded" in page.locator(".facts").inner_text()
    assert "30.00 USD (170.00 USD left)" in page.locator("#amount-refunded").inner_text()

    page.get_by_label("Yes, refund this amount").check()  # the amount offered is what is left
    page.get_by_role("button", name="Refund").click()
    assert page.get_by_role("status").inner_text() == "Refunded 170.00 USD through Stripe."
    assert money_shop.refunds() == [3000, 17000]
    assert money_shop.order(reference)["status"] == "refunded"
    assert "These badges no longer work at the door." in page.content()
    wait_for(lambda: len(money_shop.fake.delivered) == 3)  # Stripe's two charge.refunded webhooks
    page.reload()
    assert "charge.refunded" in page.locator("#events-heading + ul").inner_text()
    if "sqlite" in database_url:
        page.screenshot(path=str(screenshots / "console-order.png"), full_page=True)

    page.goto(f"{A}/orders/{pending}")
    page.get_by_role("button", name="Cancel the order").click()  # the box is not ticked: the browser asks for it
    assert money_shop.order(pending)["status"] == "pending"
    page.get_by_label("Yes, cancel this order").check()
    page.get_by_role("button", name="Cancel the order").click()
    assert page.get_by_role("status").inner_text() == "Order cancelled."
    assert money_shop.order(pending)["status"] == "cancelled"


def test_a_failed_stripe_event_is_listed_and_retried_from_the_page(money_shop, signed_in_page, monkeypatch):
    outage = HandlerOutage(monkeypatch, "checkout.session.completed")
    placed = httpx.post(money_shop.server.url(f"/api/v1/conferences/{CONFERENCE_A}/orders"), timeout=10, json={
        "buyer": {"first_name": "Late", "email": "late@example.org"}, "tickets": {"standard": 1}}).json()["reference"]
    started = httpx.post(money_shop.server.url(f"/api/v1/orders/{placed}/checkout"), timeout=30,
                         json={"success_url": "https://a.example/1", "cancel_url": "https://a.example/2"}).json()
    event = money_shop.fake.pay(started["session_id"])
    assert money_shop.fake.deliver(event).status_code == 500
    page = signed_in_page(Role.ORGANIZER)
    page.goto(f"{A}/orders")
    page.get_by_role("link", name="Stripe events").click()
    row = page.locator("tr", has_text=event["id"])
    assert "not applied" in row.inner_text() and "the database refused for a moment" in row.inner_text()
    outage.end()
    row.get_by_role("button", name=f"Retry {event['id']}").click()
    assert page.get_by_role("status").inner_text() == f"Event {event['id']} applied."
    assert "No problems" in page.content()
    assert money_shop.order(placed)["status"] == "paid"


def test_a_door_lead_reads_an_order_but_cannot_refund_it(money_shop, signed_in_page):
    reference = money_shop.paid_order()
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"{A}/orders/{reference}")
    assert page.get_by_role("heading", name=f"Order {reference}").is_visible()
    assert page.get_by_role("button", name="Refund").count() == 0
    token = page.locator("input[name=csrf_token]").first.input_value()
    answer = page.request.post(f"{A}/orders/{reference}/refund", form={
        "amount": "10", "refunded_before": "0.00", "confirm": "yes", "csrf_token": token})
    assert answer.status == 404
    assert money_shop.refunds() == [] and money_shop.order(reference)["status"] == "paid"
