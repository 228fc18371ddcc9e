"""Signing in and out of the console in chromium, as a person does: the form, the button, the pages."""

from __future__ import annotations

import pytest

from server.users.models import Role
from tests.web.conftest import CONFERENCE_A, sign_in

pytestmark = pytest.mark.browser


def test_signing_in_lands_on_the_list_of_ones_conferences(page, make_console_user):
    credentials = make_console_user(Role.ORGANIZER, CONFERENCE_A)
    sign_in(page, credentials)
    assert page.get_by_role("heading", name="Your conferences").is_visible()
    link = page.get_by_role("link", name="PyCon Test")
    assert link.get_attribute("href") == f"/conferences/{CONFERENCE_A}/dashboard"
    assert page.get_by_text(credentials.name).is_visible()
    link.click()
    assert page.url.endswith(f"/conferences/{CONFERENCE_A}/dashboard")
    assert page.get_by_role("navigation").get_by_role("link", name="Dashboard").get_attribute("aria-current") == "page"
