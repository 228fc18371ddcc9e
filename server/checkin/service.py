"""Check-in, per-product door checks and product redemption at the server (the desk, the console).

The rules are the shared ones (``shared.order_status``, ``shared.decisions``,
``shared.scan_effects``) that kiosks decide by; these services word a refusal as a kiosk's screen
does (an order that does not admit entry, a product fully redeemed). Scans uploaded by kiosks
reach the same rules through ``server.sync.events``, which folds a whole batch at once. Plain
functions, as in every domain.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.attendees.models import Attendee
from server.attendees.repository import attendee_by_code
from server.checkin.models import CheckIn, CheckInCorrection, DoorCheck, ProductRedemption
from server.checkin.repository import (
    DeskAttendee,
    OrderLine,
    applied_scan_of_check_in,
    door_state,
    get_check_in,
    load_door_records,
    lock_door_states,
    desk_state,
    order_lines,
    record_desk_check_in,
    record_desk_door_check,
    record_desk_redemption,
)
from server.conferences.models import AddOn, Conference, TicketType
from server.conferences.service import get_addon, get_ticket_type
from server.db.base import utcnow
from server.errors import Conflict, InvalidInput, NotFound
from server.feed_versions import allocate_versions, stamp_up_front
from server.orders.models import OrderLineItem, OrderStatus
from shared.decisions import AttendeeState, Holding, Reason, ScanKind, decide_door_check
from shared.languages import N_, Marked
from shared.order_status import admits_entry
from shared.scan_effects import Scan, effect, undo

logger = logging.getLogger(__name__)


class AttendeeNotFound(NotFound):
    code = "not_found"


def order_status_message(status: OrderStatus | str | None) -> str | None:
    """Why an order's status does not admit entry, in the words the desk and the console show (None: it does)."""
    if status is None:
        return Marked(N_("Attendee has no associated order."))
    if not admits_entry(status):
        return Marked(N_("Order status is '%(status)s' — check-in not allowed."), status=Marked(OrderStatus(status).label))
    return None


def fully_redeemed_message(description: str, redeemed: int, quantity: int) -> str:
    return f"Product '{description}' is fully redeemed ({redeemed}/{quantity})."


def _check_in(session: Session, attendee: Attendee, *, checked_in_by: str, station: str,
              at: dt.datetime) -> tuple[CheckIn, AttendeeState]:
    """The check-in row and the attendee's door state after it."""
    # The effect is the shared rule's, as for a kiosk's scan: the earliest check-in is the first
    # (a late offline scan can be earlier than one recorded), the latest passage says inside.
    stamp_up_front(session, attendee)  # the feed lock, before the state is read
    state = effect(door_state(session, attendee), Scan(ScanKind.CHECK_IN, at, station))
    checkin = CheckIn(attendee_id=attendee.id, conference_id=attendee.conference_id, checked_in_by=checked_in_by,
                      station=station, checked_in_at=at)
    session.add(checkin)
    attendee.checked_in_at, attendee.inside = state.checked_in_at, state.inside
    session.flush()
    logger.info("Checked in attendee %s (access_code=%s) at station '%s'", attendee.id, attendee.access_code, station)
    return checkin, state


def validate_order_status(attendee: Attendee) -> str | None:
    """None if the attendee's order allows check-in, else the reason in words."""
    return order_status_message(attendee.order.status if attendee.order is not None else None)


def lookup_attendee(session: Session, *, conference: Conference, access_code: str) -> Attendee:
    """The attendee with this access code in this conference (never another conference's)."""
    attendee = attendee_by_code(session, conference.id, access_code, with_order=True)
    if attendee is None:
        raise AttendeeNotFound(f"No attendee with access code '{access_code}' in {conference.slug}.")
    return attendee


def check_in(
    session: Session, *, attendee: Attendee, checked_in_by: str = "", station: str = "",
    at: dt.datetime | None = None,
) -> CheckIn:
    """Record a check-in. Re-entry is allowed: every scan is a row; the first one sets ``checked_in_at``."""
    return _check_in(session, attendee, checked_in_by=checked_in_by, station=station, at=at or utcnow())[0]


