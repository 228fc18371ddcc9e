"""Times as organizers type them: on the wall clock of the conference's venue, stored in UTC.

A sale window typed as "2026-05-01 09:00" for a conference in New York means 09:00 in New York
(13:00 UTC), whether it came from the console's ``datetime-local`` field (which carries no zone)
or from the command line. Reading it as UTC would move every window by the zone's offset.
A time that names its own offset (``…T09:00+02:00``) means that moment, wherever it was typed.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.errors import InvalidInput
from shared.zones import in_zone

# What a <input type="datetime-local"> shows and sends, to the minute.
INPUT_FORMAT = "%Y-%m-%dT%H:%M"
# The years a typed time may fall in: a sale window or a voucher's validity in year 1 or 9999 is a slip
# of the keyboard, and one that close to the calendar's ends cannot even be moved to another zone.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099


def venue_zone(timezone: str) -> ZoneInfo:
    """The conference's zone; an unknown name is refused (a window placed in a guessed zone is wrong)."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"Unknown time zone '{timezone}' (use an IANA name such as Europe/Berlin).") from None


def from_venue_time(text: str | None, timezone: str, *, what: str = "time") -> dt.datetime | None:
    """The UTC moment of ``text`` (ISO 8601) read on the venue's clock; ``None`` for an empty field.

    A wall-clock time that the venue's clocks skip (the hour lost when summer time starts) is
    refused rather than moved: the organizer should say which moment they mean. One that happens
    twice (the hour repeated in autumn) is its first occurrence.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"The {what} '{text}' is not a date and time (for example 2026-05-01T09:00).") from None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise InvalidInput(f"The {what} {parsed:%Y-%m-%d %H:%M} is not between the years {EARLIEST_YEAR} and "
                           f"{LATEST_YEAR}: check the year.")
    if parsed.tzinfo is not None:
        return parsed.astimezone(dt.UTC)
    zone = venue_zone(timezone)
    local = parsed.replace(tzinfo=zone)
    if local.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != parsed:
        raise InvalidInput(f"The {what} {parsed:%Y-%m-%d %H:%M} does not exist in {timezone}: the clocks skip "
                           "that hour when summer time starts. Choose a time outside it.")
    return local.astimezone(dt.UTC)


def to_venue_input(moment: dt.datetime | None, timezone: str) -> str:
    """The value for a ``datetime-local`` field: ``moment`` on the venue's clock ("" for none)."""
    if moment is None:
        return ""
    return in_zone(moment, venue_zone(timezone)).strftime(INPUT_FORMAT)


def in_venue_words(moment: dt.datetime | None, timezone: str) -> str:
    """"2026-05-01 09:00 EDT" for a page; "" for none."""
    if moment is None:
        return ""
    return in_zone(moment, venue_zone(timezone)).strftime("%Y-%m-%d %H:%M %Z")
