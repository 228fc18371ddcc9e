"""The console's organizer pages in the reader's language, over real HTTP (a live uvicorn): German words and
German numbers and dates on the dashboard and the check-in lists, Arabic laid out right to left, a conflict
worded the same on its page and in the scan log export, the simulator's refusal in French, and the devices
page in Arabic through chromium."""

from __future__ import annotations

import csv
import io

import pytest
from babel.numbers import format_decimal
from playwright.sync_api import expect

from server.db.engine import unit_of_work
from server.users.models import Role
from server.zones.service import create_zone
from shared.phrases import Phrase
from tests.factories import make_attendee, past_scan_time
from tests.web.conftest import CONFERENCE_A, form_token
from tests.web.door_devices import PairedKiosk
from tests.web.test_checkin_list_pages import standard_id, words

BASE = f"/conferences/{CONFERENCE_A}"


@pytest.fixture
def big_room(console_server):
    """A hall for 1,234 people: a figure whose thousands separator differs between languages."""
    with unit_of_work(console_server.session_factory) as session:
        create_zone(session, console_server.conference(session), name="Main hall", capacity=1234)


def _speaking(client, language: str):
    client.headers["Accept-Language"] = language
    return client


def test_a_german_organizer_reads_the_dashboard_and_the_lists_in_german(signed_in_client, big_room):
    client = _speaking(signed_in_client(Role.ORGANIZER), "de-DE,de;q=0.9")
    dashboard = client.get(f"{BASE}/dashboard")
    assert dashboard.status_code == 200 and '<html lang="de" dir="ltr"' in dashboard.text
    text = words(dashboard.text)
    assert "Eingecheckt" in text and "Jetzt drinnen" in text and "Eintritte pro 5 Minuten" in text
    assert "Main hall: 0 von 1.234 drinnen" in text  # German thousands: a dot, not "1,234"
    assert "Entries per 5 minutes" not in text

    token = form_token(client.get(f"{BASE}/checkin-lists").text)
    saved = client.post(f"{BASE}/checkin-lists/days", data={"first_day": "2026-05-12", "last_day": "2026-05-14",
                                                           "csrf_token": token})
    assert saved.status_code == 303
    lists = words(client.get(saved.headers["location"]).text)
    assert "Die Konferenztage sind gespeichert." in lists
    assert "Tag 1 ist Di., 12. Mai, Tag 3 ist Do., 14. Mai." in lists  # German day and month names


def test_arabic_gets_the_dashboard_right_to_left_with_its_numbers(signed_in_client, big_room):
    client = _speaking(signed_in_client(Role.ORGANIZER), "ar-EG,ar;q=0.9")
    dashboard = client.get(f"{BASE}/dashboard")
    assert '<html lang="ar" dir="rtl"' in dashboard.text
    text = words(dashboard.text)
    assert "سجّلوا الدخول" in text and "الدخول كل 5 دقائق" in text
    assert f"{format_decimal(1234, locale='ar')} في الداخل" in text  # as Babel writes 1,234 in Arabic


def test_a_conflict_reads_the_same_on_its_page_and_in_the_scan_log(signed_in_client, console_server):
    with unit_of_work(console_server.session_factory) as session:
        conference = console_server.conference(session)
        conference.timezone = "Europe/Berlin"
        code = make_attendee(session, conference, first_name="Bob", last_name="Pending",
                             order_status="pending").access_code
    scanned_at = past_scan_time(5, 4, 10, 31)
    kiosk = PairedKiosk(console_server, name="Kiosk B", station="Door B")
    assert kiosk.upload("check_in", code, scanned_at) == "conflict"
    client = signed_in_client(Role.OWNER)

    page = words(client.get(f"{BASE}/conflicts").text)
    export = list(csv.DictReader(io.StringIO(client.get(f"{BASE}/exports/scan-log.csv").text.lstrip("\ufeff"))))
    [scan] = [row for row in export if row["Access code"] == code]
    server_said = page.split("Server said ", 1)[1].split(" What was done", 1)[0]
    assert server_said == scan["Reason"] == "unpaid"  # one word for it, page and file alike
    kiosk_said = scan["Kiosk's verdict"]
    assert f"Kiosk said {kiosk_said} " in page

    german = words(_speaking(client, "de").get(f"{BASE}/conflicts").text)
    assert f"Check-in an Door B, 04.05.{scanned_at.year}, 12:31:00 CEST (Code {code}): " in german
    assert (f"Check-in an Door B ließ Bob Pending ({code}) ein, deren Bestellung ausstehend ist: "
            "Bestellstatus ist „Ausstehend“ — Check-in nicht erlaubt.") in german
    assert "Server sagte unbezahlt" in german

    [for_the_kiosk] = kiosk.conflicts()  # the operator panel's copy words it the same, in the station's language
    assert Phrase.from_json(for_the_kiosk["words"]).text("de") in german


