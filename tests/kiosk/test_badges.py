"""Badges: drawn, exported to PDF, rasterised again by Qt's PDF renderer, and decoded."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from kiosk.badges.render import BadgeData, BadgeLayout, BadgeSize, fit_text, render_image, render_pdf
from server.db.engine import unit_of_work
from shared.badge_codes import parse, sign
from tests.command_line import run_doorstation
from tests.factories import make_attendee, make_conference, make_ticket_type


def decode(image: QImage) -> dict[str, str]:
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(grey.constBits(), np.uint8).reshape(grey.height(), grey.bytesPerLine())[:, :grey.width()]
    return {result.format.name: result.text for result in zxingcpp.read_barcodes(pixels)}


def pdf_pages(path) -> list[QImage]:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = []
    for page in range(document.pageCount()):
        size = document.pagePointSize(page)
        pages.append(document.render(page, QSize(round(size.width() * 3), round(size.height() * 3))))  # 216 dpi
    return pages


@pytest.fixture
def signed(qapp):
    key = bytes(range(32))
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = Ed25519PrivateKey.from_private_bytes(key).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return key, public


@pytest.mark.parametrize("layout", [BadgeLayout(), BadgeLayout(BadgeSize.IN_4X3), BadgeLayout(BadgeSize.A6, True)],
                         ids=["102x152", "4x3in", "a6-landscape"])
def test_a_printed_badge_decodes_to_its_signed_payload_and_code(signed, tmp_path, layout):
    key, public = signed
    payload = sign("pycon", "AB12CD34", key)
    badge = BadgeData("PyCon 2027", "Ada Lovelace", "Analytical Engines", "Standard", "AB12CD34", payload)
    assert render_pdf([badge], tmp_path / "badge.pdf", layout, workers=1) == 1
    [page] = pdf_pages(tmp_path / "badge.pdf")
    width_mm, height_mm = layout.page_size_mm()
    assert abs(page.width() / page.height() - width_mm / height_mm) < 0.01  # the stock's shape
    codes = decode(page)
    assert codes == {"QRCode": payload, "Code128": "AB12CD34"}
    assert parse(codes["QRCode"], conference_slug="pycon", public_key=public).signed  # a door kiosk believes it


def test_a_very_long_name_shrinks_and_wraps_but_is_never_clipped(qapp):
    image = QImage(1200, 1800, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    box = QRectF(60, 100, 1080, 300)
    for name in ("Ada Lovelace", "Maximiliana Alexandrina Wolfeschlegelsteinhausenbergerdorff von Hohenzollern-Sigmaringen"):
        drawn = fit_text(painter, box, name, 150, min_size=60, bold=True)
        assert box.contains(drawn), (name, drawn)
    painter.end()
    badge = BadgeData("PyCon", "Maximiliana Alexandrina Wolfeschlegelsteinhausenbergerdorff", "", "VIP", "AB12CD34",
                      "pycon:AB12CD34")
    assert decode(render_image(badge, dpi=200))["QRCode"] == "pycon:AB12CD34"  # the name did not push the code out


def test_badges_export_writes_one_page_per_paid_attendee(database_url, engine, session_factory, tmp_path, qapp):
    from tests.server.test_stripe import mark_migrated

    mark_migrated(engine)
    with unit_of_work(session_factory) as session:
        conference = make_conference(session, slug="pycon", name="PyCon 2027")
        standard = make_ticket_type(session, conference, name="Standard", slug="standard")
        vip = make_ticket_type(session, conference, name="VIP", slug="vip")
        paid = [make_attendee(session, conference, ticket_type=standard, first_name=f"P{n}") for n in range(5)]
        make_attendee(session, conference, ticket_type=vip, first_name="Vera")
        make_attendee(session, conference, ticket_type=standard, order_status="cancelled", first_name="Gone")
        make_attendee(session, conference, ticket_type=standard, order_status="refunded", first_name="Refunded")
        codes = {a.access_code for a in paid}
        public = conference.badge_public_key
    env = {"DATABASE_URL": database_url}
    out = tmp_path / "badges.pdf"
    result = run_doorstation("badges", "export", "-c", "pycon", "--ticket-type", "standard", str(out), env=env)
    assert "Wrote 5 badges" in result.stdout
    pages = pdf_pages(out)
    assert len(pages) == 5  # the cancelled and refunded ones get no badge, the VIP is another type
    decoded = [decode(page) for page in pages]
    assert {d["Code128"] for d in decoded} == codes
    for d in decoded:
        assert parse(d["QRCode"], conference_slug="pycon", public_key=public).access_code == d["Code128"]

    everyone = run_doorstation("badges", "export", "-c", "pycon", str(out), env=env)
    assert "Wrote 6 badges" in everyone.stdout
    bad = run_doorstation("badges", "export", "-c", "pycon", str(tmp_path / "x.png"), env=env, expect=1)
    assert "must end in .pdf" in bad.stderr


@pytest.mark.parametrize("code", ["99WW7HRI", "12ABCDEF", "9A9A9A9A", "AB12CD34", "1234ABCD"])
def test_the_barcode_holds_the_whole_code_whatever_it_begins_with(qapp, code):
    """A USB scanner reads the Code128: python-barcode's start-code shortcut dropped a leading "99"."""
    badge = BadgeData(conference_name="PyCon", full_name="Ada Lovelace", company="", ticket_type="Standard",
                      access_code=code, payload=f"pycon:{code}")
    assert decode(render_image(badge, dpi=200))["Code128"] == code
