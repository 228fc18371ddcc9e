"""A moment as the conference's people read it: in its time zone, labelled with the zone.

One place for the console's pages and its exports, so a time reads the same everywhere
("2026-05-01 09:14:05 CEST"); a zone the system does not know falls back to UTC, labelled so.
Total: any stored time renders (``shared.zones``), even one an older server took from a broken
kiosk clock at the calendar's edge, which then reads in UTC.
"""

from __future__ import annotations

import datetime as dt

from shared.zones import conference_zone, in_zone

__all__ = ["conference_zone", "in_conference_time", "in_zone", "short_local_time"]


def in_conference_time(moment: dt.datetime | None, timezone: str) -> str:
    """"2026-05-01 09:14:05 CEST"; "" for no moment."""
    if moment is None:
        return ""
    local = in_zone(moment, conference_zone(timezone))
    return f"{local.year:04d}-{local:%m-%d %H:%M:%S %Z}"  # %Y gives "1", not "0001", on Linux


def short_local_time(moment: dt.datetime | None, timezone: str, now: dt.datetime | None = None) -> str:
    """For a live page: "09:14:05" today, "Tue 10 Jun 09:14" another day, "—" for no time at all."""
    if moment is None:
        return "—"
    zone = conference_zone(timezone)
    local = in_zone(moment, zone)
    today = in_zone(now or dt.datetime.now(dt.UTC), zone).date()
    if local.date() == today:
        return f"{local:%H:%M:%S}"
    # Another year reads with its year (and a moment left in UTC says so): "Fri 31 Dec 9999 23:59 UTC".
    if local.year != today.year:
        return f"{local:%a %d %b} {local.year:04d} {local:%H:%M}" + ("" if local.tzinfo is zone else f" {local:%Z}")
    return f"{local:%a %d %b %H:%M}"
