"""A refusal reads in the desk's language: the form's own (a field left empty, worded with the field's label) and
one a service below the page words (sold out), over HTTP as the desk meets them; the API answers in English."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import func, select

from server.conferences.models import Conference
from server.db.engine import unit_of_work
from server.orders.models import Order
from server.users.models import Role
from tests.web.conftest import CONFERENCE_A, form_token

WALK_INS = f"/conferences/{CONFERENCE_A}/walk-ins"


def _sell(client: httpx.Client, **fields: str) -> httpx.Response:
    page = client.get(WALK_INS).text
    ticket_type = re.search(r'name="ticket_type" required>\s*<option value="(\d+)"', page).group(1)
    return client.post(WALK_INS, data={"csrf_token": form_token(page), "ticket_type": ticket_type,
                                       "first_name": "Walid", "email": "walid@example.org", "method": "cash",
                                       "amount": "100.00", **fields})


def _orders(console_server) -> int:
    with console_server.session_factory() as session:
        return session.scalar(select(func.count(Order.id)))


def _sold_out(console_server) -> None:
    with unit_of_work(console_server.session_factory) as session:
        session.scalar(select(Conference).where(Conference.slug == CONFERENCE_A)).total_capacity = 2  # 2 sold


def test_a_german_desk_leaving_the_name_empty_reads_why_in_german_beside_the_field(console_server, signed_in_client):
    desk = signed_in_client(Role.DOOR_LEAD)
    desk.headers["Accept-Language"] = "de"
    before = _orders(console_server)
    refused = _sell(desk, first_name="  ")
    assert refused.status_code == 422
    # The sentence and the field's label inside it, both in German; nothing in English is left.
    assert '<p class="field-problem" id="first-name-problem">Bitte Vorname angeben.</p>' in refused.text
    assert '<p class="alert" role="alert">Bitte Vorname angeben. Es wurde nichts verkauft.</p>' in refused.text
    assert "Give the" not in refused.text and "first name" not in refused.text
    assert _orders(console_server) == before  # nothing sold

    del desk.headers["Accept-Language"]  # the same refusal, in English for an English desk
    assert 'id="first-name-problem">Give the first name.</p>' in _sell(desk, first_name="").text


def test_a_french_desk_reads_sold_out_in_french(console_server, signed_in_client):
    _sold_out(console_server)
    desk = signed_in_client(Role.DOOR_LEAD)
    desk.headers["Accept-Language"] = "fr-FR,fr;q=0.9"
    before = _orders(console_server)
    refused = _sell(desk)
    assert refused.status_code == 409
    assert "Cette conférence est complète (capacité du lieu : 2)." in refused.text
    assert "sold out" not in refused.text
    assert _orders(console_server) == before

    desk.headers["Accept-Language"] = "ar"  # and in Arabic, numbers as the service counted them
    assert "نفدت تذاكر هذا المؤتمر (سعة المكان: 2)." in _sell(desk).text


def test_the_api_still_answers_in_english_whatever_the_browser_asks(console_server):
    _sold_out(console_server)
    answer = httpx.post(console_server.url(f"/api/v1/conferences/{CONFERENCE_A}/orders"),
                        headers={"Accept-Language": "de"},
                        json={"buyer": {"first_name": "Late", "last_name": "Comer", "email": "late@example.org"},
                              "tickets": {"standard": 1}})
    assert answer.status_code == 409
    assert answer.json() == {"detail": {"code": "sold_out",
                                        "message": "This conference is sold out (venue capacity: 2)."}}


def test_what_a_refund_did_reads_in_the_organizers_language(console_server, signed_in_client):
    """The notice after a refund (the redirect carries what was done and the amount) is worded in the reader's."""
    with console_server.session_factory() as session:
        reference = session.scalar(select(Order.reference).order_by(Order.id).limit(1))
    organizer = signed_in_client(Role.ORGANIZER)
    organizer.headers["Accept-Language"] = "de"
    page = organizer.get(f"/conferences/{CONFERENCE_A}/orders/{reference}?done=refunded&amount=5.00").text
    assert re.search(r'<p class="notice" role="status">5\.00 \w+ über Stripe erstattet\.</p>', page)
    del organizer.headers["Accept-Language"]
    page = organizer.get(f"/conferences/{CONFERENCE_A}/orders/{reference}?done=cancelled").text
    assert '<p class="notice" role="status">Order cancelled.</p>' in page
