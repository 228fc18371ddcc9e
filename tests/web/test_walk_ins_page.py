"""The desk's walk-ins page in chromium: a "Not paid" attendee pays there, sale rules hold, conferences stay apart."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from server.attendees.models import Attendee
from server.conferences.models import Conference
from server.db.engine import unit_of_work
from server.orders.models import Order, OrderStatus
from server.payments.models import DeskPayment
from server.users.models import Role
from tests.factories import make_attendee
from tests.web.conftest import CONFERENCE_A, CONFERENCE_B

pytestmark = pytest.mark.browser


def _pending_attendee(console_server) -> str:
    with unit_of_work(console_server.session_factory) as session:
        conference = session.scalar(select(Conference).where(Conference.slug == CONFERENCE_A))
        penny = make_attendee(session, conference, order_status="pending", first_name="Penny", last_name="Pending")
        return penny.access_code


def _order_of(console_server, access_code: str) -> tuple[OrderStatus, int, str | None]:
    """(order status, attendees on the order, the desk payment in words)."""
    with console_server.session_factory() as session:
        attendee = session.scalar(select(Attendee).where(Attendee.access_code == access_code))
        holders = session.scalar(select(func.count(Attendee.id)).where(Attendee.order_id == attendee.order_id))
        payment = session.scalar(select(DeskPayment).where(DeskPayment.order_id == attendee.order_id))
        words = f"{payment.method.value} {payment.amount} by {payment.taken_by}" if payment else None
        return attendee.order.status, holders, words


def test_a_not_paid_attendee_pays_at_the_desk_and_keeps_their_badge(console_server, signed_in_page):
    code = _pending_attendee(console_server)
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"/conferences/{CONFERENCE_A}/walk-ins")
    page.get_by_label("Access code, name or email").fill(code)  # what the badge the kiosk refused says
    page.get_by_role("button", name="Find").click()
    found = page.locator("form.unpaid")
    expect(found).to_have_count(1)
    expect(found).to_contain_text("Penny Pending")
    expect(found).to_contain_text("100.00 USD due")

    found.get_by_label("Amount taken (USD)").fill("90.00")  # short: refused, nothing recorded
    found.get_by_label("Card terminal").check()
    found.get_by_role("button", name="Mark Penny's order paid").click()
    expect(page.get_by_role("alert")).to_have_text("The amount taken (90.00) is not the order's total (100.00): "
                                                   "take 100.00. Nothing was recorded.")
    assert _order_of(console_server, code) == (OrderStatus.PENDING, 1, None)

    found = page.locator("form.unpaid")
    found.get_by_label("Amount taken (USD)").fill("100.00")
    found.get_by_label("Card terminal").check()
    found.get_by_role("button", name="Mark Penny's order paid").click()
    expect(page.get_by_role("status")).to_have_text("Penny Pending paid 100.00 (card terminal).")
    expect(page.locator("table.desk-sales td.payment").first).to_contain_text("Card terminal, 100.00 USD")
    user = page.credentials
    # Paid, by whom and how; the same attendee (and access code) as before: the badge in hand works now.
    assert _order_of(console_server, code) == (OrderStatus.PAID, 1,
                                               f"card_terminal 100.00 by {user.name} <{user.email}>")


def test_a_sold_out_conference_sells_nothing_at_the_door(console_server, signed_in_page):
    with unit_of_work(console_server.session_factory) as session:
        session.scalar(select(Conference).where(Conference.slug == CONFERENCE_A)).total_capacity = 2  # 2 sold
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"/conferences/{CONFERENCE_A}/walk-ins")
    page.get_by_label("First name").fill("Late")
    page.get_by_label("Email", exact=True).fill("late@example.org")
    page.get_by_label("Cash", exact=True).check()
    page.get_by_role("button", name="Sell and mark paid").click()
    expect(page.get_by_role("alert")).to_have_text("This conference is sold out (venue capacity: 2). Nothing was sold.")
    expect(page.get_by_label("First name")).to_have_value("Late")  # the form kept for another try
    with console_server.session_factory() as session:
        assert session.scalar(select(func.count(Order.id))) == 4  # the seeded ones only


def test_a_door_lead_of_another_conference_finds_no_such_page(console_server, signed_in_page):
    code = _pending_attendee(console_server)
    page = signed_in_page(Role.DOOR_LEAD, conference=CONFERENCE_B)
    assert page.goto(f"/conferences/{CONFERENCE_A}/walk-ins").status == 404
    assert page.goto(f"/conferences/{CONFERENCE_A}/walk-ins?q={code}").status == 404
    page.goto(f"/conferences/{CONFERENCE_B}/walk-ins")
    csrf = page.locator("input[name=csrf_token]").first.input_value()
    answer = page.request.post(f"/conferences/{CONFERENCE_A}/walk-ins/pay", max_redirects=0,
                               form={"access_code": code, "method": "cash", "amount": "100.00", "csrf_token": csrf})
    assert answer.status == 404
    assert _order_of(console_server, code) == (OrderStatus.PENDING, 1, None)
    # Nor does their own desk find another conference's attendee.
    page.get_by_label("Access code, name or email").fill(code)
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_text(f'No attendee with an unpaid order matches "{code}".')).to_be_visible()


def test_a_viewer_has_no_desk(console_server, signed_in_page):
    page = signed_in_page(Role.VIEWER)
    assert page.goto(f"/conferences/{CONFERENCE_A}/walk-ins").status == 404
