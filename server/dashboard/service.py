"""The live dashboard of one conference: one snapshot, built from the named queries, in its time zone.

Everything a door lead looks at during the event, taken at one moment: checked in against expected,
inside now (from exit scans), entries per 5 minutes for the last hours, each station's last 10
minutes, redemptions per product, open conflicts, and the fleet (online, silent, alerts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from server.conferences.local_time import conference_zone, in_zone
from server.conferences.models import Conference
from server.dashboard import repository
from server.dashboard.repository import Attendance, ProductRedemptions
from server.db.base import utcnow
from server.dashboard.flow import Flow, flow
from server.devices.service import FleetDevice, fleet
from server.zones.service import ZoneFigure, figures

BUCKET = dt.timedelta(minutes=5)
CHART_SPAN = dt.timedelta(hours=3)  # 36 bars: the morning rush fits, and a bar stays wide enough to read
STATION_WINDOW = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class EntriesBucket:
    starts_at: dt.datetime  # in the conference's time zone
    entries: int


@dataclass(frozen=True)
class StationRow:
    station: str
    scans: int  # in the last 10 minutes
    refused: int
    last_scan_at: dt.datetime | None  # in the conference's time zone

    @property
    def refused_share(self) -> float | None:
        return self.refused / self.scans if self.scans else None


@dataclass(frozen=True)
class DashboardSnapshot:
    conference_name: str
    timezone: str
    taken_at: dt.datetime  # in the conference's time zone
    attendance: Attendance
    entries: tuple[EntriesBucket, ...]  # oldest first, CHART_SPAN / BUCKET of them
    stations: tuple[StationRow, ...]
    redemptions: tuple[ProductRedemptions, ...]
    open_conflicts: int
    devices: tuple[FleetDevice, ...]  # revoked ones left out
    zones: tuple[ZoneFigure, ...] = ()  # parents first, each with who is inside and its alarm
    flow: Flow | None = None  # the doors' last 15 minutes and the people still to come

    @property
    def devices_online(self) -> int:
        return sum(1 for d in self.devices if d.online)

    @property
    def devices_offline(self) -> int:
        return sum(1 for d in self.devices if d.state == "silent")

    @property
    def alerts(self) -> tuple[tuple[FleetDevice, str], ...]:
        return tuple((device, alert) for device in self.devices for alert in device.alerts)


def snapshot(session: Session, conference: Conference, now: dt.datetime | None = None) -> DashboardSnapshot:
    """The dashboard at ``now`` (the server's clock by default)."""
    now = now or utcnow()
    zone = conference_zone(conference.timezone)
    bucket_s = int(BUCKET.total_seconds())
    chart_end = dt.datetime.fromtimestamp((int(now.timestamp()) // bucket_s + 1) * bucket_s, dt.UTC)
    chart_start = chart_end - CHART_SPAN
    counts = repository.entries_per_bucket(session, conference.id, chart_start, chart_end, bucket_s)
    entries = tuple(EntriesBucket(in_zone(chart_start + n * BUCKET, zone), counts.get(n, 0))
                    for n in range(int(CHART_SPAN / BUCKET)))
    stations = tuple(
        StationRow(row.station, row.scans, row.refused, in_zone(row.last_scan_at, zone) if row.last_scan_at else None)
        for row in repository.station_activity(session, conference.id, now - STATION_WINDOW))
    devices = tuple(d for d in fleet(session, conference, now) if d.state != "revoked")
    attendance = repository.attendance(session, conference.id)
    return DashboardSnapshot(
        conference_name=conference.name, timezone=zone.key, taken_at=in_zone(now, zone),
        attendance=attendance, entries=entries, stations=stations,
        zones=tuple(figures(session, conference.id)),
        flow=flow(session, conference.id, attendance.expected - attendance.checked_in, now),
        redemptions=tuple(repository.redemptions_per_product(session, conference.id)),
        open_conflicts=repository.open_conflicts(session, conference.id), devices=devices)
