"""Entries per 5 minutes as an inline SVG bar chart's geometry: drawn by the server, readable without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from gettext import NullTranslations

from server.dashboard.service import EntriesBucket

WIDTH, HEIGHT = 720, 200  # the viewBox; the SVG scales to its box
LEFT, BOTTOM, TOP = 40, 24, 12  # room for the y labels, the hour labels, the top value


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "10:05–10:10: 42 entries", the bar's tooltip and accessible name


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class EntriesChart:
    bars: tuple[Bar, ...]
    hours: tuple[Tick, ...]  # an "HH:00" label under each full hour
    peak: int
    summary: str  # what a screen reader says of the whole chart
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: int = HEIGHT - BOTTOM
    top: int = TOP


def entries_chart(buckets: tuple[EntriesBucket, ...], words: NullTranslations | None = None) -> EntriesChart:
    """The chart's geometry, its tooltips and summary worded by ``words`` (the page's catalogue; English by default)."""
    words = words or NullTranslations()
    peak = max((b.entries for b in buckets), default=0)
    slot = (WIDTH - LEFT) / max(len(buckets), 1)
    usable = HEIGHT - BOTTOM - TOP
    bars, hours = [], []
    for n, bucket in enumerate(buckets):
        height = usable * bucket.entries / peak if peak else 0
        x = LEFT + n * slot
        end = buckets[n + 1].starts_at if n + 1 < len(buckets) else None
        parts = {"start": f"{bucket.starts_at:%H:%M}", "end": f"{end:%H:%M}" if end else "", "count": bucket.entries}
        label = (words.ngettext("%(start)s–%(end)s: %(count)s entry", "%(start)s–%(end)s: %(count)s entries",
                                bucket.entries) if end else
                 words.ngettext("from %(start)s: %(count)s entry", "from %(start)s: %(count)s entries", bucket.entries))
        bars.append(Bar(round(x + 1, 1), round(HEIGHT - BOTTOM - height, 1), round(slot - 2, 1), round(height, 1),
                        label % parts))
        if bucket.starts_at.minute == 0:
            hours.append(Tick(round(x, 1), f"{bucket.starts_at:%H:%M}"))
    if buckets:
        busiest = max(buckets, key=lambda b: b.entries)
        start = f"{buckets[0].starts_at:%H:%M}"
        summary = (words.gettext("Entries per 5 minutes from %(start)s to now: %(total)s in all, the most (%(peak)s) "
                                 "from %(busiest)s.") % {"start": start, "total": sum(b.entries for b in buckets),
                                                         "peak": peak, "busiest": f"{busiest.starts_at:%H:%M}"}
                   if peak else words.gettext("Entries per 5 minutes from %(start)s to now: none.") % {"start": start})
    else:
        summary = words.gettext("No entries.")
    return EntriesChart(tuple(bars), tuple(hours), peak, summary)
