"""A moment as the conference's people read it: in its time zone, labelled with the zone.

One place for the console's pages and its exports, so a time reads the same everywhere
("2026-05-01 09:14:05 CEST"); a zone the system does not know falls back to UTC, labelled so.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def conference_zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def in_conference_time(moment: dt.datetime | None, timezone: str) -> str:
    """"2026-05-01 09:14:05 CEST"; "" for no moment."""
    if moment is None:
        return ""
    return moment.astimezone(conference_zone(timezone)).strftime("%Y-%m-%d %H:%M:%S %Z")


def short_local_time(moment: dt.datetime | None, timezone: str, now: dt.datetime | None = None) -> str:
    """For a live page: "09:14:05" today, "Tue 10 Jun 09:14" another day, "—" for no time at all."""
    if moment is None:
        return "—"
    zone = conference_zone(timezone)
    local = moment.astimezone(zone)
    today = (now or dt.datetime.now(dt.UTC)).astimezone(zone).date()
    return f"{local:%H:%M:%S}" if local.date() == today else f"{local:%a %d %b %H:%M}"
