"""Kiosk sync routes (device token) and the admin routes for devices and conflicts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from sqlalchemy.orm import Session

from server.api import (
    AccessCodePath,
    AdminOnly,
    DbSession,
    IdPath,
    SlugPath,
    json_answer,
    request_unit_of_work,
)
from server.attendees.repository import attendee_by_code
from server.checkin_lists.models import ConferenceDays
from server.conferences.models import Conference
from server.conferences.service import get_conference
from server.conflicts.repository import list_conflicts
from server.devices.models import Device
from server.devices.pairing_limit import TooManyPairingAttempts, pair_within_limit
from server.devices.repository import server_identity
from server.devices.service import (
    AuthenticatedDevice,
    authenticate_device,
    create_device,
    list_devices,
    mark_seen,
    record_health,
    revoke_device,
)
from server.errors import NotFound
from server.sync.events import apply_events
from server.sync.feed import conference_info, feed_page, feed_page_rows, held_columns
from server.sync.lookups import record_lookups
from server.sync.schemas import BadgeRead, ConflictRead, DeviceCreate, DeviceRead
from shared.badge_codes import sign
from shared.protocol import (
    MAX_CURSOR,
    MAX_PAGE_SIZE,
    ChangesPage,
    DeviceHealth,
    FeedFormat,
    LookupReceipt,
    LookupUpload,
    PairRequest,
    PairResponse,
    UploadRequest,
    UploadResponse,
)
from shared.station_data import DataScope, StationMode, scope_for_mode

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])
# The uploads (scans, lookups): the app includes them with the settings' max_upload_bytes as their body limit.
upload_router = APIRouter(prefix="/api/v1/sync", tags=["sync"])
admin_router = APIRouter(prefix="/api/v1/admin", tags=["admin"], dependencies=[AdminOnly])


def current_device(session: DbSession, authorization: str = Header(default="")) -> AuthenticatedDevice:
    scheme, _, token = authorization.partition(" ")
    device = authenticate_device(session, token if scheme.lower() == "bearer" else "")
    mark_seen(session, device)
    return device


CurrentDevice = Annotated[AuthenticatedDevice, Depends(current_device)]
# The bearer token, for the routes that look their device up themselves (``kiosk_unit_of_work``): named
# here so that the API's description still shows it.
Authorization = Annotated[str, Header(description="Bearer <device token>")]


@contextmanager
def kiosk_unit_of_work(request: Request, authorization: str) -> Iterator[tuple[Session, AuthenticatedDevice]]:
    """The request's unit of work and the kiosk it is from (``current_device``), opened inside a sync route:
    the routes every kiosk calls every few seconds (the feed, uploads, health) then run in one worker
    thread, where ``DbSession`` + ``CurrentDevice`` cost four hops to it and back (server.api). The
    device is looked up in this transaction, every request: a revoked kiosk is refused at its next contact."""
    with request_unit_of_work(request) as session:
        yield session, current_device(session, authorization)


@router.post("/pair", response_model=PairResponse)
def pair(body: PairRequest, session: DbSession, request: Request) -> PairResponse:
    """Exchange a one-time pairing code for this device's token, with the server's identity and the conference
    (429 after too many wrong codes from one address)."""
    try:
        device, token = pair_within_limit(session, request.app.state.session_factory, body.pairing_code,
                                          client=request.client.host if request.client else "unknown")
    except TooManyPairingAttempts as refused:
        raise HTTPException(status_code=429, detail={"code": refused.code, "message": refused.message},
                            headers={"Retry-After": str(int(refused.retry_after.total_seconds()) + 1)}) from None
    return PairResponse(device_id=device.id, device_token=token, station=device.station,
                        conference=conference_info(device.conference, session.get(ConferenceDays, device.conference_id)),
                        server_id=server_identity(session))




@router.get("/changes", response_model=ChangesPage)
def changes(
    request: Request, authorization: Authorization = "",
    after: int = Query(0, ge=0, le=MAX_CURSOR), limit: int = Query(1000, ge=1, le=MAX_PAGE_SIZE),
    format: FeedFormat = FeedFormat.OBJECTS,
    mode: StationMode | None = Query(None, description="the station's mode: what it holds of each attendee "
                                                              "follows from it (a door station gets no emails)"),
) -> Response:  # a ChangesPage (response_model documents it), serialised here
    """Attendees and products of this device's conference changed after the cursor ``after``
    (``format=rows``: the attendees as rows, see FeedFormat; gzip-compressed when the kiosk accepts it)."""
    # A kiosk from before modes were sent gets the whole record, as it always did.
    scope = scope_for_mode(mode) if mode is not None else DataScope.DESK
    with kiosk_unit_of_work(request, authorization) as (session, device):
        if format is FeedFormat.ROWS:
            gzip = "gzip" in request.headers.get("accept-encoding", "")
            body = feed_page_rows(session, device.conference_id, after, limit, server_id=server_identity(session),
                                  gzip=gzip, columns=held_columns(scope))
            return Response(content=body, media_type="application/json",
                            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"} if gzip else None)
        # Serialised as built (plain dicts from the database): re-validating 5,000 records only costs time.
        page = feed_page(session, device.conference_id, after, limit, scope) | {"server_id": server_identity(session)}
        return Response(content=json.dumps(page, separators=(",", ":")), media_type="application/json")


@router.get("/badges/{access_code}", response_model=BadgeRead)
def badge(access_code: AccessCodePath, device: CurrentDevice,
          session: DbSession) -> BadgeRead:
    """The signed badge payload of an attendee of this device's conference (for print stations)."""
    if attendee_by_code(session, device.conference_id, access_code) is None:
        raise NotFound(f"No attendee with access code '{access_code}' in this conference.")
    conference = session.get_one(Conference, device.conference_id)
    return BadgeRead(access_code=access_code, payload=sign(conference.slug, access_code, conference.badge_private_key))


