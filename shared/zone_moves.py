"""Who is inside which room: the moves a door scan makes between zones, and what a zone's count is.

The one rule of whereabouts, shared by the kiosk (its scan decision, its offline estimate) and the
server (its ingest, its running counts). Pure: plain data in, plain data out.

Zones nest (the venue holds halls, a hall holds rooms). A person is *at* one zone, the deepest one
they are in, or nowhere (outside); they are inside that zone and every zone above it. So entering a
room leaves the room they were in: a person is inside at most one room of a hall. A station is the
entry or exit of one zone, or a transfer from one zone into another:

- entry of Z: at Z;
- exit of Z: at Z's parent (outside, for the venue);
- transfer A → B: at B.

The latest move wins. Whereabouts are ordered by (moment, zone), and folding a move keeps the larger
of the two: the same place whatever order offline kiosks' scans arrive in (a max is commutative).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from shared.verdict_words import VerdictWords


class ZoneRole(enum.StrEnum):
    """What a station is to its zone (chosen at the kiosk's set-up)."""

    ENTRY = "entry"
    EXIT = "exit"
    TRANSFER = "transfer"


class AtFull(enum.StrEnum):
    """What a zone's doors do once it holds its capacity."""

    WARN = "warn"  # let in, and say "Room full: 300 of 300"
    REFUSE = "refuse"  # nobody more until someone leaves (a fire-code limit)


class Alarm(enum.IntEnum):
    """How full a zone is, in percent of its capacity; each is the level from which it applies."""

    FILLING = 80
    NEARLY_FULL = 95
    FULL = 100


@dataclass(frozen=True)
class Zone:
    id: int
    name: str
    capacity: int  # 0: not counted against (no alarms, never full)
    parent_id: int | None = None
    at_full: AtFull = AtFull.WARN


@dataclass(frozen=True)
class ZoneDoor:
    """A station's zone role: the entry or exit of ``zone_id``, or a transfer from it into ``to_zone_id``."""

    role: ZoneRole
    zone_id: int
    to_zone_id: int | None = None

    def __post_init__(self) -> None:
        if (self.role is ZoneRole.TRANSFER) != (self.to_zone_id is not None):
            raise ValueError("a transfer names the zone it leads into, and only a transfer does")


@dataclass(frozen=True)
class Whereabouts:
    """Where someone is, by their latest move: ``zone_id`` None is outside (or never seen)."""

    since: dt.datetime | None = None
    zone_id: int | None = None

    def _key(self) -> tuple[bool, dt.datetime, int]:
        return (self.since is not None, self.since or dt.datetime.min.replace(tzinfo=dt.UTC), self.zone_id or 0)


NOWHERE = Whereabouts()


class ZoneMap:
    """A conference's zones, as the tree they make."""

    def __init__(self, zones: Iterable[Zone]) -> None:
        self.zones: dict[int, Zone] = {zone.id: zone for zone in zones}

    def path(self, zone_id: int | None) -> tuple[int, ...]:
        """The zone and every zone above it, the outermost first (empty: outside, or a zone not known)."""
        path: list[int] = []
        while zone_id is not None and zone_id in self.zones and zone_id not in path:
            path.append(zone_id)
            zone_id = self.zones[zone_id].parent_id
        return tuple(reversed(path))

    def destination(self, door: ZoneDoor) -> int | None:
        """Where a scan admitted at ``door`` puts someone."""
        if door.role is ZoneRole.ENTRY:
            return door.zone_id
        if door.role is ZoneRole.EXIT:
            zone = self.zones.get(door.zone_id)
            return zone.parent_id if zone is not None else None
        return door.to_zone_id

    def knows(self, door: ZoneDoor) -> bool:
        """Whether the door's zones are these (a scan naming another conference's zone moves no one)."""
        return door.zone_id in self.zones and (door.to_zone_id is None or door.to_zone_id in self.zones)

    def moved(self, where: Whereabouts, door: ZoneDoor, at: dt.datetime) -> Whereabouts:
        """Where someone is after passing ``door`` at ``at``: the later of the two moves (no move through
        a door of zones not these)."""
        if not self.knows(door):
            return where
        return latest(where, Whereabouts(at, self.destination(door)))

    def occupancy(self, at_zone: Mapping[int, int]) -> dict[int, int]:
        """Each zone's count of people inside it, from the count of people *at* each zone (its rooms' included)."""
        inside = dict.fromkeys(self.zones, 0)
        for zone_id, people in at_zone.items():
            for holder in self.path(zone_id):
                inside[holder] += people
        return inside

    def newly_entered(self, where: Whereabouts, door: ZoneDoor) -> tuple[Zone, ...]:
        """The zones a pass through ``door`` takes someone into that they are not inside now."""
        before = set(self.path(where.zone_id))
        return tuple(self.zones[z] for z in self.path(self.destination(door)) if z not in before)


def latest(a: Whereabouts, b: Whereabouts) -> Whereabouts:
    """The later of two moves (at the same moment, the higher zone id: any fixed choice keeps it order-free)."""
    return a if a._key() >= b._key() else b


def alarm(inside: int, capacity: int) -> Alarm | None:
    """The alarm a zone with ``inside`` people of ``capacity`` is at (None: below 80 %, or no capacity)."""
    if capacity <= 0:
        return None
    for level in (Alarm.FULL, Alarm.NEARLY_FULL, Alarm.FILLING):
        if inside * 100 >= capacity * level:
            return level
    return None


@dataclass(frozen=True)
class Fullness:
    """A zone a door leads into that is at or over its capacity."""

    zone: Zone
    inside: int

    @property
    def refuses(self) -> bool:
        return self.zone.at_full is AtFull.REFUSE

    def message(self, language: str = "en", count: Callable[[int], int] = int) -> str:
        """"Room A full: 300 of 300"; ``count`` gives the kiosk its station's digits (a StationNumber)."""
        return VerdictWords(language).zone_full_at(self.zone.name, count(self.inside), count(self.zone.capacity))


def full_zone(zones: ZoneMap, inside: Mapping[int, int], where: Whereabouts, door: ZoneDoor) -> Fullness | None:
    """The first zone (outermost first) that a pass through ``door`` enters and that is full; a refusing
    one before a warning one. Someone already inside a zone does not count against it again."""
    full = [Fullness(zone, inside.get(zone.id, 0)) for zone in zones.newly_entered(where, door)
            if zone.capacity > 0 and inside.get(zone.id, 0) >= zone.capacity]
    return next((f for f in full if f.refuses), full[0] if full else None)


def came_from(zones: ZoneMap, door: ZoneDoor) -> Whereabouts:
    """Where someone passing ``door`` comes from, as a door sees it: an entry's zone's parent, an exit's
    zone, a transfer's first zone. A kiosk knows no one's whereabouts but its own door's."""
    if door.role is ZoneRole.ENTRY:
        zone = zones.zones.get(door.zone_id)
        return Whereabouts(None, zone.parent_id if zone is not None else None)
    return Whereabouts(None, door.zone_id)


def door_changes(zones: ZoneMap, door: ZoneDoor) -> dict[int, int]:
    """How a pass through ``door`` changes the counts, for someone who came from the door's other side:
    what a kiosk adds to the last figure it synced for each scan of its own since."""
    return count_changes(zones, came_from(zones, door), Whereabouts(None, zones.destination(door)))


def count_changes(zones: ZoneMap, before: Whereabouts, after: Whereabouts) -> dict[int, int]:
    """How each zone's count of people inside changes when someone moves from ``before`` to ``after``."""
    left, now = set(zones.path(before.zone_id)), set(zones.path(after.zone_id))
    return {**{z: -1 for z in left - now}, **{z: +1 for z in now - left}}
