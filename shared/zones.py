"""A moment on a conference's wall clock, for every screen, page and export that shows one.

Total: whatever time is stored or synced, converting it never raises. A moment at the very edge of
the calendar (0001-01-01 00:00 UTC is still 31 December of year 0 in New York; 9999-12-31 23:00 UTC
is already year 10000 in Berlin) cannot be shown on a zone's clock; it stays in UTC, labelled "UTC",
so the page still says what was recorded. Only a broken kiosk clock or an older server (which took
any time) produces such a moment: the server refuses them now (``shared.reported_times``).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = ZoneInfo("UTC")


def conference_zone(timezone: str) -> ZoneInfo:
    """The zone named ``timezone``; UTC for a name this system does not know (labelled so wherever shown)."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def in_zone(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``moment`` on ``zone``'s clock, or in UTC where that clock runs off the calendar (years 1 and 9999)."""
    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError):
        pass
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # an offset of its own that UTC cannot hold either: as it was given
        return moment