# The limit (settings: max_upload_bytes, given where server.app includes upload_router) is enforced
# while the body streams in (a 413 as soon as it is passed, or at once from Content-Length), before
# anything parses it.
@upload_router.post("/events", response_model=UploadResponse)
def upload_events(body: UploadRequest, request: Request, authorization: Authorization = "") -> Response:
    """Upload scan events; idempotent by each event's UUID. One result per event."""
    with kiosk_unit_of_work(request, authorization) as (session, device):
        return json_answer(UploadResponse(results=apply_events(session, device, body.events)))


@upload_router.post("/lookups", response_model=LookupReceipt)
def upload_lookups(body: LookupUpload, device: CurrentDevice, session: DbSession) -> LookupReceipt:
    """Who looked up whom at this kiosk (searches, attendees opened); stored once by each lookup's UUID."""
    record_lookups(session, device, body.lookups)
    return LookupReceipt(stored=[lookup.uuid for lookup in body.lookups])


@router.post("/health", status_code=204)
def report_health(body: DeviceHealth, request: Request, authorization: Authorization = "") -> Response:
    """This kiosk's health after a sync round (app version, scans waiting, last error, printer, station, mode)."""
    with kiosk_unit_of_work(request, authorization) as (session, device):
        record_health(session.get_one(Device, device.id), body)  # (a report every 30 s: the whole row)
    return Response(status_code=204)


def _conflicts(session: Session, conference_id: int) -> list[ConflictRead]:
    return [ConflictRead(id=c.id, reason=c.reason, message=c.message, words=c.words, kind=e.kind, access_code=e.access_code,
                         station=e.station, occurred_at=e.occurred_at, device_id=e.device_id,
                         resolved_at=c.resolved_at, resolved_by=c.resolved_by, resolution_note=c.resolution_note)
            for c, e in ((row.conflict, row.event) for row in list_conflicts(session, conference_id))]


@router.get("/conflicts", response_model=list[ConflictRead])
def device_conflicts(device: CurrentDevice,
                     session: DbSession) -> list[ConflictRead]:
    """Conflicts in this device's conference, newest first, resolved ones with their resolution (for the kiosk's operator panel)."""
    return _conflicts(session, device.conference_id)


@admin_router.get("/conferences/{slug}/conflicts", response_model=list[ConflictRead])
def admin_conflicts(slug: SlugPath, session: DbSession) -> list[ConflictRead]:
    """Scans kiosks allowed offline that the server could not honour, newest first."""
    return _conflicts(session, get_conference(session, slug).id)


def _device_read(device: Device, pairing_code: str | None = None) -> DeviceRead:
    return DeviceRead(id=device.id, name=device.name, station=device.station, paired=device.paired_at is not None,
                      revoked=device.revoked_at is not None, last_seen_at=device.last_seen_at, pairing_code=pairing_code)


@admin_router.post("/conferences/{slug}/devices", status_code=201, response_model=DeviceRead)
def add_device(slug: SlugPath, body: DeviceCreate, session: DbSession) -> DeviceRead:
    """Create a device; the response carries its one-time pairing code (shown only here)."""
    device, code = create_device(session, get_conference(session, slug), name=body.name, station=body.station)
    return _device_read(device, code)


@admin_router.get("/conferences/{slug}/devices", response_model=list[DeviceRead])
def devices(slug: SlugPath, session: DbSession) -> list[DeviceRead]:
    """A conference's devices."""
    return [_device_read(d) for d in list_devices(session, get_conference(session, slug))]


@admin_router.post("/conferences/{slug}/devices/{device_id}/revoke", response_model=DeviceRead)
def revoke(slug: SlugPath, device_id: IdPath, session: DbSession) -> DeviceRead:
    """Revoke a device: its token stops working at once."""
    return _device_read(revoke_device(session, get_conference(session, slug), device_id))
