"""What a station holds of each attendee: the change feed sends, and a kiosk keeps, nothing more.

One rule, read by the server's feed and by the kiosk: ``project`` is the attendee record as a station
of a given mode may hold it. A door, exit, check-in or redemption station shows a verdict and finds
people by name or code: name, company, ticket, holdings and check-ins, never an email. A help-desk or
badge-printing station prints badges and finds people who lost theirs, often by the email they
registered with: it holds the email too. The transport (how records travel) is not decided here.
"""

from __future__ import annotations

import enum
from typing import Any


class StationMode(enum.StrEnum):
    """What a kiosk station does with a badge it scans: the kiosk's set-up, its feed and its health report
    name it, the server's print jobs pick print stations by it."""

    CHECK_IN = "check_in"
    EXIT = "exit"
    DOOR_CHECK = "door_check"
    REDEMPTION = "redemption"
    BADGE_PRINTING = "badge_printing"

    @property
    def needs_product(self) -> bool:
        return self in (StationMode.DOOR_CHECK, StationMode.REDEMPTION)


class DataScope(enum.StrEnum):
    DOOR = "door"  # what a verdict and a search by name or code show
    DESK = "desk"  # and the email: a help desk finds people by it


# A station mode → the scope it holds. A mode not listed holds the door's.
DESK_MODES = frozenset({StationMode.BADGE_PRINTING})
WITHHELD = {DataScope.DOOR: ("email",), DataScope.DESK: ()}


def scope_for_mode(mode: str) -> DataScope:
    return DataScope.DESK if mode in DESK_MODES else DataScope.DOOR


def project(record: dict[str, Any], scope: DataScope) -> dict[str, Any]:
    """The record (an ``AttendeeRecord`` as a wire dict) with what ``scope`` does not hold blanked, in place."""
    for name in WITHHELD[scope]:
        record[name] = ""
    return record
