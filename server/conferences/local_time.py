"""A moment as the conference's people read it: in its time zone, labelled with the zone.

One function for the console's pages and its exports, so a time reads the same everywhere
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