def check_in_by_hand(session: Session, *, attendee: Attendee, by: str, station: str = "Console") -> CheckIn:
    """A check-in made in the console for someone at the door without a badge that scans.

    Refused (409) when the order does not admit entry, in order_status_message's words, as at a kiosk.
    Recorded twice: the check-in row names ``by`` (as a desk check-in does), and a correction row
    keeps it on the record even after an undo. Kiosks learn of it through the change feed.
    """
    if (problem := validate_order_status(attendee)) is not None:
        raise Conflict(problem, code="order_not_admitted")
    checkin = check_in(session, attendee=attendee, checked_in_by=by, station=station)
    session.add(CheckInCorrection(conference_id=attendee.conference_id, attendee_id=attendee.id, action="check_in",
                                  station=station, check_in_at=checkin.checked_in_at, made_by=by))
    session.flush()
    return checkin


def undo_check_in(session: Session, *, attendee: Attendee, check_in_id: int, by: str) -> CheckInCorrection:
    """Take back one check-in of this attendee (a wrong badge scanned, a check-in made by mistake).

    The row goes, as a kiosk's undo removes it, and the attendee's first check-in and "inside" are
    folded again by the shared rule; the kiosk scan it came from is marked undone, so a later undo
    from that kiosk finds nothing left to take back. Kiosks learn of it through the change feed.
    """
    lock_door_states(session, attendee.conference_id)
    checkin = get_check_in(session, attendee.id, check_in_id)
    if checkin is None:
        raise NotFound(f"{attendee.full_name} has no check-in {check_in_id}.", code="no_such_check_in")
    record = load_door_records(session, attendee.conference_id, {attendee.access_code})[attendee.access_code]
    state = undo(record.state, Scan(ScanKind.CHECK_IN, checkin.checked_in_at, checkin.station))
    if (scan := applied_scan_of_check_in(session, checkin)) is not None:
        scan.status = "undone"
    correction = CheckInCorrection(conference_id=attendee.conference_id, attendee_id=attendee.id, action="undo",
                                   station=checkin.station, check_in_at=checkin.checked_in_at, made_by=by)
    session.add(correction)
    session.delete(checkin)
    attendee.checked_in_at, attendee.inside = state.checked_in_at, state.inside
    session.flush()
    logger.info("Check-in %s of attendee %s taken back by %s", check_in_id, attendee.id, by)
    return correction


def get_badge_data(session: Session, attendee: Attendee) -> dict[str, Any]:
    """What a badge and a verdict screen show about an attendee."""
    ticket_type_name = attendee.ticket_type.name if attendee.ticket_type is not None else "General Admission"
    products: list[dict[str, Any]] = []
    if attendee.order is not None:
        for line_item in attendee.order.line_items:
            if attendee.ticket_type is None and line_item.ticket_type is not None:
                ticket_type_name = line_item.ticket_type.name
            if line_item.addon_id is not None:
                products.append(
                    {"id": line_item.addon_id, "name": line_item.addon.name if line_item.addon else line_item.description,
                     "description": line_item.description, "quantity": line_item.quantity}
                )
    check_in_count = session.scalar(select(func.count(CheckIn.id)).where(CheckIn.attendee_id == attendee.id))
    return {
        "name": attendee.full_name or attendee.email,
        "email": attendee.email,
        "company": attendee.company,
        "access_code": attendee.access_code,
        "ticket_type": ticket_type_name,
        "checked_in": attendee.checked_in_at is not None,
        "first_check_in_at": attendee.checked_in_at,
        "check_in_count": check_in_count,
        "products": products,
    }


def record_door_check(
    session: Session, *, attendee: Attendee, ticket_type: TicketType | None = None, addon: AddOn | None = None,
    checked_by: str = "", station: str = "", at: dt.datetime | None = None,
) -> DoorCheck:
    """Record admission to a sub-event for exactly one product of the attendee's conference."""
    if (ticket_type is None) == (addon is None):
        raise InvalidInput("Exactly one of ticket_type or addon must be provided.")
    if ticket_type is not None and ticket_type.conference_id != attendee.conference_id:
        raise InvalidInput("Ticket type does not belong to the attendee's conference.")
    if addon is not None and addon.conference_id != attendee.conference_id:
        raise InvalidInput("Add-on does not belong to the attendee's conference.")
    door_check = DoorCheck(
        attendee_id=attendee.id,
        conference_id=attendee.conference_id,
        ticket_type_id=ticket_type.id if ticket_type else None,
        addon_id=addon.id if addon else None,
        checked_by=checked_by,
        station=station,
        checked_at=at or utcnow(),
    )
    session.add(door_check)
    session.flush()
    label = ticket_type.name if ticket_type else addon.name  # type: ignore[union-attr]
    logger.info("Door check for attendee %s — %s at station '%s'", attendee.id, label, station)
    return door_check


