"""Entries per 5 minutes as an inline SVG bar chart's geometry: drawn by the server, readable without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass

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


def entries_chart(buckets: tuple[EntriesBucket, ...]) -> EntriesChart:
    peak = max((b.entries for b in buckets), default=0)
    slot = (WIDTH - LEFT) / max(len(buckets), 1)
    usable = HEIGHT - BOTTOM - TOP
    bars, hours = [], []
    for n, bucket in enumerate(buckets):
        height = usable * bucket.entries / peak if peak else 0
        x = LEFT + n * slot
        end = buckets[n + 1].starts_at if n + 1 < len(buckets) else None
        span = f"{bucket.starts_at:%H:%M}–{end:%H:%M}" if end else f"from {bucket.starts_at:%H:%M}"
        bars.append(Bar(round(x + 1, 1), round(HEIGHT - BOTTOM - height, 1), round(slot - 2, 1), round(height, 1),
                        f"{span}: {bucket.entries} entr{'y' if bucket.entries == 1 else 'ies'}"))
        if bucket.starts_at.minute == 0:
            hours.append(Tick(round(x, 1), f"{bucket.starts_at:%H:%M}"))
    if buckets:
        busiest = max(buckets, key=lambda b: b.entries)
        summary = (f"Entries per 5 minutes from {buckets[0].starts_at:%H:%M} to now: "
                   + (f"{sum(b.entries for b in buckets)} in all, the most ({peak}) from {busiest.starts_at:%H:%M}."
                      if peak else "none."))
    else:
        summary = "No entries."
    return EntriesChart(tuple(bars), tuple(hours), peak, summary)
