"""The check-in list pages over real HTTP (a live uvicorn, SQLite and PostgreSQL): the conference's days, a
list built from the form's conditions, the rule shown in the kiosk's words, refusals that say what is wrong
and write nothing, the simulator, and no list of one conference seen from another."""

from __future__ import annotations

import html
import re

from sqlalchemy import func, select

from server.attendees.models import Attendee
from server.checkin_lists.models import CheckinList
from server.conferences.models import TicketType
from server.users.models import Role
from tests.web.conftest import CONFERENCE_A, CONFERENCE_B, form_token

A = f"/conferences/{CONFERENCE_A}/checkin-lists"


def standard_id(console_server, slug: str = CONFERENCE_A) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(TicketType.id).where(
            TicketType.conference_id == console_server.conference(session, slug).id, TicketType.slug == "standard"))


def words(page: str) -> str:
    """A page's text as a reader sees it: no tags, one space between words."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace(" :", ":")


def lists_stored(console_server) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(func.count(CheckinList.id)))


def post(client, path: str, data: dict) -> object:
    token = form_token(client.get(A).text)
    return client.post(path, data={**data, "csrf_token": token})


def main_days(standard: int, **changes) -> dict:
    return {"name": "Main days", "ticket_types": [str(standard)], "days": ["2", "3"], "opens": "08:00",
            "multiple": "yes", "re_entry": "yes", "stations": "Main door, Side door", "combine": "and",
            "var_1": "entries_today", "op_1": "<", "value_1": "1", **changes}


def test_an_organizer_builds_a_list_from_the_form_and_reads_its_rule_in_the_kiosks_words(console_server,
                                                                                          signed_in_client):
    organizer = signed_in_client(Role.ORGANIZER)
    standard = standard_id(console_server)
    answer = post(organizer, f"{A}/days", {"first_day": "2026-05-11", "last_day": "2026-05-14"})
    assert answer.status_code == 303
    answer = post(organizer, A, main_days(standard))
    assert answer.status_code == 303, answer.text[:2000]
    page = html.unescape(organizer.get(A).text)
    assert "Day 1 is Mon 11 May, day 4 is Thu 14 May." in page
    row = page.split('id="checkin-list-', 1)[1].split("</tr>", 1)[0]
    assert "Main door, Side door" in row
    # Each condition as a volunteer's red screen would say it.
    assert ("Standard only; Not valid today: Tue 12 May or Wed 13 May only; Only after 08:00 UTC; "
            "Already entered today") in row

    # The simulator decides with the same shared rules: a day ticket holder on the tutorials day…
    query = {"checkin_list": "", "ticket_type": str(standard), "station": "Main door", "moment": "2026-05-11T09:00"}
    with console_server.session_factory() as session:
        query["checkin_list"] = str(session.scalar(select(CheckinList.id)))
    refused = words(organizer.get(f"{A}-simulator", params=query).text)
    assert "Refused at Main door (Main days): Not valid today: Tue 12 May or Wed 13 May only" in refused
    admitted = words(organizer.get(f"{A}-simulator", params={**query, "moment": "2026-05-12T09:00"}).text)
    assert "Admitted at Main door (Main days): Welcome" in admitted
    too_early = words(organizer.get(f"{A}-simulator", params={**query, "moment": "2026-05-12T07:30"}).text)
    assert "Refused at Main door (Main days): Only after 08:00 UTC" in too_early
    # An attendee, by code: their ticket and passages, as the ingestion loads them; another conference's is unknown.
    with console_server.session_factory() as session:
        codes = {name: code for name, code in session.execute(select(Attendee.first_name, Attendee.access_code))}
    by_code = {**query, "ticket_type": "", "moment": "2026-05-12T09:00"}
    assert "Admitted at Main door (Main days): Welcome" in words(
        organizer.get(f"{A}-simulator", params={**by_code, "access_code": codes["Ada"]}).text)
    stranger = organizer.get(f"{A}-simulator", params={**by_code, "access_code": codes["Alan"]})
    assert stranger.status_code == 422
    assert f"No attendee of this conference has the code {codes['Alan']}." in words(stranger.text)


def test_a_list_that_cannot_mean_anything_is_refused_in_words_and_nothing_is_written(console_server,
                                                                                     signed_in_client):
    organizer = signed_in_client(Role.ORGANIZER)
    standard = standard_id(console_server)
    post(organizer, f"{A}/days", {"first_day": "2026-05-11", "last_day": "2026-05-14"})
    refusals = {
        "unknown variable 'colour'": {"rules_json": '{"version": 1, "rule": {"==": [{"var": "colour"}, 1]}}'},
        "'product' is a whole number, not \"Standard\"": {
            "rules_json": '{"version": 1, "rule": {"==": [{"var": "product"}, "Standard"]}}'},
        "The rule (JSON) is not JSON": {"rules_json": '{"version": 1, "rule": '},
        "The value of condition 1 'once' is not a whole number.": {"value_1": "once"},
        "The opening time '25:00' is not a time of day": {"opens": "25:00"},
        "Day 5 is not a day of this conference (it has 4).": {"days": ["5"]},
        "Give the name.": {"name": " "},
    }
    for words, change in refusals.items():
        answer = post(organizer, A, main_days(standard, **change))
        assert answer.status_code == 422, words
        assert words in html.unescape(answer.text), (words, html.unescape(answer.text)[-3000:])
    assert lists_stored(console_server) == 0
    assert post(organizer, A, main_days(standard)).status_code == 303
    # A station decides by one list: a second list for the same door is refused.
    answer = post(organizer, A, main_days(standard, name="Staff", stations="Side door"))
    assert answer.status_code == 422
    assert "Station 'Side door' already uses the list 'Main days'" in html.unescape(answer.text)
    assert lists_stored(console_server) == 1


def test_a_list_is_seen_and_changed_only_within_its_conference(console_server, signed_in_client):
    organizer = signed_in_client(Role.ORGANIZER)
    assert post(organizer, A, main_days(standard_id(console_server), days=[])).status_code == 303
    with console_server.session_factory() as session:
        list_id = session.scalar(select(CheckinList.id))
    other = signed_in_client(Role.ORGANIZER, CONFERENCE_B)
    for path in (f"/conferences/{CONFERENCE_B}/checkin-lists/{list_id}", f"{A}/{list_id}", A):
        assert other.get(path).status_code == 404, path
    assert "Main days" not in other.get(f"/conferences/{CONFERENCE_B}/checkin-lists").text
    viewer = signed_in_client(Role.VIEWER)
    assert "Already entered today" in html.unescape(viewer.get(A).text)  # reads, and does not edit
    assert viewer.get(f"{A}/{list_id}").status_code == 404


def test_two_lists_of_one_name_are_refused_in_words(console_server, signed_in_client):
    organizer = signed_in_client(Role.ORGANIZER)
    standard = standard_id(console_server)
    assert post(organizer, A, main_days(standard, days=[])).status_code == 303
    answer = post(organizer, A, main_days(standard, days=[], stations="Back door"))
    assert answer.status_code == 422
    assert "There is a list named 'Main days' already" in html.unescape(answer.text)
