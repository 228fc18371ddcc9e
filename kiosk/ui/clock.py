"""Times on the kiosk as the station's language writes them (its digits, its day names), in the conference's zone.

Shaped like ``kiosk.core.verdict_text.local_time`` (the English one): "09:14 CEST" today, "Mon 4 May 09:14 CEST"
on another day this year (with the month, as the console's short form), the year added on another year's. The
language is Qt's default locale, which ``kiosk.ui.language.speak`` sets; the zone's abbreviation is the time zone
database's.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QTime

from shared.zones import conference_zone, in_zone


def station_time(moment: dt.datetime, timezone: str, *, today: dt.date | None = None, seconds: bool = False) -> str:
    """``moment`` in the conference's ``timezone``, written in the station's language. Never raises."""
    zone = conference_zone(timezone)
    local = in_zone(moment, zone)
    today = today or dt.datetime.now(zone).date()
    locale = QLocale()
    clock = f"{clock_time(local, seconds=seconds)} {local.strftime('%Z')}"
    if local.date() == today:
        return clock
    day = QDate(local.year, local.month, local.day)
    pattern = "ddd d MMM" if local.year == today.year else "ddd d MMM yyyy"
    return f"{locale.toString(day, pattern)} {clock}"


def clock_time(local: dt.datetime, *, seconds: bool = False) -> str:
    """The wall-clock time of an already local ``local``: "09:14", "٠٩:١٤" in Arabic."""
    return QLocale().toString(QTime(local.hour, local.minute, local.second), "HH:mm:ss" if seconds else "HH:mm")


def station_number(value: int) -> str:
    """A count in the station's language: 1,234 / 1.234 / ١٬٢٣٤."""
    return QLocale().toString(value)
