"""Console pages: a conference's days, its check-in lists and their rules, and the rule simulator.

A list is built with a form (tickets and add-ons ticked, days ticked, a daily window, conditions picked
from lists), or with a rule typed as JSON by those who want to; every field is read through
``server.web.forms``, and the whole list is checked by the shared rules before anything is written.
Each list shows its rule in the words a kiosk's red screen uses, and the simulator decides a check-in
with the same shared code the kiosk and the ingestion call.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.api import DbSession
from server.checkin.repository import load_door_records
from server.checkin_lists import repository
from server.checkin_lists.models import CheckinList
from server.checkin_lists.service import (
    ListFields,
    conference_days,
    save_list,
    set_days,
    shared_list,
    venue_of,
)
from server.conferences.models import Conference
from server.conferences.repository import addons_of, ticket_types_of
from server.conferences.time_entry import to_venue_input
from server.errors import DomainError, InvalidInput
from server.users.models import Role
from server.web import forms, language
from server.web.console import CsrfProtected, SignedIn, conference_for, page_not_found, render
from server.web.forms import checked, refused
from shared.checkin_lists import CompiledList
from shared.checkin_rules import VERSION, WEEKDAYS, RuleError
from shared.decisions import AttendeeState, Holding, Outcome, ScanKind
from shared.languages import N_, Marked
from shared.scan_effects import Scan, apply_scan
from shared.verdict_words import VerdictWords

router = APIRouter(tags=["console"], default_response_class=HTMLResponse)

ShortText = Annotated[str, Form(max_length=300)]
Box = Annotated[str | None, Form(max_length=10)]
Ids = Annotated[list[str], Form(max_length=200)]
CONDITION_ROWS = 3
# What a condition row offers: the variable (or a time of day) and the comparisons that make sense for it.
CONDITIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "": ("—", ()),
    "time_before": (N_("Time of day is before (HH:MM)"), ()),
    "time_after": (N_("Time of day is after (HH:MM)"), ()),
    "now_isoweekday": (N_("Weekday (1 = Monday … 7 = Sunday)"), ("==", "!=")),
    "conference_day": (N_("Conference day (1 … n)"), ("==", "!=", "<", "<=", ">", ">=")),
    "station": (N_("Station"), ("==", "!=")),
    "entries_today": (N_("Entries today"), ("<", "<=", "==", ">", ">=")),
    "entries_number": (N_("Entries in all"), ("<", "<=", "==", ">", ">=")),
    "entries_days": (N_("Days with an entry"), ("<", "<=", "==", ">", ">=")),
    "minutes_since_last_entry": (N_("Minutes since the last entry (-1: none yet)"), ("<", "<=", ">", ">=", "==", "!=")),
    "minutes_since_first_entry": (N_("Minutes since the first entry (-1: none yet)"), ("<", "<=", ">", ">=", "==", "!=")),
    "entry_status": (N_("Entry status (present / absent)"), ("==", "!=")),
}
OPERATORS = ("==", "!=", "<", "<=", ">", ">=")


def _empty_form() -> dict[str, Any]:
    return {"name": "", "ticket_types": [], "addons": [], "multiple": True, "re_entry": True, "days": [],
            "opens": "", "closes": "", "stations": "", "combine": "and", "rules_json": "",
            "conditions": [{"variable": "", "operator": "==", "value": ""} for _ in range(CONDITION_ROWS)]}


def _form_of(row: CheckinList) -> dict[str, Any]:
    form = _empty_form()
    form.update(name=row.name, ticket_types=list(row.ticket_type_ids), addons=list(row.addon_ids),
                multiple=row.allow_multiple_entries, re_entry=row.allow_entry_after_exit, days=list(row.days),
                opens=row.opens.strftime("%H:%M") if row.opens else "",
                closes=row.closes.strftime("%H:%M") if row.closes else "", stations=", ".join(row.stations),
                rules_json=json.dumps(row.rules, indent=1) if row.rules else "")
    return form


def _words(db: DbSession, conference: Conference, rows: list[CheckinList], tag: str) -> dict[int, list[list[str]]]:
    """Each list's ways in, in the kiosk's words ("Staff entrance only", "Only before 10:00 CEST"), in ``tag``."""
    venue = venue_of(db, conference)
    words = {}
    for row in rows:
        try:
            words[row.id] = CompiledList(shared_list(row), venue).rule.describe(tag)
        except RuleError as error:  # the conference's days changed under a list that names a day
            with language.speaking(tag):
                words[row.id] = [[language.gettext("Cannot be used now: %(why)s") % {"why": error.message}]]
    return words


def _page(request: Request, db: DbSession, conference: Conference, *, status_code: int = 200, error: str = "",
          error_for: str = "", notice: str = "", form: dict[str, Any] | None = None, editing: CheckinList | None = None,
          simulation: dict[str, Any] | None = None) -> HTMLResponse:
    rows = repository.lists_of(db, conference.id)
    days = conference_days(db, conference.id)
    return render(
        request, "checkin_lists.html", status_code=status_code, conference=conference, error=error,
        error_for=error_for, notice=notice, lists=rows,
        words=_words(db, conference, rows, language.request_language(request)),
        ticket_types=ticket_types_of(db, conference.id), addons=addons_of(db, conference.id),
        days=[(n + 1, day) for n, day in enumerate(days)], form=form or _empty_form(),
        first_day=days[0] if days else "", last_day=days[-1] if days else "",
        editing=editing, conditions=CONDITIONS, operators=OPERATORS, rows=CONDITION_ROWS,
        simulation=simulation or {}, weekdays=WEEKDAYS)


@router.get("/conferences/{slug}/checkin-lists")
def checkin_lists_page(request: Request, db: DbSession, user: SignedIn, slug: str,
                       done: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    """The conference's check-in lists, each rule in words; organizers add and change them."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    notice = {"saved": N_("The list is saved: kiosks get it with their next sync."),
              "days": N_("The conference's days are saved.")}.get(done, "")
    return _page(request, db, conference, notice=notice)


