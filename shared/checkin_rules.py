"""Check-in rules: a small, versioned JSON language, its one evaluator, and its refusals in words.

The kiosk (offline, from its cache) and the server (folding uploads) both call this module, so a rule
means the same everywhere and a late upload that breaks one is a conflict naming it. Pure: no I/O.

The language (version 1) is the JSON-logic subset pretix's check-in rules use, plus our variables. A
document is ``{"version": 1, "rule": <condition>}``; a condition is one of

- ``{"and": [c, …]}``, ``{"or": [c, …]}``;
- ``{"==" | "!=" | "<" | "<=" | ">" | ">=": [<value>, <literal>]}``, the variable always on the left;
- ``{"inList": [<value>, [<literal>, …]]}`` (pretix's ``{"objectList": [{"lookup": [kind, "3", name]}]}``
  is read too); for ``addons``, true when the attendee holds any add-on of the list;
- ``{"isBefore" | "isAfter": [{"var": "now"}, <time>, <tolerance minutes, optional>]}``;
- ``true`` / ``false``.

A ``<value>`` is ``{"var": name}`` or a count since / before a moment: ``{"entries_since": [<time>]}``,
``entries_before``, ``entries_days_since``, ``entries_days_before``. A ``<time>`` is
``{"buildTime": ["custom", "2026-05-14T10:00"]}`` (a wall-clock time on the venue's clock, or one with
its own offset), ``["customtime", "10:00"]`` (that time of day, today, on the venue's clock),
``["date_from"]`` (the first conference day's midnight) or ``["date_to"]`` (midnight after the last).

Variables: ``product`` (the ticket type's id), ``station`` (pretix's gate: the station's name),
``addons`` (ids of the add-ons held), ``now``, ``now_isoweekday`` (ISO: Monday 1 … Sunday 7),
``conference_day`` (1 on the first day … n on the last, 0 outside them), ``entries_number``,
``entries_today``, ``entries_days``, ``minutes_since_last_entry``, ``minutes_since_first_entry``
(−1 when there was none) and ``entry_status`` ("present" or "absent"). Counts are of the entries on
the same check-in list, all that are known (an entry uploaded late counts against an earlier one);
minutes and the status look at the passages up to the scan's moment.

A refusal is explained as pretix explains one: the condition is put in disjunctive normal form, each
way to be let in is weighed by its most rigid failing condition (ticket type, add-ons and station weigh
most, then the day, the weekday and the time, then counts, then minutes since an entry), and the least
rigid way wins: the words say what the attendee could most easily change ("Only before 10:00 CEST").
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shared.decisions import Passage
from shared.languages import N_, SOURCE_LANGUAGE
from shared.phrases import Either, Moment, Part, Phrase, Weekday, in_one_line, ngettext, phrase
from shared.zones import conference_zone, in_zone

VERSION = 1
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}
COUNTS_AT = ("entries_since", "entries_before", "entries_days_since", "entries_days_before")
# Each variable: its type and its rigidity (how little the attendee can do about it; pretix's scale).
VARIABLES: dict[str, tuple[type, int]] = {
    "product": (int, 1000), "station": (str, 1000), "addons": (list, 1000),
    "conference_day": (int, 220), "now_isoweekday": (int, 210), "now": (dt.datetime, 200),
    "entries_today": (int, 140), "entries_number": (int, 120), "entries_days": (int, 100),
    "minutes_since_last_entry": (int, 90), "minutes_since_first_entry": (int, 80), "entry_status": (str, 70),
}
COUNT_RIGIDITY = 110  # entries_since(t) and its kin
OPERATOR_RIGIDITY = {"==": 2, "!=": 3, "<": 1, "<=": 1, ">": 1, ">=": 1, "inList": 2}


class RuleError(ValueError):
    """A rule this language cannot evaluate; ``message`` says where and why, for the console's form."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Venue:
    """What a rule needs to know of the conference: its clock, its days, and names to say things with."""

    timezone: str = "UTC"
    days: tuple[dt.date, ...] = ()  # the conference days in order: day 1 first
    product_names: dict[int, str] = field(default_factory=dict)  # ticket types by id
    addon_names: dict[int, str] = field(default_factory=dict)  # add-ons by id (a table of their own)

    @functools.cached_property
    def zone(self) -> dt.tzinfo:  # once per venue: every decision reads it
        return conference_zone(self.timezone)

    def name(self, product_id: object, *, addon: bool = False) -> str:
        names = self.addon_names if addon else self.product_names
        return names.get(product_id, f"#{product_id}") if isinstance(product_id, int) else str(product_id)


