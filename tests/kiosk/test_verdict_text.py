"""A kiosk's wording of times it synced: never raises, whatever time an older server handed out."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.verdict_text import describe, local_time
from shared.decisions import AttendeeState, Holding, Outcome, Reason, ScanKind, Verdict

# As the change feed hands them out (UTC), the calendar's first and last days as often as the rest: there a
# zone's clock runs off the calendar.
SYNCED = st.one_of(*(st.datetimes(min_value=low, max_value=high, timezones=st.just(dt.UTC)) for low, high in (
    (dt.datetime(1, 1, 1), dt.datetime(1, 1, 2)), (dt.datetime(9999, 12, 30), dt.datetime(9999, 12, 31, 23, 59, 59)),
    (dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59)))))
ZONES = st.sampled_from(sorted(zoneinfo.available_timezones()) + ["Not/AZone"])


def already_in(at: dt.datetime) -> Verdict:
    attendee = AttendeeState(access_code="ADA12345", name="Ada Lovelace", company="", ticket_type="",
                             order_status="paid",
                             last_check_in_at=at, last_check_in_station="Door B", inside=True)
    return Verdict(Outcome.WARN, Reason.ALREADY_CHECKED_IN, attendee)


@given(moment=SYNCED, timezone=ZONES, seconds=st.booleans())
def test_any_synced_time_reads_in_any_zone(moment, timezone, seconds):
    assert local_time(moment, timezone, seconds=seconds)
    assert describe(already_in(moment), kind=ScanKind.CHECK_IN, timezone=timezone).headline.startswith(
        "Already checked in at ")


def test_the_calendars_edges_read_in_utc_with_their_year():
    today = dt.date(2026, 12, 7)
    assert local_time(dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC), "Europe/Berlin", today=today) == \
        "Fri 31 Dec 9999 23:59 UTC"
    assert local_time(dt.datetime(1, 1, 1, tzinfo=dt.UTC), "America/New_York", today=today) == \
        "Mon 01 Jan 0001 00:00 UTC"
    assert describe(already_in(dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)), kind=ScanKind.CHECK_IN,
                    timezone="Europe/Berlin").headline == "Already checked in at Fri 31 Dec 9999 23:59 UTC, Door B"


def test_the_words_come_from_the_one_catalogue_in_the_stations_language():
    lunch = Holding("addon", 7, "Mittagessen", quantity=2, redeemed=0, line_item_id=3)
    ada = AttendeeState(access_code="ADA12345", name="Ada Lovelace", company="", ticket_type="Standard",
                        order_status="paid", holdings=(lunch,))
    redeemed = describe(Verdict(Outcome.ACCEPT, Reason.OK, ada, lunch), kind=ScanKind.REDEMPTION, language="de")
    assert redeemed.headline == "Mittagessen eingelöst: 1 von 2 übrig"
    assert redeemed.addons == ("Mittagessen: 1 von 2 übrig",)
    refused = describe(Verdict(Outcome.REFUSE, Reason.NOT_FOUND), kind=ScanKind.CHECK_IN, language="fr")
    assert (refused.headline, refused.detail) == ("Badge inconnu", "Cherchez par nom, ou envoyez la personne à l’accueil.")
    # A language not shipped falls back to English; English reads as the source.
    assert describe(Verdict(Outcome.REFUSE, Reason.UNPAID), kind=ScanKind.CHECK_IN, language="ja").headline == "Not paid"


def test_a_zones_figure_and_alarms_read_in_the_stations_language():
    from shared.verdict_words import VerdictWords

    german = VerdictWords("de")
    assert german.zone_figure("Raum A", 287, 300, estimate=True, as_of="10:42") == "Raum A: ≈ 287 von 300, Stand 10:42"
    assert german.zone_refusing(german.zone_full_at("Raum A", 300, 300)) == \
        "Raum A voll: 300 von 300; kein Einlass, bis jemand geht"
    assert [german.figure_age(n) for n in (1, 12)] == ["(Zahl 1 Minute alt)", "(Zahl 12 Minuten alt)"]
    assert VerdictWords("en").zone_figure("Room A", 287, 0) == "Room A: 287 inside"
