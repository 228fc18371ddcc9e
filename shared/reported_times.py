"""Which times the server takes from a kiosk: a window around the server's own clock.

A kiosk stamps every scan and health report with its own clock. A clock that is wrong (a dead
battery back in 2000, a year typed as 9999, a fuzzer) would otherwise land in the record as a
check-in "at" that time, and one at the calendar's edge cannot even be shown in the conference's
zone. So a time is taken only from ``PAST`` before the server's clock to ``FUTURE`` after it:

- ``PAST`` (366 days): a kiosk that stayed offline keeps its scans until it syncs; a year covers
  a kiosk put away after one edition and switched on at the next.
- ``FUTURE`` (1 day): a kiosk whose clock is set in the wrong zone is off by up to 14 hours, and
  its scans are still real scans, worth keeping with the time it gave; nothing that happened can
  be more than a day ahead of the server.

The window is far inside the calendar, so every time it lets in converts to every zone.
"""

from __future__ import annotations

import datetime as dt

PAST = dt.timedelta(days=366)
FUTURE = dt.timedelta(days=1)


def refusal(moment: dt.datetime, now: dt.datetime) -> str:
    """Why ``moment`` is not taken when the server's clock reads ``now``; "" when it is."""
    try:
        at = moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return f"{moment.isoformat()} cannot be expressed in UTC"
    said = f"{at.replace(tzinfo=None).isoformat(' ', 'seconds')} UTC"
    if at < now - PAST:
        return (f"{said} is more than {PAST.days} days before the server's clock "
                f"({now:%Y-%m-%d %H:%M} UTC): is the kiosk's clock right?")
    if at > now + FUTURE:
        return (f"{said} is more than {FUTURE.days} day after the server's clock "
                f"({now:%Y-%m-%d %H:%M} UTC): is the kiosk's clock right?")
    return ""
