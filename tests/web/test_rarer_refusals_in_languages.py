"""The rarer refusals a console page shows read in its reader's language too: a sponsor's and a sponsor level's, a
bulk purchase's (its state's label inside the sentence), the voucher generator's, the simulator's unknown code,
an order's status word inside a sentence and a Stripe event retried for nothing. Over HTTP as an organizer meets
them, with nothing written; the admin API answers the same refusal in English, as it always has."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from server.attendees.models import Attendee
from server.checkin.models import CheckIn
from server.checkin_lists.models import CheckinList
from server.conferences.models import TicketType
from server.db.base import utcnow
from server.db.engine import unit_of_work
from server.orders.models import Order
from server.payments.models import StripeEvent
from server.sponsors.models import BulkPurchase, BulkPurchaseStatus, Sponsor, SponsorLevel
from server.users.models import Role
from server.users.service import MAX_FAILURES_PER_EMAIL
from server.vouchers.models import Voucher
from tests.factories import make_attendee
from tests.live_server import live_server
from tests.web.conftest import CONFERENCE_A, ConsoleServer, form_token, http_sign_in, seed_conferences

SPONSORS = f"/conferences/{CONFERENCE_A}/sponsors"
ADMIN_TOKEN = "test-admin-token"


@pytest.fixture
def console_server(monkeypatch, database_url, session_factory):
    """The console's server, with an admin token for the API (read when the server starts)."""
    monkeypatch.setenv("DOORSTATION_ADMIN_TOKEN", ADMIN_TOKEN)
    with unit_of_work(session_factory) as session:
        seed_conferences(session)
    with live_server(database_url) as base_url:
        yield ConsoleServer(base_url=base_url, session_factory=session_factory)