@dataclass(frozen=True)
class Attempt:
    """One scan to decide: who, where, when, and the passages known on the same check-in list."""

    at: dt.datetime
    station: str
    product: int | None  # the ticket type's id
    addons: frozenset[int] = frozenset()
    passages: tuple[Passage, ...] = ()  # check-ins and exits through this list's stations, any order


@dataclass(frozen=True)
class Refusal:
    words: Phrase  # "Only before 10:00 CEST", in the shared catalogue's words
    rigidity: tuple[float, float]


@dataclass(frozen=True)
class Atom:
    """One comparison: it evaluates, and says in words what it asks for when it fails."""

    test: Callable[[Context], bool]
    explain: Callable[[Context], Refusal]
    words: Phrase  # what it asks for, for the console ("Only before 10:00 CEST")


@dataclass(frozen=True)
class Rule:
    """A parsed, validated rule: ``document`` as stored, ``paths`` its disjunctive normal form."""

    document: dict[str, Any]
    paths: tuple[tuple[Atom, ...], ...]  # allowed when every atom of some path holds

    def describe(self, language: str = SOURCE_LANGUAGE) -> list[list[str]]:
        """The rule in words, one list per way in: [["Staff entrance only"], ["Only before 10:00 CEST"]]."""
        return [[atom.words.text(language) for atom in path] for path in self.paths]


