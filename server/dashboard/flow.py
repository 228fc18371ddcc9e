"""Flow at the doors: admitted and refused per minute, the people still to come, how long they will take,
and a door that has gone quiet or slow while the others are busy.

An organizer opens a door or sends a volunteer by these figures: "420 to come; at 38 a minute over
3 doors: about 11 minutes", and "Door C: 2 in 5 minutes, the others 60" (a scanner unplugged, a queue
that went to the wrong door).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass

from sqlalchemy.orm import Session

from server.dashboard import repository
from shared.languages import N_

WINDOW = dt.timedelta(minutes=15)  # the per-minute figures
RATE_WINDOW = dt.timedelta(minutes=5)  # the current rate: long enough to smooth a pause, short enough to follow a rush
ADMITTED = frozenset({"check_in", "door_check"})  # a scan that let someone in
REFUSED = "failed_scan"  # a scan the kiosk refused
BUSY = 10  # admissions in RATE_WINDOW from which a door counts as busy
SLOW_SHARE = 0.25  # a door below this share of the busy doors' median is flagged


@dataclass(frozen=True)
class DoorFlow:
    station: str
    admitted: tuple[int, ...]  # per minute, the oldest first, WINDOW of them
    refused: tuple[int, ...]
    recent: int  # admitted in the last RATE_WINDOW
    flag: str = ""  # "quiet" (none at all) | "slow", while the other doors are busy

    @property
    def admitted_total(self) -> int:
        return sum(self.admitted)

    @property
    def refused_total(self) -> int:
        return sum(self.refused)


@dataclass(frozen=True)
class Flow:
    doors: tuple[DoorFlow, ...]
    to_come: int  # paid, not checked in yet
    per_minute: float  # admitted a minute over RATE_WINDOW, every door together
    busy_doors: int  # doors that admitted someone in RATE_WINDOW

    @property
    def minutes_to_admit(self) -> int | None:
        """At the current rate; None when nobody is being admitted (no rate to go by)."""
        if self.to_come <= 0:
            return 0
        return math.ceil(self.to_come / self.per_minute) if self.per_minute > 0 else None

    @property
    def rate_minutes(self) -> int:
        """The window the rate is taken over, in minutes."""
        return RATE_WINDOW.seconds // 60

    @property
    def summary(self) -> str:  # in English, for logs; the dashboard words it in its reader's language
        if self.to_come <= 0:
            return "Everyone expected is in."
        if self.minutes_to_admit is None:
            return f"{self.to_come:,} to come; nobody admitted in the last {RATE_WINDOW.seconds // 60} minutes."
        doors = "1 door" if self.busy_doors == 1 else f"{self.busy_doors} doors"
        return (f"{self.to_come:,} to come; at {self.per_minute:.0f} a minute over {doors}: "
                f"about {self.minutes_to_admit} minutes")


def flow(session: Session, conference_id: int, to_come: int, now: dt.datetime) -> Flow:
    """The doors' last 15 whole minutes as of ``now`` (the current minute the last), and ``to_come``
    people at their current rate."""
    start = dt.datetime.fromtimestamp((int(now.timestamp()) // 60 + 1) * 60, dt.UTC) - WINDOW
    minutes = int(WINDOW / dt.timedelta(minutes=1))
    admitted: dict[str, list[int]] = {}
    refused: dict[str, list[int]] = {}
    for station, at, kind in repository.door_scans(session, conference_id, start, (*sorted(ADMITTED), REFUSED)):
        if at >= start + WINDOW:
            continue  # a kiosk's clock ahead of the server's
        minute = int((at - start) / dt.timedelta(minutes=1))
        admitted.setdefault(station, [0] * minutes)
        refused.setdefault(station, [0] * minutes)
        (refused if kind == REFUSED else admitted)[station][minute] += 1
    recent_minutes = int(RATE_WINDOW / dt.timedelta(minutes=1))
    recent = {station: sum(counts[-recent_minutes:]) for station, counts in admitted.items()}
    # A door is a station that let someone in within the window: a lunch counter (or a door that has been
    # quiet for a quarter of an hour: its device's silence is the fleet's alert) is not listed.
    doors = [DoorFlow(s, tuple(admitted[s]), tuple(refused[s]), recent[s]) for s in sorted(admitted) if any(admitted[s])]
    doors = [DoorFlow(d.station, d.admitted, d.refused, d.recent, door_flag(d, doors)) for d in doors]
    per_minute = sum(d.recent for d in doors) / recent_minutes
    return Flow(tuple(doors), max(to_come, 0), per_minute, sum(1 for d in doors if d.recent))


def door_flag(door: DoorFlow, doors: list[DoorFlow]) -> str:
    """"quiet" or "slow" when the other doors are busy and this one admits under a quarter of their median."""
    others = [d.recent for d in doors if d.station != door.station]
    if not others or (median := statistics.median(others)) < BUSY or door.recent >= SLOW_SHARE * median:
        return ""
    return N_("quiet") if door.recent == 0 else N_("slow")  # worded by the page (dashboard_live.html)
