"""The console's times: any stored moment renders in any conference's zone (pages and exports)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from hypothesis import given
from hypothesis import strategies as st

from server.conferences.local_time import in_conference_time, short_local_time

# The database hands every time back in UTC; the calendar's first and last days are where a zone's clock
# runs off it, so they are drawn as often as the rest.
STORED = st.one_of(*(st.datetimes(min_value=low, max_value=high, timezones=st.just(dt.UTC)) for low, high in (
    (dt.datetime(1, 1, 1), dt.datetime(1, 1, 2)), (dt.datetime(9999, 12, 30), dt.datetime(9999, 12, 31, 23, 59, 59)),
    (dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59)))))
ZONES = st.sampled_from(sorted(zoneinfo.available_timezones()) + ["Not/AZone"])


@given(moment=STORED, timezone=ZONES)
def test_any_stored_time_renders_in_any_zone(moment, timezone):
    long, short = in_conference_time(moment, timezone), short_local_time(moment, timezone)
    assert long[:4].isdigit() and len(long) >= len("0001-01-01 00:00:00 UTC") - 2
    assert short


def test_the_calendars_edges_read_in_utc_with_their_year():
    now = dt.datetime(2026, 12, 7, 17, 0, tzinfo=dt.UTC)
    end, start = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC), dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    assert in_conference_time(end, "Europe/Berlin") == "9999-12-31 23:59:59 UTC"
    assert in_conference_time(start, "America/New_York") == "0001-01-01 00:00:00 UTC"
    assert short_local_time(end, "Europe/Berlin", now) == "Fri 31 Dec 9999 23:59 UTC"
    assert short_local_time(start, "America/New_York", now) == "Mon 01 Jan 0001 00:00 UTC"
    assert short_local_time(dt.datetime(2026, 5, 4, 7, 14, tzinfo=dt.UTC), "Europe/Berlin", now) == "Mon 04 May 09:14"
    assert short_local_time(dt.datetime(2025, 5, 4, 7, 14, tzinfo=dt.UTC), "Europe/Berlin", now) == \
        "Sun 04 May 2025 09:14"
