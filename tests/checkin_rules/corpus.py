"""The corpus of check-in rule cases (cases.json), read into the shared engine's terms.

One file, three readers: the shared engine's test, the kiosk's (through a station's scan pipeline)
and the server's (through an upload): a case means the same wherever it runs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.checkin_lists import CheckinList
from shared.checkin_rules import VERSION, Venue
from shared.decisions import AttendeeState, Holding, Passage

CORPUS = json.loads((Path(__file__).parent / "cases.json").read_text())
STATIONS = frozenset({"Main door", "Staff entrance"})  # the list's stations in every case
NAMES = {int(k): v for k, v in CORPUS["venue"]["products"].items()}  # ticket types 1-9, add-ons 10 on
VENUE = Venue(CORPUS["venue"]["timezone"], tuple(dt.date.fromisoformat(d) for d in CORPUS["venue"]["days"]),
              {k: v for k, v in NAMES.items() if k < 10}, {k: v for k, v in NAMES.items() if k >= 10})


@dataclass(frozen=True)
class Case:
    name: str
    checkin_list: CheckinList
    product: int
    addons: tuple[int, ...]
    history: tuple[Passage, ...]
    at: dt.datetime
    station: str
    allowed: bool
    explanation: str

    def attendee(self) -> AttendeeState:
        holdings = (Holding("ticket_type", self.product, VENUE.name(self.product)),
                    *(Holding("addon", a, VENUE.name(a, addon=True)) for a in self.addons))
        return AttendeeState("CASE0001", "Ada Lovelace", "", VENUE.name(self.product), "paid", holdings=holdings)


def checkin_list(settings: dict[str, Any], *, stations: frozenset[str] = STATIONS) -> CheckinList:
    return CheckinList(
        id=1, name="Corpus", ticket_type_ids=frozenset(settings.get("ticket_types", ())),
        addon_ids=frozenset(settings.get("addons", ())),
        allow_multiple_entries=settings.get("allow_multiple_entries", True),
        allow_entry_after_exit=settings.get("allow_entry_after_exit", True),
        days=frozenset(settings.get("days", ())),
        opens=dt.time.fromisoformat(settings["opens"]) if "opens" in settings else None,
        closes=dt.time.fromisoformat(settings["closes"]) if "closes" in settings else None,
        stations=stations,
        rules={"version": VERSION, "rule": settings["rules"]} if "rules" in settings else None)


def cases() -> list[Case]:
    return [Case(
        name=c["name"], checkin_list=checkin_list(c["list"]), product=c["attendee"]["product"],
        addons=tuple(c["attendee"].get("addons", ())),
        history=tuple(Passage(dt.datetime.fromisoformat(h["at"]), h["entering"], h.get("station", "Main door"))
                      for h in c.get("history", ())),
        at=dt.datetime.fromisoformat(c["scan"]["at"]), station=c["scan"].get("station", "Main door"),
        allowed=c["allowed"], explanation=c.get("explanation", "")) for c in CORPUS["cases"]]


def invalid() -> list[tuple[dict[str, Any], str]]:
    return [(c.get("document") or {"version": VERSION, "rule": c["rule"]}, c["error"]) for c in CORPUS["invalid"]]


def with_ids(case: Case, tickets: dict[int, int], addons: dict[int, int]) -> dict[str, Any]:
    """The case's list settings (as cases.json writes them) with the corpus's product ids replaced by a
    database's: a server or a kiosk has its own ids for "Conference" or "Lunch"."""
    settings = dict(next(c for c in CORPUS["cases"] if c["name"] == case.name)["list"])
    settings["ticket_types"] = [tickets[i] for i in settings.get("ticket_types", ())]
    settings["addons"] = [addons[i] for i in settings.get("addons", ())]
    if "rules" in settings:
        settings["rules"] = _translated(settings["rules"], tickets, addons)
    return settings


def _translated(node: Any, tickets: dict[int, int], addons: dict[int, int]) -> Any:
    if isinstance(node, list):
        return [_translated(n, tickets, addons) for n in node]
    if not isinstance(node, dict) or len(node) != 1:
        return node
    [(operator, operands)] = node.items()
    if operator in ("and", "or"):
        return {operator: [_translated(n, tickets, addons) for n in operands]}
    if isinstance(operands, list) and len(operands) == 2 and operands[0] in ({"var": "product"}, {"var": "addons"}):
        ids = tickets if operands[0] == {"var": "product"} else addons
        right = operands[1]
        if isinstance(right, dict):  # pretix's objectList
            right = [int(entry["lookup"][1]) for entry in right["objectList"]]
        mapped = [ids[v] for v in right] if isinstance(right, list) else ids[right]
        return {operator: [operands[0], mapped]}
    return node
