"""The console in the reader's language: the browser's wish, else the language chosen on the account.

Through chromium with its locale set (so its Accept-Language says so), as a volunteer's laptop would.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from server.users.models import Role, User
from tests.web.conftest import CONFERENCE_A, form_token, sign_in

pytestmark = pytest.mark.browser


def _language_of(console_server, email: str) -> str | None:
    with console_server.session_factory() as session:
        return session.scalar(select(User.language).where(User.email == email))


def test_a_browser_asking_for_german_signs_in_in_german(new_page, make_console_user):
    credentials = make_console_user(Role.VIEWER, CONFERENCE_A)
    page = new_page(locale="de-DE")
    page.goto("/sign-in")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.get_by_label("E-Mail").fill(credentials.email)
    page.get_by_label("Passwort").fill(credentials.password)
    page.get_by_role("button", name="Anmelden").click()
    assert page.get_by_role("heading", name="Ihre Konferenzen").is_visible()
    assert page.get_by_text("Ihre Rolle: Lesezugriff").is_visible()
    page.get_by_role("link", name="PyCon Test").click()
    nav = page.get_by_role("navigation", name="PyCon Test")
    assert nav.get_by_role("link", name="Übersicht").get_attribute("aria-current") == "page"


def test_arabic_lays_the_console_out_right_to_left(new_page, make_console_user, screenshots):
    credentials = make_console_user(Role.OWNER, CONFERENCE_A)
    page = new_page(locale="ar-EG")
    page.goto("/sign-in")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", name="تسجيل الدخول").is_visible()
    page.get_by_label("البريد الإلكتروني").fill(credentials.email)
    page.get_by_label("كلمة المرور").fill(credentials.password)
    page.get_by_role("button", name="تسجيل الدخول").click()
    page.get_by_role("link", name="PyCon Test").click()
    nav = page.get_by_role("navigation", name="PyCon Test")
    first, second = (link.bounding_box() for link in nav.get_by_role("link").all()[:2])
    assert first["x"] > second["x"]  # the menu reads from the right
    page.screenshot(path=str(screenshots / "console-ar-1280.png"), full_page=True)


def test_the_language_chosen_on_the_account_wins_over_the_browsers(new_page, make_console_user, console_server):
    credentials = make_console_user(Role.ORGANIZER, CONFERENCE_A)
    page = new_page(locale="en-US")
    sign_in(page, credentials)
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    assert page.get_by_role("heading", name="Vos conférences").is_visible()
    assert _language_of(console_server, credentials.email) == "fr"
    page.get_by_role("link", name="PyCon Test").click()  # every page after it, not only the one it was set on
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
    assert page.locator("html").get_attribute("lang") == "fr"

    page.get_by_label("Langue").select_option("")  # as the browser asks again
    page.get_by_role("button", name="Changer de langue").click()
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert page.url.endswith(f"/conferences/{CONFERENCE_A}/dashboard")
    assert _language_of(console_server, credentials.email) is None


def test_a_language_doorstation_does_not_speak_is_refused_and_nothing_changes(signed_in_client, console_server):
    client = signed_in_client(Role.VIEWER)
    token = form_token(client.get("/").text)
    for odd in ("xx", "de\x00", "DE", "²", "e" * 30):
        answer = client.post("/account/language", data={"language": odd, "back": "/", "csrf_token": token})
        assert answer.status_code == 422, odd
        assert "Choose the language from the list." in answer.text
    with console_server.session_factory() as session:
        assert session.scalars(select(User.language)).all() == [None]
    answer = client.post("/account/language", data={"language": "nl", "back": "https://evil.example/", "csrf_token": token})
    assert answer.status_code == 303 and answer.headers["location"] == "/"  # back only to our own pages
    assert "Je conferenties" in client.get("/").text