@router.post("/conferences/{slug}/checkin-lists/days", dependencies=[CsrfProtected])
def days_submit(request: Request, db: DbSession, user: SignedIn, slug: str, first_day: ShortText = "",
                last_day: ShortText = "") -> Response:
    """The conference's first and last day: the rules' "conference day" 1 … n."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    try:
        first = forms.day(first_day, N_("first day"), field="first_day")
        last = forms.day(last_day, N_("last day"), field="last_day")
        set_days(db, conference, first, last)
    except DomainError as error:
        refused(request, db, error)
        return _page(request, db, conference, status_code=422, error=error.message, error_for="days")
    return RedirectResponse(f"/conferences/{conference.slug}/checkin-lists?done=days", status_code=303)


def _raw_form(name: str, ticket_types: list[str], addons: list[str], multiple: str | None, re_entry: str | None,
              days: list[str], opens: str, closes: str, stations: str, combine: str, rules_json: str,
              conditions: list[tuple[str, str, str]]) -> dict[str, Any]:
    return {"name": name, "ticket_types": ticket_types, "addons": addons, "multiple": checked(multiple),
            "re_entry": checked(re_entry), "days": days, "opens": opens, "closes": closes, "stations": stations,
            "combine": combine, "rules_json": rules_json,
            "conditions": [{"variable": v, "operator": o, "value": x} for v, o, x in conditions]}


def _read(db: DbSession, conference: Conference, form: dict[str, Any]) -> ListFields:
    """The list's fields, each through its typed field; the rule from the JSON, else from the condition rows."""
    tickets = forms.ids(form["ticket_types"], N_("ticket types"), field="ticket_types")
    addons = forms.ids(form["addons"], N_("add-ons"), field="addons")
    if not set(tickets) <= {t.id for t in ticket_types_of(db, conference.id)}:
        raise InvalidInput(N_("A ticket type ticked is not one of this conference's."))
    if not set(addons) <= {a.id for a in addons_of(db, conference.id)}:
        raise InvalidInput(N_("An add-on ticked is not one of this conference's."))
    days = sorted({forms.whole_number(d, N_("conference day"), minimum=1, maximum=60, field="days") for d in form["days"]})
    stations = [forms.text(s, N_("station"), max_length=100, field="stations").strip()
                for s in form["stations"].replace("\n", ",").split(",") if s.strip()]
    rule = forms.json_object(form["rules_json"], N_("rule (JSON)"), field="rules_json")
    if rule is None:
        rule = _conditions(form["conditions"], forms.choice(form["combine"], ("and", "or"), N_("combination")))
    return ListFields(
        name=forms.text(form["name"], N_("name"), column=CheckinList.name, required=True),
        ticket_type_ids=tickets, addon_ids=addons, allow_multiple_entries=form["multiple"],
        allow_entry_after_exit=form["re_entry"], days=days,
        opens=forms.time_of_day(form["opens"], N_("opening time"), field="opens"),
        closes=forms.time_of_day(form["closes"], N_("closing time"), field="closes"),
        stations=list(dict.fromkeys(stations)), rules=rule)


