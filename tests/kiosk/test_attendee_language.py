"""An attendee's language reaches the print stations and is printed: the change feed (both formats) carries it
to a real kiosk's cache over a real server, and a badge drawn for a German attendee prints its fixed words in
German, whatever the station speaks."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtPdf import QPdfDocument
from sqlalchemy import select

from doorstation.badge_pdf import _draw
from kiosk.badges.render import BadgeData, render_pdf
from kiosk.core import attendee_cache
from kiosk.core.settings import KioskSettings, StationMode, save_settings
from server.attendees.badge_pdf import printable_badge
from server.attendees.models import Attendee
from server.attendees.service import set_language
from server.conferences.models import TicketType
from server.conferences.service import get_conference
from server.db.engine import unit_of_work
from server.devices.models import Device
from server.devices.service import create_device
from server.print_jobs.service import send_badge
from tests.factories import make_attendee, make_conference, make_ticket_type
from tests.kiosk.door import PIN, open_window, wedge_scan
from tests.kiosk.test_sync_end_to_end import Kiosk, close_kiosks  # noqa: F401 (the fixture closes them)
from tests.live_server import free_port, live_server
from tests.server.test_change_feed import changes_after


def test_the_feed_takes_an_attendees_language_to_the_kiosk_cache_and_a_change_of_it(database_url, session_factory,
                                                                                      tmp_path):
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon")
        ticket = make_ticket_type(session, conference, name="Speaker")
        dora = make_attendee(session, conference, ticket_type=ticket, first_name="Dora")
        set_language(session, dora, "de-DE")
        nora = make_attendee(session, conference, ticket_type=ticket, first_name="Nora")
        codes = (dora.access_code, nora.access_code)
        pairing = create_device(session, conference, name="desk", station="Badge desk")[1]
        conference_id = conference.id
    with session_factory() as session:  # format "objects", for Python callers and older kiosks
        records = {r.first_name: r.language for r in changes_after(session, conference_id, 0, 100).attendees}
        assert records == {"Dora": "de", "Nora": ""}

    with live_server(database_url, free_port()) as url:
        kiosk = Kiosk(tmp_path / "kiosk", url, pairing)
        kiosk.sync()  # format "rows", as kiosks download
        assert [attendee_cache.attendee_state(kiosk.connection, code).language for code in codes] == ["de", ""]

        with unit_of_work(session_factory) as session:
            nora = session.scalar(select(Attendee).where(Attendee.first_name == "Nora"))
            set_language(session, nora, "ar")
        kiosk.sync()
        assert [attendee_cache.attendee_state(kiosk.connection, code).language for code in codes] == ["de", "ar"]


def _pdf_text(path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document.getAllText(0).text()


@pytest.mark.parametrize(("language", "ticket_type", "banner"), [
    ("de", "Speaker", "REFERENT"), ("de", "", "TEILNEHMER"), ("fr", "Volunteer", "BÉNÉVOLE"),
    ("", "Speaker", "SPEAKER"),  # not known: the station's language (English here)
    ("de", "Early Bird", "EARLY BIRD"),  # the organizers' own name for a ticket is printed as they wrote it
])
def test_a_badge_prints_its_fixed_words_in_the_attendees_language(qapp, tmp_path, language, ticket_type, banner):
    QLocale.setDefault(QLocale("en"))
    badge = BadgeData("PyCon 2027", "Dora Deutsch", "Acme", ticket_type, "AB12CD34", "pycon:AB12CD34", language)
    render_pdf([badge], tmp_path / "badge.pdf", workers=1)
    text = _pdf_text(tmp_path / "badge.pdf")
    assert banner in text and "Dora Deutsch" in text


def test_without_the_attendees_language_a_german_station_prints_german(qapp, tmp_path):
    QLocale.setDefault(QLocale("de"))  # what kiosk.ui.language.speak sets for a German station
    try:
        render_pdf([BadgeData("PyCon", "Nora", "", "Speaker", "AB12CD34", "pycon:AB12CD34")], tmp_path / "badge.pdf",
                   workers=1)
    finally:
        QLocale.setDefault(QLocale("en"))
    assert "REFERENT" in _pdf_text(tmp_path / "badge.pdf")


def test_a_print_station_prints_each_attendees_badge_in_their_language(qtbot, door):
    """The real kiosk window at a print station (English): a badge sent from the desk for a French speaker,
    and a German attendee's badge scanned at the station, each come out with its fixed words in their language."""
    save_settings(door.data_dir, KioskSettings(station_name="Badge desk", mode=StationMode.BADGE_PRINTING).with_pin(PIN))
    window = open_window(qtbot, door, windowed=True)
    with unit_of_work(door.session_factory) as session:
        conference = get_conference(session, "pycon")
        speaker = make_ticket_type(session, conference, name="Speaker")
        rita = make_attendee(session, conference, ticket_type=speaker, first_name="Rita", last_name="Rivière")
        set_language(session, rita, "fr")
        ada = session.scalar(select(Attendee).where(Attendee.access_code == door.paid))
        session.scalar(select(TicketType).where(TicketType.name == "Standard")).name = "Staff"
        set_language(session, ada, "de-DE")
        send_badge(session, conference, rita, session.scalar(select(Device.id)), requested_by="Dana Door")

    with qtbot.waitSignal(window.badgePrinted, timeout=20_000) as printed:  # the desk's job, at the next sync
        pass
    assert "INTERVENANT" in _pdf_text(printed.args[0]) and "Rita Rivière" in _pdf_text(printed.args[0])

    with qtbot.waitSignal(window.badgePrinted, timeout=20_000) as printed:
        wedge_scan(qtbot, window, door.signed_paid)  # Ada at the station: her badge printed there
    assert "TEAM" in _pdf_text(printed.args[0])  # "Staff" in German
    window.shutdown()


def test_the_consoles_badge_pdf_is_in_the_attendees_language_else_english(qapp, session, tmp_path):
    conference = make_conference(session, slug="pycon")
    speaker = make_ticket_type(session, conference, name="Speaker")
    dora, nora = (make_attendee(session, conference, ticket_type=speaker, first_name=name) for name in ("Dora", "Nora"))
    set_language(session, dora, "de")
    for attendee, banner in ((dora, "REFERENT"), (nora, "SPEAKER")):
        pdf = tmp_path / f"{attendee.first_name}.pdf"
        pdf.write_bytes(_draw(asdict(printable_badge(conference, attendee))))  # what the drawing process runs
        assert banner in _pdf_text(pdf)
