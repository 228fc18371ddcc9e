"""Decoders on real camera photos, the debouncer, verdict wording, cache upgrades."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import cv2
import pytest

from kiosk.core.cache import connect
from kiosk.core.verdict_text import describe, local_time
from kiosk.scanning.camera import CodeDebouncer
from kiosk.scanning.decoders import available_decoders, load_decoder
from shared.decisions import AttendeeState, Holding, Outcome, Reason, ScanKind, Verdict
from tests.conftest import SHARED_TESTDATA, shared_testdata

PHOTOS = sorted(p for p in (SHARED_TESTDATA / "barcode-photos").glob("*/*") if p.suffix in (".png", ".jpg"))


def expected(photo: Path) -> str:
    return photo.with_suffix(".txt").read_bytes().decode("utf-8")  # exact: \r\n and trailing spaces included


@pytest.mark.parametrize("decoder", available_decoders(), ids=lambda d: d.name)
def test_decoders_read_real_photos_exactly_and_never_misread(decoder):
    shared_testdata("barcode-photos")  # a lone clone reads the photo-like badges of test_badge_photos.py instead
    assert len(PHOTOS) == 53
    read = 0
    for photo in PHOTOS:
        if decoder.name == "opencv" and "code128" in photo.parts[-2]:
            continue  # OpenCV's detector reads QR only
        texts = decoder.decode(cv2.imread(str(photo)))
        if decoder.name == "pyzbar" and not expected(photo).isascii():
            continue  # zbar returns Code128's Latin-1 characters wrongly ('ó' → 's'); badges are ASCII
        assert all(text == expected(photo) for text in texts), photo.name  # no wrong text, ever
        read += bool(texts)
    # Measured here: zxing-cpp 47 of 53, pyzbar 38 of 53 (+1 misread), OpenCV 16 of 41 QR photos.
    assert read >= {"zxing-cpp": 47, "pyzbar": 38, "opencv": 16}[decoder.name]


def test_the_default_decoder_is_zxing_and_unknown_names_are_refused():
    assert load_decoder().name == "zxing-cpp"
    assert load_decoder("pyzbar").name == "pyzbar"
    with pytest.raises(ValueError, match="Unknown decoder"):
        load_decoder("zbarcam")


def test_a_badge_held_in_view_is_one_scan():
    debouncer = CodeDebouncer(3.0)
    assert debouncer.accept("A", 0.0)
    assert not debouncer.accept("A", 1.0)
    assert not debouncer.accept("A", 3.5)  # still in view: each sighting extends the window
    assert debouncer.accept("B", 3.6)
    assert debouncer.accept("A", 7.0)  # shown again after it was gone for 3 s


ADA = AttendeeState(access_code="AAAA1111", name="Ada Lovelace", company="Analytical", ticket_type="Standard",
                    order_status="paid", last_check_in_at=dt.datetime(2026, 5, 4, 7, 14, tzinfo=dt.UTC),
                    last_check_in_station="Door B",
                    holdings=(Holding("addon", 5, "Lunch", quantity=2, redeemed=2),))


def test_reasons_in_words():
    text = describe(Verdict(Outcome.WARN, Reason.ALREADY_CHECKED_IN, ADA), kind=ScanKind.CHECK_IN,
                    timezone="Europe/Berlin")
    assert text.colour == "amber"
    assert text.headline in ("Already checked in at 09:14 CEST, Door B",
                             "Already checked in at Mon 04 09:14 CEST, Door B")
    lunch = ADA.holdings[0]
    text = describe(Verdict(Outcome.REFUSE, Reason.FULLY_REDEEMED, ADA, lunch), kind=ScanKind.REDEMPTION)
    assert (text.colour, text.headline, text.addons) == ("red", "Lunch already used: all 2 redeemed", ())
    one_left = replace(lunch, redeemed=1)
    text = describe(Verdict(Outcome.ACCEPT, Reason.OK, replace(ADA, holdings=(one_left,)), one_left),
                    kind=ScanKind.REDEMPTION)
    assert (text.colour, text.headline) == ("green", "Lunch redeemed: 0 of 2 left")  # not the refusal's words
    text = describe(Verdict(Outcome.REFUSE, Reason.PRODUCT_NOT_PURCHASED, ADA), kind=ScanKind.DOOR_CHECK,
                    product_name="Tutorial")
    assert text.headline == "Tutorial not purchased"
    assert describe(Verdict(Outcome.REFUSE, Reason.NOT_FOUND), kind=ScanKind.CHECK_IN).headline == "Unknown badge"
    assert describe(Verdict(Outcome.REFUSE, Reason.UNPAID, ADA), kind=ScanKind.CHECK_IN).headline == "Not paid"


def test_another_day_is_shown_with_the_day():
    moment = dt.datetime(2026, 5, 4, 7, 14, tzinfo=dt.UTC)
    assert local_time(moment, "Europe/Berlin", today=dt.date(2026, 5, 4)) == "09:14 CEST"
    assert local_time(moment, "Europe/Berlin", today=dt.date(2026, 5, 5)) == "Mon 04 09:14 CEST"
    assert local_time(moment, "America/New_York", today=dt.date(2026, 5, 4)) == "03:14 EDT"
    assert local_time(moment, "Not/AZone", today=dt.date(2026, 5, 4)) == "07:14 UTC"


def test_a_version_1_cache_is_upgraded_and_keeps_its_waiting_scans(tmp_path):
    import sqlite3

    from kiosk.core import cache

    path = tmp_path / "cache.sqlite3"
    old = sqlite3.connect(path)
    # Version 1: the schema without the columns later versions added (and the commas before them).
    later = ("undoes", "set_aside", "sent", "badge_printed_at", "badge_printed_station")
    lines = [line for line in cache.SCHEMA.splitlines() if line.split()[:1] not in ([c] for c in later)]
    old_schema = re.sub(r",(\s*(--[^\n]*)?\n\);)", r"\1", "\n".join(lines))
    # and the names before version 5: a product's type was its "kind", an outbox row's its "product_kind"
    old_schema = re.sub(r"(CREATE TABLE products \(.*?\);)", lambda m: m[1].replace("product_type", "kind"),
                        old_schema, flags=re.S).replace("product_type TEXT,", "product_kind TEXT,")
    assert "undoes" not in old_schema and "product_type" not in old_schema
    old.executescript(old_schema + cache.SEARCH_TRIGGERS + "PRAGMA user_version = 1;")
    old.execute("INSERT INTO outbox (uuid, kind, access_code, occurred_at, station, reason) "
                "VALUES ('u1', 'check_in', 'AAAA1111', '2026-05-04T07:14:00+00:00', 'Door B', 'ok')")
    old.execute("INSERT INTO outbox (uuid, kind, access_code, occurred_at, station, product_kind, product_id, reason) "
                "VALUES ('u2', 'door_check', 'AAAA1111', '2026-05-04T07:20:00+00:00', 'Room 1', 'ticket_type', 3, 'ok')")
    old.execute("INSERT INTO products (kind, id, name) VALUES ('addon', 5, 'Lunch')")
    old.commit()
    old.close()
    connection = connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == cache.SCHEMA_VERSION
    assert [tuple(r) for r in connection.execute("SELECT uuid, undoes, product_type, product_id FROM outbox")] \
        == [("u1", None, None, None), ("u2", None, "ticket_type", 3)]
    assert [tuple(r) for r in connection.execute("SELECT product_type, id, name FROM products")] == [("addon", 5, "Lunch")]
    assert connection.execute("SELECT count(*) FROM scan_log").fetchone()[0] == 0


# The keyboard wedge's rules, with the window system's timestamps chosen by the test ------------------

class TimedKeys:
    """Key events handed to a field all at once, as a busy UI thread receives them, each with the window
    system's timestamp the test chooses: only the timestamps can tell a scanner from a person."""

    def __init__(self, field) -> None:
        self.field = field
        self.at = 1_000_000.0

    def send(self, text: str, *, after_ms: float, gap_ms: float, enter: bool = False) -> None:
        from PySide6.QtCore import Qt

        self.at += after_ms
        keys = [(ord(character.upper()), character) for character in text] + ([(Qt.Key.Key_Return, "\r")] if enter else [])
        for number, (key, character) in enumerate(keys):
            self._key(key, character, self.at + number * gap_ms)
        self.at += (len(keys) - 1) * gap_ms

    def _key(self, key: int, text: str, at: float) -> None:
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QApplication

        for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(event_type, key, Qt.KeyboardModifier.NoModifier, text)
            event.setTimestamp(int(at))
            QApplication.sendEvent(self.field, event)


