"""Signing in and out of the console in chromium, as a person does: the form, the button, the pages."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from server.users.models import ConsoleSession, Role
from server.users.service import LOCKOUT, MAX_FAILURES_PER_EMAIL
from tests.web.conftest import CONFERENCE_A, CONFERENCE_B, Credentials, sign_in

pytestmark = pytest.mark.browser


def _sessions(console_server) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(func.count(ConsoleSession.id)))


def _alert(page) -> str:
    return page.get_by_role("alert").inner_text()


def test_signing_in_lands_on_the_list_of_ones_conferences(page, make_console_user):
    credentials = make_console_user(Role.ORGANIZER, CONFERENCE_A)
    sign_in(page, credentials)
    assert page.get_by_role("heading", name="Your conferences").is_visible()
    link = page.get_by_role("link", name="PyCon Test")
    assert link.get_attribute("href") == f"/conferences/{CONFERENCE_A}/dashboard"
    assert page.get_by_text(credentials.name).is_visible()
    link.click()
    assert page.url.endswith(f"/conferences/{CONFERENCE_A}/dashboard")
    nav = page.get_by_role("navigation", name="PyCon Test")
    assert nav.get_by_role("link", name="Dashboard").get_attribute("aria-current") == "page"
    assert [link.get_attribute("href") for link in nav.get_by_role("link").all()] == [
        f"/conferences/{CONFERENCE_A}/{page_name}"
        for page_name in ("dashboard", "zones", "devices", "attendees", "conflicts", "exports", "orders", "walk-ins",
                          "products", "checkin-lists", "vouchers", "sponsors", "import", "settings")]


def test_a_page_asked_for_while_signed_out_comes_back_after_signing_in(page, make_console_user):
    credentials = make_console_user(Role.VIEWER, CONFERENCE_A)
    page.goto(f"/conferences/{CONFERENCE_A}/dashboard")
    assert page.get_by_role("heading", name="Sign in").is_visible()
    page.get_by_label("Email").fill(credentials.email)
    page.get_by_label("Password").fill(credentials.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/conferences/{CONFERENCE_A}/dashboard")
    assert page.get_by_role("heading", name="Dashboard").is_visible()


def test_sign_in_never_sends_the_browser_to_another_site(page, make_console_user):
    credentials = make_console_user(Role.VIEWER, CONFERENCE_A)
    sign_in(page, credentials, path="/sign-in?next=//evil.example/steal")
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", page.url)


def test_a_wrong_password_is_refused_in_words_and_signs_no_one_in(page, make_console_user, console_server):
    credentials = make_console_user(Role.OWNER, CONFERENCE_A)
    sign_in(page, Credentials(credentials.email, "not the password", credentials.name))
    assert _alert(page) == "Wrong email or password."
    assert page.get_by_label("Email").input_value() == credentials.email  # kept, so only the password is retyped
    assert page.get_by_label("Password").input_value() == ""
    assert not [c for c in page.context.cookies() if c["name"] == "doorstation_session"]
    assert _sessions(console_server) == 0
    page.goto("/")
    assert page.get_by_role("heading", name="Sign in").is_visible()
    # An email nobody has gets the very same words: the form does not tell who has an account.
    sign_in(page, Credentials("nobody@example.org", "whatever it is", ""))
    assert _alert(page) == "Wrong email or password."


def test_five_wrong_passwords_lock_the_email_even_against_the_right_one(page, make_console_user, console_server):
    credentials = make_console_user(Role.OWNER, CONFERENCE_A)
    other = make_console_user(Role.OWNER, CONFERENCE_A)
    wrong = Credentials(credentials.email, "guess number one", credentials.name)
    for _ in range(1, MAX_FAILURES_PER_EMAIL):
        sign_in(page, wrong)
        assert _alert(page).startswith("Wrong email or password.")
    assert _alert(page) == "Wrong email or password. 1 more wrong password and this email is locked for 15 minutes."
    sign_in(page, wrong)
    assert "now locked for 15 minutes" in _alert(page)

    sign_in(page, credentials)  # the right password, too late
    assert re.fullmatch(r"Too many wrong passwords for this email: it is locked for 1[45] more minutes\. "
                        r"Try again later, or ask an owner\.", _alert(page))
    assert _sessions(console_server) == 0
    assert LOCKOUT.total_seconds() == 15 * 60

    sign_in(page, other)  # the lock is on that email only
    assert page.get_by_role("heading", name="Your conferences").is_visible()


def test_a_form_with_a_wrong_csrf_token_is_refused_and_changes_nothing(signed_in_page, console_server):
    page = signed_in_page(Role.ORGANIZER)
    # What a forged form looks like to the server: the right cookie (the browser sends it), the wrong token.
    page.locator("form[action='/sign-out'] input[name=csrf_token]").evaluate("input => input.value = 'forged'")
    response_status = []
    page.on("response", lambda response: response_status.append(response.status))
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert 403 in response_status
    assert page.get_by_role("heading", name="Form refused").is_visible()
    assert "Nothing was changed" in _alert(page)
    assert _sessions(console_server) == 1
    page.goto("/")
    assert page.get_by_role("heading", name="Your conferences").is_visible()  # still signed in


def test_signing_out_ends_the_session(signed_in_page, console_server):
    page = signed_in_page(Role.DOOR_LEAD)
    cookie = next(c for c in page.context.cookies() if c["name"] == "doorstation_session")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in?signed_out=1")
    assert page.get_by_role("status").inner_text() == "You are signed out."
    assert _sessions(console_server) == 0
    # The old cookie, put back, opens nothing: the session is gone on the server, not only in the browser.
    page.context.add_cookies([cookie])
    page.goto(f"/conferences/{CONFERENCE_A}/dashboard")
    assert page.get_by_role("heading", name="Sign in").is_visible()


def test_an_organizer_of_one_conference_sees_nothing_of_another(signed_in_page, console_server):
    page = signed_in_page(Role.ORGANIZER, CONFERENCE_A)
    assert page.get_by_role("link", name="PyCon Test").is_visible()
    assert "DjangoCon" not in page.content()

    response = page.goto(f"/conferences/{CONFERENCE_B}/dashboard")
    assert response.status == 404
    assert page.get_by_role("heading", name="Not found").is_visible()
    assert "DjangoCon" not in page.content()
    # The same answer as for a conference that does not exist: B's existence is not revealed.
    missing = page.goto("/conferences/no-such-conference/dashboard")
    assert missing.status == 404
    assert _alert(page) == "There is no such page, or you have no access to it."


def test_someone_with_no_role_anywhere_is_told_so(signed_in_page):
    page = signed_in_page(None, None)
    assert "no role in any conference yet" in page.get_by_role("main").inner_text()
    assert page.goto(f"/conferences/{CONFERENCE_A}/dashboard").status == 404


def test_signing_in_and_out_works_with_javascript_off(new_page, make_console_user):
    credentials = make_console_user(Role.VIEWER, CONFERENCE_A)
    page = new_page(java_script_enabled=False)
    sign_in(page, credentials)
    assert page.get_by_role("link", name="PyCon Test").is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in?signed_out=1")
    page.goto("/")
    assert page.get_by_role("heading", name="Sign in").is_visible()


def test_signing_in_by_keyboard_alone_with_focus_in_view(page, make_console_user):
    credentials = make_console_user(Role.VIEWER, CONFERENCE_A)
    page.goto("/sign-in")
    assert page.evaluate("document.activeElement.id") == "email"  # the form is ready to type into
    page.keyboard.type(credentials.email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type(credentials.password)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Sign in"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/$"))
    assert page.get_by_role("heading", name="Your conferences").is_visible()
