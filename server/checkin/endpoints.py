"""Admin routes for the help desk: look an attendee up, check them in, admit them to a room, redeem a product.

For people whose badge is lost or does not scan. The rules are a kiosk's (``shared.decisions``), through
server.checkin.service; what the desk does reaches every kiosk by the change feed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from server.api import (
    AccessCodePath,
    AdminOnly,
    PlainRoute,
    SlugPath,
    body_model,
    check_admin,
    json_answer,
    json_body,
    path_parameters,
    request_unit_of_work,
)
from server.checkin.repository import DeskAttendee, desk_attendee, desk_state, order_lines
from server.checkin.schemas import AttendeeAtTheDesk, DeskAction, DeskDoorCheck, DeskRedemption, Redeemable
from server.checkin.service import (
    AttendeeNotFound,
    DeskView,
    check_ins_of,
    desk_admitted,
    desk_check_in,
    desk_door_check,
    desk_redeem,
)
from server.conferences.service import get_conference
from server.errors import InvalidInput

_PREFIX = "/api/v1/admin/conferences/{slug}/attendees"
router = APIRouter(prefix=_PREFIX, tags=["desk"], dependencies=[AdminOnly])

# Each route opens its unit of work itself and builds its answer's bytes inside it (server.api): the
# desk's request runs in one worker thread, and the desk is told "checked in" only for a check-in that
# is committed, before a byte of the answer leaves.


def _attendee(session: Session, slug: str, access_code: str) -> DeskAttendee:
    attendee = desk_attendee(session.connection(), slug, access_code)
    if attendee is None:
        get_conference(session, slug)  # 404 in its own words when there is no such conference
        raise AttendeeNotFound(f"No attendee with access code '{access_code}' in {slug}.")
    return attendee


def _answer(view: DeskView) -> AttendeeAtTheDesk:
    attendee = view.attendee
    ticket = attendee.ticket_name if attendee.ticket_name is not None else next(
        (line.product_name for line in view.lines if line.ticket_type_id is not None), "General Admission")
    return AttendeeAtTheDesk(
        name=attendee.full_name or attendee.email, email=attendee.email, company=attendee.company,
        access_code=attendee.access_code, ticket_type=ticket, checked_in=attendee.checked_in_at is not None,
        first_check_in_at=attendee.checked_in_at, check_in_count=view.check_ins,
        redeemable=[Redeemable(line_item_id=line.id, description=line.description, quantity=line.quantity,
                               redeemed_count=line.redeemed, remaining=line.remaining, addon_id=line.addon_id)
                    for line in view.lines if line.addon_id is not None and line.remaining > 0])


@router.get("/{access_code}", response_model=AttendeeAtTheDesk)
def attendee_at_the_desk(slug: SlugPath, access_code: AccessCodePath, request: Request) -> Response:
    """An attendee's badge data, check-ins and the products they can still redeem."""
    with request_unit_of_work(request) as session:
        attendee = _attendee(session, slug, access_code)
        return json_answer(_answer(DeskView(attendee, order_lines(session.connection(), attendee),
                                            check_ins_of(desk_state(session.connection(), attendee)))))


# The desk's scans, served as plain routes (server.api.PlainRoute): FastAPI's handling of a request
# cost as much as a scan's statements, rule and commit. The functions declared below say what each
# takes and answers (the API's document); ``_scan`` serves them, checking what they declare.

_PATH = {"slug": TypeAdapter(SlugPath), "access_code": TypeAdapter(AccessCodePath)}


def check_in_at_the_desk(slug: SlugPath, access_code: AccessCodePath, body: DeskAction) -> AttendeeAtTheDesk:
    """Check an attendee in at the desk (re-entry allowed); 409 if their order does not admit entry."""
    raise NotImplementedError  # served by _check_in


def door_check_at_the_desk(slug: SlugPath, access_code: AccessCodePath, body: DeskDoorCheck) -> AttendeeAtTheDesk:
    """Admit an attendee to a room for one product they hold (a tutorial, the VIP lounge); 409 if they do not."""
    raise NotImplementedError  # served by _door_check


def redeem_at_the_desk(slug: SlugPath, access_code: AccessCodePath, body: DeskRedemption) -> AttendeeAtTheDesk:
    """Redeem one unit of a product line of the attendee's order; 404 for a line not theirs, 409 once it is used up."""
    raise NotImplementedError  # served by _redeem


def _check_in(session: Session, attendee: DeskAttendee, body: DeskAction) -> DeskView:
    return desk_check_in(session, attendee, by=body.by, station=body.station)


def _door_check(session: Session, attendee: DeskAttendee, body: DeskDoorCheck) -> DeskView:
    return desk_door_check(session, attendee, ticket_type=body.ticket_type, addon=body.addon, by=body.by,
                           station=body.station)


def _redeem(session: Session, attendee: DeskAttendee, body: DeskRedemption) -> DeskView:
    return desk_redeem(session, attendee, line_item_id=body.line_item_id, by=body.by, station=body.station)


Body = TypeVar("Body", bound=DeskAction)


def _scan(model: type[Body], scan: Callable[[Session, DeskAttendee, Body], DeskView],
          ) -> Callable[[Request], Awaitable[Response]]:
    async def serve(request: Request) -> Response:
        await check_admin(request)
        raw = await json_body(request)
        path, errors = path_parameters(request, _PATH)
        body = body_model(model, raw, errors)
        if errors:
            raise RequestValidationError(errors)
        assert body is not None
        if isinstance(body, DeskDoorCheck) and bool(body.ticket_type) == bool(body.addon):
            raise InvalidInput("Exactly one of ticket_type or addon must be provided.")
        return await run_in_threadpool(_scan_in_its_unit_of_work, request, path["slug"], path["access_code"], body, scan)
    return serve


def _scan_in_its_unit_of_work(request: Request, slug: str, access_code: str, body: Body,
                              scan: Callable[[Session, DeskAttendee, Body], DeskView]) -> Response:
    # The whole request in one worker thread; the desk is told "checked in" only for a check-in that is
    # committed, before a byte of the answer leaves.
    with request_unit_of_work(request) as session:
        attendee = desk_admitted(_attendee(session, slug, access_code))
        return json_answer(_answer(scan(session, attendee, body)), 201)


def _route(path: str, described: Callable[..., AttendeeAtTheDesk], model: type[Body],
           scan: Callable[[Session, DeskAttendee, Body], DeskView]) -> PlainRoute:
    return PlainRoute(f"{_PREFIX}/{{access_code}}/{path}", described, serve=_scan(model, scan), methods=["POST"],
                      status_code=201, response_model=AttendeeAtTheDesk, tags=["desk"], dependencies=[AdminOnly])


desk_scans = [_route("check-ins", check_in_at_the_desk, DeskAction, _check_in),
              _route("door-checks", door_check_at_the_desk, DeskDoorCheck, _door_check),
              _route("redemptions", redeem_at_the_desk, DeskRedemption, _redeem)]