@pytest.fixture
def wedge_on_a_field(qtbot, qapp):
    from functools import partial

    from PySide6.QtWidgets import QLineEdit

    from kiosk.scanning.wedge import KeyboardWedge
    from shared.badge_codes import is_well_formed

    field = QLineEdit()
    qtbot.addWidget(field)
    wedge = KeyboardWedge(is_badge=partial(is_well_formed, conference_slug="pycon"))
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    qapp.installEventFilter(wedge)
    yield field, TimedKeys(field), scans
    qapp.removeEventFilter(wedge)


def test_keys_are_judged_by_their_own_timestamps_not_by_when_they_arrive(qtbot, wedge_on_a_field):
    field, keys, scans = wedge_on_a_field
    keys.send("Lovelace", after_ms=0, gap_ms=120)  # a person's keys, which a busy UI thread got all at once
    qtbot.waitUntil(lambda: field.text() == "Lovelace", timeout=3000)
    keys.send("AB12CD34", after_ms=2000, gap_ms=4, enter=True)  # a scanner's
    qtbot.wait(600)
    assert scans == ["AB12CD34"] and field.text() == "Lovelace"


def test_a_person_typing_a_name_and_enter_is_never_a_scan(qtbot, wedge_on_a_field):
    field, keys, scans = wedge_on_a_field
    entered = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    keys.send("lovelace", after_ms=0, gap_ms=100, enter=True)
    keys.send("bob", after_ms=2000, gap_ms=70)
    keys.send("by", after_ms=150, gap_ms=20)  # a rollover: two keys at once, then a pause
    qtbot.waitUntil(lambda: field.text() == "lovelacebobby", timeout=2000)
    field.clear()
    keys.send("Lovela", after_ms=2000, gap_ms=100)
    keys.send("ce", after_ms=100, gap_ms=20, enter=True)  # 8 letters, the last two and Enter rolled: not a badge
    qtbot.wait(1000)
    assert scans == [] and entered == ["lovelace", "Lovelace"]


