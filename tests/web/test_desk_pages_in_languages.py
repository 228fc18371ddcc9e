"""The desk's pages in German and Arabic in chromium, at a laptop's width and a tablet's: the attendee page with
its language chooser, the walk-in form, the orders list, tickets & add-ons, vouchers, sponsors, the import. Each is saved as a screenshot (reviewed screen by screen)
and checked for what a reader would notice: the page reads right to left in Arabic (the heading starts at the
right edge) and nothing sticks out past the window's edge."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from server.attendees.models import Attendee
from server.attendees.service import set_language
from server.db.engine import unit_of_work
from server.users.models import Role
from tests.web.conftest import CONFERENCE_A

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["de-DE", "ar-EG"])
def test_the_desk_pages_fit_and_read_in_the_users_direction(console_server, signed_in_page, screenshots, locale):
    with unit_of_work(console_server.session_factory) as session:
        ada = session.scalar(select(Attendee).where(Attendee.first_name == "Ada"))
        set_language(session, ada, "ar")
        ada_id = ada.id
    language = locale[:2]
    page = signed_in_page(Role.ORGANIZER)  # (signed in through the English form)
    page.set_extra_http_headers({"Accept-Language": locale})  # then the browser asks for the reader's language
    for width in (1280, 768):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in (("attendee", f"/conferences/{CONFERENCE_A}/attendees/{ada_id}"),
                           ("walk-ins", f"/conferences/{CONFERENCE_A}/walk-ins"),
                           ("orders", f"/conferences/{CONFERENCE_A}/orders"),
                           ("products", f"/conferences/{CONFERENCE_A}/products"),
                           ("vouchers", f"/conferences/{CONFERENCE_A}/vouchers"),
                           ("sponsors", f"/conferences/{CONFERENCE_A}/sponsors"),
                           ("import", f"/conferences/{CONFERENCE_A}/import")):
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            page.screenshot(path=str(screenshots / f"console-{name}-{language}-{width}.png"), full_page=True)
            # Nothing wider than the window (a long German word or an unwrapped table would make it scroll sideways).
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            heading = page.get_by_role("heading", level=1).bounding_box()
            main = page.locator("main").bounding_box()
            if language == "ar":  # right to left: the heading hugs the right edge of the page's column
                assert main["x"] + main["width"] - (heading["x"] + heading["width"]) < 40, (name, width)
            else:
                assert heading["x"] - main["x"] < 40, (name, width)
