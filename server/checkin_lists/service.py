"""Check-in lists: saved validated, sent to kiosks, and applied to uploads by the shared rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from server.checkin_lists import repository
from server.checkin_lists.models import CheckinList, ConferenceDays
from server.conferences.models import Conference
from server.errors import InvalidInput
from shared import checkin_lists as shared_lists
from shared.checkin_lists import CompiledList
from shared.checkin_rules import RuleError, Venue
from shared.languages import N_, Marked


def days_between(first: dt.date | None, last: dt.date | None) -> tuple[dt.date, ...]:
    if first is None or last is None:
        return ()
    return tuple(first + dt.timedelta(days=n) for n in range(max((last - first).days + 1, 0)))


def conference_days(session: Session, conference_id: int) -> tuple[dt.date, ...]:
    """The conference's days in order (day 1 first); none when they are not set."""
    row = session.get(ConferenceDays, conference_id)
    return days_between(row.first_day, row.last_day) if row is not None else ()


def set_days(session: Session, conference: Conference, first: dt.date | None, last: dt.date | None) -> None:
    """Set (or, with None, clear) the conference's first and last day: the rules' "conference day" 1 … n,
    and the day after which its kiosks forget it. The one writer (the console's page and the CLI)."""
    if (first is None) != (last is None):
        raise InvalidInput(Marked(N_("Give both the first and the last day, or neither.")))
    for day in (first, last):
        if day is not None and not 2000 <= day.year <= 2099:
            raise InvalidInput(Marked(N_("The day %(day)s is not between the years 2000 and 2099: check the year."),
                                      day=str(day)))
    if first is not None and last is not None and not first <= last <= first + dt.timedelta(days=60):
        raise InvalidInput(Marked(N_("The last day is on or after the first, and at most 60 days later.")))
    used = max((max(row.days, default=0) for row in repository.lists_of(session, conference.id)), default=0)
    if used and (first is None or last is None or (last - first).days + 1 < used):
        raise InvalidInput(Marked(N_("A check-in list is valid on conference day %(day)s: keep at least %(day)s days."),
                                  day=used))
    row = session.get(ConferenceDays, conference.id)
    if first is None or last is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(ConferenceDays(conference_id=conference.id, first_day=first, last_day=last))
    else:
        row.first_day, row.last_day = first, last
    session.flush()


def set_kiosk_data_lifetime(session: Session, conference: Conference, *, wipe_after_days: int) -> None:
    """How many days after its last day the conference's kiosks delete what they hold (0 to 365); its days
    first: without them kiosks keep the conference until revoked or told to forget it."""
    if not 0 <= wipe_after_days <= 365:
        raise InvalidInput(Marked(N_("Kiosks delete their data 0 to 365 days after the conference.")))
    row = session.get(ConferenceDays, conference.id)
    if row is None:
        raise InvalidInput(Marked(N_("Set the conference's first and last day first: kiosks forget it the set days "
                                     "after.")))
    row.wipe_kiosks_after_days = wipe_after_days
    session.flush()


def venue_of(session: Session, conference: Conference) -> Venue:
    return Venue(conference.timezone, conference_days(session, conference.id),
                 *repository.product_names(session, conference.id))


def shared_list(row: CheckinList) -> shared_lists.CheckinList:
    return shared_lists.CheckinList(
        id=row.id, name=row.name, ticket_type_ids=frozenset(row.ticket_type_ids), addon_ids=frozenset(row.addon_ids),
        allow_multiple_entries=row.allow_multiple_entries, allow_entry_after_exit=row.allow_entry_after_exit,
        days=frozenset(row.days), opens=row.opens, closes=row.closes, stations=frozenset(row.stations),
        rules=row.rules)


def record_of(row: CheckinList) -> dict[str, Any]:
    """The list as the change feed carries it (``shared.protocol.CheckinListRecord``)."""
    return {"id": row.id, "name": row.name, "ticket_type_ids": sorted(row.ticket_type_ids),
            "addon_ids": sorted(row.addon_ids), "allow_multiple_entries": row.allow_multiple_entries,
            "allow_entry_after_exit": row.allow_entry_after_exit, "days": sorted(row.days),
            "opens": row.opens.strftime("%H:%M") if row.opens else None,
            "closes": row.closes.strftime("%H:%M") if row.closes else None,
            "stations": sorted(row.stations), "rules": row.rules, "version": row.sync_version}


# An upload with check-ins decides them by the stations' lists. Reading and parsing them took four
# statements and a quarter of a one-scan upload's server CPU (a fleet uploads a few a second per ten
# kiosks), and they change seldom: so each process keeps them per database and conference with the
# key they were made from (server.checkin_lists.repository.lists_made_of), which one statement reads
# again on every upload. A list, product, zone or day changed in the console decides the next upload.
_COMPILED: dict[tuple[str, int], tuple[tuple, dict[str, CompiledList]]] = {}