# Redemption of purchased products (meals, tutorials), each up to its purchased quantity ----------


def get_redeemable_products(session: Session, attendee: Attendee) -> list[dict[str, Any]]:
    """The attendee's add-on line items that still have redemptions left."""
    if attendee.order_id is None:
        return []
    redeemed = (
        select(func.count(ProductRedemption.id))
        .where(ProductRedemption.order_line_item_id == OrderLineItem.id, ProductRedemption.attendee_id == attendee.id)
        .correlate(OrderLineItem)
        .scalar_subquery()
    )
    rows = session.execute(
        select(OrderLineItem, redeemed)
        .where(OrderLineItem.order_id == attendee.order_id, OrderLineItem.addon_id.is_not(None))
        .order_by(OrderLineItem.id)
    ).all()
    return [
        {
            "line_item_id": item.id,
            "description": item.description,
            "quantity": item.quantity,
            "redeemed_count": count,
            "remaining": item.quantity - count,
            "ticket_type_id": item.ticket_type_id,
            "addon_id": item.addon_id,
        }
        for item, count in rows
        if item.quantity - count > 0
    ]


def redeem_product(
    session: Session, *, attendee: Attendee, order_line_item: OrderLineItem, redeemed_by: str = "",
    station: str = "", at: dt.datetime | None = None,
) -> ProductRedemption:
    """Redeem one unit of a line item; refuses past the purchased quantity."""
    if attendee.order_id != order_line_item.order_id:
        raise InvalidInput("Line item does not belong to the attendee's order.")
    # Lock the line item: two kiosks redeeming the last lunch at the same moment must not both
    # count "0 of 1 used" and both insert.
    locked_item = session.execute(
        select(OrderLineItem).where(OrderLineItem.id == order_line_item.id).with_for_update()
    ).scalar_one()
    redeemed_count = session.execute(
        select(func.count(ProductRedemption.id)).where(
            ProductRedemption.attendee_id == attendee.id, ProductRedemption.order_line_item_id == locked_item.id
        )
    ).scalar_one()
    holding = Holding("addon", locked_item.addon_id or 0, locked_item.description, locked_item.quantity,
                      redeemed_count, locked_item.id)
    if holding.remaining <= 0:  # the kiosks' rule (shared.decisions.decide_redemption)
        raise Conflict(fully_redeemed_message(locked_item.description, redeemed_count, locked_item.quantity),
                       code=Reason.FULLY_REDEEMED.value)
    redemption = ProductRedemption(
        attendee_id=attendee.id,
        order_line_item_id=locked_item.id,
        conference_id=attendee.conference_id,
        redeemed_by=redeemed_by,
        station=station,
        redeemed_at=at or utcnow(),
    )
    session.add(redemption)
    session.flush()
    logger.info("Redeemed line item %s ('%s') for attendee %s", locked_item.id, locked_item.description, attendee.id)
    return redemption


# The help desk's scans (server/checkin/endpoints.py) --------------------------------------------
# Each is one unit of work of at most six statements, in plain rows and Core writes (no ORM object,
# no flush): the attendee with its order's status and ticket type; the version allocation, which is
# also the feed lock every door writer takes before it reads a door state; the order's lines with
# their redemptions; the passages; the row the scan adds; the attendee's new state and version.
# A test counts them (tests/server/test_desk.py).


@dataclass(frozen=True)
class DeskView:
    """What the desk shows after a scan: the attendee, the order's lines, how often they came in."""

    attendee: DeskAttendee
    lines: list[OrderLine]
    check_ins: int


def desk_admitted(attendee: DeskAttendee) -> DeskAttendee:
    """Only an order that admits entry (paid, partially refunded) lets the desk go on; 409 otherwise, saying why."""
    if (problem := order_status_message(attendee.order_status)) is not None:
        raise Conflict(problem, code="order_not_admitted")
    return attendee


