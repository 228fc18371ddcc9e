"""A walk-in sold at the desk in the console, printed at a print station, admitted at the door.

The whole path a person takes: a door lead in chromium sells the ticket and sends the badge to a
print station; the real kiosk window there (on the tests' X server) prints it on its next sync, as
a PDF, exactly once, and checks the walk-in in (the station says so); the same kiosk set to check-in
then says the walk-in is already in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from PySide6.QtPdf import QPdfDocument
from sqlalchemy import func, select

from kiosk.core.settings import KioskSettings, StationMode, save_settings
from server.attendees.models import Attendee
from server.checkin.models import CheckIn
from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.orders.models import OrderStatus
from server.print_jobs.models import PrintJob
from server.users.models import Role
from server.users.service import add_user
from shared.badge_codes import parse
from tests.kiosk.door import PIN, open_window, shown, wedge_scan
from tests.kiosk.test_badges import decode, pdf_pages
from tests.web.conftest import Credentials, sign_in

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class WalkInNow:
    """Wanda, the walk-in, as the server has her now."""

    access_code: str
    order_status: OrderStatus
    print_job_outcome: str | None  # None: no job; "": not acknowledged yet
    check_ins: int


def _walk_in(door) -> WalkInNow:
    with door.session_factory() as session:
        attendee = session.scalar(select(Attendee).where(Attendee.first_name == "Wanda"))
        job = session.scalar(select(PrintJob).where(PrintJob.attendee_id == attendee.id))
        check_ins = session.scalar(select(func.count(CheckIn.id)).where(CheckIn.attendee_id == attendee.id))
        return WalkInNow(attendee.access_code, attendee.order.status, job.outcome if job else None, check_ins)


def test_a_walk_in_sold_in_the_console_prints_once_at_the_print_station_and_is_in_at_the_door(qtbot, door, browser,
                                                                                             screenshots):
    with unit_of_work(door.session_factory) as session:
        add_user(session, email="lead@example.org", display_name="Dana Door", password="correct horse battery",
                 conference=get_conference(session, "pycon"), role=Role.DOOR_LEAD)
    save_settings(door.data_dir, KioskSettings(station_name="Badge desk", mode=StationMode.BADGE_PRINTING,
                                               check_in_on_print=True).with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)

    context = browser.new_context(base_url=door.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, Credentials("lead@example.org", "correct horse battery", "Dana Door"))
    page.goto("/conferences/pycon/walk-ins")
    page.get_by_label("Ticket type").select_option(label="Standard — 100.00 USD")
    page.get_by_label("Lunch — 20.00 USD").check()
    page.get_by_label("First name").fill("Wanda")
    page.get_by_label("Last name").fill("Walkin")
    page.get_by_label("Email", exact=True).fill("wanda@example.org")
    page.get_by_label("Company").fill("Door Sales Ltd")
    page.get_by_label("Cash", exact=True).check()
    expect(page.get_by_label("Amount taken (USD)")).to_have_value("120.00")  # the ticket and the lunch
    page.get_by_label("Print the badge at").select_option(label="Door A (kiosk)")
    page.get_by_role("button", name="Sell and mark paid").click()

    expect(page.get_by_role("status")).to_contain_text("to Wanda Walkin (Cash 120.00). Badge sent to Door A.")
    sale = page.locator("table.desk-sales tbody tr").first
    expect(sale.locator("td.payment")).to_contain_text("Cash, 120.00 USD")  # how and how much
    expect(sale.locator("td.payment")).to_contain_text("taken by Dana Door <lead@example.org>")  # who
    attendee = _walk_in(door)
    assert attendee.order_status is OrderStatus.PAID and attendee.print_job_outcome == "" and attendee.check_ins == 0

    # The print station prints it on its next sync, and checks Wanda in (its settings say so).
    with qtbot.waitSignal(window.badgePrinted, timeout=20_000) as printed:
        pass
    path = printed.args[0]
    assert path.endswith(".pdf"), path
    [badge] = pdf_pages(path)
    codes = decode(badge)
    assert codes["Code128"] == attendee.access_code
    with door.session_factory() as session:
        public_key = get_conference(session, "pycon").badge_public_key
    badge_code = parse(codes["QRCode"], conference_slug="pycon", public_key=public_key)
    assert badge_code.signed and badge_code.access_code == attendee.access_code  # signed by the server
    document = QPdfDocument()
    document.load(path)
    text = document.getAllText(0).text()
    assert "Wanda" in text and "Walkin" in text and "Door Sales Ltd" in text

    qtbot.waitUntil(lambda: (_walk_in(door).print_job_outcome, _walk_in(door).check_ins) == ("printed", 1),
                    timeout=10_000)
    page.reload()
    expect(page.locator("table.desk-sales tbody tr").first).to_contain_text("Printed at Door A")
    page.screenshot(path=str(screenshots / "console-walk-ins.png"), full_page=True)

    # Exactly once: more syncs (every 0.3 s here) print nothing more, and Wanda is checked in once.
    qtbot.wait(2000)
    assert sorted(p.name for p in (door.data_dir / "printed-badges").glob(f"badge-{attendee.access_code}-*.pdf")) \
        == [printed.args[0].rsplit("/", 1)[1]]
    assert _walk_in(door).check_ins == 1

    # At the door: the same kiosk set to check-in says she is in already.
    window.apply_settings(KioskSettings(station_name="Door A").with_pin(PIN))
    wedge_scan(qtbot, window, codes["QRCode"])
    colour, headline, name = shown(window)
    assert (colour, name) == ("amber", "Wanda Walkin")
    assert headline.startswith("Already checked in at") and headline.endswith("Badge desk"), headline
    context.close()
    window.shutdown()


def test_a_not_paid_attendee_who_pays_at_the_desk_is_welcomed_at_the_door_after_the_next_sync(qtbot, door):
    from decimal import Decimal

    from server.attendees.repository import attendee_by_code
    from server.walk_ins.service import Cashier, pay_at_desk

    window = open_window(qtbot, door, windowed=True)  # a check-in kiosk at Door A
    wedge_scan(qtbot, window, door.unpaid)
    assert shown(window) == ("red", "Not paid", "Bob Unpaid")
    assert window.verdict.detail.text() == "Send them to the registration desk to pay."
    with unit_of_work(door.session_factory) as session:
        conference = get_conference(session, "pycon")
        pay_at_desk(session, conference, attendee_by_code(session, conference.id, door.unpaid), method="cash",
                    amount=Decimal("100.00"), cashier=Cashier(user_id=None, name="Dana Door"))

    def welcomed() -> bool:
        window.verdict.dismiss()
        return wedge_scan(qtbot, window, door.unpaid).text.headline == "Welcome"
    qtbot.waitUntil(welcomed, timeout=10_000)  # the payment reaches the kiosk with its next sync
    assert shown(window) == ("green", "Welcome", "Bob Unpaid")
    window.shutdown()