def lists_key(session: Session, conference_id: int, *also: ColumnElement[Any]) -> tuple:
    """What the conference's lists are made of (one statement): it differs after any change to a
    list, product, zone or day, so a caller can tell whether the lists it decided by still hold.
    ``also``: columns read in the same statement, after the key."""
    return repository.lists_made_of(session, conference_id, *also)


def lists_by_station(session: Session, conference_id: int, made_of: tuple | None = None) -> dict[str, CompiledList]:
    """Each station's list, ready to decide with (empty when the conference has none: doors admit as before).
    ``made_of``: the lists' key (``lists_key``) if the caller has just read it."""
    made_of = made_of or repository.lists_made_of(session, conference_id)
    if not made_of[1]:  # no lists
        return {}
    database = session.get_bind().engine.url.render_as_string(hide_password=True)
    kept = _COMPILED.get((database, conference_id))
    if kept is not None and kept[0] == made_of:
        return kept[1]
    by_station = _compile_lists(session, conference_id)
    _COMPILED[(database, conference_id)] = (made_of, by_station)
    return by_station


def _compile_lists(session: Session, conference_id: int) -> dict[str, CompiledList]:
    rows = repository.lists_of(session, conference_id)
    if not rows:
        return {}
    conference = session.get(Conference, conference_id)
    assert conference is not None  # its lists exist
    venue = venue_of(session, conference)
    by_station: dict[str, CompiledList] = {}
    for row in rows:
        try:
            compiled = CompiledList(shared_list(row), venue)
        except RuleError:
            continue  # saved valid; a product renamed or days changed since cannot make it unreadable, but be safe
        for station in row.stations:
            by_station.setdefault(station, compiled)
    return by_station


@dataclass(frozen=True)
class ListFields:
    """A list as the console's form parsed it (server.web.forms' typed fields)."""

    name: str
    ticket_type_ids: list[int]
    addon_ids: list[int]
    allow_multiple_entries: bool
    allow_entry_after_exit: bool
    days: list[int]
    opens: dt.time | None
    closes: dt.time | None
    stations: list[str]
    rules: dict[str, Any] | None


def save_list(session: Session, conference: Conference, fields: ListFields, *,
              row: CheckinList | None = None) -> CheckinList:
    """Create (``row`` None) or change a list; the whole list is checked by the shared rules first, and a
    refusal (InvalidInput, in words) writes nothing."""
    days = conference_days(session, conference.id)
    if any(not 1 <= day <= len(days) for day in fields.days):
        raise InvalidInput(Marked(N_("Day %(day)s is not a day of this conference (it has %(days)s)."),
                                  day=max(fields.days), days=len(days))
                           if days else Marked(N_("Set the conference's first and last day before choosing days.")))
    others = [other for other in repository.lists_of(session, conference.id) if other is not row]
    if any(other.name == fields.name for other in others):
        raise InvalidInput(Marked(N_("There is a list named '%(name)s' already: give this one another name."),
                                  name=fields.name))
    taken = {s: other.name for other in others for s in other.stations}
    if clash := [s for s in fields.stations if s in taken]:
        raise InvalidInput(Marked(N_("Station '%(station)s' already uses the list '%(list)s': a station uses one list."),
                                  station=clash[0], list=taken[clash[0]]))
    candidate = shared_lists.CheckinList(
        id=0, name=fields.name, ticket_type_ids=frozenset(fields.ticket_type_ids), addon_ids=frozenset(fields.addon_ids),
        allow_multiple_entries=fields.allow_multiple_entries, allow_entry_after_exit=fields.allow_entry_after_exit,
        days=frozenset(fields.days), opens=fields.opens, closes=fields.closes, stations=frozenset(fields.stations),
        rules=fields.rules)
    try:
        candidate.rule(venue_of(session, conference))
    except RuleError as error:
        raise InvalidInput(Marked(N_("The rule cannot be used: %(why)s"), why=error.message)) from None
    if row is None:
        row = CheckinList(conference_id=conference.id, name=fields.name)
        session.add(row)
    row.name, row.ticket_type_ids, row.addon_ids = fields.name, fields.ticket_type_ids, fields.addon_ids
    row.allow_multiple_entries, row.allow_entry_after_exit = fields.allow_multiple_entries, fields.allow_entry_after_exit
    row.days, row.opens, row.closes, row.stations, row.rules = (fields.days, fields.opens, fields.closes,
                                                                fields.stations, fields.rules)
    session.flush()
    return row
