"""An attendee's language (where known), over HTTP as an organizer and the desk give it: the CSV import's
``language`` column, the walk-in form's chooser and the attendee page; a language Doorstation does not
print badges in is refused with the line or the field, and nothing is written."""

from __future__ import annotations

import re

from sqlalchemy import select

from server.attendees.models import Attendee
from server.conferences.models import Conference
from server.users.models import Role
from tests.web.conftest import CONFERENCE_A, form_token

IMPORT = f"/conferences/{CONFERENCE_A}/import"
WALK_INS = f"/conferences/{CONFERENCE_A}/walk-ins"
GOOD = """first_name,last_name,email,ticket_type,language
Dora,Deutsch,dora@example.org,standard,de-DE
Paulo,Prado,paulo@example.org,standard,pt-br
Amal,Aziz,amal@example.org,standard,العربية
Nora,None,nora@example.org,standard,
"""
BAD = GOOD.replace("pt-br", "Klingon")


def _languages(console_server) -> dict[str, str | None]:
    with console_server.session_factory() as session:
        conference_id = session.scalar(select(Conference.id).where(Conference.slug == CONFERENCE_A))
        return dict(session.execute(select(Attendee.first_name, Attendee.language)
                                    .where(Attendee.conference_id == conference_id)).all())


def _import(client, text: str):
    token = form_token(client.get(IMPORT).text)
    return client.post(IMPORT, data={"csrf_token": token},
                       files={"file": ("people.csv", text.encode(), "text/csv")})


def test_a_csv_language_column_is_imported_and_a_language_nobody_prints_names_its_line(console_server,
                                                                                        signed_in_client):
    organizer = signed_in_client(Role.ORGANIZER)
    refused = _import(organizer, BAD)
    assert refused.status_code == 422
    assert re.search(r"<td class=\"number\">3</td><td>'Klingon' is not a language Doorstation prints badges in: use one of "
                     r"en, de, fr, es, nl, pt-BR, ar, or leave it empty.</td>", refused.text), refused.text[-3000:]
    assert _languages(console_server) == {"Ada": None, "Grace": None}  # nothing written, not even the good lines
    organizer.headers["Accept-Language"] = "de"  # the same refusal, read in German
    assert "<td>„Klingon“ ist keine Sprache, in der Doorstation Badges druckt" in _import(organizer, BAD).text
    assert "<td>„nobody“ ist keine E-Mail-Adresse; unbekannter Tickettyp „platinum“; „Klingon“ ist keine Sprache" \
        in _import(organizer, BAD + "Ned,N,nobody,platinum,Klingon\n").text
    del organizer.headers["Accept-Language"]

    preview = _import(organizer, GOOD)
    assert preview.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', preview.text).group(1)
    done = organizer.post(f"{IMPORT}/confirm", data={"csrf_token": form_token(preview.text), "token": token})
    assert done.status_code == 303
    assert _languages(console_server) == {"Ada": None, "Grace": None, "Dora": "de", "Paulo": "pt_BR",
                                          "Amal": "ar", "Nora": None}


def _sell(client, **fields):
    page = client.get(WALK_INS).text
    ticket_type = re.search(r'name="ticket_type" required>\s*<option value="(\d+)"', page).group(1)
    return client.post(WALK_INS, data={"csrf_token": form_token(page), "ticket_type": ticket_type,
                                       "first_name": "Walid", "email": "walid@example.org", "method": "cash",
                                       "amount": "100.00", **fields})


def test_a_walk_in_sold_in_arabic_has_arabic_and_a_made_up_language_sells_nothing(console_server, signed_in_client):
    desk = signed_in_client(Role.DOOR_LEAD)
    form = desk.get(WALK_INS).text
    assert '<option value="ar" lang="ar">العربية</option>' in form  # each language by its own name
    assert '<option value="pt_BR" lang="pt-BR">Português (Brasil)</option>' in form

    refused = _sell(desk, language="tlh")
    assert refused.status_code == 422
    assert 'id="language-problem">&#39;tlh&#39; is not a language Doorstation prints badges in' in refused.text
    assert "Walid" not in _languages(console_server)  # no order, no attendee

    sold = _sell(desk, language="ar")
    assert sold.status_code == 303
    assert _languages(console_server)["Walid"] == "ar"


