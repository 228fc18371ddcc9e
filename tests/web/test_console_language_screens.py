"""The dashboard, the check-in lists and the devices page in German (the longest words) and Arabic (right to
left), at a laptop's 1280 px and a tablet's 768 px, in chromium: nothing runs off the side of the page, and
each is saved as a screenshot to be looked at (DOORSTATION_SCREENSHOTS=docs/screenshots renews them)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from server.db.engine import unit_of_work
from server.users.models import Role
from server.zones.service import create_zone
from tests.web.conftest import CONFERENCE_A

pytestmark = pytest.mark.browser
BASE = f"/conferences/{CONFERENCE_A}"
SIGN_IN = {"de": ("E-Mail", "Passwort", "Anmelden"), "ar": ("البريد الإلكتروني", "كلمة المرور", "تسجيل الدخول")}
LOCALES = {"de": "de-DE", "ar": "ar-EG"}


@pytest.fixture
def venue(console_server):
    with unit_of_work(console_server.session_factory) as session:
        conference = console_server.conference(session)
        conference.timezone = "Europe/Berlin"
        hall = create_zone(session, conference, name="Main hall", capacity=1234)
        create_zone(session, conference, name="Tutorial room 1", capacity=40, parent_id=hall.id)


def _signed_in(new_page, make_console_user, language: str, width: int):
    credentials = make_console_user(Role.OWNER, CONFERENCE_A)
    page = new_page(locale=LOCALES[language], viewport={"width": width, "height": 900})
    email, password, button = SIGN_IN[language]
    page.goto("/sign-in")
    page.get_by_label(email).fill(credentials.email)
    page.get_by_label(password).fill(credentials.password)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    return page


def _fits(page) -> None:
    """Nothing wider than the window: a long German word or a right-to-left box that runs off the side
    would make the page scroll sideways."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the window"


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("width", [1280, 768])
def test_organizer_pages_fit_in_german_and_arabic(new_page, make_console_user, venue, screenshots, language, width):
    page = _signed_in(new_page, make_console_user, language, width)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    page.goto(f"{BASE}/devices")
    page.locator("#device-name").fill("Kiosk 3")
    page.locator("#device-station").fill("Haupteingang" if language == "de" else "الباب الرئيسي")
    page.locator("form.form--inline button[type=submit]").click()
    page.goto(f"{BASE}/devices")
    expect(page.locator('tr[data-device="Kiosk 3"]')).to_be_visible()
    _fits(page)
    page.screenshot(path=str(screenshots / f"console-devices-{language}-{width}.png"), full_page=True)

    page.goto(f"{BASE}/checkin-lists")
    page.locator("#first_day").fill("2026-05-12")
    page.locator("#last_day").fill("2026-05-14")
    page.locator('form[action$="/days"] button[type=submit]').click()
    page.locator("#name").fill("Hauptkonferenztage" if language == "de" else "أيام المؤتمر")
    page.locator("#stations").fill("Haupteingang")
    page.locator("#var_1").select_option("time_before")
    page.locator("#value_1").fill("17:00")
    page.locator("#var_2").select_option("entries_today")
    page.locator("#op_2").select_option("<")
    page.locator("#value_2").fill("2")
    page.locator("#name").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    expect(page.locator("#checkin-lists")).to_be_visible()
    page.locator("#sim_moment").fill("2026-05-12T18:30")
    page.locator("#sim_station").fill("Haupteingang")
    page.locator("#sim_ticket").select_option(index=1)
    page.locator("#simulator-title").locator("xpath=..").locator("button[type=submit]").click()
    expect(page.locator("#simulation-result")).to_be_visible()
    _fits(page)
    page.screenshot(path=str(screenshots / f"console-checkin-lists-{language}-{width}.png"), full_page=True)

    page.goto(f"{BASE}/dashboard")
    expect(page.locator('[data-zone="Main hall"]')).to_be_visible()
    _fits(page)
    page.screenshot(path=str(screenshots / f"console-dashboard-{language}-{width}.png"), full_page=True)
