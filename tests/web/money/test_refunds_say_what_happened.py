"""Money that says what happened: "Refunded … through Stripe" only once Stripe has answered; an
order not paid through Stripe gets "Record a refund paid outside Stripe" (how, how much, who) or a refusal
that says why; a comp bulk deal reads "Comp (no payment)". Over HTTP to a live server, the real ``stripe``
library talking to the local fake Stripe; SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest
from sqlalchemy import func, select

from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.orders.models import Order, OrderStatus
from server.payments.desk import take_desk_payment
from server.payments.models import RefundOutsideStripe, StripeEvent
from server.sponsors.models import BulkPurchase
from server.users.models import Role
from server.vouchers.models import Voucher
from tests.factories import make_order, make_ticket_type
from tests.web.conftest import CONFERENCE_A, form_token
from tests.web.money.test_money_http import count, purchase

A = f"/conferences/{CONFERENCE_A}"


def main(html: str) -> str:
    """What the page says (its main part, entities read), without the menu."""
    return unescape(html.split("<main", 1)[1])


def order_not_through_stripe(factory, *, paid_at_desk: bool) -> str:
    """A paid order of 200.00 with no Stripe payment: taken at the desk in cash, or written paid (an import)."""
    with unit_of_work(factory) as session:
        conference = get_conference(session, CONFERENCE_A)
        ticket = make_ticket_type(session, conference, name="Day pass", slug="day", price="200.00")
        if paid_at_desk:
            order = make_order(session, conference, status=OrderStatus.PENDING, tickets={ticket: 1})
            take_desk_payment(session, order, method="cash", amount=Decimal("200.00"), taken_by_user_id=None,
                              taken_by="Dana Desk <dana@example.org>")
        else:
            order = make_order(session, conference, status=OrderStatus.PAID, tickets={ticket: 1})
        return order.reference


def refund_form(client, reference: str, amount: str, *, action: str = "refund", **extra) -> dict:
    token = form_token(client.get(f"{A}/orders/{reference}").text)
    return {"amount": amount, "refunded_before": "0.00", "confirm": "yes", "csrf_token": token, **extra}


def order_row(factory, reference: str) -> Order:
    with factory() as session:
        return session.scalar(select(Order).where(Order.reference == reference))


def test_a_stripe_refund_says_how_much_once_stripe_has_answered(money_shop, signed_in_client):
    reference = money_shop.paid_order(tickets=2)  # 2 × 100.00
    organizer = signed_in_client(Role.ORGANIZER)
    answer = organizer.post(f"{A}/orders/{reference}/refund", data=refund_form(organizer, reference, "50"))
    assert answer.status_code == 303
    page = main(organizer.get(answer.headers["location"]).text)
    assert "Refunded 50.00 USD through Stripe." in page
    assert money_shop.refunds() == [5000]
    # Stripe says no: nothing is said to be refunded, and nothing is recorded.
    money_shop.fake.fail_next = (402, {"error": {"type": "card_error", "message": "The bank said no."}})
    refused = organizer.post(f"{A}/orders/{reference}/refund",
                             data=refund_form(organizer, reference, "20", refunded_before="50.00"))
    assert refused.status_code == 502
    assert "Stripe did not make the refund: The bank said no." in main(refused.text)
    assert "through Stripe." not in main(refused.text).split("Stripe did not make")[0]
    assert order_row(money_shop.server.session_factory, reference).amount_refunded == Decimal("50.00")


def test_without_a_stripe_payment_a_stripe_refund_is_refused_and_says_why(money_shop, signed_in_client):
    """The measured case: no Stripe key and no payment intent; a partial refund of 50 was answered
    "Refunded through Stripe." and the order marked partially refunded."""
    factory = money_shop.server.session_factory
    with unit_of_work(factory) as session:
        get_conference(session, CONFERENCE_A).stripe_secret_key = ""  # as "remove the key" leaves it
    reference = order_not_through_stripe(factory, paid_at_desk=False)
    organizer = signed_in_client(Role.ORGANIZER)
    answer = organizer.post(f"{A}/orders/{reference}/refund", data=refund_form(organizer, reference, "50"))
    assert answer.status_code == 409
    said = main(answer.text)
    assert "was not paid through Stripe" in said and "nothing was refunded" in said
    assert "Refunded" not in said.replace("Refunded</dt>", "")
    assert money_shop.fake.calls("/v1/refunds") == []
    row = order_row(factory, reference)
    assert (row.status, row.amount_refunded) == (OrderStatus.PAID, Decimal("0.00"))


def test_a_stripe_order_with_its_key_removed_is_refused_saying_so(money_shop, signed_in_client):
    reference = money_shop.paid_order(tickets=1)
    with unit_of_work(money_shop.server.session_factory) as session:
        get_conference(session, CONFERENCE_A).stripe_secret_key = ""  # as "remove the key" leaves it
    organizer = signed_in_client(Role.ORGANIZER)
    answer = organizer.post(f"{A}/orders/{reference}/refund", data=refund_form(organizer, reference, "50"))
    assert answer.status_code == 422 and "has no Stripe secret key" in main(answer.text)
    assert money_shop.refunds() == []
    assert order_row(money_shop.server.session_factory, reference).status is OrderStatus.PAID


def test_an_order_paid_at_the_desk_gets_a_refund_recorded_outside_stripe(money_shop, signed_in_client):
    factory = money_shop.server.session_factory
    reference = order_not_through_stripe(factory, paid_at_desk=True)
    organizer = signed_in_client(Role.ORGANIZER)
    page = main(organizer.get(f"{A}/orders/{reference}").text)
    assert "at the desk: 200.00 USD, cash, taken by Dana Desk" in page
    assert "Record a refund paid outside Stripe" in page and "Refund through Stripe" not in page
    assert f'action="{A}/orders/{reference}/refund"' not in page  # no Stripe refund offered
    answer = organizer.post(f"{A}/orders/{reference}/refund-outside-stripe",
                            data=refund_form(organizer, reference, "50", method="cash"))
    assert answer.status_code == 303
    page = main(organizer.get(answer.headers["location"]).text)
    assert "Recorded a refund of 50.00 USD paid outside Stripe." in page
    assert f"50.00 USD paid outside Stripe (cash), recorded by {organizer.credentials.name}" in page
    assert "150.00 USD left" in page
    assert money_shop.fake.calls("/v1/refunds") == []
    assert order_row(factory, reference).status is OrderStatus.PARTIALLY_REFUNDED
    # The same form again (a reload, a second click): nothing more is recorded.
    again = organizer.post(f"{A}/orders/{reference}/refund-outside-stripe",
                           data={**refund_form(organizer, reference, "50", method="cash"), "refunded_before": "0.00"})
    assert again.status_code == 409 and "nothing more was recorded" in main(again.text)
    rest = organizer.post(f"{A}/orders/{reference}/refund-outside-stripe",
                          data=refund_form(organizer, reference, "150", method="bank_transfer", refunded_before="50.00"))
    assert rest.status_code == 303
    assert order_row(factory, reference).status is OrderStatus.REFUNDED


def test_a_stripe_order_cannot_be_recorded_as_refunded_outside_stripe(money_shop, signed_in_client):
    reference = money_shop.paid_order(tickets=1)
    organizer = signed_in_client(Role.ORGANIZER)
    assert "Record a refund paid outside Stripe" not in main(organizer.get(f"{A}/orders/{reference}").text)
    answer = organizer.post(f"{A}/orders/{reference}/refund-outside-stripe",
                            data=refund_form(organizer, reference, "50", method="cash"))
    assert answer.status_code == 409 and "refund it through Stripe" in main(answer.text)
    assert order_row(money_shop.server.session_factory, reference).status is OrderStatus.PAID


def test_a_viewer_cannot_record_a_refund(money_shop, signed_in_client):
    reference = order_not_through_stripe(money_shop.server.session_factory, paid_at_desk=True)
    viewer = signed_in_client(Role.VIEWER)
    assert "Record a refund" not in main(viewer.get(f"{A}/orders/{reference}").text)
    answer = viewer.post(f"{A}/orders/{reference}/refund-outside-stripe",
                         data=refund_form(viewer, reference, "50", method="cash"))
    assert answer.status_code == 404
    assert order_row(money_shop.server.session_factory, reference).status is OrderStatus.PAID


def test_a_comp_bulk_deal_reads_comp_and_is_withdrawn_without_stripe(money_shop, signed_in_client):
    factory = money_shop.server.session_factory
    purchase_id = purchase(factory, quantity=2, unit_price="0")
    organizer = signed_in_client(Role.ORGANIZER)
    here = f"{A}/sponsors/purchases/{purchase_id}"
    for step in ("approve", "fulfil"):
        assert organizer.post(f"{here}/{step}", data={"csrf_token": form_token(organizer.get(here).text)}).status_code == 303
    page = main(organizer.get(here).text)
    assert "Comp (no payment)" in page and ">Paid<" not in page
    assert "through Stripe" not in page and "0.00 USD through" not in page
    assert "Comp (no payment)" in main(organizer.get(f"{A}/sponsors").text)
    withdrawn = organizer.post(f"{here}/refund", data={"confirm": "yes", "csrf_token": form_token(organizer.get(here).text)})
    assert withdrawn.status_code == 303
    page = main(organizer.get(withdrawn.headers["location"]).text)
    assert "Comp deal withdrawn: every code it generated stopped working. Nothing was paid" in page
    assert "Withdrawn (comp)" in page
    assert money_shop.fake.calls("/v1/refunds") == []
    with factory() as session:
        assert session.scalar(select(func.count(Voucher.id)).where(Voucher.is_active.is_(True))) == 0
        assert session.get(BulkPurchase, purchase_id).payment_status.value == "refunded"


def refused_at(money_shop, reference: str, moment: str) -> None:
    """Arrange a refund of 50 of a 200.00 Stripe order to be refused at ``moment``."""
    if moment == "by_stripe":  # after the request's read has ended: Stripe itself says no
        money_shop.fake.fail_next = (402, {"error": {"type": "card_error", "message": "The bank said no."}})
    elif moment == "meanwhile":  # by the service, before Stripe is asked: someone refunded 10 since
        with unit_of_work(money_shop.server.session_factory) as session:
            order = session.scalar(select(Order).where(Order.reference == reference))
            order.amount_refunded, order.status = Decimal("10.00"), OrderStatus.PARTIALLY_REFUNDED


@pytest.mark.parametrize(("moment", "status", "said"), [
    ("unconfirmed", 422, "Tick the box to confirm the refund: nothing was refunded."),
    ("meanwhile", 409, "has had 10.00 refunded since this page was loaded"),
    ("by_stripe", 502, "Stripe did not make the refund: The bank said no."),
])
def test_a_refused_refund_writes_nothing_and_shows_why_on_the_order(money_shop, signed_in_client, moment, status,
                                                                     said):
    """Refused by the form, by the service or by Stripe, the refund page answers in its one request: the
    order drawn again from what is stored, the reason in the alert, the amount typed still there, and
    nothing refunded, recorded or written."""
    reference = money_shop.paid_order(tickets=2)  # 2 × 100.00
    organizer = signed_in_client(Role.ORGANIZER)
    form = refund_form(organizer, reference, "50", confirm="" if moment == "unconfirmed" else "yes")
    before = order_row(money_shop.server.session_factory, reference)
    events_before = count(money_shop.server.session_factory, StripeEvent)
    refused_at(money_shop, reference, moment)
    answer = organizer.post(f"{A}/orders/{reference}/refund", data=form)
    assert answer.status_code == status
    alert = unescape(answer.text.split('role="alert"', 1)[1].split("</", 1)[0])
    assert said in alert
    assert reference in main(answer.text) and 'value="50"' in answer.text  # the order, and what was typed
    assert money_shop.refunds() == ([5000] if moment == "by_stripe" else [])  # asked (it said no), or never
    after = order_row(money_shop.server.session_factory, reference)
    if moment == "meanwhile":  # what the other refund left, and no more
        assert (after.status, after.amount_refunded) == (OrderStatus.PARTIALLY_REFUNDED, Decimal("10.00"))
    else:
        assert (after.status, after.amount_refunded, after.updated_at) == (OrderStatus.PAID, Decimal("0.00"),
                                                                           before.updated_at)
    assert count(money_shop.server.session_factory, RefundOutsideStripe) == 0
    assert count(money_shop.server.session_factory, StripeEvent) == events_before