def test_keys_in_bursts_with_gaps_are_one_scan_and_typed_keys_are_taken_back(qtbot, wedge_on_a_field):
    field, keys, scans = wedge_on_a_field
    field_texts = []
    field.textChanged.connect(field_texts.append)
    keys.send("D0G", after_ms=0, gap_ms=4)
    keys.send("LB9X4", after_ms=200, gap_ms=4, enter=True)
    qtbot.waitUntil(lambda: scans == ["D0GLB9X4"], timeout=2000)
    assert field_texts == []  # the burst before the gap never reached the field
    keys.send("D", after_ms=3000, gap_ms=4)  # one key: a person's, as far as anyone can tell…
    qtbot.waitUntil(lambda: field.text() == "D", timeout=2000)
    keys.send("0GLB9X5", after_ms=300, gap_ms=4, enter=True)  # …until a scanner's burst makes it a badge
    qtbot.wait(600)
    assert scans == ["D0GLB9X4", "D0GLB9X5"] and field.text() == ""


def test_a_late_enter_belongs_to_the_scan_before_it(qtbot, wedge_on_a_field):
    field, keys, scans = wedge_on_a_field
    entered = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    keys.send("AB12CD34", after_ms=0, gap_ms=4)
    qtbot.waitUntil(lambda: scans == ["AB12CD34"], timeout=2000)  # a badge, with no Enter yet: a scan
    keys.send("", after_ms=250, gap_ms=4, enter=True)  # its Enter, late
    keys.send("AB1", after_ms=3000, gap_ms=4)  # a fragment whose rest never came…
    qtbot.waitUntil(lambda: field.text() == "AB1", timeout=2000)
    keys.send("ZZ99YY88", after_ms=5000, gap_ms=4)  # …and the next badge, 5 s later, whose Enter is late
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=2000)
    keys.send("", after_ms=300, gap_ms=4, enter=True)
    qtbot.wait(300)
    assert scans == ["AB12CD34", "ZZ99YY88"] and entered == [] and field.text() == "AB1"
