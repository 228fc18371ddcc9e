"""The zones as this kiosk knows them: the server's count at the last sync plus the kiosk's own scans since.

Offline, a door of a 300-seat room still has to say whether the room is full. It reads
"≈ 287 of 300, as of 10:42": the figure the server sent at 10:42 (the last sync that went through),
moved by every scan of this kiosk still waiting to upload, each as a pass through its door
(``shared.zone_moves.door_changes``). Other kiosks' scans since are what the "≈" and the time admit.
Once those scans are uploaded, the server's figure counts them and the next sync brings it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.core.cache import get_meta, set_meta
from kiosk.core.verdict_text import numbered
from shared.verdict_words import VerdictWords
from shared.zone_moves import Alarm, AtFull, Zone, ZoneDoor, ZoneMap, ZoneRole, alarm, door_changes
from shared.zones import in_zone

STALE_AFTER = dt.timedelta(minutes=2)  # older than this, a figure near a limit says how old it is


@dataclass(frozen=True)
class ZoneFigure:
    zone: Zone
    inside: int  # the estimate: the synced count and this kiosk's scans since
    as_of: dt.datetime | None  # when the server's count was taken (the last sync that went through)
    own_scans: int  # this kiosk's scans since, counted in ``inside``

    @property
    def alarm(self) -> Alarm | None:
        return alarm(self.inside, self.zone.capacity)

    def age(self, now: dt.datetime) -> dt.timedelta | None:
        return now - self.as_of if self.as_of is not None else None

    def text(self, now: dt.datetime, zone_info: dt.tzinfo, words: VerdictWords | None = None,
             clock: Callable[[dt.datetime], str] | None = None, number: Callable[[int], str] | None = None) -> str:
        """"Room A: 287 of 300", or "Room A: ≈ 287 of 300, as of 10:42" when it is not the server's last
        word (scans since, or a figure gone stale); in the station's language (shared.verdict_words), the time
        written by ``clock`` (the station's language's digits), else as 24-hour digits, the counts by ``number``."""
        words = words or VerdictWords()
        count = numbered(number)
        inside, capacity = count(self.inside), count(self.zone.capacity)
        age = self.age(now)
        if self.own_scans == 0 and age is not None and age <= STALE_AFTER:
            return words.zone_figure(self.zone.name, inside, capacity)
        return words.zone_figure(self.zone.name, inside, capacity, estimate=True,
                                 as_of=_clock_time(in_zone(self.as_of, zone_info), clock) if self.as_of else None)

    def alarm_text(self, now: dt.datetime, words: VerdictWords | None = None,
                   number: Callable[[int], str] | None = None) -> str:
        """What the door shows at 80, 95 and 100 %; near a limit with an old figure, how old it is (counts
        written by ``number``)."""
        words = words or VerdictWords()
        count = numbered(number)
        level = self.alarm
        if level is None:
            return ""
        if level is Alarm.FULL:
            said = words.zone_full_at(self.zone.name, count(self.inside), count(self.zone.capacity))
            if self.zone.at_full is AtFull.REFUSE:
                said = words.zone_refusing(said)
        else:
            said = words.zone_filling(self.zone.name, count(int(level)))
        age = self.age(now)
        if age is None or age > STALE_AFTER or self.own_scans:
            said += " " + words.figure_age(count(max(int(age.total_seconds() // 60), 0)) if age is not None else None)
        return said


def store_zones(connection: sqlite3.Connection, zones: Iterable[Mapping[str, Any]] | None, as_of: dt.datetime) -> None:
    """After a sync round's download (the caller holds the transaction): the zones and counts it brought,
    or, when it brought none (nothing changed on the server), the counts kept are still right as of now."""
    if zones is not None:
        connection.execute("DELETE FROM zones")
        connection.executemany(
            "INSERT INTO zones (id, name, capacity, parent_id, at_full, inside) VALUES (?, ?, ?, ?, ?, ?)",
            [(z["id"], z["name"], z["capacity"], z["parent_id"], z["at_full"], z["inside"]) for z in zones])
    set_meta(connection, "zones_as_of", as_of.isoformat())


def zone_map(connection: sqlite3.Connection) -> ZoneMap:
    return ZoneMap(Zone(r["id"], r["name"], r["capacity"], r["parent_id"], AtFull(r["at_full"]))
                   for r in connection.execute("SELECT * FROM zones"))


def figures(connection: sqlite3.Connection) -> dict[int, ZoneFigure]:
    """Every zone's estimate, by id."""
    zones = zone_map(connection)
    inside = {int(r["id"]): int(r["inside"]) for r in connection.execute("SELECT id, inside FROM zones")}
    own = dict.fromkeys(zones.zones, 0)
    for row in connection.execute(
            "SELECT zone_role, zone_id, to_zone_id FROM outbox WHERE zone_role IS NOT NULL AND set_aside IS NULL "
            "AND kind NOT IN ('failed_scan', 'undo', 'badge_printed')"):
        if row["zone_id"] not in zones.zones:
            continue  # a zone deleted on the server since
        for zone_id, change in door_changes(zones, ZoneDoor(ZoneRole(row["zone_role"]), row["zone_id"],
                                                            row["to_zone_id"])).items():
            inside[zone_id] = inside.get(zone_id, 0) + change
            own[zone_id] += 1
    kept = get_meta(connection, "zones_as_of")
    as_of = dt.datetime.fromisoformat(kept) if kept else None
    return {zone_id: ZoneFigure(zone, max(inside.get(zone_id, 0), 0), as_of, own[zone_id])
            for zone_id, zone in zones.zones.items()}


def door_figures(connection: sqlite3.Connection, door: ZoneDoor | None) -> list[ZoneFigure]:
    """The figures a door shows: the zone it leads into (and, for a transfer, the one it leaves)."""
    if door is None:
        return []
    every = figures(connection)
    shown = [door.to_zone_id] if door.role is ZoneRole.TRANSFER else []
    shown.append(door.zone_id)
    return [every[z] for z in shown if z is not None and z in every]


@dataclass(frozen=True)
class DoorChoice:
    """A zone role a station can be set up with, in words ("Entry of Room A"; English, the set-up screen words
    it in the station's language from ``door.role`` and the zones' names)."""

    label: str
    door: ZoneDoor
    zone: str = ""
    to_zone: str = ""  # a transfer's


def door_choices(connection: sqlite3.Connection) -> list[DoorChoice]:
    """Entry and exit of every zone, and a transfer between any two zones of the same hall (or venue)."""
    zones = zone_map(connection)
    ordered = sorted(zones.zones.values(), key=lambda z: tuple(zones.zones[p].name for p in zones.path(z.id)))
    choices = []
    for zone in ordered:
        choices.append(DoorChoice(f"Entry of {zone.name}", ZoneDoor(ZoneRole.ENTRY, zone.id), zone.name))
        choices.append(DoorChoice(f"Exit of {zone.name}", ZoneDoor(ZoneRole.EXIT, zone.id), zone.name))
    for zone in ordered:
        for other in ordered:
            if other.id != zone.id and other.parent_id == zone.parent_id:
                choices.append(DoorChoice(f"Transfer from {zone.name} into {other.name}",
                                          ZoneDoor(ZoneRole.TRANSFER, zone.id, other.id), zone.name, other.name))
    return choices


def _clock_time(local: dt.datetime, clock: Callable[[dt.datetime], str] | None) -> str:
    return clock(local) if clock else local.strftime("%H:%M")
