"""One attendee's whole story at the venue, for the console's attendee page.

``attendee_detail`` gathers an attendee's order, holdings, redemptions and every scan across
stations (kiosk uploads, the desk's and the console's check-ins, corrections by hand) into one
timeline in occurrence order, with times in the conference's zone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.attendees.service import get_attendee
from server.checkin import repository
from server.conferences.local_time import in_conference_time
from server.conferences.models import Conference
from shared.languages import N_, Marked

SCAN_KINDS = {"check_in": N_("Check-in"), "exit": N_("Exit"), "door_check": N_("Door check"),
              "redemption": N_("Redemption"), "undo": N_("Undo"), "badge_printed": N_("Badge printed"),
              "failed_scan": N_("Refused scan")}
# A scan of a product, with the product's name ("Redemption: Lunch").
SCAN_KINDS_OF_PRODUCT = {"redemption": N_("Redemption: %(product)s"), "door_check": N_("Door check: %(product)s"),
                         "undo": N_("Undo: %(product)s")}


NOTHING = Marked("")  # no source, no outcome (it took effect)


def _as_is(text: str) -> Marked:
    """A name (a device's, a product's) as it is: no catalogue has it."""
    return Marked("%(text)s", text=text)


def reason_in_words(reason: str) -> str:
    """``fully_redeemed`` → "fully redeemed"."""
    return reason.replace("_", " ")


@dataclass(frozen=True)
class Holding:
    kind: str  # ticket_type | addon
    name: str
    quantity: int
    redeemed: int = 0


@dataclass(frozen=True)
class TimelineEntry:
    """One thing that happened to an attendee at the venue."""

    at: dt.datetime
    when: str  # in the conference's zone
    what: Marked  # "Redemption: Lunch" (the page words it in its reader's language)
    station: str
    source: Marked  # the kiosk's name, "Console", "Help desk"
    by: str  # the console user or desk person, when a person did it by hand
    outcome: Marked  # "" when it took effect; else what became of it ("Undone", "Conflict: fully redeemed")
    refused: bool = False  # the outcome is a conflict or a refusal (not merely undone)


@dataclass(frozen=True)
class CheckInLine:
    """A check-in that stands (one an undo can take back)."""

    id: int
    when: str
    station: str
    by: str


@dataclass
class AttendeeDetail:
    attendee: Attendee
    ticket_type: str
    order_reference: str
    order_status: str  # "Paid", "Refunded", "No order"
    order_total: Decimal | None  # None: no order (the page writes it in its language's money)
    first_check_in: str
    holdings: list[Holding] = field(default_factory=list)
    redemptions: list[TimelineEntry] = field(default_factory=list)
    check_ins: list[CheckInLine] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)


def attendee_detail(session: Session, conference: Conference, attendee_id: int) -> AttendeeDetail:
    attendee = get_attendee(session, conference, attendee_id)
    zone = conference.timezone

    def entry(at, what: Marked, station="", source: Marked = NOTHING, by="", outcome: Marked = NOTHING,
              refused=False) -> TimelineEntry:
        return TimelineEntry(at, in_conference_time(at, zone), what, station, source, by, outcome, refused)

    order = attendee.order
    lines = order.line_items if order is not None else []
    redeemed = repository.redemption_counts(session, attendee.id)
    ticket_type = attendee.ticket_type.name if attendee.ticket_type is not None else "General Admission"
    holdings = [Holding("ticket_type", ticket_type, 1)] + [
        Holding("addon", line.description, line.quantity, redeemed.get(line.id, 0))
        for line in lines if line.addon_id is not None]
    product_names = {("ticket_type", line.ticket_type_id): line.description for line in lines if line.ticket_type_id}
    product_names |= {("addon", line.addon_id): line.description for line in lines if line.addon_id}
    if attendee.ticket_type is not None:
        product_names[("ticket_type", attendee.ticket_type.id)] = attendee.ticket_type.name

    timeline: list[TimelineEntry] = []
    from_kiosks: set[tuple[str, dt.datetime, str]] = set()  # (kind, moment, station) of applied kiosk scans
    for event, device_name in repository.scan_events(session, attendee.id):
        what = Marked(SCAN_KINDS[event.kind]) if event.kind in SCAN_KINDS else _as_is(event.kind)
        if event.product_id is not None:
            product = product_names.get((event.product_type or "addon", event.product_id), f"product {event.product_id}")
            what = (Marked(SCAN_KINDS_OF_PRODUCT[event.kind], product=product) if event.kind in SCAN_KINDS_OF_PRODUCT
                    else Marked(N_("%(kind)s: %(product)s"), kind=what, product=product))
        outcome = {"applied": NOTHING, "undone": Marked(N_("Undone")),
                   "conflict": Marked(N_("Conflict: %(reason)s"), reason=reason_in_words(event.reason)),
                   "rejected": Marked(N_("Refused by the server: %(reason)s"), reason=reason_in_words(event.reason)),
                   }.get(event.status, _as_is(event.status))
        if event.kind == "failed_scan":
            outcome = Marked(N_("Refused at the kiosk: %(reason)s"), reason=reason_in_words(event.kiosk_reason))
        timeline.append(entry(event.occurred_at, what, event.station, _as_is(device_name), outcome=outcome,
                              refused=event.status in ("conflict", "rejected") or event.kind == "failed_scan"))
        if event.status in ("applied", "undone"):
            from_kiosks.add((event.kind, event.occurred_at, event.station))

    by_hand: set[tuple[dt.datetime, str]] = set()
    for correction in repository.corrections(session, attendee.id):
        if correction.action == "check_in":
            by_hand.add((correction.check_in_at, correction.station))
            timeline.append(entry(correction.check_in_at, Marked(N_("Check-in by hand")), correction.station,
                                  Marked(N_("Console")), correction.made_by))
        else:
            taken_back = in_conference_time(correction.check_in_at, zone)
            what = Marked(N_("Check-in of %(moment)s at %(station)s undone by hand"), moment=taken_back,
                          station=correction.station) if correction.station else \
                Marked(N_("Check-in of %(moment)s undone by hand"), moment=taken_back)
            timeline.append(entry(correction.made_at, what, "", Marked(N_("Console")), correction.made_by))

    check_ins = repository.check_ins(session, attendee.id)
    for checkin in check_ins:  # made at the server without a kiosk: the help desk
        if ("check_in", checkin.checked_in_at, checkin.station) not in from_kiosks \
                and (checkin.checked_in_at, checkin.station) not in by_hand:
            timeline.append(entry(checkin.checked_in_at, Marked(SCAN_KINDS["check_in"]), checkin.station,
                                  Marked(N_("Help desk")), checkin.checked_in_by))
    for check, product in repository.door_checks(session, attendee.id):
        if ("door_check", check.checked_at, check.station) not in from_kiosks:
            timeline.append(entry(check.checked_at, Marked(SCAN_KINDS_OF_PRODUCT["door_check"], product=product),
                                  check.station, Marked(N_("Help desk")), check.checked_by))
    redemptions = []
    for redemption, product in repository.redemptions(session, attendee.id):
        at_a_kiosk = ("redemption", redemption.redeemed_at, redemption.station) in from_kiosks
        line = entry(redemption.redeemed_at, Marked(SCAN_KINDS_OF_PRODUCT["redemption"], product=product),
                     redemption.station, Marked(N_("Kiosk") if at_a_kiosk else N_("Help desk")), redemption.redeemed_by)
        redemptions.append(line)
        if not at_a_kiosk:  # a kiosk's redemption is on the timeline already, as its scan
            timeline.append(line)
    timeline.sort(key=lambda e: e.at)

    return AttendeeDetail(
        attendee=attendee, ticket_type=ticket_type,
        order_reference=order.reference if order is not None else "",
        order_status=order.status.label if order is not None else "No order",
        order_total=order.total if order is not None else None,
        first_check_in=in_conference_time(attendee.checked_in_at, zone),
        holdings=holdings, redemptions=redemptions, timeline=timeline,
        check_ins=[CheckInLine(c.id, in_conference_time(c.checked_in_at, zone), c.station, c.checked_in_by)
                   for c in check_ins],
    )
