"""A device's alerts in words, defined once for the console's devices page and dashboard (and the API's
English): "Silent for 12 min.", "3 scans waiting to upload, the oldest for 1 h 05 min."."""

from __future__ import annotations

import datetime as dt

from shared.languages import N_
from shared.phrases import Phrase, ngettext, phrase


def span(length: dt.timedelta) -> Phrase:
    """"12 min", "1 h 05 min"."""
    minutes = int(length.total_seconds() // 60)
    if minutes < 60:
        return phrase(N_("%(minutes)s min"), minutes=minutes)
    return phrase(N_("%(hours)s h %(minutes)s min"), hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def never_heard_from() -> Phrase:
    return phrase(N_("Never heard from."))


def silent_for(length: dt.timedelta) -> Phrase:
    return phrase(N_("Silent for %(span)s."), span=span(length))


def scans_waiting(count: int, oldest_for: dt.timedelta) -> Phrase:
    return ngettext("%(count)s scan waiting to upload, the oldest for %(span)s.",
                    "%(count)s scans waiting to upload, the oldest for %(span)s.", count, span=span(oldest_for))