def _conditions(rows: list[dict[str, str]], combine: str) -> dict[str, Any] | None:
    """The rule the condition rows pick (None: no row filled in)."""
    nodes: list[Any] = []
    for number, row in enumerate(rows, start=1):
        variable = forms.choice(row["variable"], tuple(CONDITIONS), N_("condition"), field=f"condition_{number}")
        if not variable:
            continue
        what = Marked(N_("value of condition %(number)s"), number=number)
        if variable in ("time_before", "time_after"):
            clock = forms.time_of_day(row["value"], what, field=f"value_{number}")
            if clock is None:
                raise forms.FieldRefused(f"value_{number}", Marked(
                    N_("Give the time of condition %(number)s (for example 10:00)."), number=number))
            operator = "isBefore" if variable == "time_before" else "isAfter"
            nodes.append({operator: [{"var": "now"}, {"buildTime": ["customtime", f"{clock:%H:%M}"]}]})
            continue
        operator = forms.choice(row["operator"], CONDITIONS[variable][1],
                                Marked(N_("comparison of condition %(number)s"), number=number),
                                field=f"operator_{number}")
        value: Any
        if variable in ("station", "entry_status"):
            value = forms.text(row["value"], what, max_length=100, required=True, field=f"value_{number}").strip()
        else:
            value = forms.whole_number(row["value"], what, minimum=-1, maximum=100_000, required=True,
                                       field=f"value_{number}")
        nodes.append({operator: [{"var": variable}, value]})
    if not nodes:
        return None
    return {"version": VERSION, "rule": nodes[0] if len(nodes) == 1 else {combine: nodes}}


def _submitted(request: Request, db: DbSession, conference: Conference, form: dict[str, Any],
               row: CheckinList | None) -> Response:
    try:
        save_list(db, conference, _read(db, conference, form), row=row)
    except DomainError as error:
        refused(request, db, error)
        return _page(request, db, conference, status_code=422, error=error.message, error_for="list", form=form,
                     editing=row)
    return RedirectResponse(f"/conferences/{conference.slug}/checkin-lists?done=saved", status_code=303)


def _condition_fields(var_1: str, op_1: str, value_1: str, var_2: str, op_2: str, value_2: str, var_3: str,
                      op_3: str, value_3: str) -> list[tuple[str, str, str]]:
    return [(var_1, op_1, value_1), (var_2, op_2, value_2), (var_3, op_3, value_3)]


@router.post("/conferences/{slug}/checkin-lists", dependencies=[CsrfProtected])
def list_add(request: Request, db: DbSession, user: SignedIn, slug: str, name: ShortText = "",
             ticket_types: Ids = [], addons: Ids = [], multiple: Box = None, re_entry: Box = None,  # noqa: B006
             days: Ids = [], opens: ShortText = "", closes: ShortText = "",  # noqa: B006
             stations: Annotated[str, Form(max_length=2000)] = "", combine: ShortText = "and",
             rules_json: Annotated[str, Form(max_length=20_000)] = "",
             var_1: ShortText = "", op_1: ShortText = "", value_1: ShortText = "",
             var_2: ShortText = "", op_2: ShortText = "", value_2: ShortText = "",
             var_3: ShortText = "", op_3: ShortText = "", value_3: ShortText = "") -> Response:
    """Add a check-in list."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    form = _raw_form(name, ticket_types, addons, multiple, re_entry, days, opens, closes, stations, combine, rules_json,
                     _condition_fields(var_1, op_1, value_1, var_2, op_2, value_2, var_3, op_3, value_3))
    return _submitted(request, db, conference, form, None)


def _list_or_404(db: DbSession, conference: Conference, list_id: str) -> CheckinList:
    if not list_id.isascii() or not list_id.isdigit() or len(list_id) > 9:
        raise page_not_found()
    row = repository.list_of(db, conference.id, int(list_id))
    if row is None:
        raise page_not_found()
    return row


@router.get("/conferences/{slug}/checkin-lists/{list_id}")
def list_edit(request: Request, db: DbSession, user: SignedIn, slug: str, list_id: str) -> HTMLResponse:
    """The form to change a list (its rule shown as JSON: the condition rows start empty)."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    row = _list_or_404(db, conference, list_id)
    return _page(request, db, conference, form=_form_of(row), editing=row)