class Context:
    """The variables of one attempt, computed once each and only when a condition reads them."""

    def __init__(self, attempt: Attempt, venue: Venue) -> None:
        self.attempt, self.venue = attempt, venue
        self.local = in_zone(attempt.at, venue.zone)
        self._cache: dict[str, Any] = {}

    def entries(self) -> list[dt.datetime]:
        if "_entries" not in self._cache:
            self._cache["_entries"] = sorted(p.at for p in self.attempt.passages if p.entering)
        return self._cache["_entries"]  # type: ignore[no-any-return]

    def days_of(self, moments: Sequence[dt.datetime]) -> int:
        return len({in_zone(m, self.venue.zone).date() for m in moments})

    def today_at(self, hour: int, minute: int) -> dt.datetime:
        """``hour:minute`` today on the venue's clock (a time the clocks skip moves on by the gap)."""
        wall = self.local.replace(hour=hour, minute=minute, second=0, microsecond=0, fold=0)
        return wall.astimezone(dt.UTC)

    def __getitem__(self, name: str) -> Any:
        if name not in self._cache:
            self._cache[name] = getattr(self, f"_{name}")()
        return self._cache[name]

    def _product(self) -> int | None:
        return self.attempt.product

    def _station(self) -> str:
        return self.attempt.station

    def _addons(self) -> frozenset[int]:
        return self.attempt.addons

    def _now(self) -> dt.datetime:
        return self.attempt.at

    def _now_isoweekday(self) -> int:
        return self.local.isoweekday()

    def _conference_day(self) -> int:
        days = self.venue.days
        return days.index(self.local.date()) + 1 if self.local.date() in days else 0

    def _entries_number(self) -> int:
        return len(self.entries())

    def _entries_today(self) -> int:
        today = self.local.date()
        return sum(1 for m in self.entries() if in_zone(m, self.venue.zone).date() == today)

    def _entries_days(self) -> int:
        return self.days_of(self.entries())

    def _minutes_since_last_entry(self) -> int:
        earlier = [m for m in self.entries() if m <= self.attempt.at]
        return int((self.attempt.at - earlier[-1]).total_seconds() // 60) if earlier else -1

    def _minutes_since_first_entry(self) -> int:
        earlier = [m for m in self.entries() if m <= self.attempt.at]
        return int((self.attempt.at - earlier[0]).total_seconds() // 60) if earlier else -1

    def _entry_status(self) -> str:
        passages = sorted(p for p in self.attempt.passages if p.at <= self.attempt.at)
        return "present" if passages and passages[-1].entering else "absent"


# Reading a document ---------------------------------------------------------------------------------------

def parse(document: object, venue: Venue) -> Rule:
    """The rule of ``document``, validated against the venue's clock and days; RuleError says what is wrong."""
    if not isinstance(document, dict) or set(document) != {"version", "rule"}:
        raise RuleError('A rule document is {"version": 1, "rule": {…}}.')
    if document["version"] != VERSION:
        raise RuleError(f"Rule version {document['version']!r} is not known here (this system reads version {VERSION}).")
    paths = _paths(document["rule"], venue, "rule")
    if len(paths) > 256:
        raise RuleError("The rule has more than 256 ways in once its and/or are expanded: simplify it.")
    return Rule(document, paths)


def _paths(node: object, venue: Venue, where: str) -> tuple[tuple[Atom, ...], ...]:
    """The disjunctive normal form of ``node``: the ways in, each a conjunction of atoms."""
    if node is True:
        return ((),)
    if node is False:
        return ()  # no way in
    operator, operands = _operator(node, where)
    if operator in ("and", "or"):
        if not isinstance(operands, list) or not operands:
            raise RuleError(f"{where}: '{operator}' takes a list of one or more conditions.")
        children = [_paths(child, venue, f"{where} › {operator}[{n + 1}]") for n, child in enumerate(operands)]
        if operator == "or":
            return tuple(path for child in children for path in child)
        combined: list[tuple[Atom, ...]] = [()]
        for child in children:
            combined = [left + right for left in combined for right in child]
        return tuple(combined)
    return ((_atom(operator, operands, venue, f"{where} › {operator}"),),)


def _operator(node: object, where: str) -> tuple[str, Any]:
    if not isinstance(node, dict) or len(node) != 1:
        raise RuleError(f"{where}: a condition is an object with one operator, such as {{\"==\": [...]}}.")
    [(operator, operands)] = node.items()
    return operator, operands


def _atom(operator: str, operands: Any, venue: Venue, where: str) -> Atom:
    if operator in ("isBefore", "isAfter"):
        return _time_atom(operator, operands, venue, where)
    if operator not in COMPARISONS and operator != "inList":
        raise RuleError(f"{where}: unknown operator '{operator}' (and, or, ==, !=, <, <=, >, >=, inList, "
                        "isBefore, isAfter).")
    if not isinstance(operands, list) or len(operands) != 2:
        raise RuleError(f"{where}: '{operator}' compares two things: [{{\"var\": …}}, value].")
    left, right = operands
    variable, read, kind, rigidity, counted_at = _value(left, venue, where)
    if operator == "inList":
        right = _list(right, kind, where)
    else:
        _check_literal(right, kind, variable, where)
        if kind in (str, list, dt.datetime) and operator not in ("==", "!=") or variable == "product" \
                and operator not in ("==", "!="):
            raise RuleError(f"{where}: '{variable}' is compared with == or != (or inList), not '{operator}'.")
    test = _test(operator, read, right, kind)
    words = _words(variable, operator, right, venue, counted_at)
    rigidity += OPERATOR_RIGIDITY[operator]
    if variable.startswith("minutes_since") and _technical(operator, right):
        rigidity += 1000  # "no entry yet" spelled as a comparison with −1: never the reason to show

    def explain(context: Context) -> Refusal:
        value = read(context)
        size = abs(value - right) if isinstance(value, int) and isinstance(right, int) else 0
        return Refusal(words, (rigidity, size))

    return Atom(test, explain, words)


def _value(node: object, venue: Venue, where: str) -> tuple[str, Callable[[Context], Any], type, int, Moment | None]:
    """The left side: a variable, or a count of entries since / before a moment (and that moment, for words)."""
    operator, operands = _operator(node, f"{where} (left side)")
    if operator == "var":
        name = operands[0] if isinstance(operands, list) and operands else operands
        if name == "variation" or name == "gate":
            raise RuleError(f"{where}: '{name}' is not a variable here ("
                            + ("ticket types have no variations" if name == "variation" else "the gate is 'station'")
                            + ").")
        if name not in VARIABLES:
            raise RuleError(f"{where}: unknown variable '{name}' (known: {', '.join(VARIABLES)}).")
        if name == "conference_day" and not venue.days:
            raise RuleError(f"{where}: 'conference_day' needs the conference's days, and none are set.")
        kind, rigidity = VARIABLES[name]
        return name, (lambda context: context[name]), kind, rigidity, None
    if operator in COUNTS_AT:
        if not isinstance(operands, list) or len(operands) != 1:
            raise RuleError(f"{where}: '{operator}' takes one moment: [{{\"buildTime\": […]}}].")
        moment = _time(operands[0], venue, where)
        since, days = operator.endswith("_since"), operator.startswith("entries_days")

        def count(context: Context) -> int:
            at = moment(context)
            chosen = [m for m in context.entries() if (m >= at if since else m < at)]
            return context.days_of(chosen) if days else len(chosen)

        word = "since" if since else "before"
        at = _spec_moment(operands[0]["buildTime"], venue, dt.timedelta())
        return f"{'days' if days else 'entries'} {word}", count, int, COUNT_RIGIDITY, at
    raise RuleError(f"{where}: the left side is a {{\"var\": …}} or an entries_since/before count, not '{operator}'.")


def _check_literal(value: object, kind: type, variable: str, where: str) -> None:
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise RuleError(f"{where}: '{variable}' is a whole number, not {json_text(value)}.")
    if kind is str and not isinstance(value, str):
        raise RuleError(f"{where}: '{variable}' is text, not {json_text(value)}.")
    if kind in (list, dt.datetime):
        raise RuleError(f"{where}: '{variable}' is compared with "
                        + ("inList" if kind is list else "isBefore / isAfter") + ".")
    if variable == "now_isoweekday" and not 1 <= value <= 7:  # type: ignore[operator]
        raise RuleError(f"{where}: a weekday is 1 (Monday) to 7 (Sunday), not {value}.")
    if variable == "entry_status" and value not in ("present", "absent"):
        raise RuleError(f"{where}: entry_status is \"present\" or \"absent\", not {json_text(value)}.")


def _list(node: object, kind: type, where: str) -> frozenset[Any]:
    if isinstance(node, dict) and set(node) == {"objectList"}:  # pretix's form: lookups of ids given as text
        try:
            node = [int(entry["lookup"][1]) for entry in node["objectList"]]
        except (KeyError, IndexError, TypeError, ValueError):
            raise RuleError(f"{where}: an objectList holds {{\"lookup\": [kind, \"id\", name]}} entries.") from None
    if not isinstance(node, list):
        raise RuleError(f"{where}: inList needs a list of values on its right.")
    item = int if kind is list else kind
    for value in node:
        if item is int and (isinstance(value, bool) or not isinstance(value, int)) or \
                item is str and not isinstance(value, str) or item is dt.datetime:
            raise RuleError(f"{where}: {json_text(value)} is not a "
                            + ("whole number" if item is int else "text" if item is str else "value for inList") + ".")
    return frozenset(node)


def _technical(operator: str, right: object) -> bool:
    return isinstance(right, int) and ((operator in ("<", ">") and right <= 0) or (operator in ("<=", ">=") and right < 0)
                                       or (operator in ("==", "!=") and right == -1))


def _test(operator: str, read: Callable[[Context], Any], right: Any, kind: type) -> Callable[[Context], bool]:
    if operator == "inList":
        if kind is list:
            return lambda context: not right.isdisjoint(read(context))
        return lambda context: read(context) in right
    compare = COMPARISONS[operator]
    return lambda context: compare(read(context), right)


def _time_atom(operator: str, operands: Any, venue: Venue, where: str) -> Atom:
    if not isinstance(operands, list) or len(operands) not in (2, 3) or operands[0] != {"var": "now"}:
        raise RuleError(f"{where}: '{operator}' takes [{{\"var\": \"now\"}}, {{\"buildTime\": […]}}, minutes?].")
    tolerance = operands[2] if len(operands) == 3 else 0
    if tolerance is None:
        tolerance = 0
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or tolerance < 0:
        raise RuleError(f"{where}: the tolerance is a number of minutes, not {json_text(tolerance)}.")
    moment, spec = _time(operands[1], venue, where), operands[1]["buildTime"]
    shift = dt.timedelta(minutes=tolerance) * (1 if operator == "isBefore" else -1)

    def limit(context: Context) -> dt.datetime:
        return moment(context) + shift

    before = operator == "isBefore"
    test = (lambda c: c.attempt.at < limit(c)) if before else (lambda c: c.attempt.at > limit(c))
    only = N_("Only before %(moment)s") if before else N_("Only after %(moment)s")
    words = phrase(only, moment=_spec_moment(spec, venue, shift))

    def explain(context: Context) -> Refusal:
        moment_then = limit(context)
        distance = abs((context.attempt.at - moment_then).total_seconds())
        return Refusal(phrase(only, moment=_moment_words(moment_then, context, distance)), (200 + 1, distance))

    return Atom(test, explain, words)


def _time(node: object, venue: Venue, where: str) -> Callable[[Context], dt.datetime]:
    """A ``buildTime``: a function of the attempt (customtime means today), validated on the venue's clock."""
    operator, operands = _operator(node, where)
    if operator != "buildTime" or not isinstance(operands, list) or not operands:
        raise RuleError(f"{where}: a moment is {{\"buildTime\": [\"custom\", …]}} (or customtime, date_from, date_to).")
    kind = operands[0]
    if kind in ("date_from", "date_to"):
        if not venue.days:
            raise RuleError(f"{where}: '{kind}' needs the conference's days, and none are set.")
        day = venue.days[0] if kind == "date_from" else venue.days[-1] + dt.timedelta(days=1)
        fixed = _venue_moment(dt.datetime.combine(day, dt.time()), venue, where)
        return lambda context: fixed
    if len(operands) != 2 or not isinstance(operands[1], str):
        raise RuleError(f"{where}: '{kind}' takes one text: [\"{kind}\", \"…\"].")
    if kind == "custom":
        try:
            parsed = dt.datetime.fromisoformat(operands[1])
        except ValueError:
            raise RuleError(f"{where}: '{operands[1]}' is not a date and time (for example 2026-05-14T10:00).") from None
        fixed = parsed.astimezone(dt.UTC) if parsed.tzinfo else _venue_moment(parsed, venue, where)
        return lambda context: fixed
    if kind == "customtime":
        try:
            clock = dt.time.fromisoformat(operands[1])
        except ValueError:
            raise RuleError(f"{where}: '{operands[1]}' is not a time of day (for example 10:00).") from None
        for day in venue.days:  # a time of day the clocks skip on a conference day has no meaning that day
            _venue_moment(dt.datetime.combine(day, clock), venue, where)
        return lambda context: context.today_at(clock.hour, clock.minute)
    raise RuleError(f"{where}: unknown moment '{kind}' (custom, customtime, date_from, date_to).")


def _venue_moment(wall: dt.datetime, venue: Venue, where: str) -> dt.datetime:
    """``wall`` on the venue's clock, in UTC; a wall time the clocks skip is refused, not moved."""
    local = wall.replace(tzinfo=venue.zone)
    if in_zone(local.astimezone(dt.UTC), venue.zone).replace(tzinfo=None) != wall:
        raise RuleError(f"{where}: {wall:%Y-%m-%d %H:%M} does not exist in {venue.timezone}: the clocks skip that "
                        "hour when summer time starts. Choose a time outside it.")
    return local.astimezone(dt.UTC)


# Words ----------------------------------------------------------------------------------------------------

def _spec_moment(spec: list[Any], venue: Venue, shift: dt.timedelta) -> Moment:
    """A moment as the console states a rule (no attempt: "10:00" means any day's)."""
    zone = venue.zone
    if spec[0] == "customtime":
        clock = dt.datetime.combine(venue.days[0] if venue.days else dt.date(2026, 1, 1), dt.time.fromisoformat(spec[1]))
        return Moment(in_zone(clock.replace(tzinfo=zone) + shift, zone), "time")
    if spec[0] in ("date_from", "date_to"):
        day = venue.days[0] if spec[0] == "date_from" else venue.days[-1] + dt.timedelta(days=1)
        local = in_zone(_venue_moment(dt.datetime.combine(day, dt.time()), venue, "") + shift, zone)
    else:
        parsed = dt.datetime.fromisoformat(spec[1])
        local = in_zone((parsed.astimezone(dt.UTC) if parsed.tzinfo else _venue_moment(parsed, venue, "")) + shift, zone)
    return Moment(local, "day_time")


def _moment_words(moment: dt.datetime, context: Context, distance: float) -> Moment:
    """"10:00 CEST" when it is within half a day of the scan (pretix's choice), else with its date."""
    return Moment(in_zone(moment, context.venue.zone), "time" if distance < 12 * 3600 else "day_time")


def _day_words(day: int, venue: Venue) -> Part:
    """Conference day 2 as a volunteer reads it: "Tue 12 May" (or "day 9" when the conference has no such day)."""
    if 1 <= day <= len(venue.days):
        return Moment(dt.datetime.combine(venue.days[day - 1], dt.time(12), tzinfo=venue.zone), "day")
    return phrase(N_("day %(number)s"), number=day)


def _either(values: Sequence[Part]) -> Either:
    return Either(tuple(values))


def _times(n: int) -> Phrase:
    if n == 1:
        return phrase(N_("once"))
    if n == 2:
        return phrase(N_("twice"))
    return ngettext("%(count)s time", "%(count)s times", n)


def _counted(variable: str, at: Moment | None) -> Phrase | None:
    """Which entries a count counts, as words after it: "today", "since Tue 12 May 12:00 CEST"; None: all."""
    if at is not None:
        return phrase(N_("since %(moment)s") if variable.endswith("since") else N_("before %(moment)s"), moment=at)
    return {"entries_today": phrase(N_("today")), "entries_days": phrase(N_("(days)"))}.get(variable)


def _with(words: Phrase, counted: Phrase | None) -> Phrase:
    """"Already entered twice" and "today": "Already entered twice today"."""
    return words if counted is None else phrase(N_("%(refusal)s %(which)s"), refusal=words, which=counted)


def _words(variable: str, operator: str, right: Any, venue: Venue, at: Moment | None = None) -> Phrase:
    """What the condition asks for, in the words the kiosk shows when it fails."""
    values = sorted(right, key=str) if isinstance(right, frozenset) else [right]
    if operator == "inList":
        operator = "=="
    if variable == "product":
        names = _either([venue.name(v) for v in values])
        return phrase(N_("%(tickets)s only") if operator == "==" else N_("Not valid with %(tickets)s"), tickets=names)
    if variable == "addons":
        return phrase(N_("Needs %(addons)s"), addons=_either([venue.name(v, addon=True) for v in values]))
    if variable == "station":
        return phrase(N_("%(stations)s only") if operator == "==" else N_("Not at %(stations)s"),
                      stations=_either(values))
    if variable in ("now_isoweekday", "conference_day"):
        named = [Weekday(v) if variable == "now_isoweekday" and 1 <= v <= 7 else _day_words(v, venue)
                 for v in values]
        if operator in ("==", "!="):
            allowed = phrase(N_("%(days)s only") if operator == "==" else N_("not on %(days)s"), days=_either(named))
        elif variable == "now_isoweekday":
            allowed = phrase(N_("weekday %(operator)s %(value)s"), operator=operator, value=values[0])
        else:
            allowed = phrase(N_("conference day %(operator)s %(value)s"), operator=operator, value=values[0])
        return phrase(N_("Not valid today: %(allowed)s"), allowed=allowed)
    if variable == "entry_status":
        inside = (right == "present") == (operator == "==")
        return phrase(N_("Not inside") if inside else N_("Already inside"))
    if variable.startswith("minutes_since"):
        last = "last" in variable
        if operator in (">", ">="):
            minutes = right + (operator == ">")
            return (ngettext("Only %(count)s minute after the last entry", "Only %(count)s minutes after the last entry",
                           minutes) if last else
                    ngettext("Only %(count)s minute after the first entry", "Only %(count)s minutes after the first entry",
                           minutes))
        if operator in ("<", "<="):
            minutes = right - (operator == "<")
            return (ngettext("Only within %(count)s minute of the last entry",
                           "Only within %(count)s minutes of the last entry", minutes) if last else
                    ngettext("Only within %(count)s minute of the first entry",
                           "Only within %(count)s minutes of the first entry", minutes))
        return phrase(N_("Minutes since the last entry %(operator)s %(value)s") if last else
                      N_("Minutes since the first entry %(operator)s %(value)s"), operator=operator, value=right)
    counted = _counted(variable, at)
    if operator in ("<", "<="):
        allowed = right - (operator == "<")
        if allowed <= 0:
            return _with(phrase(N_("Already entered")), counted)
        if variable == "entries_days" or variable.startswith("days "):
            return ngettext("Already entered on %(count)s day", "Already entered on %(count)s days", allowed)
        return _with(phrase(N_("Already entered %(times)s"), times=_times(allowed)), counted)
    if operator == "==" and right == 0:
        return _with(phrase(N_("Already entered")), counted)
    if operator in (">", ">="):
        needed = right + (operator == ">")
        return _with(ngettext("Needs an earlier entry", "Needs %(count)s earlier entries", needed), counted)
    return _with(phrase(N_("Entries %(operator)s %(value)s"), operator=operator, value=right), counted)


def json_text(value: object) -> str:
    return json.dumps(value)


# Deciding -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RuleVerdict:
    allowed: bool
    explanation: str = ""  # the words of the least rigid way in, when refused (English)
    reasons: tuple[Phrase, ...] = ()  # the same, to word in any language (``explanation_in``)

    def explanation_in(self, language: str) -> str:
        """The refusal in ``language``: "Nur vor 17:00 CEST"."""
        return in_one_line(self.reasons, language) if self.reasons else self.explanation


def evaluate(rule: Rule, attempt: Attempt, venue: Venue) -> RuleVerdict:
    """Whether ``rule`` lets ``attempt`` in; when not, why, in words."""
    context = Context(attempt, venue)
    failing_by_path = []
    for path in rule.paths:
        failing = [atom for atom in path if not atom.test(context)]
        if not failing:
            return RuleVerdict(True)
        failing_by_path.append(failing)
    reasons = explain(failing_by_path, context)
    return RuleVerdict(False, in_one_line(reasons, SOURCE_LANGUAGE), reasons)


def explain(failing_by_path: list[list[Atom]], context: Context) -> tuple[Phrase, ...]:
    if not failing_by_path:
        return (phrase(N_("No entry on this list")),)
    refusals = [[atom.explain(context) for atom in failing] for failing in failing_by_path]
    # The least rigid way in (weighed by its most rigid failure), then the one with fewest failures.
    best = min(refusals, key=lambda path: (max(r.rigidity for r in path), len(path)))
    return tuple(dict.fromkeys(r.words for r in best))
