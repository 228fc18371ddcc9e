"""Admin routes for the help desk: look an attendee up, check them in, admit them to a room, redeem a product.

For people whose badge is lost or does not scan. The rules are a kiosk's (``shared.decisions``), with
the reference services' names and messages; what the desk does reaches every kiosk by the change feed.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from server.api import AccessCodePath, AdminOnly, DbSession, SlugPath
from server.attendees.models import Attendee
from server.checkin.repository import load_door_records
from server.checkin.service import CheckInService, RedemptionService
from server.conferences.service import get_addon, get_conference, get_ticket_type
from server.errors import Conflict, InvalidInput, NotFound
from server.orders.models import OrderLineItem
from shared.decisions import decide_door_check
from shared.protocol import RowId, Text

router = APIRouter(prefix="/api/v1/admin/conferences/{slug}/attendees", tags=["desk"], dependencies=[AdminOnly])

# Committed before the answer leaves ("function" scope): the desk is told "checked in" only for a
# check-in that is stored (a request-scoped unit of work would commit after the response).


class Redeemable(BaseModel):
    line_item_id: int
    description: str
    quantity: int
    redeemed_count: int
    remaining: int
    addon_id: int | None


class AttendeeAtTheDesk(BaseModel):
    name: str
    email: str
    company: str
    access_code: str
    ticket_type: str
    checked_in: bool
    first_check_in_at: dt.datetime | None
    check_in_count: int
    redeemable: list[Redeemable]


class DeskAction(BaseModel):
    station: Text = Field(default="Desk", max_length=100)
    by: Text = Field(default="", max_length=100)  # who at the desk did it (the audit trail)


class DeskDoorCheck(DeskAction):
    ticket_type: Text = Field(default="", max_length=100)  # slug or name; exactly one of the two
    addon: Text = Field(default="", max_length=100)


class DeskRedemption(DeskAction):
    line_item_id: RowId  # a row id: one beyond a 32-bit INTEGER is a 422, not a failed query


def _attendee(session: Session, slug: str, access_code: str) -> Attendee:
    return CheckInService.lookup_attendee(session, conference=get_conference(session, slug), access_code=access_code)


def _admitted(attendee: Attendee) -> Attendee:
    """The reference's order status gate, with its words."""
    if (problem := CheckInService.validate_order_status(attendee)) is not None:
        raise Conflict(problem, code="order_not_admitted")
    return attendee


def _read(session: Session, attendee: Attendee) -> AttendeeAtTheDesk:
    badge = CheckInService.get_badge_data(session, attendee)
    return AttendeeAtTheDesk(
        **{key: badge[key] for key in AttendeeAtTheDesk.model_fields if key in badge},
        redeemable=[Redeemable(**p) for p in RedemptionService.get_redeemable_products(session, attendee)])


@router.get("/{access_code}", response_model=AttendeeAtTheDesk)
def attendee_at_the_desk(slug: SlugPath, access_code: AccessCodePath,
                         session: DbSession) -> AttendeeAtTheDesk:
    """An attendee's badge data, check-ins and the products they can still redeem."""
    return _read(session, _attendee(session, slug, access_code))


@router.post("/{access_code}/check-ins", status_code=201, response_model=AttendeeAtTheDesk)
def check_in_at_the_desk(slug: SlugPath, access_code: AccessCodePath, body: DeskAction,
                         session: DbSession) -> AttendeeAtTheDesk:
    """Check an attendee in at the desk (re-entry allowed); 409 if their order does not admit entry."""
    attendee = _admitted(_attendee(session, slug, access_code))
    CheckInService.check_in(session, attendee=attendee, checked_in_by=body.by, station=body.station)
    return _read(session, attendee)


@router.post("/{access_code}/door-checks", status_code=201, response_model=AttendeeAtTheDesk)
def door_check_at_the_desk(slug: SlugPath, access_code: AccessCodePath, body: DeskDoorCheck,
                           session: DbSession) -> AttendeeAtTheDesk:
    """Admit an attendee to a room for one product they hold (a tutorial, the VIP lounge); 409 if they do not."""
    if bool(body.ticket_type) == bool(body.addon):
        raise InvalidInput("Exactly one of ticket_type or addon must be provided.")
    attendee = _admitted(_attendee(session, slug, access_code))
    conference = attendee.conference
    ticket_type = get_ticket_type(session, conference, body.ticket_type) if body.ticket_type else None
    addon = get_addon(session, conference, body.addon) if body.addon else None
    product = ticket_type or addon
    assert product is not None  # exactly one of them was named (checked above)
    product_type = "ticket_type" if ticket_type else "addon"
    state = load_door_records(session, conference.id, {attendee.access_code})[attendee.access_code].state
    verdict = decide_door_check(state, product_type=product_type, product_id=product.id)
    if not verdict.admitted:
        raise Conflict(f"{attendee.full_name} does not hold '{product.name}'.", code=verdict.reason.value)
    CheckInService.record_door_check(session, attendee=attendee, checked_by=body.by, station=body.station,
                                     ticket_type=ticket_type, addon=addon)
    return _read(session, attendee)


@router.post("/{access_code}/redemptions", status_code=201, response_model=AttendeeAtTheDesk)
def redeem_at_the_desk(slug: SlugPath, access_code: AccessCodePath, body: DeskRedemption,
                       session: DbSession) -> AttendeeAtTheDesk:
    """Redeem one unit of a product line of the attendee's order; 409 once it is fully redeemed."""
    attendee = _admitted(_attendee(session, slug, access_code))
    line = session.get(OrderLineItem, body.line_item_id)
    if line is None:
        raise NotFound(f"No order line {body.line_item_id}.")
    RedemptionService.redeem_product(session, attendee=attendee, order_line_item=line, redeemed_by=body.by,
                                     station=body.station)
    return _read(session, attendee)
