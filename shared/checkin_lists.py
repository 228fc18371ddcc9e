"""Check-in lists: who a door admits, on which days and hours, how often, and by which rules.

A list's settings (ticket types and add-ons admitted, conference days, the daily window, multiple
entries) are conditions of the rule language themselves (``shared.checkin_rules``), put in front of
the list's own rule: one evaluator and one way of choosing the words for all of them. Re-entry after
an exit is the list's own check. The kiosk and the server both call ``admit``. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from shared import checkin_rules
from shared.checkin_rules import Attempt, Rule, RuleVerdict, Venue
from shared.decisions import AttendeeState, Passage
from shared.languages import N_, SOURCE_LANGUAGE
from shared.phrases import in_one_line, phrase

NO_RE_ENTRY = N_("No re-entry after leaving")


@dataclass(frozen=True)
class CheckinList:
    """A list as the console saves it and the change feed carries it (plain data, parsed by ``rule``)."""

    id: int
    name: str
    ticket_type_ids: frozenset[int] = frozenset()  # none and no add-ons: every ticket type
    addon_ids: frozenset[int] = frozenset()  # holders of one of these add-ons are admitted too
    allow_multiple_entries: bool = True
    allow_entry_after_exit: bool = True
    days: frozenset[int] = frozenset()  # conference days (1…n) it is valid on; none: every day
    opens: dt.time | None = None  # the daily window on the venue's clock
    closes: dt.time | None = None
    stations: frozenset[str] = frozenset()  # the stations that use it (their passages are its entries)
    rules: dict[str, Any] | None = None  # a rule document, or None for no rule beyond the settings

    def document(self) -> dict[str, Any]:
        """The list's settings and its rule as one rule document."""
        conditions: list[Any] = []
        admits = []
        if self.ticket_type_ids:
            admits.append({"inList": [{"var": "product"}, sorted(self.ticket_type_ids)]})
        if self.addon_ids:
            admits.append({"inList": [{"var": "addons"}, sorted(self.addon_ids)]})
        if admits:
            conditions.append(admits[0] if len(admits) == 1 else {"or": admits})
        if self.days:
            conditions.append({"inList": [{"var": "conference_day"}, sorted(self.days)]})
        if self.opens is not None:
            conditions.append({"isAfter": [{"var": "now"}, {"buildTime": ["customtime", f"{self.opens:%H:%M}"]}]})
        if self.closes is not None:
            conditions.append({"isBefore": [{"var": "now"}, {"buildTime": ["customtime", f"{self.closes:%H:%M}"]}]})
        if not self.allow_multiple_entries:
            conditions.append({"==": [{"var": "entries_number"}, 0]})
        if self.rules is not None:
            conditions.append(self.rules["rule"])
        return {"version": checkin_rules.VERSION, "rule": {"and": conditions} if conditions else True}

    def rule(self, venue: Venue) -> Rule:
        """Parsed and validated (RuleError says what is wrong, for the console)."""
        if self.rules is not None:
            checkin_rules.parse(self.rules, venue)  # its own errors name its own parts
        return checkin_rules.parse(self.document(), venue)

    def entries_of(self, passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
        """The passages that count on this list: those through its stations."""
        return tuple(p for p in passages if p.station in self.stations)



def list_for_station(lists: Iterable[CheckinList], station: str) -> CheckinList | None:
    """The list a station's check-ins are decided by: the first (by id) that names the station. The one rule
    for the server's ingestion and the kiosk's scan, so both decide a door's scans by the same list."""
    return next((listed for listed in sorted(lists, key=lambda listed: listed.id) if station in listed.stations),
                None)

@dataclass
class CompiledList:
    """A list ready to decide with: parsed once, per venue (a kiosk's station keeps one)."""

    checkin_list: CheckinList
    venue: Venue
    rule: Rule = field(init=False)

    def __post_init__(self) -> None:
        self.rule = self.checkin_list.rule(self.venue)


def admit(compiled: CompiledList, attendee: AttendeeState, *, at: dt.datetime, station: str,
          passages: tuple[Passage, ...]) -> RuleVerdict:
    """Whether the list lets ``attendee`` in at ``station`` at ``at``, given every passage known of them."""
    checkin_list = compiled.checkin_list
    entries = checkin_list.entries_of(passages)
    product = next((h.product_id for h in attendee.holdings if h.product_type == "ticket_type"), None)
    addons = frozenset(h.product_id for h in attendee.holdings if h.product_type == "addon" and h.quantity > 0)
    attempt = Attempt(at=at, station=station, product=product, addons=addons, passages=entries)
    verdict = checkin_rules.evaluate(compiled.rule, attempt, compiled.venue)
    if not checkin_list.allow_entry_after_exit and _has_left(entries, at):
        reasons = (phrase(NO_RE_ENTRY),) + (() if verdict.allowed else verdict.reasons)
        return RuleVerdict(False, in_one_line(reasons, SOURCE_LANGUAGE), reasons)
    return verdict


def _has_left(entries: tuple[Passage, ...], at: dt.datetime) -> bool:
    before = sorted(p for p in entries if p.at <= at)
    return bool(before) and not before[-1].entering
