"""Two exports replayed from the uploaded scans in the order they happened: each zone's occupancy per
5 minutes, and each door's throughput per 5 minutes.

The scans are read a page at a time (each page its own transaction, as every export); what the replay
has counted so far travels from page to page in the key, so a conference of 500,000 scans streams
without holding them all. Occupancy follows ``shared.zone_moves`` (the latest move wins, the rooms'
people counted in their hall and venue) and each zone's nightly reset, as the server's counts do.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from server.conferences.local_time import in_conference_time
from server.exports import repository
from server.zones.service import door_of, reset_moments, zone_map
from shared.zone_moves import NOWHERE, Whereabouts, ZoneMap

BUCKET = dt.timedelta(minutes=5)
PAGE = 5000
OCCUPANCY_HEADER = ("From", "From (UTC)", "Zone", "Inside at the end", "Capacity", "Share of capacity")
THROUGHPUT_HEADER = ("From", "From (UTC)", "Door", "Admitted", "Exits", "Refused")


def _bucket(moment: dt.datetime) -> dt.datetime:
    seconds = int(BUCKET.total_seconds())
    return dt.datetime.fromtimestamp(int(moment.timestamp()) // seconds * seconds, dt.UTC)


@dataclass
class _Replay:
    """What the occupancy export has counted so far (the key from page to page)."""

    zones: ZoneMap
    timezone: str
    after: tuple[dt.datetime, int] | None = None
    bucket: dt.datetime | None = None  # the 5 minutes being counted
    where: dict[int, Whereabouts] = field(default_factory=dict)
    at_zone: Counter[int] = field(default_factory=Counter)
    resets: list[tuple[dt.datetime, int]] = field(default_factory=list)  # (moment, zone), the next first
    finished: bool = False

    def move(self, attendee_id: int, after: Whereabouts) -> None:
        before = self.where.get(attendee_id, NOWHERE)
        if before.zone_id != after.zone_id:
            self.at_zone[before.zone_id or 0] -= 1
            self.at_zone[after.zone_id or 0] += 1
        self.where[attendee_id] = after

    def reset_until(self, moment: dt.datetime) -> None:
        while self.resets and self.resets[0][0] <= moment:
            at, zone_id = self.resets.pop(0)
            parent = self.zones.zones[zone_id].parent_id
            for attendee_id, where in list(self.where.items()):
                if zone_id in self.zones.path(where.zone_id):
                    self.move(attendee_id, Whereabouts(at, parent))

    def rows_until(self, moment: dt.datetime | None) -> list[tuple]:
        """The rows of every 5 minutes that ended by ``moment`` (None: the last one too)."""
        rows: list[tuple] = []
        while self.bucket is not None and (moment is None or self.bucket + BUCKET <= moment):
            self.reset_until(self.bucket + BUCKET)
            inside = self.zones.occupancy({z: n for z, n in self.at_zone.items() if z})
            for zone_id, zone in sorted(self.zones.zones.items(), key=lambda item: self.zones.path(item[0])):
                share = f"{100 * inside[zone_id] / zone.capacity:.0f} %" if zone.capacity else ""
                rows.append((in_conference_time(self.bucket, self.timezone), self.bucket.isoformat(), zone.name,
                             inside[zone_id], zone.capacity or "", share))
            self.bucket = self.bucket + BUCKET if moment is not None else None
        return rows


def occupancy_page(session: Session, scope: Any, after: _Replay | None) -> tuple[list[tuple], _Replay | None]:
    """The next rows (the export stops at a page without any: scans are read until there are rows)."""
    if after is None:
        after = _Replay(zone_map(session, scope.conference_id), scope.timezone)
        if not after.zones.zones:
            return [], None
    rows: list[tuple] = []
    while not rows:
        if after.finished:
            return [], None
        scans = repository.scans_in_time_order(session, scope.conference_id, after.after, PAGE, moved_zones=True)
        if after.bucket is None and scans:
            after.bucket = _bucket(scans[0].occurred_at)
            # Every nightly reset from the first scan on, a day past the last (the page holds the first
            # PAGE scans only: a month covers any conference).
            after.resets = reset_moments(session, scope.conference_id, after.bucket,
                                         after.bucket + dt.timedelta(days=31))
        for scan in scans:
            rows += after.rows_until(_bucket(scan.occurred_at))
            after.reset_until(scan.occurred_at)
            door = door_of(scan.zone_role, scan.zone_id, scan.to_zone_id)
            if door is not None and door.zone_id in after.zones.zones:
                after.move(scan.attendee_id, after.zones.moved(after.where.get(scan.attendee_id, NOWHERE), door,
                                                               scan.occurred_at))
            after.after = (scan.occurred_at, scan.id)
        if len(scans) < PAGE:  # the last page: the 5 minutes under way too
            rows += after.rows_until(None)
            after.finished = True
    return rows, after


@dataclass
class _Doors:
    after: tuple[dt.datetime, int] | None = None
    bucket: dt.datetime | None = None
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    done: bool = False


def _door_rows(state: _Doors, timezone: str) -> list[tuple]:
    assert state.bucket is not None
    return [(in_conference_time(state.bucket, timezone), state.bucket.isoformat(), station or "(no name)",
             counts["check_in"] + counts["door_check"], counts["exit"], counts["failed_scan"])
            for station, counts in sorted(state.counts.items())]


def throughput_page(session: Session, scope: Any, after: _Doors | None) -> tuple[list[tuple], _Doors | None]:
    """The next rows: each door's admissions, exits and refusals per 5 minutes that had any."""
    state = after or _Doors()
    rows: list[tuple] = []
    while not rows:
        if state.done:
            return [], None
        scans = repository.scans_in_time_order(session, scope.conference_id, state.after, PAGE, moved_zones=False)
        for scan in scans:
            bucket = _bucket(scan.occurred_at)
            if state.bucket is not None and bucket != state.bucket:
                rows += _door_rows(state, scope.timezone)
                state.counts = defaultdict(Counter)
            state.bucket = bucket
            state.counts[scan.station][scan.kind] += 1
            state.after = (scan.occurred_at, scan.id)
        if len(scans) < PAGE:
            if state.bucket is not None:
                rows += _door_rows(state, scope.timezone)
            state.done = True
    return rows, state
