"""Times on console pages, in the conference's time zone (registered as the Jinja filter ``local_time``)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.web.console import templates


def local_time(value: dt.datetime | None, timezone: str, now: dt.datetime | None = None) -> str:
    """"09:14:05" today, "Tue 10 Jun 09:14" another day, "—" for no time at all."""
    if value is None:
        return "—"
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = value.astimezone(zone)
    today = (now or dt.datetime.now(dt.UTC)).astimezone(zone).date()
    return f"{local:%H:%M:%S}" if local.date() == today else f"{local:%a %d %b %H:%M}"


templates.env.filters["local_time"] = local_time