def test_the_attendee_page_shows_the_language_and_a_door_lead_sets_it(console_server, signed_in_client):
    with console_server.session_factory() as session:
        ada = session.scalar(select(Attendee).where(Attendee.first_name == "Ada"))
        path = f"/conferences/{CONFERENCE_A}/attendees/{ada.id}"
    lead = signed_in_client(Role.DOOR_LEAD)
    page = lead.get(path).text
    assert re.search(r"<dt>Language</dt><dd><span class=\"muted\">Not known</span>", page)

    refused = lead.post(f"{path}/language", data={"csrf_token": form_token(page), "language": "xx"})
    assert refused.status_code == 422 and "&#39;xx&#39; is not a language" in refused.text
    assert _languages(console_server)["Ada"] is None

    saved = lead.post(f"{path}/language", data={"csrf_token": form_token(page), "language": "de"})
    assert saved.status_code == 303
    page = lead.get(saved.headers["location"]).text
    assert '<dt>Language</dt><dd><span lang="de">Deutsch</span></dd>' in page
    assert "Language saved: the print stations have it at their next sync." in page
    assert _languages(console_server)["Ada"] == "de"

    viewer = signed_in_client(Role.VIEWER)  # reads the language, may not change it
    assert viewer.post(f"{path}/language", data={"csrf_token": form_token(viewer.get(path).text),
                                                 "language": "fr"}).status_code == 404
    assert _languages(console_server)["Ada"] == "de"


def test_a_german_desk_reads_the_attendees_page_and_the_walk_in_form_in_german(console_server, signed_in_client):
    desk = signed_in_client(Role.DOOR_LEAD)
    desk.headers["Accept-Language"] = "de-DE,de;q=0.9"
    attendees = desk.get(f"/conferences/{CONFERENCE_A}/attendees").text
    assert '<html lang="de" dir="ltr">' in attendees
    assert "<h1>Teilnehmende</h1>" in attendees
    assert "Nach Name, E-Mail, Firma oder Zugangscode suchen" in attendees
    assert '<span class="status-ok">Bezahlt</span>' in attendees  # the order's status, in words of the catalogue
    assert "Jedes Wort passt auf den Anfang eines Vor- oder Nachnamens" in attendees  # a paragraph over lines

    walk_ins = desk.get(WALK_INS).text
    assert "<h1>Vor-Ort-Verkauf an der Registrierung</h1>" in walk_ins
    assert '<label for="language">Sprache</label>' in walk_ins and '<option value="">Unbekannt</option>' in walk_ins
    assert "Verkaufen und als bezahlt markieren" in walk_ins
    refused = _sell(desk, language="tlh")  # a refusal in German too
    assert 'id="language-problem">„tlh“ ist keine Sprache, in der Doorstation Badges druckt' in refused.text
    short = _sell(desk, language="de", amount="5.00").text  # the desk payment's own refusal, in German
    assert ("Der erhaltene Betrag (5.00) ist nicht die Summe der Bestellung (100.00): 100.00 annehmen. "
            "Es wurde nichts verkauft.") in short
    sold = desk.get(_sell(desk, language="de").headers["location"]).text
    assert re.search(r"ORD-\w+ an Walid verkauft \(Bar 100.00\)\.", sold)

    with console_server.session_factory() as session:  # the attendee page's story, in German too
        ada = session.scalar(select(Attendee).where(Attendee.first_name == "Ada"))
        path = f"/conferences/{CONFERENCE_A}/attendees/{ada.id}"
    checked_in = desk.post(f"{path}/check-ins", data={"csrf_token": form_token(desk.get(path).text)})
    page = desk.get(checked_in.headers["location"]).text
    assert "Von Hand eingecheckt." in page
    assert re.search(r"<td>Check-in von Hand</td><td>[^<]*</td><td>[^<]+</td>", page), page[-2500:]


def test_arabic_reads_the_desk_pages_right_to_left(console_server, signed_in_client):
    desk = signed_in_client(Role.DOOR_LEAD)
    desk.headers["Accept-Language"] = "ar"
    for path, heading in ((f"/conferences/{CONFERENCE_A}/attendees", "<h1>الحضور</h1>"),
                          (WALK_INS, "<h1>البيع عند الباب في مكتب التسجيل</h1>"),
                          (f"/conferences/{CONFERENCE_A}/orders", "<h1>الطلبات</h1>")):
        page = desk.get(path).text
        assert '<html lang="ar" dir="rtl">' in page and heading in page, path
    organizer = signed_in_client(Role.ORGANIZER)
    organizer.headers["Accept-Language"] = "ar"
    assert "يصبح كل صف طلبًا مدفوعًا بمشارك واحد" in organizer.get(IMPORT).text  # the columns, in Arabic