def desk_check_in(session: Session, attendee: DeskAttendee, *, by: str, station: str) -> DeskView:
    """Check an attendee in at the desk (re-entry allowed), by the kiosks' rule (as ``check_in``)."""
    at = utcnow()
    connection = session.connection()
    version = allocate_versions(connection, attendee.conference_id, 1)  # the feed lock, before the state is read
    state = effect(desk_state(connection, attendee), Scan(ScanKind.CHECK_IN, at, station))
    lines = order_lines(connection, attendee)
    record_desk_check_in(connection, attendee, state, version=version, by=by, station=station, at=at)
    logger.info("Checked in attendee %s (access_code=%s) at station '%s'", attendee.id, attendee.access_code, station)
    return DeskView(replace(attendee, checked_in_at=state.checked_in_at), lines, check_ins=check_ins_of(state))


def desk_door_check(session: Session, attendee: DeskAttendee, *, ticket_type: str, addon: str, by: str,
                    station: str) -> DeskView:
    """Admit an attendee to a room for a product they hold (named by slug or name), by the kiosks' rule."""
    connection = session.connection()
    version = allocate_versions(connection, attendee.conference_id, 1)
    lines = order_lines(connection, attendee)
    state = desk_state(connection, attendee, lines)
    named = ticket_type or addon
    held = [h for h in state.holdings if h.product_type == ("ticket_type" if ticket_type else "addon")
            and named in _names_of(h, attendee, lines)]
    if not held:  # not theirs, or no such product: which one, in words
        conference = session.get_one(Conference, attendee.conference_id)
        product = get_ticket_type(session, conference, ticket_type) if ticket_type else get_addon(session, conference, addon)
        raise Conflict(f"{attendee.full_name} does not hold '{product.name}'.", code=Reason.PRODUCT_NOT_PURCHASED.value)
    verdict = decide_door_check(state, product_type=held[0].product_type, product_id=held[0].product_id)
    if not verdict.admitted:
        raise Conflict(f"{attendee.full_name} does not hold '{held[0].name}'.", code=verdict.reason.value)
    record_desk_door_check(connection, attendee, version=version, ticket_type_id=held[0].product_id if ticket_type else None,
                           addon_id=held[0].product_id if addon else None, by=by, station=station, at=utcnow())
    return DeskView(attendee, lines, check_ins=check_ins_of(state))


def desk_redeem(session: Session, attendee: DeskAttendee, *, line_item_id: int, by: str, station: str) -> DeskView:
    """Redeem one unit of a line of the attendee's order; refused once it is used up (the kiosks' rule)."""
    connection = session.connection()
    lines = order_lines(connection, attendee, lock=True)  # locked before counting, as every redeeming writer does
    line = next((line for line in lines if line.id == line_item_id and line.addon_id is not None), None)
    if line is None:
        raise NotFound(f"{attendee.full_name}'s order has no add-on line {line_item_id}.", code="no_such_line")
    version = allocate_versions(connection, attendee.conference_id, 1)
    state = desk_state(connection, attendee, lines)
    holding = Holding("addon", line.addon_id or 0, line.description, line.quantity, line.redeemed, line.id)
    if holding.remaining <= 0:  # the kiosks' rule (shared.decisions.decide_redemption), for this line
        raise Conflict(fully_redeemed_message(line.description, line.redeemed, line.quantity),
                       code=Reason.FULLY_REDEEMED.value)
    record_desk_redemption(connection, attendee, version=version, line_item_id=line.id, by=by, station=station,
                           at=utcnow())
    lines = [replace(each, redeemed=each.redeemed + 1) if each is line else each for each in lines]
    return DeskView(attendee, lines, check_ins=check_ins_of(state))


def _names_of(holding: Holding, attendee: DeskAttendee, lines: list[OrderLine]) -> set[str]:
    if holding.product_type == "ticket_type":
        return {name for name in (attendee.ticket_slug, attendee.ticket_name) if name is not None}
    return {field for line in lines if line.addon_id == holding.product_id
            for field in (line.product_slug, line.product_name)}


def check_ins_of(state: AttendeeState) -> int:
    return sum(passage.entering for passage in state.passages or ())
