"""The exports' rows: what each CSV holds, column by column, times in the conference's zone.

Each export reads a page at a time after a key (``server.exports.repository``); the caller gives
every page its own short read transaction and streams the rows as they come.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from server.checkin.attendee_story import SCAN_KINDS
from server.conferences.local_time import in_conference_time
from server.exports import repository
from server.exports.zone_history import OCCUPANCY_HEADER, THROUGHPUT_HEADER, occupancy_page, throughput_page
from shared.conflict_words import ConflictWords
from shared.languages import N_

PAGE = 2000

# The kiosk's and the server's reasons in the words the console's conflicts page uses (the CSV is English).
REASON_WORDS = ConflictWords()


@dataclass(frozen=True)
class ExportScope:
    """Plain values, as each page runs in a session of its own."""

    conference_id: int
    conference_slug: str
    timezone: str


def _iso(moment) -> str:
    return moment.isoformat() if moment is not None else ""


def _name(first, last) -> str:
    return f"{first or ''} {last or ''}".strip()


CHECK_IN_HEADER = ("Name", "Email", "Company", "Access code", "Ticket type", "Order status",
                   "First check-in", "First check-in (UTC)", "First check-in station", "Check-ins", "Exits",
                   "Last exit", "Inside now", "Redemptions")


def check_in_page(session: Session, scope: ExportScope, after: int | None) -> tuple[list[tuple], int | None]:
    """Attendees checked in: their first check-in (time and station), check-ins and exits, redemptions."""
    attendees = repository.checked_in_attendees(session, scope.conference_id, after or 0, PAGE)
    if not attendees:
        return [], None
    ids = [a.id for a in attendees]
    check_ins = repository.check_in_summaries(session, ids)
    exits = repository.exit_summaries(session, ids)
    redeemed = repository.redemption_summaries(session, ids)
    rows = []
    for a in attendees:
        count, station = check_ins.get(a.id, (0, ""))
        exit_count, last_exit = exits.get(a.id, (0, None))
        rows.append((
            _name(a.first_name, a.last_name), a.email, a.company, a.access_code, a.ticket_type or "General Admission",
            a.status.label if a.status is not None else "No order",
            in_conference_time(a.checked_in_at, scope.timezone), _iso(a.checked_in_at), station, count, exit_count,
            in_conference_time(last_exit, scope.timezone), "yes" if a.inside else "no",
            "; ".join(f"{product} {used}/{quantity}" for product, used, quantity in redeemed.get(a.id, ())),
        ))
    return rows, ids[-1]


NO_SHOW_HEADER = ("Name", "Email", "Company", "Access code", "Ticket type", "Order", "Order status")


def no_show_page(session: Session, scope: ExportScope, after: int | None) -> tuple[list[tuple], int | None]:
    """Attendees whose order admits entry who never checked in."""
    attendees = repository.no_shows(session, scope.conference_id, after or 0, PAGE)
    if not attendees:
        return [], None
    return [(_name(a.first_name, a.last_name), a.email, a.company, a.access_code, a.ticket_type or "General Admission",
             a.reference or "", a.status.label if a.status is not None else "") for a in attendees], attendees[-1].id


SCAN_LOG_HEADER = ("Time", "Time (UTC)", "Received (UTC)", "Station", "Device", "Scan", "Access code", "Attendee",
                   "Product", "Kiosk's verdict", "Server's outcome", "Reason")


CORRECTIONS = {"check_in": "Check-in by hand", "undo": "Undo by hand"}


def scan_log_page(session: Session, scope: ExportScope, after: Any) -> tuple[list[tuple], Any]:
    """Every scan kiosks uploaded and every check-in or undo made by hand in the console, in the order they
    happened, with what the kiosk and the server made of it (and who, for one made by hand).

    Two keyset streams merged by moment, a kiosk's scan before a console correction at the same moment;
    the key is (moment, 0 and the scan's id | 1 and the correction's id) of the last row written."""
    at, source, last_id = after if after is not None else (None, 0, None)
    # After a scan at moment ``at``: the later scans at it, and every correction at it; after a correction:
    # no scan at it (they came first), the later corrections at it.
    events = repository.scan_log(session, scope.conference_id,
                                 None if at is None else (at, last_id if source == 0 else None), PAGE)
    corrections = repository.corrections_log(session, scope.conference_id, at, last_id if source == 1 else None, PAGE)
    merged = sorted([(e.occurred_at, 0, e.id, e) for e in events] + [(c.made_at, 1, c.id, c) for c in corrections],
                    key=lambda row: row[:3])[:PAGE]
    if not merged:
        return [], None
    products = repository.product_names(session, scope.conference_id)
    rows = []
    for moment, kind, _id, row in merged:
        if kind == 0:
            rows.append((in_conference_time(moment, scope.timezone), _iso(moment), _iso(row.received_at), row.station,
                         row.name, SCAN_KINDS.get(row.kind, row.kind), row.access_code,
                         _name(row.first_name, row.last_name),
                         products.get((row.product_type or "addon", row.product_id), "")
                         if row.product_id is not None else "",
                         REASON_WORDS.reason(row.kiosk_reason), row.status, REASON_WORDS.reason(row.reason)))
        else:
            what = (f"by {row.made_by}" if row.action == "check_in" else
                    f"by {row.made_by}: the check-in of {in_conference_time(row.check_in_at, scope.timezone)} "
                    f"taken back")
            rows.append((in_conference_time(moment, scope.timezone), _iso(moment), _iso(moment), row.station,
                         "Console", CORRECTIONS.get(row.action, row.action), row.access_code,
                         _name(row.first_name, row.last_name), "", "", "applied", what))
    last_moment, last_kind, last_id, _row = merged[-1]
    return rows, (last_moment, last_kind, last_id)


@dataclass(frozen=True)
class Export:
    slug: str  # in the address and the file name
    title: str  # marked for the console (exports.html translates it); the file itself is English
    description: str
    header: tuple[str, ...]
    page: Callable[[Session, ExportScope, Any], tuple[list[tuple], Any]]

    def filename(self, scope: ExportScope) -> str:
        return f"{scope.conference_slug}-{self.slug}.csv"


EXPORTS = {export.slug: export for export in (
    Export("check-ins", N_("Check-ins"), N_("Everyone checked in: first check-in time and station, check-ins, exits, "
           "whether they are inside now, and their redemptions."), CHECK_IN_HEADER, check_in_page),
    Export("no-shows", N_("No-shows"), N_("Everyone whose order is paid (or partially refunded) and who never checked in."),
           NO_SHOW_HEADER, no_show_page),
    Export("scan-log", N_("Scan log"), N_("Every scan the kiosks uploaded and every check-in or undo made by hand in the "
           "console, in the order it happened: station, device, what the kiosk decided and what the server made "
           "of it."), SCAN_LOG_HEADER, scan_log_page),
    Export("zone-occupancy", N_("Occupancy per zone"), N_("How many were inside each zone at the end of every 5 minutes "
           "(its rooms' people included), against its capacity, from the first scan at a zone's door."),
           OCCUPANCY_HEADER, occupancy_page),
    Export("door-throughput", N_("Throughput per door"), N_("Each door's admissions, exits and refusals per 5 minutes."),
           THROUGHPUT_HEADER, throughput_page),
)}
