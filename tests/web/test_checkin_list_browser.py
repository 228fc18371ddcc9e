"""In a browser: an organizer sets the days, builds a list by picking conditions from the form's lists (no
JSON), reads the rule in the kiosk's words, and asks the simulator."""

from __future__ import annotations

from server.users.models import Role
from tests.web.conftest import CONFERENCE_A


def test_a_list_built_by_picking_conditions_and_simulated(signed_in_page, screenshots):
    page = signed_in_page(Role.ORGANIZER)
    page.goto(f"/conferences/{CONFERENCE_A}/checkin-lists")
    page.get_by_label("First day").fill("2026-05-11")
    page.get_by_label("Last day").fill("2026-05-14")
    page.get_by_role("button", name="Save the days").click()
    assert "The conference's days are saved." in page.get_by_role("status").inner_text()
    page.get_by_label("Name", exact=True).fill("Main days")
    page.get_by_label("Standard").check()
    page.get_by_label("day 2 (Tue 12 May)").check()
    page.get_by_label("day 3 (Wed 13 May)").check()
    page.get_by_label("Stations that use it").fill("Main door")
    page.get_by_label("Condition 1").select_option("entries_today")
    page.get_by_label("Comparison 1").select_option("<")
    page.get_by_label("Value 1").fill("1")
    page.get_by_role("button", name="Add the list").click()
    row = page.locator("#checkin-lists tbody tr", has_text="Main days").inner_text()
    assert "Standard only; Not valid today: Tue 12 May or Wed 13 May only; Already entered today" in row

    page.get_by_label("or a ticket type").select_option(label="Standard")
    page.get_by_label("Station", exact=True).fill("Main door")
    page.get_by_label("Moment").fill("2026-05-14T09:00")
    page.get_by_role("button", name="Decide").click()
    said = page.locator("#simulation-result").inner_text()
    assert "Refused" in said and "Not valid today: Tue 12 May or Wed 13 May only" in said
    page.screenshot(path=str(screenshots / "console-checkin-lists.png"), full_page=True)