@router.post("/conferences/{slug}/checkin-lists/{list_id}", dependencies=[CsrfProtected])
def list_save(request: Request, db: DbSession, user: SignedIn, slug: str, list_id: str, name: ShortText = "",
              ticket_types: Ids = [], addons: Ids = [], multiple: Box = None, re_entry: Box = None,  # noqa: B006
              days: Ids = [], opens: ShortText = "", closes: ShortText = "",  # noqa: B006
              stations: Annotated[str, Form(max_length=2000)] = "", combine: ShortText = "and",
              rules_json: Annotated[str, Form(max_length=20_000)] = "",
              var_1: ShortText = "", op_1: ShortText = "", value_1: ShortText = "",
              var_2: ShortText = "", op_2: ShortText = "", value_2: ShortText = "",
              var_3: ShortText = "", op_3: ShortText = "", value_3: ShortText = "") -> Response:
    """Save a list's changes."""
    conference = conference_for(db, user, slug, at_least=Role.ORGANIZER)
    row = _list_or_404(db, conference, list_id)
    form = _raw_form(name, ticket_types, addons, multiple, re_entry, days, opens, closes, stations, combine, rules_json,
                     _condition_fields(var_1, op_1, value_1, var_2, op_2, value_2, var_3, op_3, value_3))
    return _submitted(request, db, conference, form, row)


Param = Annotated[str, Query(max_length=100)]


@router.get("/conferences/{slug}/checkin-lists-simulator")
def simulator(request: Request, db: DbSession, user: SignedIn, slug: str, checkin_list: Param = "",
              access_code: Param = "", ticket_type: Param = "", station: Param = "", moment: Param = "") -> Response:
    """A check-in decided as a kiosk would: a list, an attendee (their passages count) or a ticket type, a
    station, a moment on the venue's clock → the verdict and its words, by the shared rules."""
    conference = conference_for(db, user, slug, at_least=Role.VIEWER)
    asked = {"checkin_list": checkin_list, "access_code": access_code, "ticket_type": ticket_type, "station": station,
             "moment": moment or to_venue_input(dt.datetime.now(dt.UTC), conference.timezone)}
    if not checkin_list:
        return _page(request, db, conference, simulation={"asked": asked})
    try:
        list_id = forms.record_id(checkin_list, N_("check-in lists"), field="checkin_list")
        row = repository.list_of(db, conference.id, list_id or 0)
        if row is None:
            raise forms.FieldRefused("checkin_list", N_("Choose one of this conference's check-in lists."))
        at = forms.venue_time(asked["moment"], conference.timezone, N_("moment"), field="moment")
        if at is None:
            raise forms.FieldRefused("moment", N_("Give the moment of the scan."))
        name = forms.text(station, N_("station"), max_length=100, field="station").strip() or next(iter(row.stations), "")
        state = _attendee(db, conference, access_code, ticket_type)
        compiled = CompiledList(shared_list(row), venue_of(db, conference))
        step = apply_scan(state, Scan("check_in", at, name), compiled)
    except (DomainError, RuleError) as error:
        refused(request, db, error if isinstance(error, DomainError) else InvalidInput(error.message))
        message = error.message
        return _page(request, db, conference, status_code=422, error=message, error_for="simulator",
                     simulation={"asked": asked})
    verdict = step.verdict
    tag = language.request_language(request)
    # The kiosk's own words, in the reader's language: the rule's refusal, else the verdict's headline.
    words = verdict.explanation_in(tag)
    if not words and verdict.reason.value == "ok":
        words = VerdictWords(tag).admitted(ScanKind.CHECK_IN, "")
    elif not words and verdict.reason.value == "already_checked_in":
        with language.speaking(tag):
            words = language.gettext("Welcome back (already checked in)")
    elif not words:
        words = VerdictWords(tag).headline(verdict.reason)
    result = {"admitted": verdict.outcome is not Outcome.REFUSE, "outcome": verdict.outcome.value, "words": words,
              "list": row.name, "station": name}
    return _page(request, db, conference, simulation={"asked": asked, "result": result})


def _attendee(db: DbSession, conference: Conference, access_code: str, ticket_type: str) -> AttendeeState:
    """The attendee of ``access_code`` as the ingestion sees them (holdings and passages), or a paid holder of
    ``ticket_type`` who never entered."""
    if access_code.strip():
        code = forms.access_code(access_code, field="access_code")
        record = load_door_records(db, conference.id, {code}).get(code)
        if record is None:
            raise forms.FieldRefused("access_code", Marked(N_("No attendee of this conference has the code %(code)s."),
                                                            code=code))
        return record.state
    type_id = forms.record_id(ticket_type, N_("ticket types"), field="ticket_type")
    chosen = next((t for t in ticket_types_of(db, conference.id) if t.id == type_id), None)
    if chosen is None:
        raise forms.FieldRefused("ticket_type", N_("Choose a ticket type, or give an attendee's access code."))
    return AttendeeState("SIMULATE", "", "", chosen.name, "paid", holdings=(Holding("ticket_type", chosen.id,
                                                                                     chosen.name),), passages=())