def _text(page: str) -> str:
    """A page's text as a reader sees it: no tags, one space between words."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _alert(page: str) -> str:
    found = re.search(r'<p class="alert" role="alert"[^>]*>(.*?)</p>', page, re.S)
    assert found, "no refusal on the page"
    return html.unescape(found.group(1))


def _post(client: httpx.Client, path: str, page: str, **fields: str | list[str]) -> httpx.Response:
    return client.post(path, data={"csrf_token": form_token(client.get(page).text), **fields})


def _count(console_server, model) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(func.count(model.id)))


def _german_organizer(signed_in_client) -> httpx.Client:
    organizer = signed_in_client(Role.ORGANIZER)
    organizer.headers["Accept-Language"] = "de"
    return organizer


def test_a_german_organizer_reads_a_taken_sponsor_slug_and_level_name_in_german(console_server, signed_in_client):
    organizer = _german_organizer(signed_in_client)
    assert _post(organizer, f"{SPONSORS}/new", SPONSORS, name="Acme", sponsor_slug="acme").status_code == 303
    assert _post(organizer, f"{SPONSORS}/levels/new", SPONSORS, name="Gold", cost="100").status_code == 303
    saved = organizer.get(f"{SPONSORS}?done=sponsor").text
    assert '<p class="notice" role="status">Sponsor gespeichert.</p>' in saved

    taken = _post(organizer, f"{SPONSORS}/new", SPONSORS, name="Acme Again", sponsor_slug="acme")
    assert taken.status_code == 409
    assert _alert(taken.text) == "Sponsor „acme“ gibt es in pycon bereits."
    level = _post(organizer, f"{SPONSORS}/levels/new", SPONSORS, name="Gold", cost="50")
    assert (level.status_code, _alert(level.text)) == (409, "Sponsorstufe „Gold“ gibt es in pycon bereits.")
    nameless = _post(organizer, f"{SPONSORS}/new", SPONSORS, name="???")
    assert _alert(nameless.text) == "Aus dem Namen „???“ lässt sich kein Kurzname bilden; geben Sie einen an."
    assert "already exists" not in taken.text + level.text and "No slug" not in nameless.text
    assert (_count(console_server, Sponsor), _count(console_server, SponsorLevel)) == (1, 1)  # nothing more written


def test_the_admin_api_still_refuses_a_taken_slug_in_english(console_server):
    api = httpx.Client(base_url=console_server.url(f"/api/v1/admin/conferences/{CONFERENCE_A}"), timeout=10,
                       headers={"Authorization": f"Bearer {ADMIN_TOKEN}", "Accept-Language": "de"})
    with api:
        assert api.post("/sponsors", json={"name": "Acme", "slug": "acme"}).status_code == 201
        answer = api.post("/sponsors", json={"name": "Acme Again", "slug": "acme"})
    assert answer.status_code == 409
    assert answer.json() == {"detail": {"code": "duplicate_slug", "message": "Sponsor 'acme' already exists in pycon."}}


def _standard_id(console_server) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(TicketType.id).where(
            TicketType.conference_id == console_server.conference(session).id, TicketType.slug == "standard"))


def test_a_bulk_purchase_of_a_ticket_not_sold_in_bulk_is_refused_in_german(console_server, signed_in_client):
    organizer = _german_organizer(signed_in_client)
    refused = _post(organizer, f"{SPONSORS}/purchases/new", SPONSORS, quantity="10", unit_price="0",
                    product=f"ticket:{_standard_id(console_server)}", voucher_type="comp", discount="100", max_uses="1")
    assert refused.status_code == 422
    assert _alert(refused.text) == "Für diesen Tickettyp ist der Sammelkauf nicht aktiviert."
    assert _count(console_server, BulkPurchase) == 0


def test_a_purchase_in_the_wrong_state_is_refused_with_its_state_worded_in_arabic(console_server, signed_in_client):
    organizer = signed_in_client(Role.ORGANIZER)
    made = _post(organizer, f"{SPONSORS}/purchases/new", SPONSORS, quantity="5", unit_price="0", voucher_type="comp",
                 discount="100", max_uses="1")
    assert made.status_code == 303, made.text[:2000]
    purchase = made.headers["location"].split("?")[0]
    assert _post(organizer, f"{purchase}/fail", purchase).status_code == 303

    organizer.headers["Accept-Language"] = "ar"
    refused = _post(organizer, f"{purchase}/approve", purchase)
    assert refused.status_code == 409
    assert _alert(refused.text) == "لا يمكن الموافقة على شراء حالته «فشل»."
    assert 'dir="rtl"' in refused.text and "Cannot approve" not in refused.text
    with console_server.session_factory() as session:
        assert session.scalar(select(BulkPurchase.payment_status)) is BulkPurchaseStatus.FAILED  # unchanged

    organizer.headers["Accept-Language"] = "de"  # and the notice of the done thing, in German
    assert "Als fehlgeschlagen markiert." in organizer.get(f"{purchase}?done=failed").text


def test_the_voucher_generator_refuses_too_many_codes_in_german(console_server, signed_in_client):
    organizer = _german_organizer(signed_in_client)
    vouchers = f"/conferences/{CONFERENCE_A}/vouchers"
    refused = _post(organizer, vouchers, vouchers, prefix="SPK-", count="600", voucher_type="comp", max_uses="1")
    assert refused.status_code == 422
    assert _alert(refused.text) == "Die Anzahl muss zwischen 1 und 500 liegen, angegeben: 600"
    unsaid = _post(organizer, vouchers, vouchers, prefix="SPK-", count="5", voucher_type="percentage", max_uses="1")
    assert _alert(unsaid.text) == ("Geben Sie an, wie viel der Gutschein abzieht (einen Prozentsatz oder einen "
                                   "Betrag).")
    assert _count(console_server, Voucher) == 0


def test_the_simulator_says_in_german_that_no_attendee_has_the_code(console_server, signed_in_client):
    organizer = _german_organizer(signed_in_client)
    lists = f"/conferences/{CONFERENCE_A}/checkin-lists"
    made = _post(organizer, lists, lists, name="Main", ticket_types=[str(_standard_id(console_server))],
                 stations="Main door", combine="and")
    assert made.status_code == 303, _text(made.text)[:2000]
    with console_server.session_factory() as session:
        list_id = session.scalar(select(CheckinList.id))
    page = organizer.get(f"{lists}-simulator", params={"checkin_list": str(list_id), "access_code": "ZZZZ9999",
                                                      "station": "Main door", "moment": "2026-05-12T09:00"})
    assert page.status_code == 422
    assert "Kein Teilnehmer dieser Konferenz hat den Code ZZZZ9999." in _text(page.text)


def test_an_orders_status_word_inside_a_refusal_reads_in_german(console_server, signed_in_client):
    with console_server.session_factory() as session:
        reference = session.scalar(select(Order.reference).order_by(Order.id).limit(1))
    organizer = _german_organizer(signed_in_client)
    order = f"/conferences/{CONFERENCE_A}/orders/{reference}"
    unticked = _post(organizer, f"{order}/cancel", order)
    assert _alert(unticked.text) == "Setzen Sie zur Bestätigung der Stornierung das Häkchen: Es wurde nichts geändert."
    assert _post(organizer, f"{order}/cancel", order, confirm="yes").status_code == 303
    again = _post(organizer, f"{order}/cancel", order, confirm="yes")
    assert again.status_code == 409
    assert _alert(again.text) == f"Bestellung {reference} ist „storniert“ und kann nicht storniert werden."


def test_a_stripe_event_retried_for_nothing_says_so_in_german(console_server, signed_in_client):
    with unit_of_work(console_server.session_factory) as session:
        session.add(StripeEvent(id="evt_done", conference_id=console_server.conference(session).id,
                                type="checkout.session.completed", payload={}, processed_at=utcnow(), attempts=1))
    organizer = _german_organizer(signed_in_client)
    events = f"/conferences/{CONFERENCE_A}/orders/stripe-events"
    refused = _post(organizer, f"{events}/evt_done/retry", events)
    assert refused.status_code == 409
    assert _alert(refused.text) == ("Nicht angewendet: Ereignis evt_done wurde bereits angewendet; ein neuer Versuch "
                                    "würde nichts ändern.")


def test_a_german_browser_reads_a_wrong_password_and_the_lock_out_coming_in_german(console_server, make_console_user):
    credentials = make_console_user(Role.ORGANIZER)
    said = []
    with httpx.Client(base_url=console_server.base_url, headers={"Accept-Language": "de"}, timeout=30) as browser:
        for _ in range(MAX_FAILURES_PER_EMAIL):
            answer = http_sign_in(browser, credentials.email, "not the password")
            assert answer.status_code in (401, 429)
            said.append(_alert(answer.text))
        locked = http_sign_in(browser, credentials.email, credentials.password)
    assert said[0] == "E-Mail-Adresse oder Passwort falsch."
    assert said[2] == ("E-Mail-Adresse oder Passwort falsch. Noch 2 falsche Passwörter, und diese E-Mail-Adresse wird "
                       "für 15 Minuten gesperrt.")
    assert said[4] == "E-Mail-Adresse oder Passwort falsch. Diese E-Mail-Adresse ist jetzt für 15 Minuten gesperrt."
    assert _alert(locked.text) == ("Zu viele falsche Passwörter für diese E-Mail-Adresse: Sie ist noch 15 Minuten "
                                   "gesperrt. Versuchen Sie es später erneut oder fragen Sie einen Eigentümer.")
    assert "doorstation_session" not in locked.cookies


def test_a_check_in_list_named_twice_is_refused_in_german(console_server, signed_in_client):
    organizer = _german_organizer(signed_in_client)
    lists = f"/conferences/{CONFERENCE_A}/checkin-lists"
    fields = {"name": "Main", "ticket_types": [str(_standard_id(console_server))], "combine": "and"}
    assert _post(organizer, lists, lists, **fields, stations="Main door").status_code == 303
    twice = _post(organizer, lists, lists, **fields, stations="Side door")
    assert twice.status_code == 422
    assert _alert(twice.text) == "Es gibt bereits eine Liste namens „Main“: Geben Sie dieser einen anderen Namen."
    assert _count(console_server, CheckinList) == 1


@pytest.mark.browser
def test_a_sponsor_form_refused_in_german_as_the_organizer_sees_it(console_server, new_page, make_console_user,
                                                                  screenshots):
    """In chromium, German from the browser: the refusal above the form, which stays open with what was typed."""
    with unit_of_work(console_server.session_factory) as session:
        session.add(Sponsor(conference_id=console_server.conference(session).id, name="Acme", slug="acme"))
    credentials = make_console_user(Role.ORGANIZER)
    page = new_page(locale="de-DE", viewport={"width": 1280, "height": 900})
    page.goto("/sign-in")
    page.get_by_label("E-Mail").fill(credentials.email)
    page.get_by_label("Passwort").fill(credentials.password)
    page.get_by_role("button", name="Anmelden").click()
    page.goto(SPONSORS)
    page.get_by_text("Neuer Sponsor", exact=True).click()
    page.get_by_label("Name des Sponsors").fill("Acme Europe")
    page.get_by_label("Slug (leer: aus dem Namen gebildet)").fill("acme")
    page.get_by_role("button", name="Sponsor hinzufügen").click()
    expect(page.get_by_role("alert")).to_have_text("Sponsor „acme“ gibt es in pycon bereits.")
    expect(page.get_by_label("Name des Sponsors")).to_have_value("Acme Europe")
    page.screenshot(path=str(screenshots / "console-sponsor-refused-de-1280.png"), full_page=True)
    assert _count(console_server, Sponsor) == 1


def test_checking_in_by_hand_an_attendee_whose_order_is_pending_is_refused_in_german(console_server, signed_in_client):
    standard_id = _standard_id(console_server)
    with unit_of_work(console_server.session_factory) as session:
        conference = console_server.conference(session)
        standard = session.get_one(TicketType, standard_id)
        attendee_id = make_attendee(session, conference, order_status="pending", first_name="Paula",
                                    ticket_type=standard).id
    door_lead = signed_in_client(Role.DOOR_LEAD)
    door_lead.headers["Accept-Language"] = "de"
    attendee = f"/conferences/{CONFERENCE_A}/attendees/{attendee_id}"
    refused = _post(door_lead, f"{attendee}/check-ins", attendee)
    assert refused.status_code == 409
    assert _alert(refused.text) == "Die Bestellung ist „Offen“ – kein Einlass möglich."
    assert _count(console_server, CheckIn) == 0


def test_the_import_page_refuses_an_empty_file_and_a_stale_preview_in_german(console_server, signed_in_client):
    organizer = _german_organizer(signed_in_client)
    page = f"/conferences/{CONFERENCE_A}/import"
    before = _count(console_server, Attendee)
    empty = organizer.post(page, data={"csrf_token": form_token(organizer.get(page).text)},
                           files={"file": ("people.csv", b" \n", "text/csv")})
    assert (empty.status_code, _alert(empty.text)) == (422, "Die Datei ist leer. Es wurde nichts importiert.")
    stale = _post(organizer, f"{page}/confirm", page, token="no-such-preview")
    assert stale.status_code == 409
    assert _alert(stale.text).startswith("Diese Vorschau wurde bereits importiert oder ist älter als eine Stunde.")
    assert _count(console_server, Attendee) == before
