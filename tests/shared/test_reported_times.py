"""The window of times the server takes from a kiosk, and the one conversion every screen uses."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from shared.reported_times import FUTURE, PAST, refusal
from shared.zones import UTC, conference_zone, in_zone

# The calendar's first and last days as often as the rest: there a zone's clock runs off the calendar.
ANY_MOMENT = st.one_of(*(st.datetimes(min_value=low, max_value=high, timezones=st.timezones()) for low, high in (
    (dt.datetime(1, 1, 1), dt.datetime(1, 1, 2)), (dt.datetime(9999, 12, 30), dt.datetime(9999, 12, 31, 23, 59, 59)),
    (dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59)))))
SERVER_CLOCKS = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2100, 1, 1),
                             timezones=st.just(UTC))
ZONES = st.sampled_from(sorted(zoneinfo.available_timezones()))


@given(moment=ANY_MOMENT, now=SERVER_CLOCKS)
def test_a_time_is_taken_exactly_inside_the_window_and_then_reads_on_every_clock(moment, now):
    try:
        at = moment.astimezone(dt.UTC)
    except OverflowError:
        assert refusal(moment, now).endswith("cannot be expressed in UTC")
        return
    inside = now - PAST <= at <= now + FUTURE
    assert (refusal(moment, now) == "") is inside
    if inside:
        for name in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York", "Europe/Berlin"):
            zone = conference_zone(name)
            assert in_zone(moment, zone).tzinfo is zone and in_zone(moment, zone) - moment == dt.timedelta(0)


@given(moment=ANY_MOMENT, zone=ZONES)
def test_any_moment_converts_to_any_zone_without_raising_and_stays_the_same_moment(moment, zone):
    local = in_zone(moment, conference_zone(zone))
    assert local.utcoffset() is not None
    assert local - moment == dt.timedelta(0)  # not ==: PEP 495 makes a time in a fold unequal across zones


def test_the_calendars_edges_stay_in_utc_where_a_zone_cannot_show_them():
    end, start = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC), dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    assert in_zone(end, conference_zone("Europe/Berlin")).tzinfo is UTC
    assert in_zone(start, conference_zone("America/New_York")).tzinfo is UTC
    assert in_zone(end, conference_zone("America/New_York")).tzname() == "EST"  # still year 9999 there
    assert conference_zone("Not/AZone") is UTC


def test_the_reason_says_which_way_and_asks_about_the_clock():
    now = dt.datetime(2026, 12, 7, 17, 0, tzinfo=dt.UTC)
    assert refusal(dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC), now) == (
        "9999-12-31 23:59:59 UTC is more than 1 day after the server's clock (2026-12-07 17:00 UTC): "
        "is the kiosk's clock right?")
    assert refusal(dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5))), now) == (
        "0001-01-01 05:00:00 UTC is more than 366 days before the server's clock (2026-12-07 17:00 UTC): "
        "is the kiosk's clock right?")
    assert refusal(now - PAST, now) == refusal(now + FUTURE, now) == ""


def test_every_conversion_to_a_zone_goes_through_the_one_total_function():
    """A stored or synced time is shown through ``shared.zones.in_zone`` only: a bare ``astimezone(zone)``
    somewhere else is a page that a year-9999 scan can break again."""
    root = Path(__file__).resolve().parents[2]
    bare = re.compile(r"\.astimezone\((?!dt\.UTC\)|UTC\))")
    allowed = {
        "shared/zones.py",  # the one function
        # Parsing what an organizer typed (a round trip on the venue's clock): bounded by the console's
        # form fields, not a stored time.
        "server/conferences/time_entry.py",
    }
    found = [f"{path.relative_to(root)}:{number}: {line.strip()}"
             for package in ("server", "kiosk", "shared", "doorstation")
             for path in sorted((root / package).rglob("*.py"))
             if str(path.relative_to(root)) not in allowed
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if bare.search(line)]
    assert found == []
