"""The exports' rows: what each CSV holds, column by column, times in the conference's zone.

Each export reads a page at a time after a key (``server.exports.repository``); the caller gives
every page its own short read transaction and streams the rows as they come.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from server.attendees.service import SCAN_KINDS, reason_in_words
from server.conferences.local_time import in_conference_time
from server.exports import repository

PAGE = 2000


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


def scan_log_page(session: Session, scope: ExportScope, after: Any) -> tuple[list[tuple], Any]:
    """Every scan kiosks uploaded, in the order they happened, with what the kiosk and the server made of it."""
    events = repository.scan_log(session, scope.conference_id, after, PAGE)
    if not events:
        return [], None
    products = repository.product_names(session, scope.conference_id)
    rows = [(in_conference_time(e.occurred_at, scope.timezone), _iso(e.occurred_at), _iso(e.received_at), e.station,
             e.name, SCAN_KINDS.get(e.kind, e.kind), e.access_code, _name(e.first_name, e.last_name),
             products.get((e.product_type or "addon", e.product_id), "") if e.product_id is not None else "",
             reason_in_words(e.kiosk_reason), e.status, reason_in_words(e.reason)) for e in events]
    last = events[-1]
    return rows, (last.occurred_at, last.id)


@dataclass(frozen=True)
class Export:
    slug: str  # in the address and the file name
    title: str
    description: str
    header: tuple[str, ...]
    page: Callable[[Session, ExportScope, Any], tuple[list[tuple], Any]]

    def filename(self, scope: ExportScope) -> str:
        return f"{scope.conference_slug}-{self.slug}.csv"


EXPORTS = {export.slug: export for export in (
    Export("check-ins", "Check-ins", "Everyone checked in: first check-in time and station, check-ins, exits, "
           "whether they are inside now, and their redemptions.", CHECK_IN_HEADER, check_in_page),
    Export("no-shows", "No-shows", "Everyone whose order is paid (or partially refunded) and who never checked in.",
           NO_SHOW_HEADER, no_show_page),
    Export("scan-log", "Scan log", "Every scan the kiosks uploaded, in the order it happened: station, device, "
           "what the kiosk decided and what the server made of it.", SCAN_LOG_HEADER, scan_log_page),
)}