def test_the_simulator_explains_a_refusal_in_french(signed_in_client, console_server):
    client = _speaking(signed_in_client(Role.ORGANIZER), "fr-FR,fr;q=0.9")
    rule = '{"version": 1, "rule": {"isBefore": [{"var": "now"}, {"buildTime": ["customtime", "17:00"]}]}}'
    token = form_token(client.get(f"{BASE}/checkin-lists").text)
    saved = client.post(f"{BASE}/checkin-lists", data={
        "name": "Journée", "stations": "Porte A", "combine": "and", "multiple": "yes", "re_entry": "yes",
        "rules_json": rule, "csrf_token": token})
    assert saved.status_code == 303, words(saved.text)[:300]
    page = words(client.get(saved.headers["location"]).text)
    assert "Seulement avant 17:00 UTC" in page  # the list's rule, in the kiosk's words, in French
    list_id = client.get(saved.headers["location"]).text.split('id="checkin-list-', 1)[1].split('"', 1)[0]

    simulated = words(client.get(f"{BASE}/checkin-lists-simulator", params={
        "checkin_list": list_id, "ticket_type": str(standard_id(console_server)), "station": "Porte A",
        "moment": "2026-05-12T18:30"}).text)
    assert "Refusé à Porte A (Journée): Seulement avant 17:00 UTC" in simulated

    no_such_list = client.get(f"{BASE}/checkin-lists-simulator", params={"checkin_list": "999999"})
    assert no_such_list.status_code == 422  # the refusal says why, in French too
    assert "Choisissez une des listes d'enregistrement de cette conférence." in words(no_such_list.text)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 768])
def test_the_devices_page_in_arabic_reads_from_the_right(new_page, make_console_user, screenshots, width):
    credentials = make_console_user(Role.DOOR_LEAD, CONFERENCE_A)
    page = new_page(locale="ar-EG", viewport={"width": width, "height": 900})
    page.goto("/sign-in")
    page.get_by_label("البريد الإلكتروني").fill(credentials.email)
    page.get_by_label("كلمة المرور").fill(credentials.password)
    page.get_by_role("button", name="تسجيل الدخول").click()
    page.goto(f"{BASE}/devices")
    expect(page.get_by_role("heading", name="الأجهزة", exact=True)).to_be_visible()
    page.get_by_label("الاسم").fill("Kiosk 3")
    page.get_by_role("button", name="أضف الجهاز").click()
    expect(page.get_by_role("heading", name="إقران Kiosk 3")).to_be_visible()
    page.get_by_role("link", name="العودة إلى الأجهزة").click()
    row = page.locator('tr[data-device="Kiosk 3"]')
    expect(row).to_contain_text("بانتظار الإقران")
    assert page.locator("html").get_attribute("dir") == "rtl"
    if width == 1280:  # the table's first column is on the right
        headers = page.locator('[data-testid="fleet"] thead th')
        assert headers.first.bounding_box()["x"] > headers.nth(2).bounding_box()["x"]
    page.screenshot(path=str(screenshots / f"console-devices-ar-{width}.png"), full_page=True)


ORGANIZER_PAGES = ("/dashboard", "/dashboard/live", "/devices", "/devices/live", "/checkin-lists", "/zones",
                   "/conflicts?show=resolved", "/exports", "/settings", "/orders/stripe-events?show=all", "/lookups")


@pytest.mark.parametrize("language", ["de", "fr", "es", "nl", "pt-BR", "ar"])
def test_every_organizer_page_renders_in_each_language(signed_in_client, big_room, language):
    client = _speaking(signed_in_client(Role.OWNER), language)
    for path in ORGANIZER_PAGES:
        page = client.get(BASE + path)
        assert page.status_code == 200, (path, words(page.text)[:300])
    assert f'lang="{language}"' in client.get("/conferences/new").text
    missing = client.get("/conferences/no-such-conference/dashboard")
    assert missing.status_code == 404 and "There is no such page" not in missing.text  # worded in the language
