"""Setting a conference up from nothing in chromium: a new conference, its Stripe keys, a ticket type with a
sale window typed in New York, an add-on that requires it, vouchers and their CSV; and what others may not do.

With DOORSTATION_SCREENSHOTS=<folder> set, the walk-through saves console-settings.png, console-products.png
and console-vouchers.png there (docs/screenshots holds the ones in the README).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from server.conferences.models import AddOn, TicketType
from server.conferences.service import get_conference, get_ticket_type
from server.users.models import Role
from server.vouchers.models import Voucher
from tests.web.conftest import CONFERENCE_A, CONFERENCE_B

pytestmark = pytest.mark.browser

SECRET = "sk_test_51HxYzAbCdEfGhIjKlMnOpQrStUv9876"
WEBHOOK_SECRET = "whsec_ZyXwVuTsRqPoNmLk4321"


def test_a_conference_is_set_up_from_nothing(signed_in_page, console_server, screenshots):
    page = signed_in_page(None)  # no role anywhere yet: they start their own conference
    page.get_by_role("link", name="New conference").click()
    page.get_by_label("Name", exact=True).fill("Gotham PyCon")
    page.get_by_label("Short name (slug)").fill("gotham")
    page.get_by_label("Time zone of the venue").fill("America/New_York")
    page.get_by_label("Venue capacity").fill("300")
    page.get_by_label("Currency").fill("usd")
    page.get_by_role("button", name="Create conference").click()
    assert page.url.endswith("/conferences/gotham/settings?created=1")
    assert "you are its owner" in page.get_by_role("status").inner_text()
    assert "(owner)" in page.locator(".account__role").inner_text()

    # Stripe keys: typed once, then shown only by their last four characters.
    page.get_by_label("New secret key").fill(SECRET)
    page.get_by_label("New publishable key").fill("pk_test_gotham")
    page.get_by_label("New webhook signing secret").fill(WEBHOOK_SECRET)
    page.get_by_role("button", name="Save Stripe keys").click()
    assert "saved" in page.get_by_role("status").inner_text()
    assert page.locator("#stripe-secret-key").inner_text() == "…9876"
    assert page.locator("#stripe-webhook-secret").inner_text() == "…4321"
    content = page.content()
    assert SECRET not in content and WEBHOOK_SECRET not in content and SECRET[:-4] not in content
    assert page.get_by_label("New secret key").input_value() == ""
    assert page.locator("#webhook-address").inner_text() == f"{console_server.base_url}/api/v1/stripe/webhook/gotham"
    page.screenshot(path=str(screenshots / "console-settings.png"), full_page=True)

    # A ticket type whose sale opens at 09:00 in New York, typed as the organizer reads the clock there.
    page.get_by_role("navigation", name="Gotham PyCon").get_by_role("link", name="Tickets & add-ons").click()
    new_ticket = page.locator("form[action$='/products/ticket-types']")
    new_ticket.get_by_label("Name", exact=True).fill("Early bird")
    new_ticket.get_by_label("Short name (slug)").fill("early")
    new_ticket.get_by_label("Price (USD)").fill("199.00")
    new_ticket.get_by_label("Quantity", exact=True).fill("100")
    new_ticket.get_by_label("On sale from (America/New_York)").fill("2026-05-01T09:00")
    new_ticket.get_by_label("On sale until (America/New_York)").fill("2026-06-30T23:59")
    new_ticket.get_by_role("button", name="Add ticket type").click()
    assert "'Early bird' added." in page.get_by_role("status").inner_text()
    row = page.locator("#ticket-types tbody tr", has_text="Early bird")
    assert "2026-05-01 09:00 EDT – 2026-06-30 23:59 EDT" in row.inner_text()
    with console_server.session_factory() as session:
        early = get_ticket_type(session, get_conference(session, "gotham"), "early")
        assert early.available_from == dt.datetime(2026, 5, 1, 13, 0, tzinfo=dt.UTC)
    row.get_by_role("link", name="Edit Early bird").click()
    assert page.get_by_label("On sale from (America/New_York)").input_value() == "2026-05-01T09:00"
    page.get_by_role("link", name="← Tickets & add-ons").click()

    # An add-on sold only with the early-bird ticket.
    new_addon = page.locator("form[action$='/products/addons']")
    new_addon.get_by_label("Name", exact=True).fill("Tutorial: async")
    new_addon.get_by_label("Short name (slug)").fill("tutorial-async")
    new_addon.get_by_label("Price (USD)").fill("50")
    new_addon.get_by_label("Quantity", exact=True).fill("30")
    new_addon.get_by_label("Early bird").check()
    new_addon.get_by_role("button", name="Add add-on").click()
    addon_row = page.locator("#addons tbody tr", has_text="Tutorial: async")
    assert "Early bird" in addon_row.inner_text() and "30" in addon_row.inner_text()
    page.screenshot(path=str(screenshots / "console-products.png"), full_page=True)

    # Vouchers: a batch for speakers, listed with their uses, then downloaded as CSV.
    page.get_by_role("navigation", name="Gotham PyCon").get_by_role("link", name="Vouchers").click()
    page.get_by_label("Prefix", exact=True).fill("SPEAKER-")
    page.get_by_label("How many").fill("12")
    page.get_by_label("Type", exact=True).select_option("percentage")
    page.get_by_label("Value", exact=True).fill("50")
    page.get_by_label("Uses per code").fill("2")
    page.get_by_label("Valid until (America/New_York)").fill("2026-06-30T23:59")
    page.get_by_label("Ticket: Early bird").check()
    page.get_by_role("button", name="Generate vouchers").click()
    assert "Generated 12 voucher codes." in page.get_by_role("status").inner_text()
    codes = page.locator("#vouchers tbody th code").all_inner_texts()
    assert len(codes) == 12 and all(re.fullmatch(r"SPEAKER-[A-Z0-9]{8}", code) for code in codes)
    assert "0 of 2" in page.locator("#vouchers tbody tr").first.inner_text()
    page.locator("#vouchers tbody tr").first.get_by_role("button", name=re.compile("Deactivate")).click()
    assert f"Voucher {min(codes)} deactivated" in page.get_by_role("status").inner_text()
    page.screenshot(path=str(screenshots / "console-vouchers.png"), full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "gotham-vouchers-SPEAKER-.csv" or download.suggested_filename.startswith("gotham-vouchers")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert sorted(row["code"] for row in rows) == sorted(codes)
    assert {row["valid_until"] for row in rows} == {"2026-06-30 23:59 EDT"}
    assert {row["ticket_types"] for row in rows} == {"Early bird"}
    assert [row["active"] for row in sorted(rows, key=lambda r: r["code"])][:2] == ["no", "yes"]


def test_a_deactivated_ticket_type_is_refused_by_the_order_route(signed_in_page, console_server):
    page = signed_in_page(Role.ORGANIZER)
    order = {"buyer": {"first_name": "Bo", "email": "bo@example.org"}, "tickets": {"standard": 1}}
    url = f"{console_server.base_url}/api/v1/conferences/{CONFERENCE_A}/orders"
    page.goto(f"/conferences/{CONFERENCE_A}/products")
    page.get_by_role("button", name="Deactivate Standard").click()
    assert "no longer sold" in page.get_by_role("status").inner_text()
    assert "deactivated" in page.locator("#ticket-types tbody tr", has_text="Standard").inner_text()
    refused = httpx.post(url, json=order, timeout=30)
    assert refused.status_code == 409
    assert refused.json()["detail"]["message"] == "'Standard' is no longer on sale: the organizer has withdrawn it."
    page.get_by_role("button", name="Reactivate Standard").click()
    assert httpx.post(url, json=order, timeout=30).status_code == 201


def _counts(console_server) -> list[int]:
    with console_server.session_factory() as session:
        return [session.scalar(select(func.count(model.id))) for model in (TicketType, AddOn, Voucher)]


def test_a_door_lead_sees_the_sales_pages_but_cannot_change_them(signed_in_page, console_server):
    page = signed_in_page(Role.DOOR_LEAD)
    page.goto(f"/conferences/{CONFERENCE_A}/products")
    assert page.locator("#ticket-types").is_visible()
    assert page.get_by_role("button", name=re.compile("Deactivate|Add ticket type")).count() == 0
    page.goto(f"/conferences/{CONFERENCE_A}/vouchers")
    assert page.get_by_role("button", name="Generate vouchers").count() == 0
    settings = page.goto(f"/conferences/{CONFERENCE_A}/settings")
    assert settings.status == 404

    # Forms sent anyway (with the door lead's own valid CSRF token) are refused and write nothing.
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    before = _counts(console_server)
    with console_server.session_factory() as session:
        standard_id = get_ticket_type(session, get_conference(session, CONFERENCE_A), "standard").id
    for path, form in ((f"/conferences/{CONFERENCE_A}/products/ticket-types", {"name": "VIP", "type_slug": "vip"}),
                       (f"/conferences/{CONFERENCE_A}/products/ticket-types/{standard_id}/active", {"active": "no"}),
                       (f"/conferences/{CONFERENCE_A}/vouchers", {"count": "3", "voucher_type": "comp"}),
                       (f"/conferences/{CONFERENCE_A}/settings/stripe", {"secret_key": "sk_test_x"})):
        answer = page.request.post(path, form={**form, "csrf_token": token})
        assert answer.status == 404, path
    assert _counts(console_server) == before
    with console_server.session_factory() as session:
        conference = get_conference(session, CONFERENCE_A)
        assert get_ticket_type(session, conference, "standard").is_active and conference.stripe_secret_key == ""


def test_another_conferences_product_is_not_found(signed_in_page, console_server):
    with console_server.session_factory() as session:
        theirs = get_ticket_type(session, get_conference(session, CONFERENCE_B), "standard").id
    page = signed_in_page(Role.OWNER)
    answer = page.goto(f"/conferences/{CONFERENCE_A}/products/ticket-types/{theirs}")
    assert answer.status == 404
    assert page.get_by_role("heading", name="Not found").is_visible()
    assert "DjangoCon" not in page.content()
