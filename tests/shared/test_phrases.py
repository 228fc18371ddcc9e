"""What both sides say, worded once and read in each language: a rule's refusal, a conflict, a device alert;
kept as data and worded again the same."""

from __future__ import annotations

import datetime as dt

from shared import conflict_words, device_words
from shared.checkin_rules import Attempt, Venue, evaluate, parse
from shared.phrases import Phrase

VENUE = Venue(timezone="Europe/Berlin", days=(dt.date(2026, 5, 12), dt.date(2026, 5, 13)), product_names={1: "Staff"})
BEFORE_FIVE = {"version": 1, "rule": {"or": [{"==": [{"var": "product"}, 1]},
                                             {"isBefore": [{"var": "now"}, {"buildTime": ["customtime", "17:00"]}]}]}}


def test_a_refusal_reads_in_each_language_and_the_same_in_english_as_before():
    late = Attempt(at=dt.datetime(2026, 5, 12, 16, 30, tzinfo=dt.UTC), station="Door B", product=2)  # 18:30 CEST
    verdict = evaluate(parse(BEFORE_FIVE, VENUE), late, VENUE)
    assert verdict.explanation == "Only before 17:00 CEST"
    assert [verdict.explanation_in(tag) for tag in ("de", "fr", "es", "nl", "pt_BR")] == [
        "Nur vor 17:00 CEST", "Seulement avant 17:00 CEST", "Solo antes de 17:00 CEST", "Alleen voor 17:00 CEST",
        "Só antes de 17:00 CEST"]
    assert verdict.explanation_in("ar").startswith("فقط قبل ")
    assert parse(BEFORE_FIVE, VENUE).describe("de") == [["nur Staff"], ["Nur vor 17:00 CEST"]]


def test_weekdays_and_choices_take_the_languages_names():
    rule = parse({"version": 1, "rule": {"inList": [{"var": "now_isoweekday"}, [1, 2]]}}, VENUE)
    assert rule.describe() == [["Not valid today: Monday or Tuesday only"]]
    assert rule.describe("fr") == [["Pas valable aujourd'hui : uniquement lundi ou mardi"]]


def test_a_conflict_kept_as_data_reads_the_same_once_read_back():
    words = conflict_words.fully_redeemed("Lunch", "Door B", "Ada Lovelace", 1, 1)
    assert words.text() == "Lunch at Door B for Ada Lovelace: Product 'Lunch' is fully redeemed (1/1)."
    stored = Phrase.from_json(words.to_json())
    assert stored == words and stored.text("de") == (
        "Lunch an Door B für Ada Lovelace: Produkt „Lunch“ ist vollständig eingelöst (1/1).")
    assert conflict_words.ConflictWords("es").reason("fully_redeemed") == "totalmente canjeado"


def test_a_device_alert_counts_in_the_languages_plural():
    assert device_words.silent_for(dt.timedelta(minutes=65)).text("de") == "Still seit 1 h 05 min."
    waiting = device_words.scans_waiting(2, dt.timedelta(minutes=7))
    assert waiting.text() == "2 scans waiting to upload, the oldest for 7 min."
    assert waiting.text("nl") == "2 scans wachten op upload, de oudste al 7 min."
